"""DataFrame methods built on the others: the pandas/Arrow batch maps."""

import pyarrow as pa
from ember.sql import Row


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
