"""Tests for ember.testing; every expected message was taken from PySpark 4.3
(pyspark.testing.utils) run on the same input. PySpark colours the differing
rows of a DIFFERENT_ROWS diff red whatever the terminal, hence the escapes.
"""

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from ember.errors import PySparkAssertionError, PySparkException, PySparkTypeError
from ember.sql.types import (
    ArrayType,
    CharType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    IntegerType,
    LongType,
    MapType,
    Row,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    VarcharType,
)
from ember.testing import assertDataFrameEqual, assertSchemaEqual

ROWS_ABC = [Row(_1=1, _2="A"), Row(_1=2, _2="B"), Row(_1=3, _2="C")]
ROWS_AXY = [Row(_1=1, _2="A"), Row(_1=2, _2="X"), Row(_1=3, _2="Y")]
ROWS_ABCD = ROWS_ABC + [Row(_1=4, _2="D")]


def fails(*args, **kwargs):
    with pytest.raises(PySparkAssertionError) as info:
        assertDataFrameEqual(*args, **kwargs)
    return info.value


def schema_fails(*args, **kwargs):
    with pytest.raises(PySparkAssertionError) as info:
        assertSchemaEqual(*args, **kwargs)
    assert info.value.getCondition() == "DIFFERENT_SCHEMA"
    return str(info.value)


# ---------------------------------------------------------------------------
# assertDataFrameEqual on lists of rows


def test_equal_lists_pass_and_return_none():
    assert assertDataFrameEqual([Row(a=1), Row(a=2)], [Row(a=1), Row(a=2)]) is None
    assert assertDataFrameEqual([], []) is None


def test_row_order_ignored_by_default():
    assertDataFrameEqual([Row(a=2), Row(a=10), Row(a=1)], [Row(a=1), Row(a=2), Row(a=10)])


def test_check_row_order():
    e = fails(
        [Row(a=2), Row(a=10), Row(a=1)],
        [Row(a=1), Row(a=2), Row(a=10)],
        checkRowOrder=True,
    )
    assert e.getCondition() == "DIFFERENT_ROWS"
    assert isinstance(e, AssertionError)
    assert e.data is None
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "  Row(a=2)\n"
        "  Row(a=10)\n"
        "\x1b[31m- Row(a=1)\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m+ Row(a=1)\x1b[0m\n"
        "  Row(a=2)\n"
        "  Row(a=10)"
    )


def test_float_within_default_tolerance():
    assertDataFrameEqual([Row(a=1, b=2.0)], [Row(a=1, b=2.0000001)])
    assertDataFrameEqual([Row(d=float("nan"))], [Row(d=float("nan"))])


def test_float_outside_tolerance():
    e = fails([Row(a=1, b=2.0)], [Row(a=1, b=2.1)])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(a=1, b=2.0)\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(a=1, b=2.1)\x1b[0m"
    )
    assert e.getMessageParameters() == {"error_msg": str(e)[len("[DIFFERENT_ROWS] ") :]}


def test_rtol_and_atol():
    actual = [Row(id=1, amount=1000.0), Row(id=2, amount=3000.0)]
    expected = [Row(id=1, amount=1001.0), Row(id=2, amount=3000.0)]
    fails(actual, expected)
    assertDataFrameEqual(actual, expected, rtol=1e-2)
    assertDataFrameEqual(actual, expected, rtol=0.0, atol=1.5)
    fails(actual, expected, rtol=0.0, atol=0.5)


def test_decimals_within_tolerance():
    assertDataFrameEqual([Row(d=Decimal("1.000000001"))], [Row(d=Decimal("1.0"))])
    e = fails([Row(d=Decimal("1.1"))], [Row(d=Decimal("1.0"))])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(d=Decimal('1.1'))\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(d=Decimal('1.0'))\x1b[0m"
    )


def test_int_against_float_is_exact():
    e = fails([Row(d=1)], [Row(d=1.0000001)])
    assert "! Row(d=1)" in str(e) and "! Row(d=1.0000001)" in str(e)


def test_nested_rows_lists_and_maps_use_tolerance():
    actual = [Row(a=Row(x=1.0, y=[1.0, 2.0]), m={"k": 1.0})]
    assertDataFrameEqual(actual, [Row(a=Row(x=1.000001, y=[1.0, 2.0000001]), m={"k": 1.0000001})])
    e = fails(actual, [Row(a=Row(x=1.0, y=[1.0, 2.5]), m={"k": 1.0})])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(a=Row(x=1.0, y=[1.0, 2.0]), m={'k': 1.0})\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(a=Row(x=1.0, y=[1.0, 2.5]), m={'k': 1.0})\x1b[0m"
    )


def test_nested_length_and_key_mismatches():
    e = fails([Row(y=[1.0, 2.0])], [Row(y=[1.0])])
    assert "! Row(y=[1.0, 2.0])" in str(e)
    e = fails([Row(m={"a": 1})], [Row(m={"b": 1})])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(m={'a': 1})\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(m={'b': 1})\x1b[0m"
    )


def test_nulls():
    assertDataFrameEqual([None], [None])
    e = fails([Row(d=None)], [Row(d=1.0)])
    assert "! Row(d=None)" in str(e)
    e = fails([None], [Row(d=1.0)])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! None\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(d=1.0)\x1b[0m"
    )


def test_rows_compared_by_position_like_pyspark():
    # PySpark compares row values pairwise: field names and extra fields are
    # not checked, and a plain tuple matches a Row with the same values.
    assertDataFrameEqual([Row(a=1)], [Row(b=1)])
    assertDataFrameEqual([Row(a=1)], [Row(a=1, b=2)])
    assertDataFrameEqual([(1, 2)], [Row(a=1, b=2)])


def test_max_errors():
    e = fails(ROWS_ABC, ROWS_AXY, maxErrors=1)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 33.33333 % )\n"
        "*** actual ***\n"
        "  Row(_1=1, _2='A')\n"
        "\x1b[31m! Row(_1=2, _2='B')\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "  Row(_1=1, _2='A')\n"
        "\x1b[31m! Row(_1=2, _2='X')\x1b[0m"
    )


def test_show_only_diff():
    e = fails(ROWS_ABC, ROWS_AXY, showOnlyDiff=True)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 66.66667 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(_1=2, _2='B')\x1b[0m\n"
        "\x1b[31m! Row(_1=3, _2='C')\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(_1=2, _2='X')\x1b[0m\n"
        "\x1b[31m! Row(_1=3, _2='Y')\x1b[0m"
    )


def test_include_diff_rows():
    e = fails(ROWS_ABC, ROWS_AXY, includeDiffRows=True)
    assert e.data == [
        (Row(_1=2, _2="B"), Row(_1=2, _2="X")),
        (Row(_1=3, _2="C"), Row(_1=3, _2="Y")),
    ]
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 66.66667 % )\n"
        "*** actual ***\n"
        "  Row(_1=1, _2='A')\n"
        "\x1b[31m! Row(_1=2, _2='B')\x1b[0m\n"
        "\x1b[31m! Row(_1=3, _2='C')\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "  Row(_1=1, _2='A')\n"
        "\x1b[31m! Row(_1=2, _2='X')\x1b[0m\n"
        "\x1b[31m! Row(_1=3, _2='Y')\x1b[0m"
    )


def test_missing_row_is_reported_alone():
    e = fails(ROWS_ABC, ROWS_ABCD)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 25.00000 % )\n"
        "*** actual ***\n"
        "\n\n"
        "*** expected ***\n"
        "  Row(_1=1, _2='A')\n"
        "  Row(_1=2, _2='B')\n"
        "  Row(_1=3, _2='C')\n"
        "\x1b[31m+ Row(_1=4, _2='D')\x1b[0m"
    )


def test_extra_row_with_diff_rows():
    e = fails(ROWS_ABCD, ROWS_ABC, includeDiffRows=True)
    assert e.data == [(Row(_1=4, _2="D"), None)]
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 25.00000 % )\n"
        "*** actual ***\n"
        "  Row(_1=1, _2='A')\n"
        "  Row(_1=2, _2='B')\n"
        "  Row(_1=3, _2='C')\n"
        "\x1b[31m- Row(_1=4, _2='D')\x1b[0m\n"
        "\n\n"
        "*** expected ***"
    )


def test_missing_row_with_check_row_order():
    e = fails(ROWS_ABC, ROWS_ABCD, checkRowOrder=True)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 25.00000 % )\n"
        "*** actual ***\n"
        "  Row(_1=1, _2='A')\n"
        "  Row(_1=2, _2='B')\n"
        "  Row(_1=3, _2='C')\n"
        "\x1b[31m! None\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "  Row(_1=1, _2='A')\n"
        "  Row(_1=2, _2='B')\n"
        "  Row(_1=3, _2='C')\n"
        "\x1b[31m! Row(_1=4, _2='D')\x1b[0m"
    )


def test_different_counts_with_tolerance_and_limits():
    e = fails([Row(a=1.0), Row(a=2.0)], [Row(a=1.0000001), Row(a=2.0), Row(a=3.0)])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 33.33333 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(a=1.0)\x1b[0m\n"
        "  Row(a=2.0)\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(a=1.0000001)\x1b[0m\n"
        "  Row(a=2.0)\n"
        "\x1b[31m+ Row(a=3.0)\x1b[0m"
    )
    e = fails([Row(a=5), Row(a=6)], [Row(a=1), Row(a=2), Row(a=3)], maxErrors=2)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 66.66667 % )\n"
        "*** actual ***\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m+ Row(a=1)\x1b[0m\n"
        "\x1b[31m+ Row(a=2)\x1b[0m"
    )
    e = fails(
        [Row(a=1), Row(a=5)],
        [Row(a=1), Row(a=2), Row(a=3)],
        showOnlyDiff=True,
        includeDiffRows=True,
    )
    assert e.data == [(None, Row(a=2)), (None, Row(a=3)), (Row(a=5), None)]
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(a=5)\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(a=2)\x1b[0m\n"
        "\x1b[31m! Row(a=3)\x1b[0m"
    )


def test_same_text_rows_beyond_tolerance():
    # PySpark counts this pair and the missing row: 3 differences out of 2.
    e = fails([Row(a=1.0)], [Row(a=1.0000000000000002), Row(a=2.0)], rtol=0, atol=0)
    assert str(e).startswith("[DIFFERENT_ROWS] Results do not match: ( 150.00000 % )\n")


def test_empty_against_rows():
    e = fails([], [Row(a=1)])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m+ Row(a=1)\x1b[0m"
    )


def test_invalid_arguments():
    assert assertDataFrameEqual(None, None) is True
    e = fails(None, [Row(a=1)])
    assert e.getCondition() == "INVALID_TYPE_DF_EQUALITY_ARG"
    assert e.getMessageParameters() == {
        "expected_type": "Union[DataFrame, ps.DataFrame, List[Row]]",
        "arg_name": "actual",
        "actual_type": None,
    }
    assert str(e) == (
        "[INVALID_TYPE_DF_EQUALITY_ARG] Expected type Union[DataFrame, ps.DataFrame, "
        "List[Row]] for `actual` but got type None."
    )
    e = fails([Row(a=1)], None)
    assert str(e) == (
        "[INVALID_TYPE_DF_EQUALITY_ARG] Expected type Union[DataFrame, ps.DataFrame, "
        "List[Row]] for `expected` but got type None."
    )
    e = fails(1, [Row(a=1)])
    assert e.getMessageParameters()["actual_type"] is int
    assert str(e) == (
        "[INVALID_TYPE_DF_EQUALITY_ARG] Expected type Union[DataFrame, ps.DataFrame, "
        "List[Row]] for `actual` but got type <class 'int'>."
    )
    e = fails([Row(a=1)], "x")
    assert str(e) == (
        "[INVALID_TYPE_DF_EQUALITY_ARG] Expected type Union[DataFrame, ps.DataFrame, "
        "List[Row]] for `expected` but got type <class 'str'>."
    )


def test_column_options_need_dataframes():
    with pytest.raises(AttributeError, match="'list' object has no attribute 'select'"):
        assertDataFrameEqual([Row(a=1)], [Row(a=1)], ignoreColumnOrder=True)


# ---------------------------------------------------------------------------
# assertSchemaEqual


def S(*fields):
    return StructType(list(fields))


def test_schema_equal_and_nullable():
    s1 = S(StructField("names", ArrayType(DoubleType(), True), True))
    s3 = S(StructField("names", ArrayType(DoubleType(), False), False))
    assert assertSchemaEqual(s1, s1) is None
    assertSchemaEqual(s1, s3)
    assert schema_fails(s1, s3, ignoreNullable=False) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('names', ArrayType(DoubleType(), True), True)])\n"
        "?                                                          ^^^    ^^^\n"
        "\n"
        "+ StructType([StructField('names', ArrayType(DoubleType(), False), False)])\n"
        "?                                                          ^^^^    ^^^^\n"
    )


def test_schema_types_and_names_differ():
    s1 = S(StructField("id", LongType()), StructField("number", LongType()))
    s2 = S(StructField("id", StringType()), StructField("amount", LongType()))
    assert schema_fails(s1, s2) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('id', LongType(), True), StructField('number', LongType(), True)])\n"
        "?                               ^^                               ^^^^^\n"
        "\n"
        "+ StructType([StructField('id', StringType(), True), StructField('amount', LongType(), True)])\n"
        "?                               ^^^^                              ++++ ^\n"
    )


def test_schema_column_order_and_names():
    a = S(StructField("a", IntegerType()), StructField("b", DoubleType()))
    b = S(StructField("b", DoubleType()), StructField("a", IntegerType()))
    c = S(StructField("x", IntegerType()), StructField("y", DoubleType()))
    assert schema_fails(a, b) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('a', IntegerType(), True), StructField('b', DoubleType(), True)])\n"
        "+ StructType([StructField('b', DoubleType(), True), StructField('a', IntegerType(), True)])"
    )
    assertSchemaEqual(a, b, ignoreColumnOrder=True)
    assertSchemaEqual(a, c, ignoreColumnName=True)
    assert schema_fails(a, b, ignoreColumnName=True) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('0', IntegerType(), True), StructField('1', DoubleType(), True)])\n"
        "?                              ^^^ ---                                ^^^^^\n"
        "\n"
        "+ StructType([StructField('0', DoubleType(), True), StructField('1', IntegerType(), True)])\n"
        "?                              ^^^^^                                 ^^^ +++\n"
    )


def test_schema_nested_types():
    assertSchemaEqual(
        S(StructField("m", MapType(StringType(), LongType(), True))),
        S(StructField("m", MapType(StringType(), LongType(), False))),
    )
    assertSchemaEqual(
        S(StructField("s", S(StructField("x", LongType(), True)))),
        S(StructField("s", S(StructField("x", LongType(), False)))),
    )
    assertSchemaEqual(
        S(StructField("a", ArrayType(S(StructField("q", LongType(), False))))),
        S(StructField("a", ArrayType(S(StructField("q", LongType(), True)), False))),
    )
    assert schema_fails(
        S(StructField("m", MapType(StringType(), LongType()))),
        S(StructField("m", MapType(StringType(), IntegerType()))),
    ) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('m', MapType(StringType(), LongType(), True), True)])\n"
        "?                                                    ^^\n"
        "\n"
        "+ StructType([StructField('m', MapType(StringType(), IntegerType(), True), True)])\n"
        "?                                                    ^ ++ ++\n"
    )
    assert schema_fails(
        S(StructField("s", S(StructField("x", LongType())))),
        S(StructField("s", S(StructField("y", LongType())))),
    ) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('s', StructType([StructField('x', LongType(), True)]), True)])\n"
        "?                                                       ^\n"
        "\n"
        "+ StructType([StructField('s', StructType([StructField('y', LongType(), True)]), True)])\n"
        "?                                                       ^\n"
    )


def test_schema_decimal_and_type_parameters():
    assert schema_fails(
        S(StructField("d", DecimalType(10, 2))), S(StructField("d", DecimalType(10, 3)))
    ) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('d', DecimalType(10,2), True)])\n"
        "?                                             ^\n"
        "\n"
        "+ StructType([StructField('d', DecimalType(10,3), True)])\n"
        "?                                             ^\n"
    )
    # Like PySpark, other type parameters are not compared by default.
    assertSchemaEqual(S(StructField("a", VarcharType(3))), S(StructField("a", VarcharType(4))))
    assertSchemaEqual(S(StructField("a", StringType("UNICODE"))), S(StructField("a", StringType())))
    assertSchemaEqual(
        S(StructField("a", DayTimeIntervalType(0, 1))),
        S(StructField("a", DayTimeIntervalType(0, 3))),
    )
    assert schema_fails(S(StructField("a", CharType(3))), S(StructField("a", StringType()))) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('a', CharType(3), True)])\n"
        "?                              ^^^      -\n"
        "\n"
        "+ StructType([StructField('a', StringType(), True)])\n"
        "?                              ^^ +++\n"
    )
    assert schema_fails(
        S(StructField("a", TimestampType())), S(StructField("a", TimestampNTZType()))
    ) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('a', TimestampType(), True)])\n"
        "+ StructType([StructField('a', TimestampNTZType(), True)])\n"
        "?                                       +++\n"
    )


def test_schema_length_and_metadata():
    assert schema_fails(
        S(StructField("a", LongType())),
        S(StructField("a", LongType()), StructField("b", LongType())),
    ) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('a', LongType(), True)])\n"
        "+ StructType([StructField('a', LongType(), True), StructField('b', LongType(), True)])"
    )
    with_meta = S(StructField("a", LongType(), True, {"k": 1}))
    assertSchemaEqual(with_meta, S(StructField("a", LongType())))
    assert schema_fails(with_meta, S(StructField("a", LongType())), ignoreNullable=False) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "  StructType([StructField('a', LongType(), True)])"
    )
    assertSchemaEqual(StructType([]), StructType([]))


def test_schema_arguments_must_be_struct_types():
    schema = S(StructField("a", LongType()))
    with pytest.raises(PySparkTypeError) as info:
        assertSchemaEqual([1], schema)
    assert info.value.getCondition() == "NOT_EXPECTED_TYPE"
    assert str(info.value) == (
        "[NOT_EXPECTED_TYPE] Argument `actual` should be struct type, got list."
    )
    with pytest.raises(PySparkTypeError) as info:
        assertSchemaEqual(schema, {})
    assert info.value.getMessageParameters() == {
        "arg_name": "expected",
        "expected_type": "struct type",
        "arg_type": "dict",
    }
    assert str(info.value) == (
        "[NOT_EXPECTED_TYPE] Argument `expected` should be struct type, got dict."
    )


# ---------------------------------------------------------------------------
# assertDataFrameEqual on DataFrames (the `spark` fixture comes from the plugin)


def test_dataframes_row_order(spark):
    df1 = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "v"])
    df2 = spark.createDataFrame([(2, "b"), (1, "a")], ["id", "v"])
    assertDataFrameEqual(df1, df2)
    assertDataFrameEqual(df1, df1, checkRowOrder=True)
    e = fails(df1, df2, checkRowOrder=True)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "  Row(id=1, v='a')\n"
        "\x1b[31m- Row(id=2, v='b')\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m+ Row(id=2, v='b')\x1b[0m\n"
        "  Row(id=1, v='a')"
    )


def test_dataframes_float_tolerance(spark):
    f1 = spark.createDataFrame([(1, 1000.0), (2, 3000.0)], ["id", "amount"])
    f2 = spark.createDataFrame([(1, 1000.00001), (2, 3000.0)], ["id", "amount"])
    f3 = spark.createDataFrame([(1, 1001.0), (2, 3000.0)], ["id", "amount"])
    assertDataFrameEqual(f1, f2)
    assertDataFrameEqual(f1, f3, rtol=1e-2)
    assertDataFrameEqual(f1, f3, rtol=0.0, atol=1.5)
    e = fails(f1, f3)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 50.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(id=1, amount=1000.0)\x1b[0m\n"
        "  Row(id=2, amount=3000.0)\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(id=1, amount=1001.0)\x1b[0m\n"
        "  Row(id=2, amount=3000.0)"
    )


def test_dataframes_include_diff_rows(spark):
    df1 = spark.createDataFrame(
        [("1", 1000.00), ("2", 3000.00), ("3", 2000.00)], schema=["id", "amount"]
    )
    df2 = spark.createDataFrame(
        [("1", 1001.00), ("2", 3000.00), ("3", 2003.00)], schema=["id", "amount"]
    )
    e = fails(df1, df2, includeDiffRows=True)
    assert e.data == [
        (Row(id="1", amount=1000.0), Row(id="1", amount=1001.0)),
        (Row(id="3", amount=2000.0), Row(id="3", amount=2003.0)),
    ]
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 66.66667 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(id='1', amount=1000.0)\x1b[0m\n"
        "  Row(id='2', amount=3000.0)\n"
        "\x1b[31m! Row(id='3', amount=2000.0)\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(id='1', amount=1001.0)\x1b[0m\n"
        "  Row(id='2', amount=3000.0)\n"
        "\x1b[31m! Row(id='3', amount=2003.0)\x1b[0m"
    )


def test_dataframes_nested_values(spark):
    ddl = "id int, arr array<double>, m map<string,double>, s struct<f:double,g:string>"
    nest1 = spark.createDataFrame([(1, [1.0, 2.0], {"a": 1.0}, (1.0, "x"))], ddl)
    nest2 = spark.createDataFrame([(1, [1.0, 2.000001], {"a": 1.0000001}, (1.0000001, "x"))], ddl)
    nest3 = spark.createDataFrame([(1, [1.0, 2.5], {"a": 1.0}, (1.0, "y"))], ddl)
    assertDataFrameEqual(nest1, nest2)
    e = fails(nest1, nest3)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(id=1, arr=[1.0, 2.0], m={'a': 1.0}, s=Row(f=1.0, g='x'))\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(id=1, arr=[1.0, 2.5], m={'a': 1.0}, s=Row(f=1.0, g='y'))\x1b[0m"
    )


def test_dataframes_schema_mismatch(spark):
    s1 = spark.createDataFrame([(1, 1000)], ["id", "number"])
    s2 = spark.createDataFrame([("1", 1000)], ["id", "amount"])
    e = fails(s1, s2)
    assert e.getCondition() == "DIFFERENT_SCHEMA"
    assert str(e) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('id', LongType(), True), StructField('number', LongType(), True)])\n"
        "?                               ^^                               ^^^^^\n"
        "\n"
        "+ StructType([StructField('id', StringType(), True), StructField('amount', LongType(), True)])\n"
        "?                               ^^^^                              ++++ ^\n"
    )
    with pytest.raises(PySparkTypeError) as info:
        assertSchemaEqual(s1, s2.schema)
    assert str(info.value) == (
        "[NOT_EXPECTED_TYPE] Argument `actual` should be struct type, got DataFrame."
    )


def test_dataframes_nullable(spark):
    n1 = spark.createDataFrame([(1,)], S(StructField("a", IntegerType(), True)))
    n2 = spark.createDataFrame([(1,)], S(StructField("a", IntegerType(), False)))
    assertDataFrameEqual(n1, n2)
    e = fails(n1, n2, ignoreNullable=False)
    assert str(e) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('a', IntegerType(), True)])\n"
        "?                                             ^^^\n"
        "\n"
        "+ StructType([StructField('a', IntegerType(), False)])\n"
        "?                                             ^^^^\n"
    )


def test_dataframes_ignore_column_order_name_type(spark):
    df1 = spark.createDataFrame([(1000, "1"), (5000, "2")], ["amount", "id"])
    df2 = spark.createDataFrame([("1", 1000), ("2", 5000)], ["id", "amount"])
    assertDataFrameEqual(df1, df2, ignoreColumnOrder=True)
    e = fails(df1, df2)
    assert str(e) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('amount', LongType(), True), StructField('id', StringType(), True)])\n"
        "?                          ^^^^^^   ^^                              ^^   ^^^^\n"
        "\n"
        "+ StructType([StructField('id', StringType(), True), StructField('amount', LongType(), True)])\n"
        "?                          ^^   ^^^^                              ^^^^^^   ^^\n"
    )

    df3 = spark.createDataFrame([(1000, "1"), (5000, "2")], ["amount", "identity"])
    assertDataFrameEqual(df1, df3, ignoreColumnName=True)
    e = fails(df1, df3)
    assert str(e) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('amount', LongType(), True), StructField('id', StringType(), True)])\n"
        "+ StructType([StructField('amount', LongType(), True), StructField('identity', StringType(), True)])\n"
        "?                                                                     ++++++\n"
    )

    df4 = spark.createDataFrame([(1000.0, "1"), (5000.0, "2")], ["amount", "id"])
    assertDataFrameEqual(df1, df4, ignoreColumnType=True)
    df5 = spark.createDataFrame([(1000.5, "1"), (5000.0, "2")], ["amount", "id"])
    e = fails(df1, df5, ignoreColumnType=True)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 50.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(amount='1000', id='1')\x1b[0m\n"
        "  Row(amount='5000', id='2')\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(amount='1000.5', id='1')\x1b[0m\n"
        "  Row(amount='5000', id='2')"
    )

    x1 = spark.createDataFrame([(1, 2)], ["b", "a"])
    x2 = spark.createDataFrame([(2.0, 1)], ["a", "b"])
    assertDataFrameEqual(x1, x2, ignoreColumnOrder=True, ignoreColumnType=True)
    e = fails(x1, x2, ignoreColumnOrder=True)
    assert str(e) == (
        "[DIFFERENT_SCHEMA] Schemas do not match.\n"
        "--- actual\n"
        "+++ expected\n"
        "- StructType([StructField('a', LongType(), True), StructField('b', LongType(), True)])\n"
        "?                              ^ ^^\n"
        "\n"
        "+ StructType([StructField('a', DoubleType(), True), StructField('b', LongType(), True)])\n"
        "?                              ^ ^^^^\n"
    )


def test_dataframe_against_list_of_rows(spark):
    df = spark.createDataFrame([(1, "A"), (2, "B"), (3, "C")])
    assertDataFrameEqual(df, [Row(_1=3, _2="C"), Row(_1=1, _2="A"), Row(_1=2, _2="B")])
    # No schema check against a list: only the row values count.
    e = fails(spark.createDataFrame([(1,)], "a int"), [Row(b="1")])
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 100.00000 % )\n"
        "*** actual ***\n"
        "\x1b[31m! Row(a=1)\x1b[0m\n"
        "\n\n"
        "*** expected ***\n"
        "\x1b[31m! Row(b='1')\x1b[0m"
    )
    ids = spark.createDataFrame(
        [("1", 1000.0), ("2", 3000.0), ("3", 2000.0)], schema=["id", "amount"]
    )
    e = fails([Row(id="1", amount=1000.0)], ids)
    assert str(e) == (
        "[DIFFERENT_ROWS] Results do not match: ( 66.66667 % )\n"
        "*** actual ***\n"
        "\n\n"
        "*** expected ***\n"
        "  Row(id='1', amount=1000.0)\n"
        "\x1b[31m+ Row(id='2', amount=3000.0)\x1b[0m\n"
        "\x1b[31m+ Row(id='3', amount=2000.0)\x1b[0m"
    )


def test_invalid_argument_beside_dataframe(spark):
    df = spark.createDataFrame([(1,)], ["a"])
    e = fails(df, 1.5)
    assert str(e) == (
        "[INVALID_TYPE_DF_EQUALITY_ARG] Expected type Union[DataFrame, ps.DataFrame, "
        "List[Row]] for `expected` but got type <class 'float'>."
    )


# ---------------------------------------------------------------------------
# pandas DataFrames (pandas is optional)


def test_pandas_dataframes():
    pd = pytest.importorskip("pandas")
    left = pd.DataFrame({"a": [1, 2], "b": [1.0, None]})
    assertDataFrameEqual(left, pd.DataFrame({"a": [1, 2], "b": [1.000001, None]}))
    right = pd.DataFrame({"a": [1, 2], "b": [1.5, None]})
    e = fails(left, right)
    assert e.getCondition() == "DIFFERENT_PANDAS_DATAFRAME"
    assert str(e) == (
        "[DIFFERENT_PANDAS_DATAFRAME] DataFrames are not almost equal:\n"
        f"Left:\n{left.to_string()}\n{left.dtypes}\n"
        f"Right:\n{right.to_string()}\n{right.dtypes}"
    )
    # Row order counts for pandas, as in PySpark.
    fails(left, left.iloc[::-1].reset_index(drop=True))
    assertDataFrameEqual(left, pd.DataFrame({"a": [1, 2], "b": [1.5, None]}), atol=0.6)


def test_pandas_against_other_types():
    pd = pytest.importorskip("pandas")
    e = fails(pd.DataFrame({"a": [1]}), [Row(a=1)])
    assert str(e) == (
        "[INVALID_TYPE_DF_EQUALITY_ARG] Expected type DataFrame, Series, Index,  for `right` "
        "but got type <class 'list'>."
    )


# ---------------------------------------------------------------------------
# the pytest plugin


def test_plugin_fixture_gives_a_local_session(spark):
    from ember.sql import SparkSession

    assert isinstance(spark, SparkSession)
    assert spark.range(3).count() == 3


def _run_pytest(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)]
    entry_points = importlib.metadata.entry_points()
    if hasattr(entry_points, "select"):
        plugins = entry_points.select(group="pytest11")
    else:  # Python 3.9
        plugins = entry_points.get("pytest11", [])
    if not any(ep.value == "ember.testing.pytest_plugin" for ep in plugins):
        args[4:4] = ["-p", "ember.testing.pytest_plugin"]  # ember not installed
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)


def test_plugin_runs_a_pyspark_style_suite(tmp_path):
    result = _run_pytest(
        tmp_path,
        {
            "test_suite.py": """
            def test_app_name(spark):
                assert type(spark).__module__.startswith("ember.")
                assert spark.conf.get("spark.app.name") == "pytest"

            def test_same_session(spark):
                assert spark.range(2).count() == 2
            """
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_suite_conftest_overrides_plugin_fixture(tmp_path):
    result = _run_pytest(
        tmp_path,
        {
            "conftest.py": """
            import pytest

            @pytest.fixture(scope="session")
            def spark():
                return "the suite's own session"
            """,
            "test_suite.py": """
            def test_own_fixture(spark):
                assert spark == "the suite's own session"
            """,
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_plugin_import_is_light():
    code = (
        "import sys, ember.testing.pytest_plugin as p; "
        "assert callable(p.spark); "
        "print(sorted(m for m in sys.modules if m.startswith(('ember.sql', 'pandas'))))"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_exception_classes():
    assert issubclass(PySparkAssertionError, PySparkException)
    assert issubclass(PySparkAssertionError, AssertionError)
