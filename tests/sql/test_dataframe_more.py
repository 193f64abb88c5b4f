"""DataFrame methods built on the others: the pandas/Arrow batch maps."""

import pyarrow as pa
import pytest
from ember.errors import AnalysisException
from ember.sql import Row
from ember.sql import functions as F


def test_map_in_pandas_filters_and_reshapes(spark):
    df = spark.createDataFrame(
        [(2, "Alice", 5), (5, "Bob", 1), (2, "Carl", 3)], ["age", "name", "k"]
    )
    out = df.mapInPandas(lambda it: (p[p.age > 2] for p in it), df.schema)
    assert out.collect() == [Row(age=5, name="Bob", k=1)]
    means = df.mapInPandas(
        lambda it: (p.groupby("age").mean(numeric_only=True).reset_index() for p in it),
        "age long, k double",
    )
    assert means.dtypes == [("age", "bigint"), ("k", "double")]
    assert means.orderBy("age").collect() == [Row(age=2, k=4.0), Row(age=5, k=1.0)]


def test_map_in_arrow_filters(spark):
    df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
    out = df.mapInArrow(lambda it: (b.filter(pa.compute.field("age") == 2) for b in it), df.schema)
    assert out.collect() == [Row(age=2, name="Alice")]


def test_dataframes_as_subqueries(spark):
    df = spark.createDataFrame([(2, "Alice"), (5, "Bob"), (8, "Mike")], ["age", "name"])
    pairs = spark.range(6).select("id", F.lit("Bob"))
    assert [tuple(r) for r in df.where(F.struct(df.age, df.name).isin(pairs)).collect()] == [
        (5, "Bob")
    ]
    assert df.select(df.age.isin(spark.range(6))).columns == ["(age IN (listquery()))"]
    assert [r.age for r in df.where(df.age.isin(spark.range(6))).orderBy("age").collect()] == [2, 5]
    avg = df.select(F.avg("age")).scalar()
    assert [tuple(r) for r in df.where(F.col("age") > avg).collect()] == [(8, "Mike")]
    assert df.select("name", F.col("age") - avg).columns == ["name", "(age - scalarsubquery())"]
    assert df.where(spark.range(3).where("id > 5").exists()).count() == 0
    assert df.where(spark.range(3).exists()).count() == 3
    assert df.select(spark.range(3).exists()).columns == ["exists()"]
    with pytest.raises(AnalysisException) as e:
        df.select(df.select("age", "name").scalar()).collect()
    assert e.value.getCondition() == (
        "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN"
    )


def test_cross_join_rows_come_left_major(spark):
    d1 = spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])
    d2 = spark.createDataFrame([(80, "Tom"), (85, "Bob")], ["height", "name"])
    expected = [
        (14, "Tom", 80, "Tom"),
        (14, "Tom", 85, "Bob"),
        (23, "Alice", 80, "Tom"),
        (23, "Alice", 85, "Bob"),
        (16, "Bob", 80, "Tom"),
        (16, "Bob", 85, "Bob"),
    ]
    assert [tuple(r) for r in d1.join(d2).collect()] == expected
    assert [tuple(r) for r in d1.crossJoin(d2).limit(3).collect()] == expected[:3]
    # a bigger left side is not swapped to the build side
    big = spark.range(1000).crossJoin(spark.range(3)).limit(4).collect()
    assert [tuple(r) for r in big] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    with pytest.raises(AnalysisException) as e:
        d1.join(d2).drop(F.col("name"))
    assert e.value.getCondition() == "AMBIGUOUS_REFERENCE"
    assert d1.join(d2).drop("name").columns == ["age", "height"]


def test_correlated_dataframe_subqueries(spark):
    employees = spark.createDataFrame(
        [
            (1, "Alice", 45000, 101),
            (2, "Bob", 54000, 101),
            (3, "Charlie", 29000, 102),
            (4, "David", 61000, 102),
            (5, "Eve", 48000, 101),
        ],
        ["id", "name", "salary", "department_id"],
    )
    dept_avg = (
        employees.alias("e2")
        .where(F.col("e2.department_id") == F.col("e1.department_id").outer())
        .select(F.avg("salary"))
        .scalar()
    )
    above = employees.alias("e1").where(F.col("salary") > dept_avg).orderBy("name")
    assert [r.name for r in above.collect()] == ["Bob", "David"]
    orders = spark.createDataFrame([(1, 101), (2, 103)], ["order_id", "customer_id"])
    customers = spark.createDataFrame(
        [(101, "Alice"), (102, "Bob"), (103, "Carl")], ["customer_id", "name"]
    )
    has = orders.alias("o").where(F.col("o.customer_id") == F.col("c.customer_id").outer())
    assert [r.name for r in customers.alias("c").where(has.exists()).orderBy("name").collect()] == [
        "Alice",
        "Carl",
    ]
    assert [r.name for r in customers.alias("c").where(~has.exists()).collect()] == ["Bob"]


def test_column_metadata_travels_with_the_column(spark):
    df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
    m = df.withMetadata("age", {"foo": "bar", "n": 1})
    assert m.schema["age"].metadata == {"foo": "bar", "n": 1}
    assert m.select(F.col("age").alias("a2")).schema["a2"].metadata == {"foo": "bar", "n": 1}
    assert m.where("age > 2").schema["age"].metadata == {"foo": "bar", "n": 1}
    assert m.select((F.col("age") + 1).alias("x")).schema["x"].metadata == {}
    aliased = df.select(df.age.alias("age3", metadata={"max": 99}))
    assert aliased.schema.json() == (
        '{"fields":[{"metadata":{"max":99},"name":"age3","nullable":true,"type":"long"}],'
        '"type":"struct"}'
    )
    assert [r.age for r in m.collect()] == [2, 5]


def test_zip_puts_columns_of_one_source_side_by_side(spark):
    df = spark.createDataFrame([(1, 2, 3), (4, 5, 6)], ["a", "b", "c"])
    left = df.select("a")
    right = df.select((F.col("b") * 2).alias("b2"), "a")
    zipped = left.zip(right)
    assert zipped.columns == ["a", "b2", "a"]
    assert [tuple(r) for r in zipped.collect()] == [(1, 4, 1), (4, 10, 4)]
    same = df.where("a > 1").select("a").zip(df.where("a > 1").select("c"))
    assert [tuple(r) for r in same.collect()] == [(4, 6)]
    for other in (spark.createDataFrame([(1,)], ["z"]), df.where("a > 1").select("b")):
        with pytest.raises(AnalysisException) as e:
            left.zip(other)
        assert e.value.getCondition() == "ZIP_PLANS_NOT_MERGEABLE"


def test_col_regex_has_java_regex_features(spark):
    df = spark.createDataFrame([("a", 1)], ["Col1", "Col2"])
    assert df.select(df.colRegex("`(Col1)?+.+`")).columns == ["Col2"]
    assert df.select(df.colRegex("`Col(?!1).*`")).columns == ["Col2"]
    assert df.select(df.colRegex("`Col.`")).columns == ["Col1", "Col2"]
