"""Missing data and statistics: ``df.na`` (``DataFrameNaFunctions``), ``df.stat``
(``DataFrameStatFunctions``) and the DataFrame methods behind them (fillna,
dropna, replace, describe, summary, corr, cov, crosstab, freqItems,
approxQuantile, unpivot), built on the DataFrame and Column API with Spark's
rules for which columns each operation touches."""

from __future__ import annotations

import decimal
import math
import re
import warnings
from functools import reduce
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

from ember.errors import PySparkTypeError, PySparkValueError
from ember.errors.exceptions.captured import _from_native
from ember.sql import functions as F
from ember.sql.column import Column, _illegal, _type_error
from ember.sql.functions.builtin import _fn
from ember.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DatetimeType,
    DecimalType,
    DoubleType,
    FloatType,
    LongType,
    NumericType,
    StringType,
    StructField,
    StructType,
    _sql_type,
)

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame

__all__ = ["DataFrameNaFunctions", "DataFrameStatFunctions"]


_NoValue: Any = object()  # replace()'s "value not given"

_DESCRIBE_STATS = ["count", "mean", "stddev", "min", "max"]
_SUMMARY_STATS = ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]
_JAVA_DOUBLE = re.compile(r"\s*[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)\s*")
_JAVA_CLASS = {
    bool: "lang.Boolean",
    int: "lang.Integer",
    float: "lang.Double",
    list: "util.ArrayList",
}


# ---- helpers ----------------------------------------------------------


def _ref(name: str) -> Column:
    """A top-level column by its exact name (dots and backticks taken literally)."""
    return F.col("`%s`" % name.replace("`", "``"))


def _sql_id(name: str) -> str:
    parts = name.split(".") if "`" not in name else [name]
    return ".".join("`%s`" % p.replace("`", "``") for p in parts)


def _java_str(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float):
        return _java_double(value)
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(_java_str(v) for v in value)
    return str(value)


def _java_double(x: float) -> str:
    """``Double.toString``: plain between 1e-3 and 1e7, else ``d.dddE<n>``."""
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 or 1e-3 <= abs(x) < 1e7:
        return repr(float(x))
    t = decimal.Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, t.digits)).rstrip("0") or "0"
    exp = len(t.digits) + int(t.exponent) - 1
    return "%s%s.%sE%d" % ("-" if x < 0 else "", digits[0], digits[1:] or "0", exp)


def _jvm_repr(dt: DataType) -> str:
    """Scala's ``DataType.toString``: ``StringType``, ``ArrayType(IntegerType,true)``."""
    text = re.sub(r"\(\)|\[|\]|'", "", repr(dt)).replace(", ", ",")
    return text.replace("True", "true").replace("False", "false")


def _unsupported_value(value: Any) -> Exception:
    cls = _JAVA_CLASS.get(list if isinstance(value, tuple) else type(value))
    name = "java." + cls if cls else type(value).__name__
    return _illegal("Unsupported value type %s (%s)." % (name, _java_str(value)))


def _analysis(condition: str, state: str, text: str, plan: str = "", **params: str) -> Exception:
    """An engine-style AnalysisException (``plan`` follows the first line, as in Spark)."""
    message = "[%s] %s SQLSTATE: %s%s" % (condition, text, state, ";\n" + plan if plan else "")
    return _from_native("AnalysisException", condition, state, params, message)


def _unresolved(name: str, df: "DataFrame") -> Exception:
    """Spark's ``Dataset.resolve`` error: every column suggested, in schema order."""
    obj, proposal = _sql_id(name), ", ".join(_sql_id(c) for c in df.columns)
    text = (
        "A column, variable, or function parameter with name %s cannot be resolved. "
        "Did you mean one of the following? [%s]." % (obj, proposal)
    )
    return _analysis(
        "UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703", text, objectName=obj, proposal=proposal
    )


def _field(df: "DataFrame", name: Any) -> StructField:
    """The top-level field ``name`` refers to (``Dataset.resolve``)."""
    if not isinstance(name, str):
        raise _type_error("col", "str", name)
    key = name
    if len(name) > 1 and name[0] == "`" and name[-1] == "`":
        key = name[1:-1].replace("``", "`")
    fields = df.schema.fields
    found = [f for f in fields if f.name == key]
    if not found and df.sparkSession.conf.get("spark.sql.caseSensitive", "false") != "true":
        found = [f for f in fields if f.name.lower() == key.lower()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise _unresolved(name, df)
    refs = "[%s]" % ", ".join(_sql_id(f.name) for f in found)
    text = "Reference %s is ambiguous, could be: %s." % (_sql_id(name), refs)
    raise _analysis("AMBIGUOUS_REFERENCE", "42704", text, name=_sql_id(name), referenceNames=refs)


def _kind(value: Any) -> type:
    """The column type a fill or replace value applies to."""
    if isinstance(value, bool):
        return BooleanType
    return StringType if isinstance(value, str) else NumericType


def _names(subset: Any, arg_name: str, expected: str) -> List[str]:
    if isinstance(subset, str):
        return [subset]
    if not isinstance(subset, (list, tuple)):
        raise _type_error(arg_name, expected, subset)
    return list(subset)


def _not_nan(c: Column, dt: DataType) -> Column:
    """NaN as NULL in a float/double column (``nanvl(c, null)``)."""
    if isinstance(dt, (DoubleType, FloatType)):
        return F.when(F.isnan(c), F.lit(None)).otherwise(c)
    return c


# ---- fillna / dropna / replace ------------------------------------------


def fill(df: "DataFrame", value: Any, subset: Any = None) -> "DataFrame":
    if not isinstance(value, (float, int, str, bool, dict)):
        raise _type_error("value", "bool, dict, float, int or str", value)
    if isinstance(value, dict):
        return _fill_map(df, value)
    if not isinstance(value, bool) and isinstance(value, int):
        value = float(value)
    if subset is None:
        targets = set(df.columns)
    else:
        targets = {_field(df, c).name for c in _names(subset, "subset", "list or tuple")}
    kind = _kind(value)
    cols = [
        _fill_col(f, value) if f.name in targets and isinstance(f.dataType, kind) else _ref(f.name)
        for f in df.schema.fields
    ]
    return df.select(*cols)


def _fill_col(f: StructField, value: Any) -> Column:
    c = _not_nan(_ref(f.name), f.dataType)
    return F.coalesce(c, F.lit(value).cast(f.dataType)).alias(f.name)


def _fill_map(df: "DataFrame", values: Dict[Any, Any]) -> "DataFrame":
    by_name: Dict[str, Any] = {}
    for name, v in values.items():
        field = _field(df, name)
        if v is None or not isinstance(v, (bool, int, float, str)):
            raise _unsupported_value(v)
        by_name[field.name] = v
    cols = [
        _fill_col(f, by_name[f.name]) if f.name in by_name else _ref(f.name)
        for f in df.schema.fields
    ]
    return df.select(*cols)


def drop(df: "DataFrame", how: Any = "any", thresh: Any = None, subset: Any = None) -> "DataFrame":
    if how is not None and how not in ["any", "all"]:
        raise PySparkValueError(
            errorClass="VALUE_NOT_ALLOWED",
            messageParameters={"arg_name": "how", "allowed_values": "['any', 'all']"},
        )
    names = df.columns if subset is None else _names(subset, "subset", "list, str or tuple")
    if thresh is None:
        thresh = len(names) if how == "any" else 1
    if not isinstance(thresh, int) or isinstance(thresh, bool):
        raise _type_error("thresh", "int", thresh)
    fields = [_field(df, c) for c in names]
    present = [
        F.when(_not_nan(_ref(f.name), f.dataType).isNotNull(), 1).otherwise(0) for f in fields
    ]
    if thresh <= 0 or not present:
        return df.filter(F.lit(thresh <= 0))
    return df.filter(reduce(lambda a, b: a + b, present) >= thresh)


def replace(
    df: "DataFrame", to_replace: Any, value: Any = _NoValue, subset: Any = None
) -> "DataFrame":
    if value is _NoValue:
        if not isinstance(to_replace, dict):
            raise PySparkTypeError(
                errorClass="ARGUMENT_REQUIRED",
                messageParameters={"arg_name": "value", "condition": "`to_replace` is dict"},
            )
        value = None
    valid = (bool, float, int, str, list, tuple)
    if not isinstance(to_replace, valid + (dict,)):
        raise _type_error("to_replace", "bool, dict, float, int, str or tuple", to_replace)
    if not isinstance(value, valid) and value is not None and not isinstance(to_replace, dict):
        raise _type_error("value", "bool, float, int, list, None, str or tuple", value)
    if isinstance(to_replace, (list, tuple)) and isinstance(value, (list, tuple)):
        if len(to_replace) != len(value):
            raise PySparkValueError(
                errorClass="LENGTH_SHOULD_BE_THE_SAME",
                messageParameters={
                    "arg1": "to_replace",
                    "arg2": "value",
                    "arg1_length": str(len(to_replace)),
                    "arg2_length": str(len(value)),
                },
            )
    if not (subset is None or isinstance(subset, (list, tuple, str))):
        raise _type_error("subset", "list, str or tuple", subset)
    if isinstance(to_replace, (float, int, str)):
        to_replace = [to_replace]
    if isinstance(to_replace, dict):
        rep = to_replace
        if value is not None:
            warnings.warn("to_replace is a dict and value is not None. value will be ignored.")
    else:
        if isinstance(value, (float, int, str)) or value is None:
            value = [value] * len(to_replace)
        rep = dict(zip(to_replace, value))
    if not any(
        all(isinstance(k, t) for k in rep)
        and all(isinstance(v, t) for v in rep.values() if v is not None)
        for t in (bool, str, (float, int))
    ):
        raise PySparkValueError(errorClass="MIXED_TYPE_REPLACEMENT", messageParameters={})

    if subset is None:
        targets = set(df.columns)
    else:
        targets = {_field(df, c).name for c in _names(subset, "subset", "list, str or tuple")}
    if not rep or not targets:
        return df
    pairs: List[Tuple[Any, Any]] = []
    for k, v in rep.items():  # numbers become doubles, as in Spark's replacement map
        if isinstance(v, (str, bool)) or (v is None and isinstance(k, (str, bool))):
            pairs.append((k, v))
        else:
            pairs.append((_as_double(k), None if v is None else _as_double(v)))
    kind = _kind(next(iter(rep)))  # the first key's type decides, as in Spark
    cols = []
    for f in df.schema.fields:
        c = _ref(f.name)
        if f.name in targets and isinstance(f.dataType, kind):
            case = None
            for k, v in pairs:
                cond, target = c == F.lit(k), F.lit(v).cast(f.dataType)
                case = F.when(cond, target) if case is None else case.when(cond, target)
            c = case.otherwise(c).alias(f.name)  # type: ignore[union-attr]
        cols.append(c)
    return df.select(*cols)


def _as_double(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _unsupported_value(v)
    return float(v)


# ---- describe / summary --------------------------------------------------


def describe(df: "DataFrame", cols: Sequence[Any]) -> "DataFrame":
    if len(cols) == 1 and isinstance(cols[0], list):
        cols = cols[0]
    for c in cols:
        if not isinstance(c, str):
            raise _type_error("cols", "str", c)
    return summary(df.select(*cols) if cols else df, _DESCRIBE_STATS)


def summary(df: "DataFrame", statistics: Sequence[Any]) -> "DataFrame":
    if len(statistics) == 1 and isinstance(statistics[0], list):
        statistics = statistics[0]
    stats = list(statistics) or list(_SUMMARY_STATS)
    for s in stats:
        if not isinstance(s, str):
            raise _type_error("statistics", "str", s)
    percentiles = []
    for s in stats:
        if s.endswith("%"):
            if not _JAVA_DOUBLE.fullmatch(s[:-1]):
                raise _unrecognized_statistic(s)
            text = s[:-1].strip().rstrip("fFdD")
            percentiles.append(float(text) / 100.0)
    if not all(0 <= p <= 1 for p in percentiles):
        raise _illegal("requirement failed: Percentiles must be in the range [0, 1]")
    session = df.sparkSession
    fields = [f for f in df.schema.fields if isinstance(f.dataType, (NumericType, StringType))]
    if not fields:
        return session.createDataFrame([(s,) for s in stats], "summary string")
    aggs = []
    for j, f in enumerate(fields):
        c = _ref(f.name)
        num = c.try_cast("double") if isinstance(f.dataType, StringType) else c
        pct = None
        if percentiles:
            probs = F.array(*[F.lit(p) for p in percentiles])
            pct = _fn("percentile_approx", num, probs, F.lit(10000))
        k = 0
        for i, s in enumerate(stats):
            low = s.lower()
            if low == "count":
                e = F.count(c)
            elif low == "count_distinct":
                e = F.count_distinct(c)
            elif low == "approx_count_distinct":
                # The engine has no approx_count_distinct of floats yet; exact is within bounds.
                floating = isinstance(f.dataType, (DoubleType, FloatType))
                e = F.count_distinct(c) if floating else _fn("approx_count_distinct", c)
            elif low == "mean":
                e = F.avg(num)
            elif low == "stddev":
                e = _fn("stddev", num)
            elif low == "min":
                e = F.min(c)
            elif low == "max":
                e = F.max(c)
            elif low.endswith("%") and pct is not None:
                e, k = pct[k], k + 1
            else:
                raise _unrecognized_statistic(s)
            aggs.append(e.cast("string").alias("_%d_%d" % (i, j)))
    dup = next((s for i, s in enumerate(stats) if s in stats[:i]), None)
    if dup is not None:
        raise _from_native(
            "SparkRuntimeException",
            "DUPLICATED_MAP_KEY",
            "23505",
            {"key": dup, "mapKeyDedupPolicy": '"spark.sql.mapKeyDedupPolicy"'},
            "[DUPLICATED_MAP_KEY] Duplicate map key %s was found, please check the input data.\n"
            'If you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" '
            'to "LAST_WIN" so that the key inserted at last takes precedence. SQLSTATE: 23505'
            % dup,
        )
    # One aggregate row, spread over one output row per statistic.
    labels = session.createDataFrame(list(enumerate(stats)), "__stat int, summary string")
    idx = F.col("__stat")
    out = [F.col("summary")]
    for j, f in enumerate(fields):
        e = None
        for i in range(len(stats)):
            v = F.col("_%d_%d" % (i, j))
            e = F.when(idx == i, v) if e is None else e.when(idx == i, v)
        out.append(e.alias(f.name))  # type: ignore[union-attr]
    return df.agg(*aggs).crossJoin(labels).orderBy("__stat").select(*out)


def _unrecognized_statistic(s: str) -> Exception:
    return _from_native(
        "IllegalArgumentException",
        "UNRECOGNIZED_STATISTIC",
        "42704",
        {"stats": s},
        "[UNRECOGNIZED_STATISTIC] The statistic '%s' is not recognized. Valid statistics "
        "include `count`, `count_distinct`, `approx_count_distinct`, `mean`, `stddev`, `min`, "
        "`max`, and percentile values. Percentile must be a numeric value followed by '%%', "
        "within the range 0%% to 100%%. SQLSTATE: 42704" % s,
    )


# ---- statistics ----------------------------------------------------------


def _str_arg(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _type_error(name, "str", value)
    return value


def _moment(df: "DataFrame", col1: str, col2: str, what: str, fn: str) -> Optional[float]:
    """``fn`` over two numeric columns as doubles, NULL counting as 0 as in Spark."""
    fields = [_field(df, col1), _field(df, col2)]
    for f in fields:
        if not isinstance(f.dataType, NumericType):
            raise _illegal(
                "requirement failed: Currently %s calculation for columns with dataType %s "
                "not supported." % (what, f.dataType.simpleString())
            )
    args = [F.coalesce(_ref(f.name).cast("double"), F.lit(0.0)) for f in fields]
    return df.agg(_fn(fn, *args)).collect()[0][0]


def corr(df: "DataFrame", col1: str, col2: str, method: Optional[str] = None) -> float:
    _str_arg(col1, "col1")
    _str_arg(col2, "col2")
    if not method:
        method = "pearson"
    if not method == "pearson":
        raise PySparkValueError(
            errorClass="VALUE_NOT_ALLOWED",
            messageParameters={"arg_name": "method", "allowed_values": "['pearson']"},
        )
    r = _moment(df, col1, col2, "correlation", "corr")
    return float("nan") if r is None else r


def cov(df: "DataFrame", col1: str, col2: str) -> float:
    _str_arg(col1, "col1")
    _str_arg(col2, "col2")
    r = _moment(df, col1, col2, "covariance", "covar_samp")
    return 0.0 if r is None else r


def crosstab(df: "DataFrame", col1: str, col2: str) -> "DataFrame":
    _str_arg(col1, "col1")
    _str_arg(col2, "col2")
    keys = [F.col(col1).cast("string").alias("a"), F.col(col2).cast("string").alias("b")]
    rows = df.groupBy(*keys).agg(F.count(F.lit(1)).alias("n")).collect()

    def clean(v: Optional[str]) -> str:
        return "null" if v is None else v

    headers = sorted({clean(r[1]) for r in rows})
    if len(headers) >= 10000:
        raise _illegal(
            "requirement failed: The number of distinct values for %s, can't exceed 1e4. "
            "Currently %d" % (col2, len(headers))
        )
    position = {h: i for i, h in enumerate(headers)}
    table: Dict[str, List[int]] = {}
    for a, b, n in rows:
        table.setdefault(clean(a), [0] * len(headers))[position[clean(b)]] = n
    schema = StructType(
        [StructField("%s_%s" % (col1, col2), StringType(), True)]
        + [StructField(h.replace("`", ""), LongType(), False) for h in headers]
    )
    data = [(k,) + tuple(v) for k, v in sorted(table.items())]
    return df.sparkSession.createDataFrame(data, schema)


def freq_items(df: "DataFrame", cols: Any, support: Optional[float] = None) -> "DataFrame":
    if isinstance(cols, tuple):
        cols = list(cols)
    if not isinstance(cols, list):
        raise _type_error("cols", "list or tuple", cols)
    if not support:
        support = 0.01
    if not 1e-4 <= support <= 1.0:
        raise _illegal(
            "requirement failed: Support must be in [1e-4, 1], but got %s."
            % _java_double(float(support))
        )
    size = int(1 / support)
    selected = df.select(*cols)
    fields, items = [], []
    for name, f in zip(cols, selected.schema.fields):
        counts = selected.groupBy(_ref(f.name)).agg(F.count(F.lit(1))).collect()
        ordered = sorted(((r[0], r[1]) for r in counts), key=lambda r: -r[1])
        items.append(_frequent(ordered, size))
        fields.append(StructField("%s_freqItems" % name, ArrayType(f.dataType, True), False))
    return df.sparkSession.createDataFrame([tuple(items)], StructType(fields))


def _frequent(counts: List[Tuple[Any, int]], size: int) -> List[Any]:
    """Karp et al.'s frequent-items counter (Spark's ``FreqItemCounter``) over
    (value, count) pairs, most frequent first: every value with a frequency
    above ``1 / size`` survives, possibly with false positives."""
    if len(counts) <= size:
        return [v for v, _ in counts]
    kept: Dict[int, int] = {}
    for i, (_, n) in enumerate(counts):
        if len(kept) < size:
            kept[i] = n
            continue
        low = min(kept.values())
        if n >= low:
            kept[i] = n
            kept = {k: c - low for k, c in kept.items() if c > low}
        else:
            kept = {k: c - n for k, c in kept.items()}
    return [counts[i][0] for i in sorted(kept)]


def approx_quantile(
    df: "DataFrame", col: Any, probabilities: Any, relativeError: Any
) -> Union[List[float], List[List[float]]]:
    if not isinstance(col, (str, list, tuple)):
        raise _type_error("col", "list, str or tuple", col)
    is_str = isinstance(col, str)
    cols = [col] if is_str else list(col)
    for c in cols:
        if not isinstance(c, str):
            raise PySparkTypeError(
                errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                messageParameters={
                    "arg_name": "col",
                    "arg_type": type(col).__name__,
                    "allowed_types": "str",
                    "item_type": type(c).__name__,
                },
            )
    if not isinstance(probabilities, (list, tuple)):
        raise _type_error("probabilities", "list or tuple", probabilities)
    for p in probabilities:
        if not isinstance(p, (float, int)) or p < 0 or p > 1:
            raise _type_error("probabilities", "list[float, int]", p)
    if not isinstance(relativeError, (float, int)):
        raise _type_error("relativeError", "float or int", relativeError)
    if relativeError < 0:
        raise PySparkValueError(
            errorClass="NEGATIVE_VALUE",
            messageParameters={"arg_name": "relativeError", "arg_value": str(relativeError)},
        )
    selected = df.select(*cols)
    for name, f in zip(cols, selected.schema.fields):
        if not isinstance(f.dataType, NumericType):
            raise _illegal(
                "requirement failed: Quantile calculation for column %s with data type %s "
                "is not supported." % (name, _jvm_repr(f.dataType))
            )
    if not probabilities:
        result: List[List[float]] = [[] for _ in cols]
    else:
        probs = F.array(*[F.lit(float(p)) for p in probabilities])
        aggs = [
            _fn("percentile_approx", _not_nan(_ref(f.name).cast("double"), DoubleType()), probs)
            for f in selected.schema.fields
        ]
        row = selected.agg(*aggs).collect()[0]
        # No values gives NULL (the engine's array form gives [NULL]): no quantiles.
        result = [[] if v is None or None in v else [float(x) for x in v] for v in row]
    return result[0] if is_str else result


# ---- unpivot ---------------------------------------------------------------


def _as_columns(cols: Any) -> List[Column]:
    items = list(cols) if isinstance(cols, (list, tuple)) else [cols]
    out = []
    for c in items:
        if isinstance(c, str):
            out.append(F.col(c))
        elif isinstance(c, Column):
            out.append(c)
        else:
            raise _type_error("col", "Column or str", c)
    return out


def unpivot(
    df: "DataFrame", ids: Any, values: Any, variableColumnName: str, valueColumnName: str
) -> "DataFrame":
    assert ids is not None, "ids must not be None"
    _str_arg(variableColumnName, "variableColumnName")
    _str_arg(valueColumnName, "valueColumnName")
    id_cols = _as_columns(ids)
    id_names = df.select(*id_cols).columns
    if values is None:
        plain = {n for c, n in zip(id_cols, id_names) if repr(c) == "Column<'%s'>" % n}
        val_cols = [_ref(n) for n in df.columns if n not in plain]
    else:
        val_cols = _as_columns(values)
    plan = "'Unpivot [%s], [%s], %s, [%s]" % (
        ", ".join(id_names),
        ", ".join(repr(c)[8:-2] for c in val_cols),
        variableColumnName,
        valueColumnName,
    )
    if not val_cols:
        text = (
            "At least one value column needs to be specified for UNPIVOT, "
            "all columns specified as ids."
        )
        raise _analysis("UNPIVOT_REQUIRES_VALUE_COLUMNS", "42K0A", text, plan)
    temp = ["__unpivot_%d" % j for j in range(len(val_cols))]
    base = df.select(*id_cols, *[c.alias(t) for c, t in zip(val_cols, temp)])
    types = [f.dataType for f in base.schema.fields[len(id_cols) :]]
    names = df.select(*val_cols).columns
    common = _common_type(base, temp, names, types, plan)
    rows = [
        F.named_struct(
            F.lit(variableColumnName),
            F.lit(n),
            F.lit(valueColumnName),
            _ref(t) if dt == common else _ref(t).cast(common),
        )
        for n, t, dt in zip(names, temp, types)
    ]
    # One output row per (input row, value column), in Spark's order.
    return base.select(*[_ref(n) for n in id_names], _fn("inline", F.array(*rows)))


def _common_type(
    base: "DataFrame", temp: List[str], names: List[str], types: List[DataType], plan: str
) -> DataType:
    """The least common type of the value columns, else Spark's mismatch error."""
    if all(t == types[0] for t in types):
        return types[0]
    same_kind = (
        all(isinstance(t, NumericType) for t in types)
        or all(isinstance(t, DatetimeType) for t in types)
        or all(t.simpleString() == types[0].simpleString() for t in types)
    )
    if any(isinstance(t, DecimalType) for t in types) and any(
        isinstance(t, (DoubleType, FloatType)) for t in types
    ):
        return DoubleType()  # Spark widens a decimal and a float to double
    if same_kind:
        return base.select(F.coalesce(*[_ref(t) for t in temp])).schema.fields[0].dataType
    groups: Dict[str, List[str]] = {}
    for n, t in zip(names, types):
        groups.setdefault(_sql_type(t), []).append(_sql_id(n))
    text = ", ".join(
        '"%s" (%s)' % (sql, ", ".join(sorted(ns))) for sql, ns in sorted(groups.items())
    )
    message = "Unpivot value columns must share a least common type, some types do not: [%s]."
    raise _analysis("UNPIVOT_VALUE_DATA_TYPE_MISMATCH", "42K09", message % text, plan, types=text)


# ---- df.na / df.stat ---------------------------------------------------------


class DataFrameNaFunctions:
    """Missing-data functions of a DataFrame (``df.na``)."""

    def __init__(self, df: "DataFrame") -> None:
        self.df = df

    def drop(
        self,
        how: str = "any",
        thresh: Optional[int] = None,
        subset: Optional[Union[str, Tuple[str, ...], List[str]]] = None,
    ) -> "DataFrame":
        return self.df.dropna(how=how, thresh=thresh, subset=subset)

    def fill(self, value: Any, subset: Optional[List[str]] = None) -> "DataFrame":
        return self.df.fillna(value=value, subset=subset)

    def replace(
        self, to_replace: Any, value: Any = _NoValue, subset: Optional[List[str]] = None
    ) -> "DataFrame":
        return self.df.replace(to_replace, value, subset)


class DataFrameStatFunctions:
    """Statistic functions of a DataFrame (``df.stat``)."""

    def __init__(self, df: "DataFrame") -> None:
        self.df = df

    def approxQuantile(
        self, col: Any, probabilities: Any, relativeError: float
    ) -> Union[List[float], List[List[float]]]:
        return self.df.approxQuantile(col, probabilities, relativeError)

    def corr(self, col1: str, col2: str, method: Optional[str] = None) -> float:
        return self.df.corr(col1, col2, method)

    def cov(self, col1: str, col2: str) -> float:
        return self.df.cov(col1, col2)

    def crosstab(self, col1: str, col2: str) -> "DataFrame":
        return self.df.crosstab(col1, col2)

    def freqItems(self, cols: List[str], support: Optional[float] = None) -> "DataFrame":
        return self.df.freqItems(cols, support)

    def sampleBy(
        self, col: Any, fractions: Dict[Any, float], seed: Optional[int] = None
    ) -> "DataFrame":
        return self.df.sampleBy(col, fractions, seed)


# PySpark defines these in ``pyspark.sql.dataframe``; so do their names here.
DataFrameNaFunctions.__module__ = "ember.sql.dataframe"
DataFrameStatFunctions.__module__ = "ember.sql.dataframe"
