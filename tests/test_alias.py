"""The drop-in switch: after ember.alias_pyspark(), `import pyspark…` is Ember."""

import subprocess
import sys
import textwrap


def run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_pyspark_imports_resolve_to_ember():
    out = run(
        """
        import ember
        ember.alias_pyspark()
        import pyspark
        from pyspark.sql import SparkSession, functions as F, Row
        from pyspark.sql.types import IntegerType, StructType
        from pyspark.sql.functions import col
        from pyspark.errors import AnalysisException
        import pyspark.sql.functions as G
        import ember.sql
        assert SparkSession is ember.sql.SparkSession
        assert G is F and col is F.col
        spark = SparkSession.builder.getOrCreate()
        df = spark.createDataFrame([Row(a=1)])
        try:
            df.select("b")
        except AnalysisException as e:
            print(e.getCondition())
        print(df.select(col("a").cast(IntegerType())).dtypes, repr(pyspark.StorageLevel.NONE))
        """
    )
    assert out.splitlines() == [
        "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        "[('a', 'int')] StorageLevel(False, False, False, False, 1)",
    ]


def test_alias_refuses_when_real_pyspark_is_loaded():
    out = run(
        """
        import sys, types
        sys.modules["pyspark"] = types.ModuleType("pyspark")
        import ember
        from ember.errors import PySparkRuntimeError
        try:
            ember.alias_pyspark()
        except PySparkRuntimeError as e:
            print(str(e))
        """
    )
    assert out == (
        "pyspark is already imported in this process; call ember.alias_pyspark() "
        "before anything imports pyspark"
    )


def test_unknown_pyspark_modules_are_not_found():
    out = run(
        """
        import ember
        ember.alias_pyspark()
        try:
            import pyspark.pandas
        except ModuleNotFoundError as e:
            print(e.name)
        """
    )
    assert out == "pyspark.pandas"
