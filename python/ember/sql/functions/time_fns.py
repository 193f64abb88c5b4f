"""Functions of Spark's TIME type (``make_time``, ``time_trunc``,
``to_time``, …), the ``try_make_*`` constructors, time windows (``window``,
``session_window``, ``window_time``) and the partition transforms
(``years``, ``months``, ``days``, ``hours``, ``bucket``)."""

from __future__ import annotations

import decimal
from typing import Any, Optional, Union

from ember.errors import PySparkTypeError
from ember.sql.column import Column
from ember.sql.functions._args import _binary, _unary
from ember.sql.functions.builtin import _fn, lit
from ember.sql.functions.datetime_fns import _make_ts

__all__ = [
    "bucket", "current_time", "days", "hours", "make_time", "months", "session_window",
    "time_bucket", "time_diff", "time_from_micros", "time_from_millis", "time_from_seconds",
    "time_to_micros", "time_to_millis", "time_to_seconds", "time_trunc", "timestamp_nanos",
    "to_time", "try_make_interval", "try_make_timestamp", "try_make_timestamp_ltz",
    "try_make_timestamp_ntz", "try_to_time", "unix_nanos", "window", "window_time", "years",
]  # fmt: skip


def current_time(precision: Optional[int] = None) -> Column:
    """The time of day at the start of the query, in the session time zone."""
    if precision is None:
        return _fn("current_time")
    return _fn("current_time", lit(precision))


def make_time(hour: Any, minute: Any, second: Any) -> Column:
    """A time from its hour, minute and (fractional) second."""
    return _fn("make_time", hour, minute, second)


time_from_seconds = _unary("time_from_seconds", "A time so many seconds after midnight.")
time_from_millis = _unary("time_from_millis", "A time so many ms after midnight.")
time_from_micros = _unary("time_from_micros", "A time so many µs after midnight.")
time_to_seconds = _unary("time_to_seconds", "Seconds after midnight of a time.")
time_to_millis = _unary("time_to_millis", "Milliseconds after midnight of a time.")
time_to_micros = _unary("time_to_micros", "Microseconds after midnight of a time.")
time_trunc = _binary("time_trunc", "A time truncated to a unit.", ("unit", "time"))


def time_diff(unit: Any, start: Any, end: Any) -> Column:
    """Whole units from ``start`` to ``end``."""
    return _fn("time_diff", unit, start, end)


def to_time(str: Any, format: Optional[Any] = None) -> Column:
    """A string parsed to a time, by a pattern or as a cast does."""
    if format is None:
        return _fn("to_time", str)
    return _fn("to_time", str, format)


def try_to_time(str: Any, format: Optional[Any] = None) -> Column:
    """As ``to_time``, NULL where the text does not parse."""
    if format is None:
        return _fn("try_to_time", str)
    return _fn("try_to_time", str, format)


def time_bucket(bucket_size: Column, ts: Any, origin: Optional[Column] = None) -> Column:
    """The start of the interval bucket ``ts`` falls into."""
    if origin is None:
        return _fn("time_bucket", bucket_size, ts)
    return _fn("time_bucket", bucket_size, ts, origin)


timestamp_nanos = _unary("timestamp_nanos", "A nanosecond timestamp from nanoseconds.")
unix_nanos = _unary("unix_nanos", "Nanoseconds since the epoch of a nanosecond timestamp.")


def _zero(v: Any) -> Any:
    return lit(0) if v is None else v


def try_make_interval(
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
    return _fn("try_make_interval", *ints, s)


def try_make_timestamp(
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
    return _make_ts("try_make_timestamp", fields, tail, date, time)


def try_make_timestamp_ltz(
    years: Any,
    months: Any,
    days: Any,
    hours: Any,
    mins: Any,
    secs: Any,
    timezone: Optional[Any] = None,
) -> Column:
    tail = [] if timezone is None else [timezone]
    return _fn("try_make_timestamp_ltz", years, months, days, hours, mins, secs, *tail)


def try_make_timestamp_ntz(
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
    return _make_ts("try_make_timestamp_ntz", fields, [], date, time)


def _check_str(field: Any, name: str) -> None:
    if not field or type(field) is not str:
        raise PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={
                "arg_name": name,
                "expected_type": "str",
                "arg_type": type(field).__name__,
            },
        )


def window(
    timeColumn: Any,
    windowDuration: str,
    slideDuration: Optional[str] = None,
    startTime: Optional[str] = None,
) -> Column:
    """The time window(s) ``timeColumn`` falls into, as ``struct<start, end>``."""
    _check_str(windowDuration, "windowDuration")
    if slideDuration and startTime:
        _check_str(slideDuration, "slideDuration")
        _check_str(startTime, "startTime")
        extra = [slideDuration, startTime]
    elif slideDuration:
        _check_str(slideDuration, "slideDuration")
        extra = [slideDuration]
    elif startTime:
        _check_str(startTime, "startTime")
        extra = [windowDuration, startTime]
    else:
        extra = []
    return _fn("window", timeColumn, *[lit(v) for v in [windowDuration, *extra]])


def window_time(windowColumn: Any) -> Column:
    """The event time of a window: its end less one microsecond."""
    return _fn("window_time", windowColumn)


def session_window(timeColumn: Any, gapDuration: Union[Column, str]) -> Column:
    """The session window of ``timeColumn`` with a static or per-row gap."""
    if gapDuration is None or not isinstance(gapDuration, (str, Column)):
        raise PySparkTypeError(
            errorClass="NOT_COLUMN_OR_STR",
            messageParameters={
                "arg_name": "gapDuration",
                "arg_type": type(gapDuration).__name__,
            },
        )
    return _fn("session_window", timeColumn, lit(gapDuration))


years = _unary("years", "Partition transform: the years of a date or timestamp.")
months = _unary("months", "Partition transform: the months of a date or timestamp.")
days = _unary("days", "Partition transform: the days of a date or timestamp.")
hours = _unary("hours", "Partition transform: the hours of a timestamp.")


def bucket(numBuckets: Union[Column, int], col: Any) -> Column:
    """Partition transform: a hash bucket of ``col``."""
    if not isinstance(numBuckets, (int, Column)) or isinstance(numBuckets, bool):
        raise PySparkTypeError(
            errorClass="NOT_COLUMN_OR_INT",
            messageParameters={
                "arg_name": "numBuckets",
                "arg_type": type(numBuckets).__name__,
            },
        )
    return _fn("bucket", lit(numBuckets), col)
