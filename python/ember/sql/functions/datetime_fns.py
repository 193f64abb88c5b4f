"""Date and time functions (``year``, ``date_add``, ``date_format``,
``to_timestamp``, …) and ``substring``.

Patterns are Spark's datetime patterns; timestamps are read and shown in
the session time zone (``spark.sql.session.timeZone``)."""

from __future__ import annotations

import decimal
from typing import Any, Optional

from ember.errors import PySparkValueError
from ember.sql.column import Column
from ember.sql.functions._args import _nullary, _unary
from ember.sql.functions.builtin import _fn, lit

__all__ = [
    "dateadd",
    "convert_timezone", "curdate", "current_date", "current_timestamp", "current_timezone",
    "date_diff", "date_format", "date_from_unix_date", "date_part", "date_trunc", "datepart",
    "dayname", "dayofweek", "extract", "from_unixtime", "from_utc_timestamp", "last_day",
    "localtimestamp", "make_date", "make_dt_interval", "make_interval", "make_timestamp",
    "make_timestamp_ltz", "make_timestamp_ntz", "make_ym_interval", "monthname",
    "months_between", "next_day", "now", "timestamp_add", "timestamp_diff",
    "timestamp_micros", "timestamp_millis", "timestamp_seconds", "to_date", "to_timestamp",
    "to_timestamp_ltz", "to_timestamp_ntz", "to_unix_timestamp", "to_utc_timestamp", "trunc",
    "try_to_date", "try_to_timestamp", "unix_date", "unix_micros", "unix_millis",
    "unix_seconds", "unix_timestamp", "weekday", "weekofyear",
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
]  # fmt: skip


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


def _days(v: Any) -> Any:
    """A column name or Column as it is; a number becomes a literal."""
    return lit(v) if isinstance(v, int) and not isinstance(v, bool) else v


def date_add(start: Any, days: Any) -> Column:
    return _fn("date_add", start, _days(days))


def dateadd(start: Any, days: Any) -> Column:
    return _fn("date_add", start, _days(days))


def date_sub(start: Any, days: Any) -> Column:
    return _fn("date_sub", start, _days(days))


def datediff(end: Any, start: Any) -> Column:
    return _fn("datediff", end, start)


def add_months(start: Any, months: Any) -> Column:
    return _fn("add_months", start, _days(months))


def substring(str: Any, pos: Any, len: Any) -> Column:
    """``len`` characters of ``str`` from 1-based position ``pos``."""
    return _fn("substring", str, _days(pos), _days(len))


dayofweek = _unary("dayofweek", "Day of the week, 1 (Sunday) to 7 (Saturday).")
weekofyear = _unary("weekofyear", "ISO 8601 week of the year.")
weekday = _unary("weekday", "Day of the week, 0 (Monday) to 6 (Sunday).")
dayname = _unary("dayname", "Three-letter name of the day of the week.")
monthname = _unary("monthname", "Three-letter name of the month.")
last_day = _unary("last_day", "Last day of the date's month.")
date_from_unix_date = _unary("date_from_unix_date", "The date so many days after 1970-01-01.")
unix_date = _unary("unix_date", "Days since 1970-01-01.")
unix_micros = _unary("unix_micros", "Microseconds since the epoch.")
unix_millis = _unary("unix_millis", "Milliseconds since the epoch.")
unix_seconds = _unary("unix_seconds", "Seconds since the epoch.")
timestamp_seconds = _unary("timestamp_seconds", "The timestamp so many seconds after the epoch.")
timestamp_millis = _unary("timestamp_millis", "The timestamp so many ms after the epoch.")
timestamp_micros = _unary("timestamp_micros", "The timestamp so many µs after the epoch.")
current_date = _nullary("current_date", "Today in the session time zone.")
curdate = _nullary("curdate", "Today in the session time zone.")
current_timestamp = _nullary("current_timestamp", "The query's start time.")
now = _nullary("now", "The query's start time.")
localtimestamp = _nullary("localtimestamp", "The query's start as a local timestamp.")
current_timezone = _nullary("current_timezone", "The session time zone.")


def date_format(date: Any, format: str) -> Column:
    """The date or timestamp as text in a Spark datetime pattern."""
    return _fn("date_format", date, lit(format))


def to_date(col: Any, format: Optional[str] = None) -> Column:
    """A string parsed (or a timestamp cast) to a date."""
    if format is None:
        return _fn("to_date", col)
    return _fn("to_date", col, lit(format))


def try_to_date(col: Any, format: Optional[str] = None) -> Column:
    """``to_date``, NULL where the text does not parse."""
    if format is None:
        return _fn("try_to_date", col)
    return _fn("try_to_date", col, lit(format))


def to_timestamp(col: Any, format: Optional[str] = None) -> Column:
    """A string parsed to a timestamp."""
    if format is None:
        return _fn("to_timestamp", col)
    return _fn("to_timestamp", col, lit(format))


def to_timestamp_ltz(timestamp: Any, format: Optional[Any] = None) -> Column:
    if format is None:
        return _fn("to_timestamp_ltz", timestamp)
    return _fn("to_timestamp_ltz", timestamp, format)


def to_timestamp_ntz(timestamp: Any, format: Optional[Any] = None) -> Column:
    if format is None:
        return _fn("to_timestamp_ntz", timestamp)
    return _fn("to_timestamp_ntz", timestamp, format)


def try_to_timestamp(col: Any, format: Optional[Any] = None) -> Column:
    if format is None:
        return _fn("try_to_timestamp", col)
    return _fn("try_to_timestamp", col, format)


def unix_timestamp(timestamp: Optional[Any] = None, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:
    """Seconds since the epoch of a timestamp, or of a string in a pattern."""
    if timestamp is None:
        return _fn("unix_timestamp")
    return _fn("unix_timestamp", timestamp, lit(format))


def to_unix_timestamp(timestamp: Any, format: Optional[Any] = None) -> Column:
    if format is None:
        return _fn("to_unix_timestamp", timestamp)
    return _fn("to_unix_timestamp", timestamp, format)


def from_unixtime(timestamp: Any, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:
    """Seconds since the epoch as text in a pattern, in the session time zone."""
    return _fn("from_unixtime", timestamp, lit(format))


def next_day(date: Any, dayOfWeek: str) -> Column:
    return _fn("next_day", date, lit(dayOfWeek))


def months_between(date1: Any, date2: Any, roundOff: bool = True) -> Column:
    return _fn("months_between", date1, date2, lit(roundOff))


def trunc(date: Any, format: str) -> Column:
    return _fn("trunc", date, lit(format))


def date_trunc(format: str, timestamp: Any) -> Column:
    return _fn("date_trunc", lit(format), timestamp)


def make_date(year: Any, month: Any, day: Any) -> Column:
    return _fn("make_date", year, month, day)


def _together() -> PySparkValueError:
    return PySparkValueError(
        errorClass="CANNOT_SET_TOGETHER",
        messageParameters={"arg_list": "years|months|days|hours|mins|secs and date|time"},
    )


def _make_ts(name: str, fields: list, tail: list, date: Any, time: Any) -> Column:
    """``name(y, m, d, h, mi, s[, tz])`` or ``name(date, time[, tz])``."""
    if fields[0] is not None:
        if date is not None or time is not None:
            raise _together()
        return _fn(name, *fields, *tail)
    if any(a is not None for a in fields):
        raise _together()
    return _fn(name, date, time, *tail)


def make_timestamp(
    years: Optional[Any] = None,
    months: Optional[Any] = None,
    days: Optional[Any] = None,
    hours: Optional[Any] = None,
    mins: Optional[Any] = None,
    secs: Optional[Any] = None,
    timezone: Optional[Any] = None,
    date: Optional[Any] = None,
    time: Optional[Any] = None,
) -> Column:
    tail = [] if timezone is None else [timezone]
    fields = [years, months, days, hours, mins, secs]
    return _make_ts("make_timestamp", fields, tail, date, time)


def make_timestamp_ltz(
    years: Any,
    months: Any,
    days: Any,
    hours: Any,
    mins: Any,
    secs: Any,
    timezone: Optional[Any] = None,
) -> Column:
    tail = [] if timezone is None else [timezone]
    return _fn("make_timestamp_ltz", years, months, days, hours, mins, secs, *tail)


def make_timestamp_ntz(
    years: Optional[Any] = None,
    months: Optional[Any] = None,
    days: Optional[Any] = None,
    hours: Optional[Any] = None,
    mins: Optional[Any] = None,
    secs: Optional[Any] = None,
    date: Optional[Any] = None,
    time: Optional[Any] = None,
) -> Column:
    fields = [years, months, days, hours, mins, secs]
    return _make_ts("make_timestamp_ntz", fields, [], date, time)


def from_utc_timestamp(timestamp: Any, tz: Any) -> Column:
    """The UTC timestamp read as local time in ``tz``."""
    return _fn("from_utc_timestamp", timestamp, _value(tz))


def to_utc_timestamp(timestamp: Any, tz: Any) -> Column:
    """The local time in ``tz`` as a UTC timestamp."""
    return _fn("to_utc_timestamp", timestamp, _value(tz))


def date_diff(end: Any, start: Any) -> Column:
    return _fn("date_diff", end, start)


def date_part(field: Column, source: Any) -> Column:
    return _fn("date_part", field, source)


def datepart(field: Column, source: Any) -> Column:
    return _fn("datepart", field, source)


def extract(field: Column, source: Any) -> Column:
    return _fn("extract", field, source)


def timestamp_add(unit: str, quantity: Any, ts: Any) -> Column:
    return _fn("timestamp_add", lit(unit), quantity, ts)


def timestamp_diff(unit: str, start: Any, end: Any) -> Column:
    return _fn("timestamp_diff", lit(unit), start, end)


def convert_timezone(sourceTz: Optional[Column], targetTz: Column, sourceTs: Any) -> Column:
    if sourceTz is None:
        return _fn("convert_timezone", targetTz, sourceTs)
    return _fn("convert_timezone", sourceTz, targetTz, sourceTs)


def _zero(v: Any) -> Any:
    return lit(0) if v is None else v


def make_interval(
    years: Optional[Any] = None,
    months: Optional[Any] = None,
    weeks: Optional[Any] = None,
    days: Optional[Any] = None,
    hours: Optional[Any] = None,
    mins: Optional[Any] = None,
    secs: Optional[Any] = None,
) -> Column:
    s = lit(decimal.Decimal(0)) if secs is None else secs
    ints = [_zero(v) for v in (years, months, weeks, days, hours, mins)]
    return _fn("make_interval", *ints, s)


def make_dt_interval(
    days: Optional[Any] = None,
    hours: Optional[Any] = None,
    mins: Optional[Any] = None,
    secs: Optional[Any] = None,
) -> Column:
    s = lit(decimal.Decimal(0)) if secs is None else secs
    return _fn("make_dt_interval", _zero(days), _zero(hours), _zero(mins), s)


def make_ym_interval(years: Optional[Any] = None, months: Optional[Any] = None) -> Column:
    return _fn("make_ym_interval", _zero(years), _zero(months))
