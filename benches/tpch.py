"""TPC-H: the 22 queries of ``tests/tpch/queries`` as SQL text, over Parquet,
on Ember, DuckDB, Polars and (with ``--pyspark``) PySpark 4.3 local[2].

    .venv/bin/python benches/tpch.py                 # SF1: Ember, DuckDB, Polars
    .venv/bin/python benches/tpch.py --pyspark       # … and PySpark
    .venv/bin/python benches/tpch.py --engines ember,duckdb,datafusion --output benches/results/tpch_sf1_datafusion.md
    .venv/bin/python benches/tpch.py --scale 0.01 --engines ember --output /tmp/t.md

Data: ``tpchgen-cli`` Parquet, cached in ``~/.cache/ember-tpch/sf<scale>``
(see ``tests/tpch/datagen.py``). Each engine runs in its own process, reads the
Parquet files where they are (temp views / views / lazy scans, no loading into
the engine's own storage), and per query does one warm-up run, then ``--runs``
timed runs (default 3), reporting the median; a run is the query through to
rows in Python (``collect()`` / ``fetchall()`` / a collected polars
DataFrame). Every answer is checked against DuckDB's with
``tests/tpch/compare.py`` (column names aside: engines name unaliased
expressions differently, e.g. Polars calls Q18's ``sum(l_quantity)``
``l_quantity``).

Ember and PySpark run with ``local[2]``, UTC, ``spark.sql.shuffle.partitions``
4 (PySpark with a 4g driver); DuckDB and Polars use their defaults (a thread
per core).

Engines: Ember is ``ember.sql.SparkSession`` of this Python; DuckDB and Polars
run in this Python when it has them, else in the peers' virtualenv of
``benches/run.py`` (``benches/.venv-peers`` or ``$EMBER_BENCH_PEERS``), where
PySpark always runs; missing packages are installed there from PyPI.

Polars runs each query through ``polars.SQLContext`` over ``scan_parquet``
LazyFrames, with the same text as the others: Polars 2.x needs no override
for any of the 22 (``POLARS_SQL`` would hold one, with the reason, and
``POLARS_SKIP`` a query Polars cannot express).

Results: a markdown table in ``benches/results/tpch_sf<scale>.md``: per-query
median in ms for each engine, the total, and each engine's time relative to
DuckDB's.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
import traceback

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "tpch"))

import compare  # noqa: E402
import datagen  # noqa: E402

# Polars SQL text overrides (query → text) and queries it cannot run (query →
# why). Both empty: Polars 2.x runs the 22 Spark SQL texts unchanged.
POLARS_SQL: dict[str, str] = {}
POLARS_SKIP: dict[str, str] = {}

ENGINES = {
    # name → (label in the table, module the engine's Python must have, pip package)
    "ember": ("Ember", "ember", None),
    "duckdb": ("DuckDB", "duckdb", "duckdb"),
    "polars": ("Polars", "polars", "polars"),
    "pyspark": ("PySpark 4.3 local[2]", "pyspark", "pyspark==4.3.0"),
    # The engine under Ember, bare: its own SQL planner, default options.
    "datafusion": ("DataFusion 55 (Python)", "datafusion", "datafusion==55.0.0"),
}


# --------------------------------------------------------------------------
# Child: one engine, every query, in its own process.
# --------------------------------------------------------------------------


def _spark_runner(session_module: str, data_dir: pathlib.Path):
    if session_module == "pyspark":
        from pyspark.sql import SparkSession

        builder = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.memory", "4g")
        )
    else:
        from ember.sql import SparkSession

        builder = SparkSession.builder.master("local[2]")
    spark = (
        builder.appName("tpch")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    if session_module == "pyspark":
        spark.sparkContext.setLogLevel("ERROR")
    for t in datagen.TABLES:
        df = spark.read.parquet(str(datagen.table_path(data_dir, t)))
        df.createOrReplaceTempView(t)

    def run(query: str, text: str):
        df = spark.sql(text)
        rows = df.collect()
        return lambda: compare.Result(list(df.columns), [tuple(r) for r in rows])

    return run


def _duckdb_runner(data_dir: pathlib.Path):
    con = datagen.duckdb_connect(data_dir)

    def run(query: str, text: str):
        cursor = con.execute(text)
        rows = cursor.fetchall()
        names = [d[0] for d in cursor.description]
        return lambda: compare.Result(names, [tuple(r) for r in rows])

    return run


def _polars_runner(data_dir: pathlib.Path):
    import polars as pl

    frames = {t: pl.scan_parquet(str(datagen.table_path(data_dir, t))) for t in datagen.TABLES}
    ctx = pl.SQLContext(frames)

    def run(query: str, text: str):
        df = ctx.execute(POLARS_SQL.get(query, text)).collect()
        return lambda: compare.from_polars(df)

    return run


def _datafusion_runner(data_dir: pathlib.Path):
    from datafusion import SessionConfig, SessionContext

    ctx = SessionContext(SessionConfig().with_target_partitions(2))
    for t in datagen.TABLES:
        ctx.register_parquet(t, str(datagen.table_path(data_dir, t)))

    def run(query: str, text: str):
        table = ctx.sql(text).to_arrow_table()
        rows = list(zip(*(c.to_pylist() for c in table.columns)))
        return lambda: compare.Result(list(table.column_names), rows)

    return run


def child(args: argparse.Namespace) -> None:
    data_dir = pathlib.Path(args.data)
    out: dict = {"queries": {}}

    def save():
        tmp = args.out + ".tmp"
        with open(tmp, "wb") as f:
            pickle.dump(out, f)
        os.replace(tmp, args.out)

    try:
        if args.child == "duckdb":
            run = _duckdb_runner(data_dir)
        elif args.child == "polars":
            run = _polars_runner(data_dir)
        elif args.child == "datafusion":
            run = _datafusion_runner(data_dir)
        else:
            run = _spark_runner(args.child, data_dir)
    except Exception as e:
        out["error"] = _first_line(e)
        traceback.print_exc()
        save()
        return
    for query in args.queries.split(","):
        text = datagen.query_sql(query)
        entry: dict = {}
        if args.child == "polars" and query in POLARS_SKIP:
            entry["skipped"] = POLARS_SKIP[query]
            out["queries"][query] = entry
            continue
        try:
            run(query, text)  # warm-up
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                result = run(query, text)
                times.append(time.perf_counter() - t0)
            entry["times"] = times
            entry["result"] = result()
            if args.child == "duckdb" and query in compare.LIMIT:
                # The reference answer carries one look-ahead row (compare.py).
                entry["reference"] = run(query, compare.lookahead_sql(query, text))()
        except Exception as e:
            entry["error"] = _first_line(e)
        out["queries"][query] = entry
        status = entry.get("error") or f"{statistics.median(entry['times']) * 1e3:.1f} ms"
        print(f"  {args.child} {query}: {status}", file=sys.stderr, flush=True)
        save()


def _first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0] if lines else ''}"[:300]


# --------------------------------------------------------------------------
# Parent: find each engine's Python, run the children, write the table.
# --------------------------------------------------------------------------


def _has(python: str, module: str) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def engine_python(engine: str) -> str:
    """A Python that has the engine: this one, else the peers' virtualenv."""
    _, module, package = ENGINES[engine]
    if engine != "pyspark" and _has(sys.executable, module):
        return sys.executable
    if package is None:
        raise RuntimeError(f"{module} is not importable from {sys.executable}")
    from run import peers_python  # benches/run.py: the peers' virtualenv

    python = peers_python()
    if not _has(python, module):
        subprocess.run([python, "-m", "pip", "install", "-q", package, "pyarrow"], check=True)
    return python


def run_engine(engine: str, args: argparse.Namespace, data_dir: pathlib.Path) -> dict:
    python = engine_python(engine)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.pkl")
        cmd = [
            python,
            str(pathlib.Path(__file__).resolve()),
            "--child",
            engine,
            "--data",
            str(data_dir),
            "--runs",
            str(args.runs),
            "--queries",
            ",".join(args.queries),
            "--out",
            out,
        ]
        env = dict(os.environ, PYTHONWARNINGS="ignore", TZ="UTC")
        # Spark's block manager must not pick an address other processes can't reach.
        env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        print(f"{ENGINES[engine][0]} ({python})", flush=True)
        try:
            proc = subprocess.run(cmd, env=env, timeout=args.timeout, stdout=subprocess.DEVNULL)
            note = None if proc.returncode == 0 else f"exited with code {proc.returncode}"
        except subprocess.TimeoutExpired:
            note = f"timed out after {args.timeout} s"
        result = {"queries": {}}
        if os.path.exists(out):
            with open(out, "rb") as f:
                result = pickle.load(f)
        if note:
            result.setdefault("error", note)
        return result


def check(engine_results: dict, reference: dict) -> None:
    """Mark each answer right or wrong against DuckDB's."""
    for results in engine_results.values():
        for query, entry in results["queries"].items():
            ref = reference.get(query)
            if "result" not in entry or ref is None:
                continue
            got = entry.pop("result")
            if len(got.columns) == len(ref.columns):
                got = compare.Result(ref.columns, got.rows)  # names aside
            try:
                compare.assert_same(got, ref, query)
            except AssertionError as e:
                entry["wrong"] = str(e).splitlines()[0][:300]


def table(args, engine_results: dict) -> str:
    engines = list(engine_results)
    labels = {e: ENGINES[e][0] for e in engines}
    medians = {
        e: {
            q: statistics.median(v["times"]) * 1e3
            for q, v in engine_results[e]["queries"].items()
            if "times" in v and "wrong" not in v
        }
        for e in engines
    }
    base = medians.get("duckdb", {})
    others = [e for e in engines if e != "duckdb"]
    lines = [
        f"# TPC-H, scale factor {args.scale}",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
        f"by `benches/tpch.py`: the {len(args.queries)} queries of `tests/tpch/queries` as SQL over "
        "`tpchgen-cli` Parquet files; per query one warm-up run, then the median of "
        f"{args.runs} runs, in ms, through to rows in Python. Every answer is checked "
        "against DuckDB's; × DuckDB is the engine's time over DuckDB's (lower is faster).",
        "",
    ]
    header = "| query | " + " | ".join(labels[e] for e in engines)
    header += "".join(f" | {labels[e]} × DuckDB" for e in others) + " |"
    lines += [header, "|---" + "|---:" * (len(engines) + len(others)) + "|"]
    notes: list[str] = []

    def cell(e: str, q: str) -> str:
        entry = engine_results[e]["queries"].get(q)
        if entry is None:
            return "—"
        if "skipped" in entry:
            notes.append(f"{labels[e]} {q}: skipped: {entry['skipped']}")
            return f"skipped[^{len(notes)}]"
        if "error" in entry:
            notes.append(f"{labels[e]} {q}: {entry['error']}")
            return f"error[^{len(notes)}]"
        if "wrong" in entry:
            notes.append(f"{labels[e]} {q}: wrong answer: {entry['wrong']}")
            return f"wrong[^{len(notes)}]"
        return f"{medians[e][q]:.1f}"

    for q in args.queries:
        row = [cell(e, q) for e in engines]
        for e in others:
            ok = q in medians[e] and q in base
            row.append(f"{medians[e][q] / base[q]:.2f}" if ok else "—")
        lines.append(f"| {q} | " + " | ".join(row) + " |")
    totals, ratios = [], []
    for e in engines:
        n = len(medians[e])
        total = f"{sum(medians[e].values()):.1f}"
        totals.append(
            f"**{total}**" if n == len(args.queries) else f"{total} ({n}/{len(args.queries)})"
        )
    for e in others:
        common = [q for q in medians[e] if q in base]
        if common:
            ratio = sum(medians[e][q] for q in common) / sum(base[q] for q in common)
            full = len(common) == len(args.queries)
            ratios.append(f"**{ratio:.2f}**" if full else f"{ratio:.2f} ({len(common)} queries)")
        else:
            ratios.append("—")
    lines.append("| total | " + " | ".join(totals + ratios) + " |")
    if notes:
        lines.append("")
        lines += [f"[^{i}]: {n}" for i, n in enumerate(notes, 1)]
    failed = [e for e in engines if "error" in engine_results[e]]
    if failed:
        lines.append("")
        lines += [f"{labels[e]} stopped: {engine_results[e]['error']}" for e in failed]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="1", help="scale factor (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (median)")
    parser.add_argument(
        "--engines",
        default="ember,duckdb,polars",
        help="comma-separated: ember,duckdb,polars,datafusion",
    )
    parser.add_argument("--pyspark", action="store_true", help="also PySpark 4.3 local[2]")
    parser.add_argument("--queries", default=",".join(compare.QUERIES), help="e.g. q01,q06")
    parser.add_argument(
        "--output", help="markdown file (default benches/results/tpch_sf<scale>.md)"
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per engine")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    args.queries = args.queries.split(",")
    engines = [e for e in args.engines.split(",") if e]
    if args.pyspark and "pyspark" not in engines:
        engines.append("pyspark")
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines {sorted(unknown)}")
    if "duckdb" not in engines:
        engines.insert(1 if "ember" in engines else 0, "duckdb")  # the reference
    data_dir = datagen.ensure_data(args.scale)

    engine_results = {e: run_engine(e, args, data_dir) for e in engines}
    reference = {
        q: v.get("reference") or v.get("result")
        for q, v in engine_results["duckdb"]["queries"].items()
        if "result" in v
    }
    check(engine_results, reference)
    text = table(args, engine_results)
    output = pathlib.Path(args.output or HERE / "results" / f"tpch_sf{args.scale}.md")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print()
    print(text)
    print(f"written to {output}")


if __name__ == "__main__":
    main()
