"""User-defined table functions (``pyspark.sql.udtf``).

A UDTF called on constant arguments (literals and expressions of them) runs
its ``eval`` and ``terminate`` once and gives their rows as a DataFrame.
Table arguments and lateral calls are not supported yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, Type, Union

from ember.errors import PySparkNotImplementedError, PySparkTypeError
from ember.sql.column import Column
from ember.sql.types import DataType, StructType, _parse_datatype_string
from ember.util import PythonEvalType

__all__ = [
    "AnalyzeArgument",
    "AnalyzeResult",
    "OrderingColumn",
    "PartitioningColumn",
    "SelectedColumn",
    "SkipRestOfInputTableException",
    "UDTFRegistration",
]


@dataclass(frozen=True)
class AnalyzeArgument:
    """The argument for Python UDTF's analyze static method."""

    dataType: DataType
    value: Optional[Any]
    isTable: bool
    isConstantExpression: bool


@dataclass(frozen=True)
class PartitioningColumn:
    """An expression the UDTF asks to partition the input table by."""

    name: str


@dataclass(frozen=True)
class OrderingColumn:
    """An expression the UDTF asks to order the input partition by."""

    name: str
    ascending: bool = True
    overrideNullsFirst: Optional[bool] = None


@dataclass(frozen=True)
class SelectedColumn:
    """An expression the UDTF asks to evaluate against the input table's columns."""

    name: str
    alias: str = ""


@dataclass
class AnalyzeResult:
    """The return of Python UDTF's analyze static method."""

    schema: StructType
    withSinglePartition: bool = False
    partitionBy: Sequence[PartitioningColumn] = field(default_factory=tuple)
    orderBy: Sequence[OrderingColumn] = field(default_factory=tuple)
    select: Sequence[SelectedColumn] = field(default_factory=tuple)


class SkipRestOfInputTableException(Exception):
    """Raised by ``eval`` when it is done consuming rows of the current partition."""


def _not_implemented(feature: str) -> PySparkNotImplementedError:
    return PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature}
    )


def _python_exception(traceback_text: str) -> Exception:
    """Spark's PythonException for an exception raised by the user's code."""
    from ember.errors.exceptions.captured import _from_native

    msg = "An exception was thrown from the Python worker"
    return _from_native(
        "PythonException",
        "PYTHON_EXCEPTION",
        "38000",
        {"msg": msg, "traceback": traceback_text},
        f"{msg}:\n{traceback_text.rstrip()}",
    )


def _create_udtf(
    cls: Type,
    returnType: Optional[Union[StructType, str]],
    name: Optional[str] = None,
    evalType: int = PythonEvalType.SQL_TABLE_UDF,
    deterministic: bool = False,
) -> "UserDefinedTableFunction":
    return UserDefinedTableFunction(
        cls, returnType=returnType, name=name, evalType=evalType, deterministic=deterministic
    )


def _create_py_udtf(
    cls: Type,
    returnType: Optional[Union[StructType, str]],
    name: Optional[str] = None,
    deterministic: bool = False,
    useArrow: Optional[bool] = None,
) -> "UserDefinedTableFunction":
    eval_type = PythonEvalType.SQL_ARROW_TABLE_UDF if useArrow else PythonEvalType.SQL_TABLE_UDF
    return _create_udtf(cls, returnType, name, eval_type, deterministic)


def _create_pyarrow_udtf(
    cls: Type,
    returnType: Optional[Union[StructType, str]],
    name: Optional[str] = None,
    deterministic: bool = False,
) -> "UserDefinedTableFunction":
    return _create_udtf(cls, returnType, name, PythonEvalType.SQL_ARROW_UDTF, deterministic)


class UserDefinedTableFunction:
    """User-defined table function in Python.

    Notes
    -----
    The constructor of this class is not supposed to be directly called.
    Use :meth:`pyspark.sql.functions.udtf` to create this instance.
    """

    def __init__(
        self,
        func: Type,
        returnType: Optional[Union[StructType, str]],
        name: Optional[str] = None,
        evalType: int = PythonEvalType.SQL_TABLE_UDF,
        deterministic: bool = False,
    ):
        if not isinstance(func, type):
            raise PySparkTypeError(
                errorClass="INVALID_UDTF_HANDLER_TYPE",
                messageParameters={"type": type(func).__name__},
            )
        if not hasattr(func, "eval"):
            raise PySparkTypeError(
                errorClass="INVALID_UDTF_NO_EVAL",
                messageParameters={"name": func.__name__},
            )
        self.func = func
        self._returnType = returnType
        self._returnType_placeholder: Optional[StructType] = None
        self._name = name or func.__name__
        self.evalType = evalType
        self.deterministic = deterministic

    @property
    def returnType(self) -> Optional[StructType]:
        if self._returnType is None:
            return None
        if self._returnType_placeholder is None:
            rt = self._returnType
            if isinstance(rt, str):
                rt = _parse_datatype_string(rt)
            if not isinstance(rt, StructType):
                raise PySparkTypeError(
                    errorClass="UDTF_RETURN_TYPE_MISMATCH",
                    messageParameters={"name": self._name, "return_type": f"{rt}"},
                )
            self._returnType_placeholder = rt
        return self._returnType_placeholder

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ember.sql.session import SparkSession

        spark = (
            SparkSession.getActiveSession()
            or SparkSession._instantiatedSession
            or SparkSession.builder.getOrCreate()
        )
        for a in list(args) + list(kwargs.values()):
            if not isinstance(a, Column):
                raise _not_implemented("UDTF calls with table arguments")
        names = [f"_{i}" for i in range(len(args))] + list(kwargs)
        cols = [c.alias(n) for c, n in zip(list(args) + list(kwargs.values()), names)]
        if cols:
            try:
                probe = spark.range(1).select(*cols)
                row = probe.first()
            except Exception as exc:
                raise _not_implemented("UDTF calls on non-constant arguments") from exc
            types = [f.dataType for f in probe.schema.fields]
            values = list(row)
        else:
            types, values = [], []
        keywords = [None] * len(args) + list(kwargs)
        from ember.sql.udf import _UserError

        try:
            rows, schema = self._rows(types, values, keywords)
        except _UserError as exc:
            raise _python_exception(exc._ember_traceback) from None
        return spark.createDataFrame(rows, schema)

    def _rows(self, types: list, values: list, keywords: list) -> tuple:
        """The rows (tuples) and schema of one call on constant arguments."""
        pos = [v for v, k in zip(values, keywords) if k is None]
        kw = {k: v for v, k in zip(values, keywords) if k is not None}
        schema = self.returnType
        if schema is None:
            analyze = getattr(self.func, "analyze", None)
            if analyze is None:
                raise PySparkTypeError(
                    errorClass="INVALID_UDTF_RETURN_TYPE",
                    messageParameters={"name": self._name},
                )
            arg = [AnalyzeArgument(t, v, False, True) for t, v in zip(types, values)]
            pos_arg = [a for a, k in zip(arg, keywords) if k is None]
            kw_arg = {k: a for a, k in zip(arg, keywords) if k is not None}
            schema = analyze(*pos_arg, **kw_arg).schema
        if self.evalType == PythonEvalType.SQL_ARROW_UDTF:
            raise _not_implemented("arrow_udtf")
        handler = self.func()
        rows: list = []

        def collect(out: Any) -> None:
            if out is None:
                return
            for r in out:
                rows.append(tuple(r) if not isinstance(r, tuple) else r)

        from ember.sql.udf import _UserError

        try:
            try:
                collect(handler.eval(*pos, **kw))
            except SkipRestOfInputTableException:
                pass
            if hasattr(handler, "terminate"):
                collect(handler.terminate())
        except Exception as exc:
            raise _UserError(exc) from None
        return rows, schema

    def asDeterministic(self) -> "UserDefinedTableFunction":
        """Updates UserDefinedTableFunction to deterministic."""
        self.deterministic = True
        return self


class UDTFRegistration:
    """Registers user-defined table functions for SQL; ``spark.udtf``."""

    def __init__(self, sparkSession: Any):
        self.sparkSession = sparkSession

    def register(self, name: str, f: UserDefinedTableFunction) -> UserDefinedTableFunction:
        """Register a Python user-defined table function as a SQL table function,
        callable in FROM on literal arguments."""
        if not isinstance(f, UserDefinedTableFunction):
            raise PySparkTypeError(
                errorClass="CANNOT_REGISTER_UDTF",
                messageParameters={"name": name},
            )
        registered = _create_udtf(f.func, f._returnType, name, f.evalType, f.deterministic)
        self.sparkSession._jss.register_udtf(name, _TableEvaluator(registered))
        return registered


class _TableEvaluator:
    """Runs a registered UDTF for the engine: internal values in, rows out."""

    def __init__(self, udtf: UserDefinedTableFunction) -> None:
        self.udtf = udtf

    def __call__(self, columns: list, keywords: list) -> tuple:
        from ember.sql.udf import _from_internal, _type_of

        types = [_type_of(t) for _, t in columns]
        values = [_from_internal(t)(vals[0]) for (vals, _), t in zip(columns, types)]
        rows, schema = self.udtf._rows(types, values, keywords)
        return [schema.toInternal(r) for r in rows], schema.json()
