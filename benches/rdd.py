"""Spark Core: RDD jobs on Ember and PySpark 4.3.

    .venv/bin/python benches/rdd.py                 # Ember only
    .venv/bin/python benches/rdd.py --pyspark       # … and PySpark 4.3
    .venv/bin/python benches/rdd.py --mb 10 --output /tmp/rdd.md

Cases:
- ``wordcount``: ``textFile → flatMap → map → reduceByKey → top 10`` over a
  text file of ``--mb`` MB (default 100), made once and cached in
  ``~/.cache/ember-bench/words_<mb>mb.txt`` (words drawn from a 50,000-word
  vocabulary with a skewed distribution, 12 words a line).
- ``reduceByKey``: ``parallelize`` 5M ``(key, 1)`` pairs (100,000 keys),
  ``reduceByKey(add)``, ``count``.
- ``cpu_map``: a CPU-bound ``map`` (a pure-Python loop per record) over
  40,000 records, ``sum``; run at ``local[1]`` and ``local[2]``.

Each engine and master runs in its own process: one warm-up run, then the
median of ``--runs`` runs (default 3), in ms. Results:
``benches/results/rdd.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
CACHE = pathlib.Path.home() / ".cache" / "ember-bench"
CASES = ["wordcount", "reduceByKey", "cpu_map"]


def text_file(mb: int) -> pathlib.Path:
    path = CACHE / f"words_{mb}mb.txt"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(42)
    vocab = ["w%d" % i for i in range(50_000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    target = mb * 1024 * 1024
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as f:
        written = 0
        while written < target:
            words = rnd.choices(vocab, weights, k=12 * 1000)
            lines = "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
            f.write(lines + "\n")
            written += len(lines) + 1
    tmp.rename(path)
    return path


def cpu(x: int) -> int:
    s = 0
    for i in range(600):
        s += (x * i) % 7
    return s


def child(engine: str, master: str, path: str, runs: int, out: str, cases: list) -> None:
    if engine == "pyspark":
        from pyspark.sql import SparkSession

        builder = (
            SparkSession.builder.config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.memory", "4g")
            .config("spark.ui.showConsoleProgress", "false")
        )
    else:
        from ember.sql import SparkSession

        builder = SparkSession.builder
    spark = builder.master(master).getOrCreate()
    sc = spark.sparkContext
    if engine == "pyspark":
        sc.setLogLevel("ERROR")
    from operator import add

    pairs = [(i % 100_000, 1) for i in range(5_000_000)]

    def wordcount():
        counts = (
            sc.textFile(path)
            .flatMap(lambda line: line.split())
            .map(lambda w: (w, 1))
            .reduceByKey(add)
        )
        return counts.top(10, key=lambda kv: kv[1])

    def reduce_by_key():
        return sc.parallelize(pairs, 2).reduceByKey(add).count()

    def cpu_map():
        return sc.parallelize(range(40_000), 4).map(cpu).sum()

    fns = {"wordcount": wordcount, "reduceByKey": reduce_by_key, "cpu_map": cpu_map}
    results = {}
    for case in cases:
        try:
            answer = fns[case]()
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                fns[case]()
                times.append((time.perf_counter() - t0) * 1e3)
            results[case] = {"ms": statistics.median(times), "answer": str(answer)[:80]}
        except Exception as e:  # noqa: BLE001 - a failure is a row in the table
            results[case] = {"error": f"{type(e).__name__}: {str(e)[:200]}"}
        print(f"  {engine} {master} {case}: {results[case]}", flush=True)
    spark.stop()
    with open(out, "w") as f:
        json.dump(results, f)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyspark", action="store_true")
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--output", default=str(HERE / "results" / "rdd.md"))
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--path")
    ap.add_argument("--out")
    ap.add_argument("--cases", default=",".join(CASES))
    args = ap.parse_args()
    if args.child:
        child(*args.child, args.path, args.runs, args.out, args.cases.split(","))
        return
    path = text_file(args.mb)
    sys.path.insert(0, str(HERE))
    from tpch import engine_python

    runs = [("ember", "local[2]", CASES), ("ember", "local[1]", ["cpu_map"])]
    if args.pyspark:
        runs += [("pyspark", "local[2]", CASES), ("pyspark", "local[1]", ["cpu_map"])]
    results = {}
    for engine, master, cases in runs:
        print(engine, master, flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.json")
            cmd = [engine_python(engine), __file__, "--child", engine, master]
            cmd += ["--path", str(path), "--runs", str(args.runs), "--out", out]
            cmd += ["--cases", ",".join(cases)]
            env = dict(os.environ, PYTHONPATH=str(HERE), PYTHONHASHSEED="0")
            subprocess.run(cmd, check=True, env=env)
            with open(out) as f:
                results[(engine, master)] = json.load(f)
    write_table(args, results)


def write_table(args: argparse.Namespace, results: dict) -> None:
    def ms(key: tuple, case: str) -> str:
        r = results.get(key, {}).get(case)
        if r is None:
            return "–"
        return "error" if "error" in r else f"{r['ms']:.1f}"

    def num(key: tuple, case: str):
        r = results.get(key, {}).get(case)
        return r["ms"] if r and "ms" in r else None

    lines = [
        "# Spark Core (RDD) benchmark",
        "",
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores; "
        f"text file {args.mb} MB; median of {args.runs} runs after a warm-up, in ms.",
        "Command: `.venv/bin/python benches/rdd.py" + (" --pyspark" if args.pyspark else "") + "`.",
        "",
        "| case | Ember local[2] | PySpark local[2] | PySpark ÷ Ember |",
        "|---|---:|---:|---:|",
    ]
    for case in CASES:
        e, p = num(("ember", "local[2]"), case), num(("pyspark", "local[2]"), case)
        ratio = f"{p / e:.1f}×" if e and p else "–"
        lines.append(
            f"| {case} | {ms(('ember', 'local[2]'), case)} | "
            f"{ms(('pyspark', 'local[2]'), case)} | {ratio} |"
        )
    lines += [
        "",
        "| cpu_map | local[1] | local[2] | speed-up |",
        "|---|---:|---:|---:|",
    ]
    for engine in ("ember", "pyspark"):
        one, two = num((engine, "local[1]"), "cpu_map"), num((engine, "local[2]"), "cpu_map")
        if one is None and two is None:
            continue
        up = f"{one / two:.2f}×" if one and two else "–"
        lines.append(
            f"| {engine} | {ms((engine, 'local[1]'), 'cpu_map')} | "
            f"{ms((engine, 'local[2]'), 'cpu_map')} | {up} |"
        )
    text = "\n".join(lines) + "\n"
    pathlib.Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.output).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
