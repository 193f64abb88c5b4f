"""Window functions: ranking, offsets and ``first``/``last``."""

from __future__ import annotations

from typing import Any

from ember.errors import PySparkTypeError
from ember.sql.column import Column, _to_col_jc
from ember.sql.functions.builtin import _N, lit

__all__ = [
    "cume_dist",
    "dense_rank",
    "first",
    "first_value",
    "lag",
    "last",
    "last_value",
    "lead",
    "nth_value",
    "ntile",
    "percent_rank",
    "rank",
    "row_number",
]


def _call(name: str, *args: Any) -> Column:
    return Column(_N.call(name, [a._jc if isinstance(a, Column) else a for a in args], False))


def row_number() -> Column:
    return _call("row_number")


def rank() -> Column:
    return _call("rank")


def dense_rank() -> Column:
    return _call("dense_rank")


def percent_rank() -> Column:
    return _call("percent_rank")


def cume_dist() -> Column:
    return _call("cume_dist")


def ntile(n: int) -> Column:
    if not isinstance(n, int) or isinstance(n, bool):
        raise PySparkTypeError(
            errorClass="NOT_INT", messageParameters={"arg_name": "n", "arg_type": type(n).__name__}
        )
    return _call("ntile", lit(n))


def lag(col: Any, offset: int = 1, default: Any = None) -> Column:
    """The value ``offset`` rows before the current row, or ``default``."""
    return _call("lag", _to_col_jc(col), lit(offset), lit(default), lit(False))


def lead(col: Any, offset: int = 1, default: Any = None) -> Column:
    """The value ``offset`` rows after the current row, or ``default``."""
    return _call("lead", _to_col_jc(col), lit(offset), lit(default), lit(False))


def nth_value(col: Any, offset: int, ignoreNulls: bool = False) -> Column:
    return _call("nth_value", _to_col_jc(col), lit(offset), lit(ignoreNulls))


def first(col: Any, ignorenulls: bool = False) -> Column:
    return _call("first", _to_col_jc(col), lit(ignorenulls))


def last(col: Any, ignorenulls: bool = False) -> Column:
    return _call("last", _to_col_jc(col), lit(ignorenulls))


def first_value(col: Any, ignoreNulls: Any = None) -> Column:
    if ignoreNulls is None:
        return _call("first_value", _to_col_jc(col))
    return _call(
        "first_value",
        _to_col_jc(col),
        ignoreNulls if isinstance(ignoreNulls, Column) else lit(ignoreNulls),
    )


def last_value(col: Any, ignoreNulls: Any = None) -> Column:
    if ignoreNulls is None:
        return _call("last_value", _to_col_jc(col))
    return _call(
        "last_value",
        _to_col_jc(col),
        ignoreNulls if isinstance(ignoreNulls, Column) else lit(ignoreNulls),
    )
