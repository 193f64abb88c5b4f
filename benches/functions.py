"""Heavy functions over 10M rows: Ember, DuckDB's equivalents and PySpark.

    .venv/bin/python benches/functions.py                  # Ember and DuckDB
    .venv/bin/python benches/functions.py --pyspark        # … and PySpark 4.3 local[2]
    .venv/bin/python benches/functions.py --rows 100000 --output /tmp/f.md

Data: one Parquet file made by DuckDB, cached in
``~/.cache/ember-bench/functions_<rows>.parquet``: an id, a text with digits
(``user-<id>-x``), a timestamp, a small JSON object, a comma-separated list
of four words, a group key (1,000 groups) and a random double.

Each case is one query whose result is a handful of rows (an aggregate over
the function's output), so the time is the function and the scan, not the
transfer to Python. Per engine and case: one warm-up run, then the median
of ``--runs`` runs (default 3), in ms. Each engine runs in its own process;
PySpark and DuckDB come from the peers' virtualenv when this Python lacks
them (as ``benches/tpch.py`` finds them).

Results: ``benches/results/functions.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
CACHE = pathlib.Path.home() / ".cache" / "ember-bench"

# case → (Spark SQL over view `t`, DuckDB SQL over view `t`)
CASES = {
    "regexp_extract": (
        r"SELECT max(regexp_extract(s, '-(\\d+)-', 1)) FROM t",
        r"SELECT max(regexp_extract(s, '-(\d+)-', 1)) FROM t",
    ),
    "date_format": (
        "SELECT max(date_format(ts, 'yyyy-MM-dd HH:mm')) FROM t",
        "SELECT max(strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M')) FROM t",
    ),
    "from_json": (
        "SELECT sum(from_json(j, 'a INT, b STRING').a) FROM t",
        """SELECT sum(from_json(j, '{"a": "INTEGER", "b": "VARCHAR"}').a) FROM t""",
    ),
    "split+explode": (
        "SELECT count(w), max(w) FROM (SELECT explode(split(w4, ',')) AS w FROM t)",
        "SELECT count(w), max(w) FROM (SELECT unnest(string_split(w4, ',')) AS w FROM t)",
    ),
    "collect_list": (
        "SELECT sum(n) FROM (SELECT size(collect_list(v)) AS n FROM t GROUP BY g)",
        "SELECT sum(n) FROM (SELECT len(list(v)) AS n FROM t GROUP BY g)",
    ),
    "percentile_approx": (
        "SELECT sum(p) FROM (SELECT percentile_approx(v, 0.5) AS p FROM t GROUP BY g)",
        "SELECT sum(p) FROM (SELECT approx_quantile(v, 0.5) AS p FROM t GROUP BY g)",
    ),
}

# engine → its label; engines are found (or installed) as tpch.py finds them.
ENGINES = {
    "ember": ("Ember",),
    "duckdb": ("DuckDB",),
    "pyspark": ("PySpark 4.3 local[2]",),
}


def data_file(rows: int) -> pathlib.Path:
    path = CACHE / f"functions_{rows}.parquet"
    if path.exists():
        return path
    import duckdb

    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    duckdb.sql(
        f"""COPY (SELECT range AS id,
                  'user-' || range || '-x' AS s,
                  TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_seconds(range * 7) AS ts,
                  '{{"a": ' || (range % 1000) || ', "b": "x' || (range % 7) || '"}}' AS j,
                  'alpha,beta,' || (range % 100) || ',delta' AS w4,
                  range % 1000 AS g,
                  hash(range) % 100000 / 1000.0 AS v
            FROM range({rows})) TO '{tmp}' (FORMAT parquet)"""
    )
    os.replace(tmp, path)
    return path


def child(engine: str, path: str, runs: int, out: str) -> None:
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{path}')")

        def run(case: str):
            return con.execute(CASES[case][1]).fetchall()

    else:
        if engine == "pyspark":
            from pyspark.sql import SparkSession

            builder = (
                SparkSession.builder.config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.memory", "4g")
            )
        else:
            from ember.sql import SparkSession

            builder = SparkSession.builder
        spark = (
            builder.master("local[2]")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
        if engine == "pyspark":
            spark.sparkContext.setLogLevel("ERROR")
        spark.read.parquet(path).createOrReplaceTempView("t")

        def run(case: str):
            return [tuple(r) for r in spark.sql(CASES[case][0]).collect()]

    results = {}
    for case in CASES:
        try:
            answer = run(case)
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                run(case)
                times.append((time.perf_counter() - t0) * 1e3)
            results[case] = {"ms": statistics.median(times), "answer": repr(answer)[:80]}
        except Exception as e:  # a case an engine cannot run is reported, not fatal
            results[case] = {"error": f"{type(e).__name__}: {str(e).splitlines()[0][:120]}"}
        print(f"  {engine} {case}: {results[case]}", file=sys.stderr, flush=True)
    pathlib.Path(out).write_text(json.dumps(results))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--pyspark", action="store_true", help="also PySpark 4.3 local[2]")
    p.add_argument("--output", default=str(HERE / "results" / "functions.md"))
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--path", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child, args.path, args.runs, args.out)
        return
    from tpch import engine_python  # the same engines' Pythons as TPC-H

    path = data_file(args.rows)
    engines = ["ember", "duckdb"] + (["pyspark"] if args.pyspark else [])
    results = {}
    for engine in engines:
        out = CACHE / f"functions_{engine}.json"
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
        cmd = [engine_python(engine), __file__, "--child", engine, "--path", str(path)]
        cmd += ["--runs", str(args.runs), "--out", str(out)]
        print(engine, file=sys.stderr, flush=True)
        subprocess.run(cmd, check=True, env=env)
        results[engine] = json.loads(out.read_text())
    write_table(args, engines, results)


def write_table(args: argparse.Namespace, engines: list, results: dict) -> None:
    labels = [ENGINES[e][0] for e in engines]
    others = [e for e in engines if e != "ember"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Heavy functions, {args.rows:,} rows",
        "",
        f"Run {now} on {os.cpu_count()} cores by `benches/functions.py`: per case one"
        f" warm-up run, then the median of {args.runs} runs, in ms (Parquet scan included)."
        " Ember × peer is Ember's time over the peer's (below 1: Ember is faster).",
        "",
        "| case | "
        + " | ".join(labels)
        + " | "
        + " | ".join(f"Ember × {ENGINES[o][0]}" for o in others)
        + " |",
        "|---" + "|---:" * (len(engines) + len(others)) + "|",
    ]

    def ms(e: str, case: str) -> str:
        r = results[e][case]
        return f"{r['ms']:.1f}" if "ms" in r else "error"

    for case in CASES:
        row = [ms(e, case) for e in engines]
        for o in others:
            a, b = results["ember"][case], results[o][case]
            row.append(f"{a['ms'] / b['ms']:.2f}" if "ms" in a and "ms" in b else "–")
        lines.append(f"| {case} | " + " | ".join(row) + " |")
    errors = [
        (e, c, results[e][c]["error"]) for e in engines for c in CASES if "error" in results[e][c]
    ]
    if errors:
        lines += ["", "Errors:", ""] + [f"- {ENGINES[e][0]} {c}: {m}" for e, c, m in errors]
    out = pathlib.Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
