"""Built-in functions: column references, literals, conditionals and constructors.

Each function builds an unresolved expression; names are resolved by the
engine's function registry, the same one ``spark.sql`` and ``F.expr`` use.
"""

from __future__ import annotations

import builtins
import datetime
import decimal
from typing import Any

from ember import _native
from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.column import Column, _col_from_name, _to_col_jc, _type_error

_N = _native.Column

__all__ = [
    "abs",
    "array",
    "asc",
    "asc_nulls_first",
    "asc_nulls_last",
    "broadcast",
    "coalesce",
    "count",
    "countDistinct",
    "count_distinct",
    "avg",
    "max",
    "mean",
    "min",
    "sum",
    "col",
    "column",
    "create_map",
    "desc",
    "desc_nulls_first",
    "desc_nulls_last",
    "expr",
    "posexplode_outer",
    "posexplode",
    "inline_outer",
    "inline",
    "explode_outer",
    "explode",
    "grouping",
    "grouping_id",
    "isnan",
    "isnull",
    "lit",
    "lower",
    "named_struct",
    "sqrt",
    "struct",
    "upper",
    "when",
]


def col(col: str) -> Column:
    """A column by name (``"a"``, ``"st.x"``, ``"*"``, ``"t.*"``)."""
    if not isinstance(col, str):
        raise _type_error("col", "str", col)
    return Column(_col_from_name(col))


column = col


def _literal_jc(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str, bytes, bytearray)):
        return _N.lit(value)
    if isinstance(value, decimal.Decimal):
        sign, digits, exponent = value.as_tuple()
        if not isinstance(exponent, int):
            raise PySparkValueError(
                errorClass="UNSUPPORTED_LITERAL",
                messageParameters={"literal": str(value)},
            )
        scale = builtins.max(-exponent, 0)
        unscaled = int(value.scaleb(scale))
        precision = builtins.max(len(digits) + builtins.max(exponent, 0), scale, 1)
        return _N.decimal_lit(unscaled, precision, scale)
    from ember.sql import types as T

    if isinstance(value, datetime.datetime):
        return _N.typed_lit("timestamp", T.TimestampType().toInternal(value))
    if isinstance(value, datetime.date):
        return _N.typed_lit("date", T.DateType().toInternal(value))
    if isinstance(value, datetime.timedelta):
        return _N.typed_lit("daytime", T.DayTimeIntervalType().toInternal(value))
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return _literal_jc(item())
    raise PySparkTypeError(
        errorClass="UNSUPPORTED_DATA_TYPE",
        messageParameters={"data_type": type(value).__name__},
    )


def lit(col: Any) -> Column:
    """A literal value; a list or tuple becomes ``array(...)``."""
    if isinstance(col, Column):
        return col
    if isinstance(col, (list, tuple)):
        return array(*[lit(c) for c in col])
    return Column(_literal_jc(col))


def expr(str: str) -> Column:
    """A column from Spark SQL expression text, parsed now."""
    return Column(_N.sql(str))


def _cols(cols: tuple) -> list:
    if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
        cols = tuple(cols[0])
    return [_to_col_jc(c) for c in cols]


def _fn(name: str, *cols: Any) -> Column:
    return Column(_N.call(name, [_to_col_jc(c) for c in cols]))


def when(condition: Column, value: Any) -> Column:
    """``CASE WHEN condition THEN value``; chain ``.when`` and ``.otherwise``."""
    if not isinstance(condition, Column):
        raise _type_error("condition", "Column", condition)
    v = value._jc if isinstance(value, Column) else lit(value)._jc
    return Column(_N.case_when([(condition._jc, v)], None))


def coalesce(*cols: Any) -> Column:
    return Column(_N.call("coalesce", _cols(cols)))


def isnull(col: Any) -> Column:
    return _fn("isnull", col)


def isnan(col: Any) -> Column:
    return _fn("isnan", col)


def struct(*cols: Any) -> Column:
    return Column(_N.call("struct", _cols(cols)))


def named_struct(*cols: Any) -> Column:
    return Column(_N.call("named_struct", _cols(cols)))


def array(*cols: Any) -> Column:
    return Column(_N.call("array", _cols(cols)))


def create_map(*cols: Any) -> Column:
    return Column(_N.call("map", _cols(cols)))


def count(col: Any) -> Column:
    """The number of non-null values; ``count("*")`` counts rows."""
    if isinstance(col, str) and col == "*":
        return Column(_N.call("count", [_N.lit(1)]))
    return _fn("count", col)


def count_distinct(col: Any, *cols: Any) -> Column:
    return Column(_N.call("count", [_to_col_jc(c) for c in (col,) + cols], True))


countDistinct = count_distinct


def sum(col: Any) -> Column:
    return _fn("sum", col)


def avg(col: Any) -> Column:
    return _fn("avg", col)


mean = avg


def min(col: Any) -> Column:
    return _fn("min", col)


def max(col: Any) -> Column:
    return _fn("max", col)


def upper(col: Any) -> Column:
    return _fn("upper", col)


def lower(col: Any) -> Column:
    return _fn("lower", col)


def abs(col: Any) -> Column:
    return _fn("abs", col)


def sqrt(col: Any) -> Column:
    return _fn("sqrt", col)


def asc(col: Any) -> Column:
    return Column(_to_col_jc(col)).asc()


def asc_nulls_first(col: Any) -> Column:
    return Column(_to_col_jc(col)).asc_nulls_first()


def asc_nulls_last(col: Any) -> Column:
    return Column(_to_col_jc(col)).asc_nulls_last()


def desc(col: Any) -> Column:
    return Column(_to_col_jc(col)).desc()


def desc_nulls_first(col: Any) -> Column:
    return Column(_to_col_jc(col)).desc_nulls_first()


def desc_nulls_last(col: Any) -> Column:
    return Column(_to_col_jc(col)).desc_nulls_last()


def broadcast(df: Any) -> Any:
    """Marks a DataFrame as small enough to broadcast in joins (a hint)."""
    return df


def grouping(col: Any) -> Column:
    """1 when ``col`` is aggregated away in a rollup/cube/grouping-sets row."""
    return _fn("grouping", col)


def grouping_id(*cols: Any) -> Column:
    """The bit vector of ``grouping(c)`` over ``cols`` (all grouping columns when empty)."""
    return Column(_N.call("grouping_id", [_to_col_jc(c) for c in cols], False))


def explode(col: Any) -> Column:
    """A row per element of an array (column ``col``) or entry of a map (``key``, ``value``)."""
    return _fn("explode", col)


def explode_outer(col: Any) -> Column:
    """``explode``, with a null row for a null or empty array or map."""
    return _fn("explode_outer", col)


def posexplode(col: Any) -> Column:
    """``explode`` with the element's position first (column ``pos``)."""
    return _fn("posexplode", col)


def posexplode_outer(col: Any) -> Column:
    return _fn("posexplode_outer", col)


def inline(col: Any) -> Column:
    """A row per struct of an array of structs, a column per field."""
    return _fn("inline", col)


def inline_outer(col: Any) -> Column:
    return _fn("inline_outer", col)
