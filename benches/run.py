"""Start-up and tiny-query latency: Ember against PySpark, SQLFrame (DuckDB)
and Sparkless, side by side in one run.

    make bench                      # or: .venv/bin/python benches/run.py

Peers live in their own virtualenv (created on first run from PyPI):
``benches/.venv-peers`` with pyspark, sqlframe[duckdb] and sparkless. Set
``EMBER_BENCH_PEERS`` to use another. Results: ``benches/results/startup_tiny.md``.

* start-up: a fresh process, from before ``import`` to a session from
  ``SparkSession.builder.getOrCreate()``; median of several processes.
* tiny query: 10-row ``createDataFrame`` → ``filter`` → ``withColumn`` →
  ``collect``, median latency over many iterations in one warm process.
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
PEERS = pathlib.Path(os.environ.get("EMBER_BENCH_PEERS", HERE / ".venv-peers"))
PEER_PACKAGES = ["pyspark==4.3.0", "sqlframe[duckdb]", "sparkless", "pandas", "pyarrow"]

ENGINES = {
    "ember": (
        sys.executable,
        "from ember.sql import SparkSession, functions as F",
        "SparkSession.builder.master('local[2]').getOrCreate()",
    ),
    "pyspark 4.3 local[2]": (
        None,
        "from pyspark.sql import SparkSession, functions as F",
        "SparkSession.builder.master('local[2]').config('spark.ui.enabled', 'false')"
        ".config('spark.driver.bindAddress', '127.0.0.1').getOrCreate()",
    ),
    "sqlframe (duckdb)": (
        None,
        "from sqlframe.duckdb import DuckDBSession as SparkSession, functions as F",
        "SparkSession.builder.getOrCreate()",
    ),
    "sparkless": (
        None,
        "from sparkless.sql import SparkSession, functions as F",
        "SparkSession.builder.getOrCreate()",
    ),
}

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
{imports}
spark = {create}
startup = time.perf_counter() - t0
iterations = int(sys.argv[1])
rows = [(i, "name%d" % i, i * 1.5) for i in range(10)]
def tiny():
    df = spark.createDataFrame(rows, ["id", "name", "x"])
    return df.filter(F.col("id") > 3).withColumn("y", F.col("x") * 2).collect()
assert len(tiny()) == 6
times = []
for _ in range(min(20, iterations)):
    tiny()
for _ in range(iterations):
    t = time.perf_counter()
    tiny()
    times.append(time.perf_counter() - t)
print(json.dumps({{"startup": startup, "tiny": times}}))
"""


def peers_python() -> str:
    py = PEERS / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return str(py)


def run(python: str, imports: str, create: str, iterations: int) -> dict:
    code = CHILD.format(imports=imports, create=create)
    env = dict(os.environ, PYTHONWARNINGS="ignore", TZ="UTC")
    out = subprocess.run(
        [python, "-c", code, str(iterations)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    processes = int(os.environ.get("EMBER_BENCH_PROCESSES", "5"))
    results = {}
    for name, (python, imports, create) in ENGINES.items():
        python = python or peers_python()
        iterations = 50 if name.startswith("pyspark") else 500
        startups, tiny = [], []
        for i in range(processes):
            r = run(python, imports, create, iterations if i == 0 else 1)
            startups.append(r["startup"])
            if i == 0:
                tiny = r["tiny"]
        results[name] = {
            "startup_ms": statistics.median(startups) * 1e3,
            "tiny_ms": statistics.median(tiny) * 1e3,
        }
        print(
            f"{name:24s} start-up {results[name]['startup_ms']:9.1f} ms   "
            f"tiny query {results[name]['tiny_ms']:8.3f} ms",
            flush=True,
        )
    ember = results["ember"]
    lines = [
        "# Start-up and tiny-query latency",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores; "
        f"medians over {processes} fresh processes (start-up) and 500 iterations "
        "(50 for PySpark) in one warm process (tiny query).",
        "",
        "| engine | start-up (ms) | tiny query (ms) | start-up vs Ember | tiny query vs Ember |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['startup_ms']:.1f} | {r['tiny_ms']:.3f} | "
            f"{r['startup_ms'] / ember['startup_ms']:.1f}× | {r['tiny_ms'] / ember['tiny_ms']:.1f}× |"
        )
    text = "\n".join(lines) + "\n"
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "startup_tiny.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
