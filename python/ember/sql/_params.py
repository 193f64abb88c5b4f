"""Binds ``spark.sql(query, args)`` parameters: named (``:x``) from a dict,
positional (``?``) from a list. Each becomes a SQL literal in the text, so
output columns are named as Spark names them (``SELECT :x + 1`` → ``(5 + 1)``)."""

from __future__ import annotations

import datetime
import decimal
from typing import Any, Dict, List, Union

from ember.errors import AnalysisException, PySparkTypeError

__all__ = ["bind"]


def _literal(value: Any) -> str:
    """The SQL literal text of a Python value."""
    from ember.sql.column import Column

    if isinstance(value, Column):
        raise PySparkTypeError(
            errorClass="INVALID_TYPE",
            messageParameters={"arg_name": "args", "arg_type": "Column"},
        )
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if -(2**31) <= value < 2**31 else "%dL" % value
    if isinstance(value, float):
        return (
            "CAST('%r' AS DOUBLE)" % value
            if value != value or value in (float("inf"), float("-inf"))
            else "%rD" % value
        )
    if isinstance(value, decimal.Decimal):
        return "%sBD" % value
    if isinstance(value, str):
        return "'%s'" % value.replace("'", "''")
    if isinstance(value, datetime.datetime):
        return "TIMESTAMP '%s'" % value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return "DATE '%s'" % value.isoformat()
    if isinstance(value, (list, tuple)):
        return "array(%s)" % ", ".join(_literal(v) for v in value)
    if isinstance(value, dict):
        return "map(%s)" % ", ".join(
            "%s, %s" % (_literal(k), _literal(v)) for k, v in value.items()
        )
    raise PySparkTypeError(
        errorClass="INVALID_TYPE",
        messageParameters={"arg_name": "args", "arg_type": type(value).__name__},
    )


def _unbound(name: str) -> AnalysisException:
    return AnalysisException(
        message="Found the unbound parameter: %s. Please, fix `args` and provide a mapping of the "
        "parameter to either a SQL literal or collection constructor functions such as `map()`, "
        "`array()`, `struct()`. SQLSTATE: 42P02" % name,
        errorClass="UNBOUND_SQL_PARAMETER",
        messageParameters={"name": name},
    )


def bind(query: str, args: Union[Dict[str, Any], List[Any], tuple]) -> str:
    """``query`` with its parameter markers replaced by literals."""
    named = isinstance(args, dict)
    out: List[str] = []
    i, n, position = 0, len(query), 0
    while i < n:
        ch = query[i]
        if ch in "'\"`":
            j = i + 1
            while j < n and query[j] != ch:
                j += 2 if query[j] == "\\" else 1
            out.append(query[i : j + 1])
            i = j + 1
            continue
        if ch == "-" and query.startswith("--", i):
            j = query.find("\n", i)
            j = n if j < 0 else j
            out.append(query[i:j])
            i = j
            continue
        if (
            ch == ":"
            and i + 1 < n
            and (query[i + 1].isalpha() or query[i + 1] == "_")
            and query[i - 1 : i] != ":"
        ):
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] == "_"):
                j += 1
            name = query[i + 1 : j]
            if not named or name not in args:
                raise _unbound(name)
            out.append(_literal(args[name]))
            i = j
            continue
        if ch == "?":
            if named or position >= len(args):
                raise _unbound("_%d" % i)
            out.append(_literal(args[position]))
            position += 1
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)
