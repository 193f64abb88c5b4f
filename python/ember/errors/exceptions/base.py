"""Base exception classes, mirroring ``pyspark.errors.exceptions.base``."""

import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterable
from enum import Enum
from pickle import PicklingError
from typing import TYPE_CHECKING, Any

from ember.errors.utils import ErrorClassesReader

if TYPE_CHECKING:
    from ember.sql.types import Row

_READER = ErrorClassesReader()


class PySparkException(Exception):
    """Base exception for errors raised by Ember / PySpark APIs."""

    def __init__(
        self,
        message: str | None = None,
        errorClass: str | None = None,
        messageParameters: dict[str, str] | None = None,
        contexts: list["QueryContext"] | None = None,
    ):
        if message is None:
            if errorClass is None:
                message = ""
            else:
                message = _READER.get_error_message(errorClass, messageParameters or {})
        self._message = message
        self._errorClass = errorClass
        self._messageParameters = messageParameters
        self._contexts = [] if contexts is None else contexts

    def getCondition(self) -> str | None:
        """The error condition, e.g. ``"CANNOT_MERGE_TYPE"``."""
        return self._errorClass

    def getErrorClass(self) -> str | None:
        """Deprecated alias of :meth:`getCondition`."""
        warnings.warn("Deprecated in 4.0.0, use getCondition instead.", FutureWarning)
        return self.getCondition()

    def getMessageParameters(self) -> dict[str, str] | None:
        """The message parameters."""
        return self._messageParameters

    def getSqlState(self) -> str | None:
        """The SQLSTATE of the condition, or None."""
        return _READER.get_sqlstate(self._errorClass)

    def getMessage(self) -> str:
        """The full message, ``[CONDITION] text``."""
        return f"[{self.getCondition()}] {self._message}"

    def getBreakingChangeInfo(self) -> dict[str, Any] | None:
        """Breaking-change info of the condition, or None."""
        return _READER.get_breaking_change_info(self._errorClass)

    def getQueryContext(self) -> list["QueryContext"]:
        """The query contexts."""
        return self._contexts

    def __str__(self) -> str:
        if self.getCondition() is not None:
            return self.getMessage()
        return self._message


class AnalysisException(PySparkException):
    """Failed to analyze a SQL query plan."""


class SessionNotSameException(PySparkException):
    """Performed the same operation on different SparkSession."""


class TempTableAlreadyExistsException(AnalysisException):
    """Failed to create a temp view since it already exists."""


class ParseException(AnalysisException):
    """Failed to parse a SQL command."""


class IllegalArgumentException(PySparkException):
    """Passed an illegal or inappropriate argument."""


class ArithmeticException(PySparkException):
    """Arithmetic exception thrown from Spark with an error class."""


class UnsupportedOperationException(PySparkException):
    """Unsupported operation exception thrown from Spark with an error class."""


class ArrayIndexOutOfBoundsException(PySparkException):
    """Array index out of bounds exception thrown from Spark with an error class."""


class DateTimeException(PySparkException):
    """Datetime exception thrown from Spark with an error class."""


class NumberFormatException(IllegalArgumentException):
    """Number format exception thrown from Spark with an error class."""


class StreamingQueryException(PySparkException):
    """Exception that stopped a StreamingQuery."""


class StreamingPythonRunnerInitializationException(PySparkException):
    """Failed to initialize a streaming Python runner."""


class QueryExecutionException(PySparkException):
    """Failed to execute a query."""


class PythonException(PySparkException):
    """Exception thrown from Python workers."""


class SparkRuntimeException(PySparkException):
    """Runtime exception thrown from Spark with an error class."""


class SparkUpgradeException(PySparkException):
    """Exception thrown because of a Spark upgrade."""


class SparkNoSuchElementException(PySparkException):
    """No such element exception."""


class UnknownException(PySparkException):
    """None of the other exceptions."""


class PySparkValueError(PySparkException, ValueError):
    """ValueError with an error condition."""


class PySparkTypeError(PySparkException, TypeError):
    """TypeError with an error condition."""


class PySparkIndexError(PySparkException, IndexError):
    """IndexError with an error condition."""


class PySparkAttributeError(PySparkException, AttributeError):
    """AttributeError with an error condition."""


class PySparkRuntimeError(PySparkException, RuntimeError):
    """RuntimeError with an error condition."""


class PySparkAssertionError(PySparkException, AssertionError):
    """AssertionError with an error condition and optional offending rows."""

    def __init__(
        self,
        message: str | None = None,
        errorClass: str | None = None,
        messageParameters: dict[str, str] | None = None,
        data: Iterable["Row"] | None = None,
    ):
        super().__init__(message, errorClass, messageParameters)
        self.data = data


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    """NotImplementedError with an error condition."""


class PySparkPicklingError(PySparkException, PicklingError):
    """pickle.PicklingError with an error condition."""


class PySparkKeyError(PySparkException, KeyError):
    """KeyError with an error condition."""


class PySparkImportError(PySparkException, ImportError):
    """ImportError with an error condition."""


class PickleException(PySparkException):
    """Pickling failed on the engine side (unlike Python's ``pickle.PicklingError``)."""


class QueryContextType(Enum):
    """The type of a :class:`QueryContext`."""

    SQL = 0
    DataFrame = 1


class QueryContext(ABC):
    """Where in a query (SQL text or DataFrame call) an error occurred."""

    @abstractmethod
    def contextType(self) -> QueryContextType:
        """The type of this query context."""

    @abstractmethod
    def objectType(self) -> str:
        """Object type (e.g. ``"VIEW"``), or ``""`` for the main query."""

    @abstractmethod
    def objectName(self) -> str:
        """Object name (e.g. ``"V1"``), or ``""`` for the main query."""

    @abstractmethod
    def startIndex(self) -> int:
        """0-based start index in the query text."""

    @abstractmethod
    def stopIndex(self) -> int:
        """0-based stop index in the query text."""

    @abstractmethod
    def fragment(self) -> str:
        """The query fragment that failed."""

    @abstractmethod
    def callSite(self) -> str:
        """The user call site that caused the error."""

    @abstractmethod
    def summary(self) -> str:
        """Summary of the context."""
