"""SparkSession: builder, conf, createDataFrame from every source, SQL."""

import datetime
import decimal
from collections import namedtuple

import pytest
from ember.errors import (
    ParseException,
    PySparkTypeError,
    PySparkValueError,
    SparkNoSuchElementException,
)
from ember.sql import Row, SparkSession
from ember.sql import types as T


def test_builder_returns_the_active_session(spark):
    again = SparkSession.builder.appName("other").config("spark.x.y", "1").getOrCreate()
    assert again is spark
    assert spark.conf.get("spark.x.y") == "1"
    assert SparkSession.active() is spark
    assert SparkSession.getActiveSession() is spark
    assert spark.version == "4.3.0"


def test_builder_accepts_dicts_and_confs():
    from ember import SparkConf

    b = SparkSession.builder.config(map={"a.b": True}).config(conf=SparkConf().set("c.d", "2"))
    b = b.config("e.f", 3)
    assert b._options == {"a.b": "true", "c.d": "2", "e.f": "3"}


def test_conf(spark):
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
    assert spark.conf.get("spark.sql.caseSensitive") == "false"
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"
    assert spark.conf.get("spark.sql.shuffle.partitions") == "4"
    spark.conf.set("spark.ember.test", 5)
    assert spark.conf.get("spark.ember.test") == "5"
    assert spark.conf.getAll["spark.ember.test"] == "5"
    spark.conf.unset("spark.ember.test")
    assert spark.conf.get("spark.ember.test", "dflt") == "dflt"
    with pytest.raises(SparkNoSuchElementException) as e:
        spark.conf.get("spark.ember.test")
    assert e.value.getCondition() == "SQL_CONF_NOT_FOUND"
    assert spark.conf.isModifiable("spark.sql.ansi.enabled")
    assert not spark.conf.isModifiable("spark.master")


def test_new_session_has_its_own_conf(spark):
    other = spark.newSession()
    other.conf.set("spark.sql.ansi.enabled", "false")
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
    assert other is not spark


def test_context_manager_stops():
    with SparkSession.builder.create() as s:
        assert s.range(2).count() == 2
    assert s._stopped


def test_inference_matches_pyspark(spark):
    df = spark.createDataFrame(
        [
            (
                1,
                1.5,
                True,
                "s",
                datetime.date(2024, 1, 2),
                datetime.datetime(2024, 1, 2, 3, 4, 5),
                decimal.Decimal("1.50"),
                b"ab",
                [1, None],
                {"k": 1},
                Row(x=1, y="a"),
            )
        ],
        list("abcdefghijk"),
    )
    assert df.dtypes == [
        ("a", "bigint"),
        ("b", "double"),
        ("c", "boolean"),
        ("d", "string"),
        ("e", "date"),
        ("f", "timestamp"),
        ("g", "decimal(38,18)"),
        ("h", "binary"),
        ("i", "array<bigint>"),
        ("j", "map<string,bigint>"),
        ("k", "struct<x:bigint,y:string>"),
    ]
    row = df.first()
    assert row.a == 1 and row.e == datetime.date(2024, 1, 2)
    assert row.f == datetime.datetime(2024, 1, 2, 3, 4, 5)
    assert row.g == decimal.Decimal("1.500000000000000000")
    assert row.h == bytearray(b"ab") and row.i == [1, None] and row.j == {"k": 1}
    assert row.k == Row(x=1, y="a")


def test_inference_merges_and_names(spark):
    assert spark.createDataFrame([(1,), ("x",)], ["a"]).dtypes == [("a", "string")]
    assert spark.createDataFrame([{"b": 1, "a": "x"}]).dtypes == [("a", "string"), ("b", "bigint")]
    assert spark.createDataFrame([(1, None), (None, "x")]).dtypes == [
        ("_1", "bigint"),
        ("_2", "string"),
    ]
    assert spark.createDataFrame([Row(a=1, b=2), Row(b=3, a=4)]).collect() == [
        Row(a=1, b=2),
        Row(a=3, b=4),
    ]
    P = namedtuple("P", "name age")
    assert spark.createDataFrame([P("x", 3)]).dtypes == [("name", "string"), ("age", "bigint")]
    assert spark.createDataFrame([1, 2], T.IntegerType()).collect() == [Row(value=1), Row(value=2)]
    assert spark.createDataFrame([("a", 1)], "a: string, b: int").dtypes == [
        ("a", "string"),
        ("b", "int"),
    ]


def test_inference_errors(spark):
    with pytest.raises(PySparkTypeError) as e:
        spark.createDataFrame([(1,), (2.5,)], ["a"])
    assert e.value.getCondition() == "CANNOT_MERGE_TYPE"
    assert e.value.getSqlState() == "42K09"
    assert str(e.value) == "[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`."
    with pytest.raises(PySparkValueError) as e:
        spark.createDataFrame([(None,)], ["a"])
    assert e.value.getCondition() == "CANNOT_DETERMINE_TYPE"
    with pytest.raises(PySparkTypeError) as e:
        spark.createDataFrame([("x",)], "a int")
    assert e.value.getCondition() == "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME"


def test_explicit_schema_values(spark):
    schema = T.StructType(
        [
            T.StructField("i", T.IntegerType()),
            T.StructField("d", T.DecimalType(10, 2)),
            T.StructField("t", T.TimestampType()),
            T.StructField("n", T.TimestampNTZType()),
            T.StructField("iv", T.DayTimeIntervalType()),
            T.StructField("m", T.MapType(T.StringType(), T.ArrayType(T.LongType()))),
        ]
    )
    ts = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)
    rows = [
        (7, decimal.Decimal("3.14"), ts, ts, datetime.timedelta(days=1, seconds=2), {"a": [1, 2]})
    ]
    df = spark.createDataFrame(rows, schema)
    assert df.collect() == [
        Row(
            i=7,
            d=decimal.Decimal("3.14"),
            t=ts,
            n=ts,
            iv=datetime.timedelta(days=1, seconds=2),
            m={"a": [1, 2]},
        )
    ]
    assert df.schema == schema


def test_pandas_arrow_numpy(spark):
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    np = pytest.importorskip("numpy")
    pdf = pd.DataFrame({"a": [1, 2], "b": ["x", None], "c": [1.5, 2.5]})
    df = spark.createDataFrame(pdf)
    assert df.dtypes == [("a", "bigint"), ("b", "string"), ("c", "double")]
    assert df.collect() == [Row(a=1, b="x", c=1.5), Row(a=2, b=None, c=2.5)]
    table = pa.table({"x": pa.array([1, 2], pa.int32()), "y": ["p", "q"]})
    assert spark.createDataFrame(table).dtypes == [("x", "int"), ("y", "string")]
    assert spark.createDataFrame(np.array([[1, 2], [3, 4]]), ["p", "q"]).collect() == [
        Row(p=1, q=2),
        Row(p=3, q=4),
    ]
    out = df.toArrow()
    assert out.column_names == ["a", "b", "c"] and out.num_rows == 2
    assert pa.table(df).to_pydict() == {"a": [1, 2], "b": ["x", None], "c": [1.5, 2.5]}


def test_to_pandas_dtypes(spark):
    pd = pytest.importorskip("pandas")
    df = spark.createDataFrame(
        [(1, 2, 1.5, True, "x", datetime.datetime(2024, 1, 1)), (3, None, 2.5, False, None, None)],
        "i int, j int, d double, b boolean, s string, t timestamp",
    )
    pdf = df.toPandas()
    # PySpark 4.3 under pandas 3 gives these (str and datetime64[us]); under pandas 2, object and [ns].
    if int(pd.__version__.split(".")[0]) >= 3:
        assert [str(t) for t in pdf.dtypes] == [
            "int32",
            "float64",
            "float64",
            "bool",
            "str",
            "datetime64[us]",
        ]
    else:
        assert [str(t) for t in pdf.dtypes] == [
            "int32",
            "float64",
            "float64",
            "bool",
            "object",
            "datetime64[ns]",
        ]
    assert pdf["i"].tolist() == [1, 3]


def test_sql_over_views(spark):
    spark.createDataFrame(
        [(1, "a"), (2, "b"), (3, None)], "id int, s string"
    ).createOrReplaceTempView("t")
    assert spark.sql(
        "SELECT id + 1, s FROM t WHERE s IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).collect() == [Row(**{"(id + 1)": 3, "s": "b"})]
    assert spark.sql("SELECT 1 + 1, 'x' AS y").collect() == [Row(**{"(1 + 1)": 2, "y": "x"})]
    assert spark.sql("SELECT id FROM range(3)").count() == 3
    assert spark.sql("SELECT * FROM t").columns == ["id", "s"]


def test_sql_parse_error(spark):
    with pytest.raises(ParseException) as e:
        spark.sql("SELEC 1")
    assert e.value.getCondition() == "PARSE_SYNTAX_ERROR"
    assert str(e.value) == (
        "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)\n\n"
        "== SQL ==\nSELEC 1\n^^^\n"
    )
