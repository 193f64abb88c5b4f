"""Date and time functions (``year``, ``date_add``, …) and ``substring``."""

from __future__ import annotations

from typing import Any

from ember.sql.column import Column
from ember.sql.functions.builtin import _fn, lit

__all__ = [
    "add_months",
    "date_add",
    "date_sub",
    "datediff",
    "day",
    "dayofmonth",
    "dayofyear",
    "hour",
    "minute",
    "month",
    "quarter",
    "second",
    "substring",
    "year",
]


def _value(v: Any) -> Any:
    """A Column stays a Column; a Python value becomes a literal."""
    return v if isinstance(v, Column) else lit(v)


def year(col: Any) -> Column:
    return _fn("year", col)


def quarter(col: Any) -> Column:
    return _fn("quarter", col)


def month(col: Any) -> Column:
    return _fn("month", col)


def day(col: Any) -> Column:
    return _fn("day", col)


def dayofmonth(col: Any) -> Column:
    return _fn("dayofmonth", col)


def dayofyear(col: Any) -> Column:
    return _fn("dayofyear", col)


def hour(col: Any) -> Column:
    return _fn("hour", col)


def minute(col: Any) -> Column:
    return _fn("minute", col)


def second(col: Any) -> Column:
    return _fn("second", col)


def date_add(start: Any, days: Any) -> Column:
    return _fn("date_add", start, _value(days))


def date_sub(start: Any, days: Any) -> Column:
    return _fn("date_sub", start, _value(days))


def datediff(end: Any, start: Any) -> Column:
    return _fn("datediff", end, start)


def add_months(start: Any, months: Any) -> Column:
    return _fn("add_months", start, _value(months))


def substring(str: Any, pos: Any, len: Any) -> Column:
    """``len`` characters of ``str`` from 1-based position ``pos``."""
    return _fn("substring", str, _value(pos), _value(len))
