"""User-defined functions: Python values in, results coerced to the declared
type, errors as PythonException. Expected values come from PySpark 4.3."""

import datetime
import decimal

import pytest
from ember.errors import PySparkNotImplementedError, PythonException
from ember.sql import Row
from ember.sql import functions as F
from ember.sql.types import IntegerType, StringType


def test_arguments_arrive_as_python_values(spark):
    df = spark.createDataFrame(
        [
            (
                1,
                "a",
                1.5,
                decimal.Decimal("1.50"),
                datetime.date(2024, 1, 2),
                [1, 2],
                {"k": 1},
                Row(x=1, y="s"),
                True,
                b"ab",
            )
        ],
        "i int, s string, d double, dec decimal(5,2), dt date, arr array<int>, "
        "m map<string,int>, st struct<x:int,y:string>, b boolean, bin binary",
    )
    show = F.udf(lambda v: repr(v) + " " + type(v).__name__)
    got = list(df.select(*[show(c) for c in df.columns]).first())
    assert got == [
        "1 int",
        "'a' str",
        "1.5 float",
        "Decimal('1.50') Decimal",
        "datetime.date(2024, 1, 2) date",
        "[1, 2] list",
        "{'k': 1} dict",
        "Row(x=1, y='s') Row",
        "True bool",
        "b'ab' bytes",
    ]


@pytest.mark.parametrize(
    "ddl, value, expected",
    [
        ("int", "1", None),
        ("int", 1.5, None),
        ("int", True, None),
        ("int", 2**40, 0),
        ("int", 2**31, -2147483648),
        ("long", 2**40, 1099511627776),
        ("double", 1, None),
        ("boolean", 1, None),
        ("string", 1, "1"),
        ("string", [1, "a"], "[1, a]"),
        ("string", 1.5e10, "1.5E10"),
        ("string", True, "true"),
        ("array<int>", (1, 2), [1, 2]),
        ("array<int>", [1, "x"], [1, None]),
        ("struct<a:int>", (1,), Row(a=1)),
        ("struct<a:int>", {"a": 1}, Row(a=1)),
        ("map<string,int>", {"a": 1}, {"a": 1}),
        ("date", datetime.date(2024, 1, 1), datetime.date(2024, 1, 1)),
        ("decimal(5,2)", decimal.Decimal("1.235"), decimal.Decimal("1.24")),
        ("decimal(5,2)", 1.5, None),
        ("float", 1.5, 1.5),
        ("binary", b"x", b"x"),
    ],
)
def test_results_are_coerced_to_the_declared_type(spark, ddl, value, expected):
    f = F.udf(lambda: value, ddl)
    assert spark.range(1).select(f()).first()[0] == expected


def test_udf_object_and_names(spark):
    add_one = F.udf(lambda x: x + 1, "int")
    assert add_one.__name__ == "<lambda>"
    assert add_one.returnType == IntegerType()
    assert add_one.deterministic is True
    assert add_one.func(1) == 2
    assert F.udf(lambda: 1).returnType == StringType()
    assert add_one.asNondeterministic().deterministic is False
    assert spark.range(2).select(add_one("id")).columns == ["<lambda>(id)"]

    @F.udf(returnType=IntegerType())
    def calc(a, b):
        return a + 10 * b

    df = spark.range(2).select(calc(b=F.col("id") * 10, a=F.col("id")))
    assert df.columns == ["calc(b => (id * 10), a => id)"]
    assert [r[0] for r in df.collect()] == [0, 101]


def test_udfs_work_in_filters_and_aggregates(spark):
    add_one = F.udf(lambda x: x + 1, "int")
    assert spark.range(3).where(add_one("id") > 1).collect() == [Row(id=1), Row(id=2)]
    got = (
        spark.range(3)
        .groupBy((F.col("id") % 2).alias("k"))
        .agg(F.sum(add_one("id")).alias("s"))
        .orderBy("k")
        .collect()
    )
    assert got == [Row(k=0, s=4), Row(k=1, s=2)]


def test_registered_functions_are_callable_from_sql(spark):
    spark.udf.register("intX2", lambda i: i * 2, IntegerType())
    assert spark.sql("SELECT intX2(3), INTX2(4) AS y").collect() == [Row(**{"intX2(3)": 6, "y": 8})]
    df = spark.range(3).select(F.call_udf("intX2", "id"), F.expr("intX2(id) + 1"))
    assert df.columns == ["intX2(id)", "(intX2(id) + 1)"]
    assert [tuple(r) for r in df.collect()] == [(0, 1), (2, 3), (4, 5)]
    strlen = spark.udf.register("strlen", lambda s: len(s))
    assert strlen.returnType == StringType()
    assert spark.sql("SELECT strlen('abc')").collect() == [Row(**{"strlen(abc)": "3"})]
    slen = F.udf(lambda s: len(s), IntegerType())
    spark.udf.register("slen", slen)
    assert spark.sql("SELECT slen('test')").collect() == [Row(**{"slen(test)": 4})]


def test_an_exception_in_the_function_is_a_python_exception(spark):
    f = F.udf(lambda x: 1 / 0, "double")
    with pytest.raises(PythonException) as e:
        spark.range(2).select(f("id")).collect()
    assert e.value.getCondition() == "PYTHON_EXCEPTION"
    text = str(e.value)
    assert text.startswith("An exception was thrown from the Python worker:\nTraceback")
    assert text.endswith("ZeroDivisionError: division by zero")
    assert "in <lambda>" in text


def test_pandas_udfs_take_and_give_series(spark):
    import pandas as pd

    @F.pandas_udf("long")
    def plus_one(s: pd.Series) -> pd.Series:
        return s + 1

    assert plus_one.evalType == F.PandasUDFType.SCALAR
    assert [r[0] for r in spark.range(3).select(plus_one("id")).collect()] == [1, 2, 3]
    spark.udf.register("plus_one", plus_one)
    assert spark.sql("SELECT plus_one(id) FROM range(2)").collect() == [
        Row(**{"plus_one(id)": 1}),
        Row(**{"plus_one(id)": 2}),
    ]


def test_arrow_udfs_take_and_give_arrays(spark):
    import pyarrow as pa

    @F.udf(returnType=IntegerType())
    def pa_calc(a: pa.Array, b: pa.Array) -> pa.Array:
        return pa.compute.add(a, pa.compute.multiply(b, 10))

    assert pa_calc.evalType == F.ArrowUDFType.SCALAR
    df = spark.range(2).select(pa_calc(b=F.col("id") * 10, a="id"))
    assert [r[0] for r in df.collect()] == [0, 101]


def test_udtf_on_constant_arguments(spark):
    @F.udtf(returnType="c1: int, c2: int")
    class PlusOne:
        def eval(self, x: int):
            yield x, x + 1

    assert PlusOne(F.lit(1)).collect() == [Row(c1=1, c2=2)]


def test_partition_ids_follow_range_slices(spark):
    # PySpark 4.3: spark.range(0, 10, 1, 2) with spark_partition_id and
    # monotonically_increasing_id.
    rows = (
        spark.range(0, 10, 1, 2)
        .select("*", F.spark_partition_id(), F.monotonically_increasing_id())
        .collect()
    )
    assert [tuple(r) for r in rows] == [
        (0, 0, 0),
        (1, 0, 1),
        (2, 0, 2),
        (3, 0, 3),
        (4, 0, 4),
        (5, 1, 8589934592),
        (6, 1, 8589934593),
        (7, 1, 8589934594),
        (8, 1, 8589934595),
        (9, 1, 8589934596),
    ]
    assert spark.range(3).withColumn("p", F.spark_partition_id()).columns == ["id", "p"]
    with pytest.raises(PySparkNotImplementedError):
        spark.range(3).filter(F.spark_partition_id() == 0).collect()


def test_pandas_grouped_aggregate(spark):
    import pandas as pd

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    assert mean_udf.evalType == F.PandasUDFType.GROUPED_AGG
    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))
    got = df.groupby("id").agg(mean_udf(df["v"])).orderBy("id").collect()
    assert got == [Row(id=1, **{"mean_udf(v)": 1.5}), Row(id=2, **{"mean_udf(v)": 6.0})]
    assert df.select(mean_udf("v")).collect() == [Row(**{"mean_udf(v)": 4.2})]

    @F.pandas_udf("integer")
    def sum_udf(v: pd.Series) -> int:
        return v.sum()

    spark.udf.register("sum_udf", sum_udf)
    q = "SELECT sum_udf(v1) FROM VALUES (3, 0), (2, 0), (1, 1) tbl(v1, v2) GROUP BY v2"
    assert spark.sql(q).sort("sum_udf(v1)").collect() == [
        Row(**{"sum_udf(v1)": 1}),
        Row(**{"sum_udf(v1)": 5}),
    ]


def test_grouped_aggregate_over_a_window(spark):
    import pandas as pd
    from ember.sql import Window

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))
    w = Window.partitionBy("id").rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
    got = df.withColumn("mean_v", mean_udf("v").over(w)).orderBy("id", "v").collect()
    assert [r.mean_v for r in got] == [1.5, 1.5, 6.0, 6.0, 6.0]


def test_registered_udtf_in_sql(spark):
    @F.udtf
    class WithKwargs:
        @staticmethod
        def analyze(a, b, **kwargs):
            from ember.sql.types import StructType

            return F.AnalyzeResult(
                StructType()
                .add("a", a.dataType)
                .add("b", b.dataType)
                .add("x", kwargs["x"].dataType)
            )

        def eval(self, a, b, **kwargs):
            yield a, b, kwargs["x"]

    spark.udtf.register("test_udtf", WithKwargs)
    got = spark.sql("SELECT * FROM test_udtf(1, x => 'x', b => 'b')").collect()
    assert got == [Row(a=1, b="b", x="x")]


def test_grouped_aggregate_over_a_sliding_window(spark):
    import pandas as pd
    from ember.sql import Window

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))
    w = Window.partitionBy("id").orderBy("v").rowsBetween(-1, 0)
    got = df.withColumn("mean_v", mean_udf("v").over(w)).orderBy("id", "v").collect()
    assert [r.mean_v for r in got] == [1.0, 1.5, 3.0, 4.0, 7.5]


def test_udtf_terminate_and_errors(spark):
    @F.udtf(returnType="n: int")
    class Count:
        def __init__(self):
            self.n = 0

        def eval(self, x: int):
            self.n += x

        def terminate(self):
            yield (self.n,)

    assert Count(F.lit(3)).collect() == [Row(n=3)]

    @F.udtf(returnType="n: int")
    class Fails:
        def eval(self, x: int):
            raise ValueError("no")

    with pytest.raises(PythonException) as e:
        Fails(F.lit(1)).collect()
    assert str(e.value).endswith("ValueError: no")
    spark.udtf.register("fails", Fails)
    with pytest.raises(PythonException):
        spark.sql("SELECT * FROM fails(1)").collect()


def test_a_decimal_result_out_of_range_raises(spark):
    from ember.errors import ArithmeticException

    f = F.udf(lambda: decimal.Decimal("12.3"), "decimal(3,2)")
    with pytest.raises(ArithmeticException) as e:
        spark.range(1).select(f()).collect()
    assert e.value.getCondition() == "NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION"
    assert e.value.getMessageParameters() == {
        "roundedValue": "12.30",
        "originalValue": "12.3",
        "precision": "3",
        "scale": "2",
    }
    assert str(e.value) == (
        "[NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION]  The 12.30 rounded half up from "
        "12.3 cannot be represented as Decimal(3, 2). SQLSTATE: 22003"
    )
