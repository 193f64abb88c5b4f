"""Exceptions raised by the engine, mirroring ``pyspark.errors.exceptions.captured``.

Each class subclasses :class:`CapturedException` and the same-named base class
from :mod:`ember.errors.exceptions.base`, so ``except ember.errors.AnalysisException``
catches engine errors. Unlike PySpark, the state is plain Python data (no JVM).
"""

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

from ember.errors.exceptions import base as _base
from ember.errors.exceptions.base import (
    PySparkException,
    QueryContext,
    QueryContextType,
)
from ember.errors.utils import ErrorClassesReader

_READER = ErrorClassesReader()


def _default_desc(errorClass: str, params: Mapping[str, Any], sqlState: str | None) -> str:
    """Spark-style ``[COND] text SQLSTATE: s`` for a condition known on the Python side."""
    try:
        text = " " + _READER.get_error_message(errorClass, params)
    except (AssertionError, ValueError):
        text = ""
    suffix = f" SQLSTATE: {sqlState}" if sqlState else ""
    return f"[{errorClass}]{text}{suffix}"


class CapturedException(PySparkException):
    """An error raised by the engine, carrying its full formatted message."""

    def __init__(
        self,
        desc: str | None = None,
        stackTrace: str | None = None,
        cause: BaseException | None = None,
        origin: Any | None = None,
        *,
        message: str | None = None,
        errorClass: str | None = None,
        messageParameters: dict[str, str] | None = None,
        sqlState: str | None = None,
        contexts: Sequence[QueryContext | Mapping[str, Any]] | None = None,
    ):
        if sqlState is None and errorClass is not None:
            sqlState = _READER.get_sqlstate(errorClass)
        if desc is None:
            desc = message
        if desc is None and origin is not None:
            desc = str(origin)
        if desc is None:
            if errorClass is not None:
                desc = _default_desc(errorClass, messageParameters or {}, sqlState)
            else:
                desc = ""
        self._desc = desc
        self._message = desc
        self._stackTrace = stackTrace
        self._cause = cause
        self._origin = origin
        self._errorClass = errorClass
        self._messageParameters = messageParameters
        self._sqlState = sqlState
        self._contexts = [_to_query_context(c) for c in contexts or ()]
        if isinstance(cause, BaseException):
            self.__cause__ = cause

    def __str__(self) -> str:
        return self._desc

    def getCondition(self) -> str | None:
        """The error condition, or None if the error has none."""
        return self._errorClass

    def getErrorClass(self) -> str | None:
        """Deprecated alias of :meth:`getCondition`."""
        warnings.warn("Deprecated in 4.0.0, use getCondition instead.", FutureWarning)
        return self.getCondition()

    def getMessageParameters(self) -> dict[str, str] | None:
        """The message parameters."""
        return self._messageParameters

    def getSqlState(self) -> str | None:
        """The SQLSTATE, or None."""
        return self._sqlState

    def getMessage(self) -> str:
        """``[COND] text SQLSTATE: s`` without query context; ``""`` if no condition."""
        if self._errorClass is None:
            return ""
        text = self._desc.lstrip("\n")
        if self._sqlState:
            marker = f" SQLSTATE: {self._sqlState}"
            pos = text.rfind(marker)
            if pos >= 0:
                return text[: pos + len(marker)]
        for sep in ("\n== ", "; line "):
            pos = text.find(sep)
            if pos >= 0:
                text = text[:pos]
        return text

    def getQueryContext(self) -> list[QueryContext]:
        """The query contexts."""
        return self._contexts


class AnalysisException(CapturedException, _base.AnalysisException):
    """Failed to analyze a SQL query plan."""


class ParseException(AnalysisException, _base.ParseException):
    """Failed to parse a SQL command."""


class IllegalArgumentException(CapturedException, _base.IllegalArgumentException):
    """Passed an illegal or inappropriate argument."""


class StreamingQueryException(CapturedException, _base.StreamingQueryException):
    """Exception that stopped a StreamingQuery."""


class QueryExecutionException(CapturedException, _base.QueryExecutionException):
    """Failed to execute a query."""


class PythonException(CapturedException, _base.PythonException):
    """Exception thrown from Python workers."""

    def __str__(self) -> str:
        params = self.getMessageParameters()
        if not params or "msg" not in params or "traceback" not in params:
            return super().__str__()
        return f"{params['msg']}:\n{params['traceback'].strip()}"


class ArithmeticException(CapturedException, _base.ArithmeticException):
    """Arithmetic exception."""


class UnsupportedOperationException(CapturedException, _base.UnsupportedOperationException):
    """Unsupported operation exception."""


class ArrayIndexOutOfBoundsException(CapturedException, _base.ArrayIndexOutOfBoundsException):
    """Array index out of bounds exception."""


class DateTimeException(CapturedException, _base.DateTimeException):
    """Datetime exception."""


class NumberFormatException(IllegalArgumentException, _base.NumberFormatException):
    """Number format exception."""


class SparkRuntimeException(CapturedException, _base.SparkRuntimeException):
    """Runtime exception."""


class SparkUpgradeException(CapturedException, _base.SparkUpgradeException):
    """Exception thrown because of a Spark upgrade."""


class SparkNoSuchElementException(CapturedException, _base.SparkNoSuchElementException):
    """No such element exception."""


class UnknownException(CapturedException, _base.UnknownException):
    """None of the other exceptions."""


class _PlainQueryContext(QueryContext):
    """A query context holding plain values."""

    _type: QueryContextType

    def __init__(
        self,
        objectType: str = "",
        objectName: str = "",
        startIndex: int = -1,
        stopIndex: int = -1,
        fragment: str = "",
        callSite: str = "",
        summary: str = "",
    ):
        self._objectType = objectType
        self._objectName = objectName
        self._startIndex = startIndex
        self._stopIndex = stopIndex
        self._fragment = fragment
        self._callSite = callSite
        self._summary = summary

    def contextType(self) -> QueryContextType:
        return self._type

    def objectType(self) -> str:
        return self._objectType

    def objectName(self) -> str:
        return self._objectName

    def startIndex(self) -> int:
        return self._startIndex

    def stopIndex(self) -> int:
        return self._stopIndex

    def fragment(self) -> str:
        return self._fragment

    def callSite(self) -> str:
        return self._callSite

    def summary(self) -> str:
        return self._summary

    def __repr__(self) -> str:
        return f"{type(self).__name__}(fragment={self._fragment!r}, summary={self._summary!r})"


class SQLQueryContext(_PlainQueryContext):
    """Context of an error in SQL text."""

    _type = QueryContextType.SQL


class DataFrameQueryContext(_PlainQueryContext):
    """Context of an error in a DataFrame API call."""

    _type = QueryContextType.DataFrame


_CONTEXT_FIELDS = (
    "objectType",
    "objectName",
    "startIndex",
    "stopIndex",
    "fragment",
    "callSite",
    "summary",
)


def _to_query_context(ctx: QueryContext | Mapping[str, Any]) -> QueryContext:
    """A QueryContext as is, or one built from a mapping with a ``contextType`` key."""
    if isinstance(ctx, QueryContext):
        return ctx
    kind = str(ctx.get("contextType", "SQL"))
    cls = DataFrameQueryContext if kind.endswith("DataFrame") else SQLQueryContext
    return cls(**{k: ctx[k] for k in _CONTEXT_FIELDS if k in ctx})


_KINDS: dict[str, type[CapturedException]] = {
    c.__name__: c
    for c in (
        AnalysisException,
        ParseException,
        IllegalArgumentException,
        StreamingQueryException,
        QueryExecutionException,
        PythonException,
        ArithmeticException,
        UnsupportedOperationException,
        ArrayIndexOutOfBoundsException,
        DateTimeException,
        NumberFormatException,
        SparkRuntimeException,
        SparkUpgradeException,
        SparkNoSuchElementException,
        UnknownException,
    )
}
# JVM subclasses that PySpark surfaces as their captured parent class.
_KINDS.update(
    {
        name: AnalysisException
        for name in (
            "ExtendedAnalysisException",
            "TempTableAlreadyExistsException",
            "TableAlreadyExistsException",
            "NamespaceAlreadyExistsException",
            "NoSuchTableException",
            "NoSuchViewException",
            "NoSuchDatabaseException",
            "NoSuchNamespaceException",
            "NoSuchFunctionException",
            "NoSuchPartitionException",
        )
    }
)
_KINDS["NoSuchElementException"] = SparkNoSuchElementException


def _captured_class(kind: str) -> type[CapturedException]:
    name = kind.rsplit(".", 1)[-1]
    cls = _KINDS.get(name)
    if cls is None and name.startswith("Spark"):
        cls = _KINDS.get(name[len("Spark") :])
    return cls or UnknownException


def _from_native(
    kind: str,
    condition: str | None,
    sql_state: str | None,
    message_parameters: Mapping[str, str] | None,
    message: str,
    contexts: Sequence[QueryContext | Mapping[str, Any]] | None = None,
    cause: BaseException | None = None,
) -> CapturedException:
    """Build the captured exception for an engine error.

    ``kind`` is the class name (``"AnalysisException"``, ``"SparkArithmeticException"``,
    a dotted JVM name, ...); unknown kinds give :class:`UnknownException`. ``message``
    is the engine's fully formatted text and becomes ``str(exc)``.
    """
    cls = _captured_class(kind)
    exc = cls(
        message=message,
        errorClass=condition,
        messageParameters=dict(message_parameters or {}),
        contexts=contexts,
        cause=cause,
    )
    # Keep the engine's SQLSTATE as given, even None.
    exc._sqlState = sql_state
    return exc


__all__ = [
    "AnalysisException",
    "ArithmeticException",
    "ArrayIndexOutOfBoundsException",
    "CapturedException",
    "DataFrameQueryContext",
    "DateTimeException",
    "IllegalArgumentException",
    "NumberFormatException",
    "ParseException",
    "PythonException",
    "QueryExecutionException",
    "SQLQueryContext",
    "SparkNoSuchElementException",
    "SparkRuntimeException",
    "SparkUpgradeException",
    "StreamingQueryException",
    "UnknownException",
    "UnsupportedOperationException",
]
