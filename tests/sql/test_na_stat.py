"""Missing data (fillna, dropna, replace, df.na) and statistics (describe,
summary, corr, cov, crosstab, freqItems, approxQuantile, df.stat, unpivot).

Expected values are PySpark 4.3's, taken from a real run.
"""

import math
from decimal import Decimal as D

import pytest
from ember.errors import (
    AnalysisException,
    IllegalArgumentException,
    PySparkTypeError,
    PySparkValueError,
    SparkRuntimeException,
)
from ember.sql import Row
from ember.sql import functions as F

NAN = "NaN"


def rows(df):
    """The rows as tuples (NaN as "NaN"), sorted, as the row order is not Spark's to fix."""
    out = [
        tuple(NAN if isinstance(v, float) and math.isnan(v) else v for v in r) for r in df.collect()
    ]
    return sorted(out, key=str)


@pytest.fixture
def df(spark):
    return spark.createDataFrame(
        [
            (1, 10, 1.5, "x", D("1.10"), True),
            (2, None, None, "y", None, None),
            (None, 30, float("nan"), None, D("3.30"), False),
            (4, 40, None, "x", D("4.40"), None),
            (None, None, None, None, None, None),
        ],
        "i int, l bigint, d double, s string, m decimal(10,2), b boolean",
    )


@pytest.fixture
def nums(spark):
    return spark.createDataFrame(
        [
            (1, 2.0, "a", D("1.5"), True),
            (2, 4.0, "b", D("2.5"), False),
            (3, 6.0, "b", None, None),
            (4, None, "c", D("3.5"), True),
        ],
        "x int, y double, g string, m decimal(4,1), t boolean",
    )


# ---- fillna ----------------------------------------------------------------


def test_fillna_number_fills_numeric_columns_cast_to_their_type(df):
    assert rows(df.fillna(0)) == [
        (0, 0, 0.0, None, D("0.00"), None),
        (0, 30, 0.0, None, D("3.30"), False),
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, 0, 0.0, "y", D("0.00"), None),
        (4, 40, 0.0, "x", D("4.40"), None),
    ]
    assert df.fillna(0).dtypes == df.dtypes
    assert rows(df.na.fill(2.5)) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, 2, 2.5, "y", D("2.50"), None),
        (2, 2, 2.5, None, D("2.50"), None),
        (2, 30, 2.5, None, D("3.30"), False),
        (4, 40, 2.5, "x", D("4.40"), None),
    ]


def test_fillna_string_and_bool_fill_only_their_type(df):
    assert rows(df.fillna("z")) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, None, None, "y", None, None),
        (4, 40, None, "x", D("4.40"), None),
        (None, 30, NAN, "z", D("3.30"), False),
        (None, None, None, "z", None, None),
    ]
    assert rows(df.fillna(True)) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, None, None, "y", None, True),
        (4, 40, None, "x", D("4.40"), True),
        (None, 30, NAN, None, D("3.30"), False),
        (None, None, None, None, None, True),
    ]


def test_fillna_dict_casts_each_value_to_its_column(df):
    out = df.fillna({"i": -1, "d": 0.5, "s": "q", "m": 9, "b": False})
    assert rows(out) == [
        (-1, 30, 0.5, "q", D("3.30"), False),
        (-1, None, 0.5, "q", D("9.00"), False),
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, None, 0.5, "y", D("9.00"), False),
        (4, 40, 0.5, "x", D("4.40"), False),
    ]
    assert rows(df.fillna({"s": 1, "i": True, "d": "7"})) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (1, 30, 7.0, "1", D("3.30"), False),
        (1, None, 7.0, "1", None, None),
        (2, None, 7.0, "y", None, None),
        (4, 40, 7.0, "x", D("4.40"), None),
    ]


def test_fillna_subset(df):
    assert rows(df.fillna(7, subset=["l", "s"])) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, 7, None, "y", None, None),
        (4, 40, None, "x", D("4.40"), None),
        (None, 30, NAN, None, D("3.30"), False),
        (None, 7, None, None, None, None),
    ]
    assert rows(df.na.fill("z", "s")) == rows(df.fillna("z"))
    assert rows(df.fillna(0, subset="I")) == [
        (0, 30, NAN, None, D("3.30"), False),
        (0, None, None, None, None, None),
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, None, None, "y", None, None),
        (4, 40, None, "x", D("4.40"), None),
    ]


def test_fillna_errors(df):
    with pytest.raises(PySparkTypeError) as e:
        df.fillna([1, 2])
    assert e.value.getCondition() == "NOT_EXPECTED_TYPE"
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `value` should be bool, dict, float, int or str, got list."
    )
    with pytest.raises(PySparkTypeError) as e:
        df.fillna(1, subset=5)
    assert str(e.value) == "[NOT_EXPECTED_TYPE] Argument `subset` should be list or tuple, got int."
    with pytest.raises(AnalysisException) as e:
        df.fillna({"nope": 1})
    assert e.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    assert str(e.value) == (
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name "
        "`nope` cannot be resolved. Did you mean one of the following? "
        "[`i`, `l`, `d`, `s`, `m`, `b`]. SQLSTATE: 42703"
    )
    with pytest.raises(IllegalArgumentException) as e:
        df.fillna({"i": [1]})
    assert str(e.value) == "Unsupported value type java.util.ArrayList ([1])."


# ---- dropna ------------------------------------------------------------------


def test_dropna_how_and_thresh(df):
    full = (1, 10, 1.5, "x", D("1.10"), True)
    assert rows(df.dropna()) == [full]
    assert rows(df.dropna(how="all")) == [
        full,
        (2, None, None, "y", None, None),
        (4, 40, None, "x", D("4.40"), None),
        (None, 30, NAN, None, D("3.30"), False),
    ]
    # NaN counts as missing: the NaN row has only 3 values.
    assert rows(df.na.drop(thresh=4)) == [full, (4, 40, None, "x", D("4.40"), None)]
    assert df.dropna(thresh=0).count() == 5


def test_dropna_subset(df):
    assert rows(df.dropna(subset=["i", "s"])) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (2, None, None, "y", None, None),
        (4, 40, None, "x", D("4.40"), None),
    ]
    assert rows(df.dropna(subset="d")) == [(1, 10, 1.5, "x", D("1.10"), True)]
    assert rows(df.dropna(how="all", subset=("d", "m"))) == [
        (1, 10, 1.5, "x", D("1.10"), True),
        (4, 40, None, "x", D("4.40"), None),
        (None, 30, NAN, None, D("3.30"), False),
    ]


def test_dropna_errors(df):
    with pytest.raises(PySparkValueError) as e:
        df.dropna(how="some")
    assert e.value.getCondition() == "VALUE_NOT_ALLOWED"
    assert str(e.value) == (
        "[VALUE_NOT_ALLOWED] Value for `how` has to be amongst the following values: ['any', 'all']."
    )
    with pytest.raises(PySparkTypeError) as e:
        df.dropna(subset=5)
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `subset` should be list, str or tuple, got int."
    )
    with pytest.raises(AnalysisException) as e:
        df.dropna(subset=["nope"])
    assert e.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"


# ---- replace -----------------------------------------------------------------


def test_replace_numbers_apply_to_numeric_columns(df):
    assert rows(df.replace(10, 11))[0] == (1, 11, 1.5, "x", D("1.10"), True)
    assert rows(df.na.replace([1, 4], [100, 400])) == [
        (100, 10, 1.5, "x", D("1.10"), True),
        (2, None, None, "y", None, None),
        (400, 40, None, "x", D("4.40"), None),
        (None, 30, NAN, None, D("3.30"), False),
        (None, None, None, None, None, None),
    ]
    assert rows(df.replace(1, 2.7))[0] == (2, 10, 1.5, "x", D("1.10"), True)
    assert rows(df.replace(1.1, 5))[0] == (1, 10, 1.5, "x", D("5.00"), True)
    assert rows(df.replace(float("nan"), 0.0))[3] == (None, 30, 0.0, None, D("3.30"), False)
    assert rows(df.replace(1.5, 9.0, subset=["d"]))[0] == (1, 10, 9.0, "x", D("1.10"), True)
    assert [r[0] for r in rows(df.replace([1, 4], 7, subset="i"))] == [2, 7, 7, None, None]


def test_replace_strings_bools_and_none(df):
    assert [r.s for r in df.replace("x", "xx").collect()] == ["xx", "y", None, "xx", None]
    assert [r.s for r in df.replace({"x": "X", "y": None}).collect()] == [
        "X",
        None,
        None,
        "X",
        None,
    ]
    assert [r.b for r in df.replace(True, False).collect()] == [False, None, False, None, None]
    assert rows(df.replace({})) == rows(df)


def test_replace_errors(df):
    with pytest.raises(PySparkValueError) as e:
        df.replace([1, 2], [3])
    assert str(e.value) == (
        "[LENGTH_SHOULD_BE_THE_SAME] to_replace and value should be of the same length, "
        "got 2 and 1."
    )
    with pytest.raises(PySparkTypeError) as e:
        df.replace(1)
    assert str(e.value) == (
        "[ARGUMENT_REQUIRED] Argument `value` is required when `to_replace` is dict."
    )
    with pytest.raises(PySparkValueError) as e:
        df.replace([1, "a"], [2, "b"])
    assert e.value.getCondition() == "MIXED_TYPE_REPLACEMENT"
    with pytest.raises(PySparkTypeError) as e:
        df.replace({1}, 2)
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `to_replace` should be bool, dict, float, int, str or "
        "tuple, got set."
    )
    with pytest.raises(PySparkTypeError) as e:
        df.replace(1, {})
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `value` should be bool, float, int, list, None, str or "
        "tuple, got dict."
    )
    with pytest.raises(PySparkTypeError) as e:
        df.replace(1, 2, subset=5)
    assert e.value.getCondition() == "NOT_EXPECTED_TYPE"
    with pytest.raises(IllegalArgumentException) as e:
        df.replace({True: 1})
    assert str(e.value) == "Unsupported value type java.lang.Boolean (true)."
    with pytest.raises(AnalysisException) as e:
        df.replace(1, 2, subset=["nope"])
    assert e.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"


# ---- describe / summary --------------------------------------------------------


def test_describe(capsys, nums):
    out = nums.describe()
    assert out.dtypes == [(c, "string") for c in ["summary", "x", "y", "g", "m"]]
    assert out.collect() == [
        Row(summary="count", x="4", y="3", g="4", m="3"),
        Row(summary="mean", x="2.5", y="4.0", g=None, m="2.50000"),
        Row(summary="stddev", x="1.2909944487358056", y="2.0", g=None, m="1.0"),
        Row(summary="min", x="1", y="2.0", g="a", m="1.5"),
        Row(summary="max", x="4", y="6.0", g="c", m="3.5"),
    ]
    out.show()
    assert capsys.readouterr().out == (
        "+-------+------------------+---+----+-------+\n"
        "|summary|                 x|  y|   g|      m|\n"
        "+-------+------------------+---+----+-------+\n"
        "|  count|                 4|  3|   4|      3|\n"
        "|   mean|               2.5|4.0|NULL|2.50000|\n"
        "| stddev|1.2909944487358056|2.0|NULL|    1.0|\n"
        "|    min|                 1|2.0|   a|    1.5|\n"
        "|    max|                 4|6.0|   c|    3.5|\n"
        "+-------+------------------+---+----+-------+\n\n"
    )


def test_describe_columns(nums):
    assert nums.describe("y").collect() == [
        Row(summary="count", y="3"),
        Row(summary="mean", y="4.0"),
        Row(summary="stddev", y="2.0"),
        Row(summary="min", y="2.0"),
        Row(summary="max", y="6.0"),
    ]
    assert nums.describe(["x", "g"]).columns == ["summary", "x", "g"]
    assert nums.select("t").describe().collect() == [
        Row(summary=s) for s in ["count", "mean", "stddev", "min", "max"]
    ]
    with pytest.raises(AnalysisException) as e:
        nums.describe("nope")
    assert e.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"


def test_summary(nums):
    assert [tuple(r) for r in nums.summary().collect()] == [
        ("count", "4", "3", "4", "3"),
        ("mean", "2.5", "4.0", None, "2.50000"),
        ("stddev", "1.2909944487358056", "2.0", None, "1.0"),
        ("min", "1", "2.0", "a", "1.5"),
        ("25%", "1", "2.0", None, "1.5"),
        ("50%", "2", "4.0", None, "2.5"),
        ("75%", "3", "6.0", None, "3.5"),
        ("max", "4", "6.0", "c", "3.5"),
    ]
    assert [tuple(r) for r in nums.summary("count", "min", "25%", "max").collect()] == [
        ("count", "4", "3", "4", "3"),
        ("min", "1", "2.0", "a", "1.5"),
        ("25%", "1", "2.0", None, "1.5"),
        ("max", "4", "6.0", "c", "3.5"),
    ]
    stats = ["MEAN", "count_distinct", "approx_count_distinct", "0%", "100%"]
    assert [tuple(r) for r in nums.summary(stats).collect()] == [
        ("MEAN", "2.5", "4.0", None, "2.50000"),
        ("count_distinct", "4", "3", "3", "3"),
        ("approx_count_distinct", "4", "3", "3", "3"),
        ("0%", "1", "2.0", None, "1.5"),
        ("100%", "4", "6.0", None, "3.5"),
    ]


def test_summary_of_numeric_strings(spark):
    s = spark.createDataFrame([("1",), ("2",), ("x",)], "s string")
    assert [tuple(r) for r in s.summary().collect()] == [
        ("count", "3"),
        ("mean", "1.5"),
        ("stddev", "0.7071067811865476"),
        ("min", "1"),
        ("25%", "1.0"),
        ("50%", "1.0"),
        ("75%", "2.0"),
        ("max", "x"),
    ]


def test_summary_errors(nums):
    with pytest.raises(IllegalArgumentException) as e:
        nums.summary("nope")
    assert e.value.getCondition() == "UNRECOGNIZED_STATISTIC"
    assert str(e.value) == (
        "[UNRECOGNIZED_STATISTIC] The statistic 'nope' is not recognized. Valid statistics "
        "include `count`, `count_distinct`, `approx_count_distinct`, `mean`, `stddev`, `min`, "
        "`max`, and percentile values. Percentile must be a numeric value followed by '%', "
        "within the range 0% to 100%. SQLSTATE: 42704"
    )
    with pytest.raises(IllegalArgumentException) as e:
        nums.summary("1x%")
    assert e.value.getCondition() == "UNRECOGNIZED_STATISTIC"
    with pytest.raises(IllegalArgumentException) as e:
        nums.summary("150%")
    assert str(e.value) == "requirement failed: Percentiles must be in the range [0, 1]"
    with pytest.raises(SparkRuntimeException) as e:
        nums.summary("count", "count").collect()
    assert e.value.getCondition() == "DUPLICATED_MAP_KEY"


# ---- corr / cov / crosstab / freqItems / approxQuantile ----------------------


@pytest.fixture
def pairs(spark):
    return spark.createDataFrame(
        [(1, 2.0, "a"), (2, 4.0, "b"), (3, 6.0, "b"), (None, 0.0, None)],
        "a int, b double, s string",
    )


def test_corr_and_cov_count_nulls_as_zero(pairs):
    assert pairs.corr("a", "b") == 1.0
    assert pairs.stat.corr("a", "b", "pearson") == 1.0
    assert pairs.cov("a", "b") == 3.3333333333333335
    assert pairs.stat.cov("a", "a") == 1.6666666666666667
    one = pairs.filter("a = 1")
    assert math.isnan(one.corr("a", "b"))
    assert one.cov("a", "b") == 0.0
    assert pairs.filter("a > 9").cov("a", "b") == 0.0


def test_corr_and_cov_errors(pairs):
    with pytest.raises(IllegalArgumentException) as e:
        pairs.corr("a", "s")
    assert str(e.value) == (
        "requirement failed: Currently correlation calculation for columns with dataType "
        "string not supported."
    )
    with pytest.raises(IllegalArgumentException) as e:
        pairs.cov("s", "a")
    assert "Currently covariance calculation" in str(e.value)
    with pytest.raises(PySparkValueError) as e:
        pairs.corr("a", "b", "spearman")
    assert str(e.value) == (
        "[VALUE_NOT_ALLOWED] Value for `method` has to be amongst the following values: "
        "['pearson']."
    )
    with pytest.raises(PySparkTypeError) as e:
        pairs.corr(1, "b")
    assert str(e.value) == "[NOT_EXPECTED_TYPE] Argument `col1` should be str, got int."
    with pytest.raises(PySparkTypeError) as e:
        pairs.cov("a", 2)
    assert str(e.value) == "[NOT_EXPECTED_TYPE] Argument `col2` should be str, got int."
    with pytest.raises(AnalysisException) as e:
        pairs.corr("a", "nope")
    assert "Did you mean one of the following? [`a`, `b`, `s`]" in str(e.value)


def test_crosstab(pairs):
    out = pairs.crosstab("s", "a")
    assert out.dtypes == [
        ("s_a", "string"),
        ("1", "bigint"),
        ("2", "bigint"),
        ("3", "bigint"),
        ("null", "bigint"),
    ]
    assert rows(out) == [("a", 1, 0, 0, 0), ("b", 0, 1, 1, 0), ("null", 0, 0, 0, 1)]
    assert rows(pairs.stat.crosstab("s", "a")) == rows(out)
    with pytest.raises(PySparkTypeError) as e:
        pairs.crosstab(1, "a")
    assert str(e.value) == "[NOT_EXPECTED_TYPE] Argument `col1` should be str, got int."


def test_freq_items(nums):
    out = nums.freqItems(("g", "x", "m"))
    assert out.columns == ["g_freqItems", "x_freqItems", "m_freqItems"]
    assert [sorted(v, key=str) for v in out.first()] == [
        ["a", "b", "c"],
        [1, 2, 3, 4],
        [D("1.5"), D("2.5"), D("3.5"), None],
    ]
    assert nums.stat.freqItems(["g"], 0.5).schema.simpleString() == (
        "struct<g_freqItems:array<string>>"
    )
    assert not nums.freqItems(["g"]).schema.fields[0].nullable
    with pytest.raises(PySparkTypeError) as e:
        nums.freqItems("g")
    assert str(e.value) == "[NOT_EXPECTED_TYPE] Argument `cols` should be list or tuple, got str."
    with pytest.raises(IllegalArgumentException) as e:
        nums.freqItems(["g"], 2.0)
    assert str(e.value) == "requirement failed: Support must be in [1e-4, 1], but got 2.0."


def test_approx_quantile(nums):
    assert nums.approxQuantile("x", [0.0, 0.25, 0.5, 0.75, 1.0], 0.0) == [
        1.0,
        1.0,
        2.0,
        3.0,
        4.0,
    ]
    assert nums.stat.approxQuantile(["x", "y"], (0.5,), 0.1) == [[2.0], [4.0]]
    assert nums.approxQuantile(("m",), [0.5], 0) == [[2.5]]
    assert nums.filter("x > 9").approxQuantile("x", [0.5], 0.0) == []


def test_approx_quantile_errors(nums):
    with pytest.raises(IllegalArgumentException) as e:
        nums.approxQuantile("g", [0.5], 0.0)
    assert str(e.value) == (
        "requirement failed: Quantile calculation for column g with data type StringType "
        "is not supported."
    )
    with pytest.raises(PySparkTypeError) as e:
        nums.approxQuantile(5, [0.5], 0.0)
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `col` should be list, str or tuple, got int."
    )
    with pytest.raises(PySparkTypeError) as e:
        nums.approxQuantile(["x", 5], [0.5], 0.0)
    assert str(e.value) == (
        "[DISALLOWED_TYPE_FOR_CONTAINER] Argument `col`(type: list) should only contain a type "
        "in [str], got int"
    )
    with pytest.raises(PySparkTypeError) as e:
        nums.approxQuantile("x", 0.5, 0.0)
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `probabilities` should be list or tuple, got float."
    )
    with pytest.raises(PySparkTypeError) as e:
        nums.approxQuantile("x", [1.5], 0.0)
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `probabilities` should be list[float, int], got float."
    )
    with pytest.raises(PySparkTypeError) as e:
        nums.approxQuantile("x", [0.5], "a")
    assert str(e.value) == (
        "[NOT_EXPECTED_TYPE] Argument `relativeError` should be float or int, got str."
    )
    with pytest.raises(PySparkValueError) as e:
        nums.approxQuantile("x", [0.5], -0.5)
    assert str(e.value) == (
        "[NEGATIVE_VALUE] Value for `relativeError` must be greater than or equal to 0, got '-0.5'."
    )


# ---- unpivot / melt ------------------------------------------------------------


@pytest.fixture
def wide(spark):
    return spark.createDataFrame(
        [(1, 10, 1.5, "p"), (2, None, 2.5, "q")], "id int, a int, b double, c string"
    )


def test_unpivot_widens_values_and_keeps_row_order(wide):
    out = wide.unpivot("id", ["a", "b"], "var", "val")
    assert out.dtypes == [("id", "int"), ("var", "string"), ("val", "double")]
    assert out.collect() == [
        Row(id=1, var="a", val=10.0),
        Row(id=1, var="b", val=1.5),
        Row(id=2, var="a", val=None),
        Row(id=2, var="b", val=2.5),
    ]


def test_melt_defaults_values_to_the_non_id_columns(wide):
    out = wide.select("id", "a", "b").melt(["id"], None, "k", "v")
    assert [tuple(r) for r in out.collect()] == [
        (1, "a", 10.0),
        (1, "b", 1.5),
        (2, "a", None),
        (2, "b", 2.5),
    ]
    assert [tuple(r) for r in wide.unpivot([], "c", "k", "v").collect()] == [
        ("c", "p"),
        ("c", "q"),
    ]


def test_unpivot_with_column_expressions(wide):
    out = wide.unpivot(["id", "c"], [F.col("a"), F.col("b") * 2], "k", "v")
    assert [tuple(r) for r in out.collect()] == [
        (1, "p", "a", 10.0),
        (1, "p", "(b * 2)", 3.0),
        (2, "q", "a", None),
        (2, "q", "(b * 2)", 5.0),
    ]


def test_unpivot_errors(wide):
    with pytest.raises(AnalysisException) as e:
        wide.unpivot("id", ["a", "c"], "var", "val")
    assert e.value.getCondition() == "UNPIVOT_VALUE_DATA_TYPE_MISMATCH"
    assert e.value.getMessage() == (
        "[UNPIVOT_VALUE_DATA_TYPE_MISMATCH] Unpivot value columns must share a least common "
        'type, some types do not: ["INT" (`a`), "STRING" (`c`)]. SQLSTATE: 42K09'
    )
    with pytest.raises(AnalysisException) as e:
        wide.unpivot("id", [], "var", "val")
    assert e.value.getMessage() == (
        "[UNPIVOT_REQUIRES_VALUE_COLUMNS] At least one value column needs to be specified for "
        "UNPIVOT, all columns specified as ids. SQLSTATE: 42K0A"
    )
    with pytest.raises(AssertionError, match="ids must not be None"):
        wide.unpivot(None, ["a"], "var", "val")
