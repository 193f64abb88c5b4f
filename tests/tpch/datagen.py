"""TPC-H data and query text, shared by the tests and ``benches/tpch.py``.

Data comes from ``tpchgen-cli`` (PyPI ``tpchgen-cli``, a Rust port of dbgen):

    tpchgen-cli parquet --scale-factor 0.01 --output-dir DIR --quiet

writes ``DIR/<table>.parquet``, one file per table (Snappy, one row group per
~7 MiB). Column types: keys are int64 (``bigint``); ``l_linenumber``,
``p_size``, ``ps_availqty`` and ``o_shippriority`` int32 (``int``); money,
quantities, discounts and taxes ``decimal(15,2)``; the four dates ``date32``
(``date``); all text ``string`` (written as Arrow ``Utf8View``, plain UTF-8
byte arrays in Parquet); every column NOT NULL.

Files are cached in ``$HOME/.cache/ember-tpch/sf<scale>`` and generated only
when missing; generating needs no network.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
QUERY_DIR = HERE / "queries"
TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]
CACHE = pathlib.Path(os.path.expanduser("~")) / ".cache" / "ember-tpch"


def query_sql(name: str) -> str:
    """The Spark SQL text of query ``name`` ("q01" … "q22")."""
    return (QUERY_DIR / f"{name}.sql").read_text()


def tpchgen_cli() -> str:
    """The ``tpchgen-cli`` installed next to this Python, else the one on PATH."""
    here = pathlib.Path(sys.executable).parent / "tpchgen-cli"
    if here.exists():
        return str(here)
    found = shutil.which("tpchgen-cli")
    if found is None:
        raise RuntimeError(
            f"tpchgen-cli not found next to {sys.executable} nor on PATH: "
            "pip install -r requirements-dev.txt"
        )
    return found


def table_path(data_dir: pathlib.Path, table: str) -> pathlib.Path:
    return data_dir / f"{table}.parquet"


def ensure_data(scale: str) -> pathlib.Path:
    """The directory holding the Parquet files of scale factor ``scale`` (a
    string such as "0.01" or "1"), generated into the cache when missing."""
    data_dir = CACHE / f"sf{scale}"
    if all(table_path(data_dir, t).exists() for t in TABLES):
        return data_dir
    CACHE.mkdir(parents=True, exist_ok=True)
    # Generate next to the cache, then move into place: a run that dies half
    # way never leaves a partial data set that later runs would trust.
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f"sf{scale}-", dir=CACHE))
    try:
        subprocess.run(
            [
                tpchgen_cli(),
                "parquet",
                "--scale-factor",
                scale,
                "--output-dir",
                str(tmp),
                "--quiet",
            ],
            check=True,
        )
        if data_dir.exists():
            shutil.rmtree(data_dir)
        tmp.rename(data_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return data_dir


def duckdb_connect(data_dir: pathlib.Path):
    """A DuckDB connection with one view per table over the Parquet files."""
    import duckdb

    con = duckdb.connect()
    for t in TABLES:
        path = str(table_path(data_dir, t)).replace("'", "''")
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{path}')")
    return con
