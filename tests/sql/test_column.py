"""Column expressions: reprs, Spark's output names, operators, errors.

Expected values are PySpark 4.3's, taken from a real run.
"""

import pytest
from ember.errors import (
    AnalysisException,
    ArrayIndexOutOfBoundsException,
    PySparkTypeError,
    PySparkValueError,
)
from ember.sql import functions as F
from ember.sql import types as T


def test_repr_uses_spark_prefix_form():
    c, s = F.col("a"), F.col("s")
    got = [
        repr(x)
        for x in [
            c + 1,
            1 - c,
            2 * c,
            -c,
            c == 1,
            c != 1,
            c.eqNullSafe(1),
            (c > 1) & (c < 3),
            ~(c > 1),
            c.isNull(),
            c.isin(1, 2),
            c.between(1, 3),
            s.like("a%"),
            s.rlike("^a"),
            c.cast("string"),
            c.astype(T.LongType()),
            F.when(c > 0, "pos").otherwise("neg"),
            c.desc(),
            c.asc_nulls_last(),
            F.col("st").getItem(0),
            F.col("st").x,
            F.col("st").withField("y", F.lit(1)),
            F.col("st").dropFields("y"),
            c.bitwiseAND(1),
            F.lit(3000000000),
            F.lit("x"),
            F.lit(None),
            F.expr("a + 1"),
            c.alias("x"),
            c.try_cast("int"),
            F.lit([1, 2]),
            F.lit(1e20),
        ]
    ]
    assert got == [
        "Column<'+(a, 1)'>",
        "Column<'-(1, a)'>",
        "Column<'*(a, 2)'>",
        "Column<'negative(a)'>",
        "Column<'=(a, 1)'>",
        "Column<'!(=(a, 1))'>",
        "Column<'<=>(a, 1)'>",
        "Column<'and(>(a, 1), <(a, 3))'>",
        "Column<'!(>(a, 1))'>",
        "Column<'isNull(a)'>",
        "Column<'in(a, 1, 2)'>",
        "Column<'and(>=(a, 1), <=(a, 3))'>",
        "Column<'like(s, 'a%')'>",
        "Column<'rlike(s, '^a')'>",
        "Column<'CAST(a AS STRING)'>",
        "Column<'CAST(a AS BIGINT)'>",
        "Column<'CASE WHEN >(a, 0) THEN 'pos' ELSE 'neg' END'>",
        "Column<'a DESC NULLS LAST'>",
        "Column<'a ASC NULLS LAST'>",
        "Column<'st[0]'>",
        "Column<'st['x']'>",
        "Column<'update_field(st, y, 1)'>",
        "Column<'drop_field(st, y)'>",
        "Column<'&(a, 1)'>",
        "Column<'3000000000L'>",
        "Column<''x''>",
        "Column<'NULL'>",
        "Column<'a + 1'>",
        "Column<'a AS x'>",
        "Column<'TRY_CAST(a AS INT)'>",
        "Column<'array(1, 2)'>",
        "Column<'1.0E20'>",
    ]


@pytest.fixture
def df(spark):
    return spark.createDataFrame(
        [(1, 2, True, False, "abc")], "a int, b int, p boolean, q boolean, s string"
    )


def test_operator_column_names(df):
    assert df.select(df.a + 1, 1 - df.a, 2 * df.a, df.a / df.b, df.a % 2, -df.a).columns == [
        "(a + 1)",
        "(1 - a)",
        "(a * 2)",
        "(a / b)",
        "(a % 2)",
        "negative(a)",
    ]
    assert df.select(df.a == 1, df.a != 1, df.a.eqNullSafe(df.b), df.p & df.q, ~df.p).columns == [
        "(a = 1)",
        "(NOT (a = 1))",
        "(a <=> b)",
        "(p AND q)",
        "(NOT p)",
    ]


def test_literal_column_names(df):
    import datetime
    import decimal

    cols = df.select(
        F.lit(1),
        F.lit("x"),
        F.lit(None),
        F.lit(True),
        F.lit(1.5),
        F.lit(1e20),
        F.lit(float("nan")),
        F.lit(decimal.Decimal("1.50")),
        F.lit(datetime.date(2024, 1, 2)),
        F.lit(b"ab"),
        F.lit([1, 2]),
    ).columns
    assert cols == [
        "1",
        "x",
        "NULL",
        "true",
        "1.5",
        "1.0E20",
        "NaN",
        "1.50",
        "DATE '2024-01-02'",
        "X'6162'",
        "array(1, 2)",
    ]


def test_cast_and_case_names(df):
    cols = df.select(
        df.a.cast("string"),
        (df.a + 1).cast("string"),
        F.lit(None).cast("int"),
        F.when(df.a > 0, "pos").otherwise("neg"),
        F.when(df.a > 0, 1),
    ).columns
    assert cols == [
        "a",
        "CAST((a + 1) AS STRING)",
        "CAST(NULL AS INT)",
        "CASE WHEN (a > 0) THEN pos ELSE neg END",
        "CASE WHEN (a > 0) THEN 1 END",
    ]


def test_predicate_names(df):
    cols = df.select(
        df.a.isNull(),
        df.a.isNotNull(),
        df.a.isin(1, 2),
        df.a.between(1, 3),
        df.s.like("a%"),
        df.s.rlike("^a"),
        df.s.startswith("a"),
        F.coalesce(df.a, df.b),
        df.s.substr(1, 2),
    ).columns
    assert cols == [
        "(a IS NULL)",
        "(a IS NOT NULL)",
        "(a IN (1, 2))",
        "((a >= 1) AND (a <= 3))",
        "s LIKE a%",
        "RLIKE(s, ^a)",
        "startswith(s, a)",
        "coalesce(a, b)",
        "substr(s, 1, 2)",
    ]


def test_alias_names(df):
    cols = df.select(
        df.a.alias("x"), df.a.name("y"), df.a.alias("x").alias("w"), df.a.astype("string")
    ).columns
    assert cols == ["x", "y", "w", "a"]


def test_more_names_and_types(df):
    s = df
    pairs = [
        (s.s.ilike("a%"), "ilike(s, a%)", "boolean"),
        (s.a.bitwiseAND(1), "(a & 1)", "int"),
        (s.a.bitwiseXOR(1), "(a ^ 1)", "int"),
        (F.isnan(s.a), "isnan(a)", "boolean"),
        (F.isnull(s.a), "(a IS NULL)", "boolean"),
        (F.struct(s.a, s.s), "struct(a, s)", "struct<a:int,s:string>"),
        (F.array(s.a, s.b), "array(a, b)", "array<int>"),
        (F.create_map(s.s, s.a), "map(s, a)", "map<string,int>"),
        (F.lit(3000000000), "3000000000", "bigint"),
        ((s.a + 1).cast(T.DecimalType(10, 2)), "CAST((a + 1) AS DECIMAL(10,2))", "decimal(10,2)"),
        (F.expr("a BETWEEN 1 AND 3"), "between(a, 1, 3)", "boolean"),
        (F.lit(1.5).cast("float"), "CAST(1.5 AS FLOAT)", "float"),
        (F.lit(0.001), "0.001", "double"),
        (F.lit(1e-5), "1.0E-5", "double"),
        (
            F.when(s.a > 0, 1).when(s.a < 0, 2).otherwise(3),
            "CASE WHEN (a > 0) THEN 1 WHEN (a < 0) THEN 2 ELSE 3 END",
            "int",
        ),
        (s.a.isin([1, 2]), "(a IN (1, 2))", "boolean"),
        (F.lit("it's"), "it's", "string"),
    ]
    for col, name, dtype in pairs:
        assert df.select(col).dtypes == [(name, dtype)], name


def test_struct_fields(spark):
    n = spark.createDataFrame(
        [((1, (2,)), [1, 2], {"k": 3})],
        "st struct<x:int,y:struct<z:int>>, arr array<int>, m map<string,int>",
    )
    assert n.select(
        n.st.x,
        n.st["y"]["z"],
        n.st.getField("x"),
        F.col("st.x"),
        "st.y.z",
        n.arr[0],
        n.arr.getItem(1),
        n.m["k"],
    ).columns == ["st.x", "st.y.z", "st.x", "x", "z", "arr[0]", "arr[1]", "m[k]"]
    row = n.select(n.st.x, "st.y.z", n.arr[0], n.arr[1], n.m["k"], n.m["zz"]).first()
    assert tuple(row) == (1, 2, 1, 2, 3, None)
    with pytest.raises(ArrayIndexOutOfBoundsException) as e:
        n.select(n.arr[5]).collect()
    assert e.value.getMessageParameters() == {"indexValue": "5", "arraySize": "2"}
    spark.conf.set("spark.sql.ansi.enabled", "false")
    assert n.select(n.arr[5], n.arr[-1]).first() == (None, None)


def test_with_field_and_drop_fields(spark):
    df = spark.createDataFrame([((1, 2),)], "st struct<x:int,y:int>")
    out = df.select(F.col("st").withField("z", F.lit(1)), F.col("st").dropFields("y"))
    assert out.dtypes == [
        ("update_fields(st, WithField(1))", "struct<x:int,y:int,z:int>"),
        ("update_fields(st, dropfield())", "struct<x:int>"),
    ]
    row = out.first()
    assert row[0] == T.Row(x=1, y=2, z=1) and row[1] == T.Row(x=1)


def test_arithmetic_values_and_types(spark):
    df = spark.createDataFrame([(7, 2, -7, 3)], "x int, y int, n int, t int")
    r = df.select(df.x / df.y, df.n % df.t, df.x % -3, F.lit(6) / F.lit(3)).first()
    assert tuple(r) == (3.5, -1, 1, 2.0)
    assert df.select(df.x / df.y).dtypes == [("(x / y)", "double")]


def test_string_coercion(spark):
    r = (
        spark.range(1)
        .select(
            (F.lit("1") + 1).alias("a"),
            (F.lit("2") > 10).alias("b"),
            (F.lit("1.5") == 1.5).alias("c"),
        )
        .first()
    )
    assert r == T.Row(a=2, b=False, c=True)


def test_ansi_errors_are_raised_by_actions(spark):
    from ember.errors import ArithmeticException, NumberFormatException

    df = spark.createDataFrame([(1, "x", 2147483647)], "id int, name string, big int")
    bad = df.select(F.col("id") / 0)
    with pytest.raises(ArithmeticException) as e:
        bad.collect()
    assert e.value.getCondition() == "DIVIDE_BY_ZERO"
    assert e.value.getSqlState() == "22012"
    assert str(e.value).startswith(
        "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead."
    )
    with pytest.raises(NumberFormatException) as e:
        df.select(F.col("name").cast("int")).collect()
    assert e.value.getCondition() == "CAST_INVALID_INPUT"
    assert e.value.getMessageParameters() == {
        "expression": "'x'",
        "sourceType": '"STRING"',
        "targetType": '"INT"',
        "ansiConfig": '"spark.sql.ansi.enabled"',
    }
    with pytest.raises(ArithmeticException) as e:
        df.select(F.col("big") + 1).collect()
    assert e.value.getCondition() == "ARITHMETIC_OVERFLOW"


def test_non_ansi_gives_null(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = spark.createDataFrame([(1, "x", 2147483647)], "id int, name string, big int")
    r = df.select(
        F.col("id") / 0, F.col("name").cast("int"), F.col("big") + 1, F.col("id") % 0
    ).first()
    assert tuple(r) == (None, None, -2147483648, None)


def test_bool_of_column_raises():
    with pytest.raises(PySparkValueError) as e:
        bool(F.col("a"))
    assert e.value.getCondition() == "CANNOT_CONVERT_COLUMN_INTO_BOOL"
    with pytest.raises(PySparkValueError) as e:
        bool(F.col("a") > 1)
    assert str(e.value) == (
        "[CANNOT_CONVERT_COLUMN_INTO_BOOL] Cannot convert column into bool (offending column: >(a, 1)): "
        "please use '&' for 'and', '|' for 'or', '~' for 'not' when building DataFrame boolean expressions."
    )
    with pytest.raises(PySparkValueError):
        if F.col("a") > 1 and F.col("b") < 2:
            pass


def test_type_mismatch_is_an_analysis_error(df):
    with pytest.raises(AnalysisException) as e:
        df.select(df.a + df.p)
    assert e.value.getCondition() == "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES"


def test_when_requires_a_column():
    with pytest.raises(PySparkTypeError) as e:
        F.when("a > 1", 1)
    assert e.value.getCondition() == "NOT_EXPECTED_TYPE"


def test_functions_not_yet_implemented_say_so():
    from ember.errors import PySparkNotImplementedError

    with pytest.raises(PySparkNotImplementedError) as e:
        F.counter_diff
    assert (
        str(e.value) == "[NOT_IMPLEMENTED] pyspark.sql.functions.counter_diff is not implemented."
    )
    with pytest.raises(AttributeError):
        F.no_such_function


def test_with_field_and_drop_fields_take_nested_paths(spark):
    from ember.sql import Row
    from ember.sql import functions as F

    df = spark.createDataFrame([Row(a=Row(b=1, c=2, d=3, e=Row(f=4, g=5, h=6)))])
    dropped = df.withColumn("a", F.col("a").dropFields("e.g", "e.h"))
    assert dropped.collect()[0].a == Row(b=1, c=2, d=3, e=Row(f=4))
    added = df.withColumn("a", F.col("a").withField("e.x", F.lit(9)))
    assert added.collect()[0].a.e == Row(f=4, g=5, h=6, x=9)
    replaced = df.withColumn("a", F.col("a").withField("e.f", F.lit("s")))
    assert replaced.schema["a"].dataType["e"].dataType.simpleString() == (
        "struct<f:string,g:bigint,h:bigint>"
    )
    assert df.select(F.col("a").dropFields("e.g")).columns == [
        "update_fields(a, WithField(update_fields(a.e, dropfield())))"
    ]
