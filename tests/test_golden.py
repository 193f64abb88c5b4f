"""Golden files: each tests/golden/NAME.py snippet prints exactly what it
printed on PySpark 4.3 (NAME.out, produced by running the same snippet on
real PySpark with the same preamble: local[2], UTC, 4 shuffle partitions)."""

import contextlib
import io
import pathlib

import pytest

GOLDEN = pathlib.Path(__file__).parent / "golden"
SNIPPETS = sorted(p for p in GOLDEN.glob("*.py") if p.with_suffix(".out").exists())


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet_prints_what_pyspark_printed(spark, path):
    from ember.sql import Row, Window
    from ember.sql import functions as F
    from ember.sql import types as T

    env = dict(spark=spark, sc=spark.sparkContext, F=F, T=T, Window=Window, Row=Row)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(path.read_text(), str(path), "exec"), env)
    expected = path.with_suffix(".out").read_text()
    assert out.getvalue().splitlines() == expected.splitlines()
