"""Window functions: ranking, offsets and ``first``/``last``."""

from __future__ import annotations

from typing import Any

from ember.errors import PySparkTypeError
from ember.sql.column import Column
from ember.sql.functions.builtin import _fn, lit

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


def row_number() -> Column:
    return _fn("row_number")


def rank() -> Column:
    return _fn("rank")


def dense_rank() -> Column:
    return _fn("dense_rank")


def percent_rank() -> Column:
    return _fn("percent_rank")


def cume_dist() -> Column:
    return _fn("cume_dist")


def ntile(n: int) -> Column:
    if not isinstance(n, int) or isinstance(n, bool):
        raise PySparkTypeError(
            errorClass="NOT_INT", messageParameters={"arg_name": "n", "arg_type": type(n).__name__}
        )
    return _fn("ntile", lit(n))


def lag(col: Any, offset: int = 1, default: Any = None) -> Column:
    """The value ``offset`` rows before the current row, or ``default``."""
    return _fn("lag", col, lit(offset), lit(default), lit(False))


def lead(col: Any, offset: int = 1, default: Any = None) -> Column:
    """The value ``offset`` rows after the current row, or ``default``."""
    return _fn("lead", col, lit(offset), lit(default), lit(False))


def nth_value(col: Any, offset: int, ignoreNulls: bool = False) -> Column:
    return _fn("nth_value", col, lit(offset), lit(ignoreNulls))


def first(col: Any, ignorenulls: bool = False) -> Column:
    return _fn("first", col, lit(ignorenulls))


def last(col: Any, ignorenulls: bool = False) -> Column:
    return _fn("last", col, lit(ignorenulls))


def _value_fn(name: str, col: Any, ignoreNulls: Any) -> Column:
    if ignoreNulls is None:
        return _fn(name, col)
    return _fn(name, col, lit(ignoreNulls))


def first_value(col: Any, ignoreNulls: Any = None) -> Column:
    return _value_fn("first_value", col, ignoreNulls)


def last_value(col: Any, ignoreNulls: Any = None) -> Column:
    return _value_fn("last_value", col, ignoreNulls)
