"""DataFrame transformations, actions, show/printSchema text and errors.

Expected values are PySpark 4.3's, taken from a real run.
"""

import datetime

import pytest
from ember.errors import AnalysisException, PySparkAttributeError
from ember.sql import Row
from ember.sql import functions as F
from ember.storagelevel import StorageLevel


def shown(capsys, df, *args, **kwargs):
    df.show(*args, **kwargs)
    return capsys.readouterr().out


@pytest.fixture
def people(spark):
    return spark.createDataFrame(
        [(1, "a", 1.5), (22, None, None), (-333, "hello world", 2.0)],
        "id int, name string, x double",
    )


def test_show_matches_spark(capsys, people):
    assert shown(capsys, people, 2) == (
        "+---+----+----+\n"
        "| id|name|   x|\n"
        "+---+----+----+\n"
        "|  1|   a| 1.5|\n"
        "| 22|NULL|NULL|\n"
        "+---+----+----+\n"
        "only showing top 2 rows\n"
    )


def test_show_truncates_and_left_aligns(capsys, spark):
    s = spark.createDataFrame([("a" * 25, "short")], "s string, t string")
    assert shown(capsys, s) == (
        "+--------------------+-----+\n"
        "|                   s|    t|\n"
        "+--------------------+-----+\n"
        "|aaaaaaaaaaaaaaaaa...|short|\n"
        "+--------------------+-----+\n\n"
    )
    assert shown(capsys, s, truncate=False) == (
        "+-------------------------+-----+\n"
        "|s                        |t    |\n"
        "+-------------------------+-----+\n"
        "|aaaaaaaaaaaaaaaaaaaaaaaaa|short|\n"
        "+-------------------------+-----+\n\n"
    )


def test_show_formats_values_like_java(capsys, spark):
    df = spark.createDataFrame(
        [(1e7, 1e-4, 0.001, 1234567.0, float("nan"), -0.0)],
        "a double, b double, c double, d double, e double, f double",
    )
    assert shown(capsys, df) == (
        "+-----+------+-----+---------+---+----+\n"
        "|    a|     b|    c|        d|  e|   f|\n"
        "+-----+------+-----+---------+---+----+\n"
        "|1.0E7|1.0E-4|0.001|1234567.0|NaN|-0.0|\n"
        "+-----+------+-----+---------+---+----+\n\n"
    )


def test_show_nested_and_temporal(capsys, spark):
    df = spark.createDataFrame(
        [
            (
                datetime.date(2024, 1, 2),
                datetime.datetime(2024, 1, 2, 3, 4, 5, 120000),
                b"\x00\x01AB",
                [1, None],
                {"k": 1},
                (1, ["s"]),
                True,
            )
        ],
        "d date, t timestamp, bin binary, arr array<int>, m map<string,int>, st struct<x:int,y:array<string>>, b boolean",
    )
    assert shown(capsys, df, truncate=False) == (
        "+----------+----------------------+-------------+---------+--------+--------+----+\n"
        "|d         |t                     |bin          |arr      |m       |st      |b   |\n"
        "+----------+----------------------+-------------+---------+--------+--------+----+\n"
        "|2024-01-02|2024-01-02 03:04:05.12|[00 01 41 42]|[1, NULL]|{k -> 1}|{1, [s]}|true|\n"
        "+----------+----------------------+-------------+---------+--------+--------+----+\n\n"
    )


def test_show_wide_characters_and_vertical(capsys, spark, people):
    df = spark.createDataFrame([("日本語",), ("abc",), ("😀" * 12,)], "s string")
    assert shown(capsys, df) == (
        "+--------------------+\n"
        "|                   s|\n"
        "+--------------------+\n"
        "|              日本語|\n"
        "|                 abc|\n"
        "|😀😀😀😀😀😀😀😀?...|\n"
        "+--------------------+\n\n"
    )
    assert shown(capsys, people, 1, vertical=True) == (
        "-RECORD 0---\n id   | 1   \n name | a   \n x    | 1.5 \nonly showing top 1 row\n"
    )
    assert shown(capsys, spark.createDataFrame([], "a int, b string")) == (
        "+---+---+\n|  a|  b|\n+---+---+\n+---+---+\n\n"
    )


def test_print_schema_and_reprs(capsys, spark):
    df = spark.createDataFrame(
        [],
        "id bigint not null, tags array<string>, m map<string,int>, "
        "st struct<x:int not null, y:array<struct<z:double>>>, d decimal(10,2), s smallint, t tinyint",
    )
    df.printSchema()
    assert capsys.readouterr().out == (
        "root\n"
        " |-- id: long (nullable = false)\n"
        " |-- tags: array (nullable = true)\n"
        " |    |-- element: string (containsNull = true)\n"
        " |-- m: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: integer (valueContainsNull = true)\n"
        " |-- st: struct (nullable = true)\n"
        " |    |-- x: integer (nullable = false)\n"
        " |    |-- y: array (nullable = true)\n"
        " |    |    |-- element: struct (containsNull = true)\n"
        " |    |    |    |-- z: double (nullable = true)\n"
        " |-- d: decimal(10,2) (nullable = true)\n"
        " |-- s: short (nullable = true)\n"
        " |-- t: byte (nullable = true)\n\n"
    )
    assert df.schema.simpleString() == (
        "struct<id:bigint,tags:array<string>,m:map<string,int>,"
        "st:struct<x:int,y:array<struct<z:double>>>,d:decimal(10,2),s:smallint,t:tinyint>"
    )
    assert repr(df) == (
        "DataFrame[id: bigint, tags: array<string>, m: map<string,int>, "
        "st: struct<x:int,y:array<struct<z:double>>>, d: decimal(10,2), s: smallint, t: tinyint]"
    )


def test_select_filter_with_column(spark, people):
    out = people.filter(people.id > 0).withColumn("y", F.col("x") * 2).select("id", "y").collect()
    assert out == [Row(id=1, y=3.0), Row(id=22, y=None)]
    assert people.where("id < 0").select(F.col("name")).collect() == [Row(name="hello world")]
    assert people.select("*").columns == ["id", "name", "x"]
    assert people.select(["id", "x"]).columns == ["id", "x"]
    assert people.selectExpr("id + 1", "-id").columns == ["(id + 1)", "(- id)"]


def test_with_columns_and_renames(people):
    out = people.withColumns({"id": F.lit(0), "z": F.lit("z")})
    assert out.columns == ["id", "name", "x", "z"]
    assert out.first() == Row(id=0, name="a", x=1.5, z="z")
    assert people.withColumnRenamed("name", "n").columns == ["id", "n", "x"]
    assert people.withColumnRenamed("missing", "n").columns == ["id", "name", "x"]
    assert people.withColumnsRenamed({"id": "i", "x": "X"}).columns == ["i", "name", "X"]
    assert people.toDF("a", "b", "c").columns == ["a", "b", "c"]
    assert people.drop("name", "nope").columns == ["id", "x"]
    assert people.drop(people.x).columns == ["id", "name"]


def test_case_insensitive_resolution(spark):
    df = spark.createDataFrame([(1, "x")], "Id int, Name string")
    assert df.columns == ["Id", "Name"]
    assert df.select("id", "NAME", df["iD"]).columns == ["id", "NAME", "iD"]
    assert df.selectExpr("id + 1").columns == ["(id + 1)"]
    assert df.withColumn("ID", F.lit(5)).columns == ["ID", "Name"]
    assert df.drop("NAME").columns == ["Id"]
    with pytest.raises(PySparkAttributeError) as e:
        df.id
    assert str(e.value) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `id` is not supported."


def test_ambiguous_and_unresolved_columns(spark):
    dup = spark.createDataFrame([(1, 2)], "a int, A int")
    with pytest.raises(AnalysisException) as e:
        dup.select("a")
    assert e.value.getCondition() == "AMBIGUOUS_REFERENCE"
    assert e.value.getMessageParameters() == {"name": "`a`", "referenceNames": "[`a`, `a`]"}
    df = spark.createDataFrame([(1, "x")], "id int, name string")
    with pytest.raises(AnalysisException) as e:
        df.select("nme")
    assert e.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    assert e.value.getSqlState() == "42703"
    assert e.value.getMessageParameters() == {"objectName": "`nme`", "proposal": "`name`, `id`"}
    assert (
        str(e.value)
        .split("\n")[0]
        .startswith(
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name "
            "`nme` cannot be resolved. Did you mean one of the following? [`name`, `id`]. SQLSTATE: 42703"
        )
    )
    with pytest.raises(AnalysisException):
        df["nme"]


def test_order_by_uses_spark_null_ordering(spark):
    x = spark.createDataFrame(
        [(1.0,), (float("nan"),), (None,), (float("inf"),), (-1.0,)], "x double"
    )
    asc = [r.x for r in x.orderBy("x").collect()]
    desc = [r.x for r in x.orderBy(F.desc("x")).collect()]
    assert str(asc) == "[None, -1.0, 1.0, inf, nan]"
    assert str(desc) == "[nan, inf, 1.0, -1.0, None]"
    df = spark.createDataFrame([(1, "b"), (2, "a"), (1, "a")], "n int, s string")
    assert df.sort("n", "s", ascending=[False, True]).collect() == [
        Row(n=2, s="a"),
        Row(n=1, s="a"),
        Row(n=1, s="b"),
    ]
    assert df.orderBy(df.s.desc(), "n").collect()[0] == Row(n=1, s="b")


def test_limit_offset_distinct(spark):
    df = spark.createDataFrame([(1, "a"), (1, "a"), (2, "b"), (2, "c")], "n int, s string")
    assert df.limit(2).count() == 2
    assert df.offset(3).collect() == [Row(n=2, s="c")]
    assert sorted(df.distinct().collect()) == [Row(n=1, s="a"), Row(n=2, s="b"), Row(n=2, s="c")]
    assert sorted(r.n for r in df.dropDuplicates(["n"]).collect()) == [1, 2]
    assert df.drop_duplicates().count() == 3


def test_actions(spark, people):
    assert people.count() == 3
    assert people.first() == Row(id=1, name="a", x=1.5)
    assert people.head() == Row(id=1, name="a", x=1.5)
    assert people.head(2) == people.take(2)
    assert people.tail(1) == [Row(id=-333, name="hello world", x=2.0)]
    assert not people.isEmpty()
    assert people.filter("id > 1000").isEmpty()
    assert people.filter("id > 1000").first() is None
    assert list(people.toLocalIterator()) == people.collect()
    assert people[0]._jc is not None and people.columns[0] == "id"
    assert people.dtypes == [("id", "int"), ("name", "string"), ("x", "double")]


def test_range(spark):
    assert spark.range(3).collect() == [Row(id=0), Row(id=1), Row(id=2)]
    assert [r.id for r in spark.range(1, 10, 3).collect()] == [1, 4, 7]
    assert spark.range(10, 0, -4).count() == 3
    assert spark.range(100, numPartitions=4).count() == 100
    assert spark.range(3).dtypes == [("id", "bigint")]


def test_repartition_and_transform(spark):
    df = spark.range(10)
    assert sorted(r.id for r in df.repartition(3).collect()) == list(range(10))
    assert sorted(r.id for r in df.repartition(2, "id").collect()) == list(range(10))
    assert df.coalesce(1).count() == 10
    assert df.transform(lambda d, k: d.limit(k), 2).count() == 2
    assert df.hint("broadcast").count() == 10


def test_cache_materialises_once(spark):
    df = spark.range(5).withColumn("sq", F.col("id") * F.col("id"))
    assert df.storageLevel == StorageLevel(False, False, False, False, 1)
    cached = df.cache()
    assert cached is df and df.is_cached
    assert df.storageLevel == StorageLevel(True, True, False, True, 1)
    assert not df._jdf.is_materialized()
    assert df.count() == 5
    assert df._jdf.is_materialized()
    assert df.filter("id > 2").collect() == [Row(id=3, sq=9), Row(id=4, sq=16)]
    df.unpersist()
    assert not df.is_cached and df.storageLevel == StorageLevel.NONE
    assert df.count() == 5


def test_temp_views(spark, people):
    people.createOrReplaceTempView("people")
    assert spark.table("people").count() == 3
    assert spark.sql("SELECT id, name FROM people WHERE id > 0 ORDER BY id").collect() == [
        Row(id=1, name="a"),
        Row(id=22, name=None),
    ]
    with pytest.raises(AnalysisException) as e:
        people.createTempView("people")
    assert e.value.getCondition() == "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS"
    people.createGlobalTempView("gpeople")
    assert spark.table("global_temp.gpeople").count() == 3
    assert spark.newSession().table("global_temp.gpeople").count() == 3
    with pytest.raises(AnalysisException) as e:
        spark.newSession().table("people")
    assert e.value.getCondition() == "TABLE_OR_VIEW_NOT_FOUND"


def test_col_regex_and_alias(spark):
    df = spark.createDataFrame([(1, 2, 3)], "a1 int, a2 int, b int")
    assert df.select(df.colRegex("`a.*`")).columns == ["a1", "a2"]
    t = df.alias("t")
    assert t.select("t.b", F.col("t.a1")).columns == ["b", "a1"]
    assert t.select("t.*").columns == ["a1", "a2", "b"]


def test_duplicate_output_names_are_kept(spark):
    df = spark.createDataFrame([(1,)], "a int")
    out = df.select("a", "a", F.col("a").alias("a"))
    assert out.columns == ["a", "a", "a"]
    assert tuple(out.collect()[0]) == (1, 1, 1)
    assert str(out.collect()) == "[Row(a=1, a=1, a=1)]"


def test_explain(capsys, spark):
    spark.range(3).filter("id > 1").explain()
    out = capsys.readouterr().out
    assert out.startswith("== Physical Plan ==\n")
    spark.range(3).explain(True)
    out = capsys.readouterr().out
    assert "== Parsed Logical Plan ==" in out and "== Optimized Logical Plan ==" in out


def test_explain_names_operators_as_spark_does(capsys, spark):
    df = spark.createDataFrame([(14, "Tom"), (23, "Alice")], ["age", "name"])
    df2 = spark.createDataFrame([(80, "Tom")], ["height", "name"])
    df.join(df2.hint("broadcast"), "name").explain()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "== Physical Plan =="
    join = next(line for line in lines if "BroadcastHashJoin" in line)
    # the two scans hang under the join, Spark's tree marks first
    below = lines[lines.index(join) + 1 :]
    assert below[0].strip().startswith(":- LocalTableScan")
    assert below[1].strip().startswith("+- LocalTableScan")
    df.cache().explain()
    assert capsys.readouterr().out.splitlines()[1] == "InMemoryTableScan"
    spark.range(3).explain(mode="cost")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "== Optimized Logical Plan =="
    assert out[1].endswith(", Statistics(sizeInBytes=unknown)")
    df2.explain(mode="cost")
    out = capsys.readouterr().out.splitlines()
    assert out[1].endswith(", rowCount=1)") and ", Statistics(sizeInBytes=" in out[1]


def test_group_by_and_global_aggregates(spark):
    df = spark.createDataFrame(
        [("a", 1, 1.5), ("a", 2, None), ("b", None, 3.0), (None, 4, 4.0)],
        "g string, i int, d double",
    )
    out = df.groupBy("g").agg(F.sum("i"), F.avg("d"), F.count("*")).orderBy("g")
    assert out.columns == ["g", "sum(i)", "avg(d)", "count(1)"]
    assert out.collect() == [
        Row(g=None, **{"sum(i)": 4, "avg(d)": 4.0, "count(1)": 1}),
        Row(g="a", **{"sum(i)": 3, "avg(d)": 1.5, "count(1)": 2}),
        Row(g="b", **{"sum(i)": None, "avg(d)": 3.0, "count(1)": 1}),
    ]
    assert df.groupBy("g").count().orderBy("g").collect()[1] == Row(g="a", count=2)
    assert df.agg(F.max("i"), F.countDistinct("g")).first() == (4, 2)
    empty = df.filter("i > 100")
    assert empty.agg(F.count("i"), F.sum("i")).collect() == [(0, None)]
    assert empty.groupBy("g").count().collect() == []
    with pytest.raises(AnalysisException) as e:
        df.select("g", F.sum("i"))
    assert e.value.getCondition() == "MISSING_GROUP_BY"
    with pytest.raises(AnalysisException) as e:
        df.groupBy("g").agg(F.col("i"))
    assert e.value.getCondition() == "MISSING_AGGREGATION"


def test_sample_is_seeded_and_independent_of_partitioning(spark):
    df = spark.range(1000)
    a = sorted(r.id for r in df.sample(0.1, seed=3).collect())
    b = sorted(r.id for r in df.repartition(4).sample(fraction=0.1, seed=3).collect())
    assert a == b
    assert 50 < len(a) < 150
    assert df.sample(0.0).count() == 0
    assert df.sample(1.0).count() == 1000


def test_random_split_is_disjoint_and_complete(spark):
    df = spark.range(1000)
    parts = df.randomSplit([0.7, 0.3], seed=11)
    ids = [sorted(r.id for r in p.collect()) for p in parts]
    assert sorted(ids[0] + ids[1]) == list(range(1000))
    assert 600 < len(ids[0]) < 800
    again = df.repartition(3).randomSplit([0.7, 0.3], seed=11)
    assert sorted(r.id for r in again[1].collect()) == ids[1]


def test_sample_by_keeps_each_stratum_by_its_fraction(spark):
    from ember.sql import functions as F

    df = spark.range(0, 300).select((F.col("id") % 3).alias("key"))
    counts = dict(
        (r.key, r["count"])
        for r in df.sampleBy("key", fractions={0: 0.1, 1: 0.5}, seed=0)
        .groupBy("key")
        .count()
        .collect()
    )
    assert set(counts) <= {0, 1}
    assert 0 < counts[1] < 100 and counts.get(0, 0) < counts[1]
    assert df.stat.sampleBy("key", {2: 1.0}, 1).count() == 100


def test_sample_with_replacement_repeats_rows(spark):
    df = spark.range(1000)
    a = df.sample(True, 0.5, 42)
    n, distinct = a.count(), a.distinct().count()
    assert n == a.count()
    assert 400 < n < 600 and distinct < n
    assert 1800 < df.sample(True, 2.0, 1).count() < 2200
