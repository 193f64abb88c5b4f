"""User-defined functions (``pyspark.sql.udf``).

A :class:`UserDefinedFunction` hands the engine an evaluator: the engine
calls it on its worker threads with a batch of argument columns and gets
the batch's results back, coerced to the declared type as PySpark coerces
them (a value of the wrong type becomes NULL).
"""

from __future__ import annotations

import datetime
import decimal
import functools
import inspect
import traceback
from typing import Any, Callable, List, Optional, Union

from ember import _native
from ember.errors import PySparkNotImplementedError, PySparkTypeError
from ember.errors.exceptions.captured import CapturedException
from ember.sql.column import Column, _to_col_jc
from ember.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    Row,
    ShortType,
    StringType,
    StructType,
    TimestampNTZType,
    TimestampType,
    _from_internal_converter,
    _parse_datatype_json_string,
    _parse_datatype_string,
)
from ember.util import PythonEvalType

__all__ = ["UDFRegistration", "UserDefinedFunction"]

_SCALAR_EVAL_TYPES = (
    PythonEvalType.SQL_BATCHED_UDF,
    PythonEvalType.SQL_ARROW_BATCHED_UDF,
    PythonEvalType.SQL_SCALAR_PANDAS_UDF,
    PythonEvalType.SQL_SCALAR_ARROW_UDF,
    PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
    PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF,
)
_AGG_EVAL_TYPES = (
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF,
    PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF,
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
    PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF,
)
_PANDAS_EVAL_TYPES = (
    PythonEvalType.SQL_SCALAR_PANDAS_UDF,
    PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
)
_ARROW_EVAL_TYPES = (
    PythonEvalType.SQL_SCALAR_ARROW_UDF,
    PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF,
)


# ---------------------------------------------------------------- coercion


def _java_string(v: Any) -> str:
    """Java's ``toString`` of the value a Python result becomes on the JVM."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return _java_double(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_java_string(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_java_string(k)}={_java_string(x)}" for k, x in v.items()) + "}"
    return str(v)


def _java_double(v: float) -> str:
    """Java's ``Double.toString``: plain between 1e-3 and 1e7, else ``1.0E7``."""
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0 or 1e-3 <= abs(v) < 1e7:
        return repr(v)
    sign, digits, exp = decimal.Decimal(repr(v)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    mantissa = text[0] + "." + (text[1:] or "0")
    return ("-" if sign else "") + f"{mantissa}E{len(digits) + int(exp) - 1}"


def _wrap_int(v: Any, bits: int) -> Any:
    """A Python int as a ``bits``-wide signed integer (Java's narrowing), or None."""
    if not isinstance(v, int) or isinstance(v, bool):
        return None
    if not -(1 << 63) <= v < (1 << 63):
        return None
    half = 1 << (bits - 1)
    return ((v + half) % (1 << bits)) - half


def _coercer(dt: DataType) -> Callable[[Any], Any]:
    """The function that turns a result into the internal value of ``dt``
    (None where PySpark gives NULL for a value of another type)."""
    if isinstance(dt, BooleanType):
        return lambda v: v if isinstance(v, bool) else None
    if isinstance(dt, (ByteType, ShortType, IntegerType, LongType)):
        bits = {ByteType: 8, ShortType: 16, IntegerType: 32, LongType: 64}[type(dt)]
        return lambda v: _wrap_int(v, bits)
    if isinstance(dt, (FloatType, DoubleType)):
        return lambda v: v if isinstance(v, float) else None
    if isinstance(dt, StringType):
        return lambda v: v if isinstance(v, str) or v is None else _java_string(v)
    if isinstance(dt, DecimalType):
        return lambda v: _decimal(v, dt.precision, dt.scale)
    if isinstance(dt, (TimestampType, TimestampNTZType)):
        return lambda v: dt.toInternal(v) if isinstance(v, datetime.datetime) else None
    if isinstance(dt, DateType):
        return lambda v: dt.toInternal(v) if isinstance(v, datetime.date) else None
    if isinstance(dt, BinaryType):
        return lambda v: bytes(v) if isinstance(v, (bytes, bytearray)) else None
    if isinstance(dt, ArrayType):
        elem = _coercer(dt.elementType)
        return lambda v: [elem(x) for x in v] if isinstance(v, (list, tuple)) else None
    if isinstance(dt, MapType):
        key, value = _coercer(dt.keyType), _coercer(dt.valueType)
        return lambda v: {key(k): value(x) for k, x in v.items()} if isinstance(v, dict) else None
    if isinstance(dt, StructType):
        names = dt.names
        fields = [_coercer(f.dataType) for f in dt.fields]

        def struct(v: Any) -> Any:
            if isinstance(v, Row) and hasattr(v, "__fields__"):
                v = v.asDict()
            if isinstance(v, dict):
                return tuple(f(v.get(n)) for f, n in zip(fields, names))
            if isinstance(v, (tuple, list)) and len(v) == len(fields):
                return tuple(f(x) for f, x in zip(fields, v))
            return None

        return struct
    if isinstance(dt, NullType):
        return lambda v: None
    return lambda v: dt.toInternal(v) if v is not None else None


def _decimal(v: Any, precision: int, scale: int) -> Any:
    if not isinstance(v, decimal.Decimal) or not v.is_finite():
        return None
    q = v.quantize(decimal.Decimal(1).scaleb(-scale), rounding=decimal.ROUND_HALF_UP)
    unscaled = int(q.scaleb(scale))
    if len(str(abs(unscaled))) <= precision:
        return unscaled
    from ember.errors.exceptions.captured import _from_native

    cond = "NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION"
    raise _from_native(
        "ArithmeticException",
        cond,
        "22003",
        {
            "roundedValue": str(q),
            "originalValue": str(v),
            "precision": str(precision),
            "scale": str(scale),
        },
        f"[{cond}]  The {q} rounded half up from {v} cannot be represented as "
        f"Decimal({precision}, {scale}). SQLSTATE: 22003",
    )


def _from_internal(dt: DataType) -> Callable[[Any], Any]:
    conv = _from_internal_converter(dt)
    if conv is None:
        return lambda v: v
    return lambda v: None if v is None else conv(v)


@functools.lru_cache(maxsize=256)
def _type_of(type_json: str) -> DataType:
    return _parse_datatype_json_string(type_json)


class _UserError(Exception):
    """A user function raised: carries the traceback text Spark reports."""

    def __init__(self, exc: BaseException) -> None:
        tb = exc.__traceback__
        # The evaluator's own frame is not the user's.
        tb = tb.tb_next if tb is not None else None
        self._ember_traceback = "".join(traceback.format_exception(type(exc), exc, tb))
        super().__init__(self._ember_traceback)


class _Evaluator:
    """Runs one user function on batches; the engine calls it."""

    def __init__(self, func: Callable[..., Any], return_type: DataType, eval_type: int) -> None:
        self.func, self.return_type, self.eval_type = func, return_type, eval_type

    def __call__(self, columns: list, keywords: list, num_rows: int) -> Any:
        try:
            return self._run(columns, keywords, num_rows)
        except (_UserError, CapturedException):
            raise
        except Exception as exc:
            # A failure converting values: reported with its whole traceback.
            error = _UserError(exc)
            error._ember_traceback = "".join(
                traceback.format_exception(type(exc), exc, exc.__traceback__)
            )
            raise error from None

    def _run(self, columns: list, keywords: list, num_rows: int) -> Any:
        if self.eval_type in _AGG_EVAL_TYPES:
            return self._aggregate(columns, keywords)
        if self.eval_type in _PANDAS_EVAL_TYPES or self.eval_type in _ARROW_EVAL_TYPES:
            return self._vectorized(columns, keywords, num_rows)
        return self._rows(columns, keywords, num_rows)

    def _call(self, args: list, keywords: list) -> Any:
        pos = [a for a, k in zip(args, keywords) if k is None]
        kw = {k: a for a, k in zip(args, keywords) if k is not None}
        try:
            return self.func(*pos, **kw)
        except Exception as exc:
            raise _UserError(exc) from None

    def _rows(self, columns: list, keywords: list, num_rows: int) -> list:
        values = []
        for vals, type_json in columns:
            conv = _from_internal(_type_of(type_json))
            values.append([conv(v) for v in vals])
        coerce = _coercer(self.return_type)
        out = []
        for i in range(num_rows):
            r = self._call([col[i] for col in values], keywords)
            out.append(None if r is None else coerce(r))
        return out

    def _aggregate(self, columns: list, keywords: list) -> Any:
        """One group: every value of each argument in, one value out."""
        import pyarrow as pa

        pandas = self.eval_type in (
            PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF,
            PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
        )
        args = [_to_pandas(a) if pandas else a for a, _ in columns]
        if self.eval_type in (
            PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
            PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF,
        ):
            batch = args[0] if len(args) == 1 else tuple(args)
            result = self._call([iter([batch])], [None])
        else:
            result = self._call(args, keywords)
        if hasattr(result, "as_py"):
            result = result.as_py()
        elif hasattr(result, "item") and not isinstance(result, (list, tuple, dict)):
            result = result.item()
        return pa.array([result], type=_arrow_type(self.return_type)).__arrow_c_array__()

    def _vectorized(self, columns: list, keywords: list, num_rows: int) -> Any:
        import pyarrow as pa

        pandas = self.eval_type in _PANDAS_EVAL_TYPES
        args = [_to_pandas(a) if pandas else a for a, _ in columns]
        if self.eval_type in (
            PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
            PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF,
        ):
            batch = args[0] if len(args) == 1 else tuple(args)
            try:
                results = list(self.func(iter([batch])))
            except Exception as exc:
                raise _UserError(exc) from None
            result = results[0] if len(results) == 1 else _concat(results, pandas)
        else:
            result = self._call(args, keywords)
        target = _arrow_type(self.return_type)
        if pandas and isinstance(self.return_type, StructType):
            array = _struct_from_pandas(result, self.return_type)
        elif pandas:
            array = pa.Array.from_pandas(result, type=target)
        elif isinstance(result, pa.ChunkedArray):
            array = result.combine_chunks()
        else:
            array = result
        if target is not None and array.type != target:
            array = array.cast(target)
        if len(array) != num_rows:
            raise _UserError(
                RuntimeError(
                    "Result vector from pandas_udf was not the required length: "
                    f"expected {num_rows}, got {len(array)}."
                )
            )
        return array.__arrow_c_array__()


def _to_pandas(array: Any) -> Any:
    """A column as pandas gets it: a Series, or a DataFrame for a struct."""
    import pyarrow as pa

    if pa.types.is_struct(array.type):
        import pandas as pd

        names = [array.type.field(i).name for i in range(array.type.num_fields)]
        return pd.DataFrame({n: _to_pandas(array.field(i)) for i, n in enumerate(names)})
    return array.to_pandas()


def _struct_from_pandas(result: Any, dt: StructType) -> Any:
    """A pandas DataFrame (columns by name, else by position) as a struct array."""
    import pyarrow as pa

    columns = list(result.columns)
    arrays = []
    for i, f in enumerate(dt.fields):
        col = result[f.name] if f.name in columns else result[columns[i]]
        arrays.append(pa.Array.from_pandas(col, type=_arrow_type(f.dataType)))
    return pa.StructArray.from_arrays(arrays, names=dt.names)


def _concat(parts: list, pandas: bool) -> Any:
    if pandas:
        import pandas as pd

        return pd.concat(parts, ignore_index=True)
    import pyarrow as pa

    return pa.concat_arrays(parts)


def _arrow_type(dt: DataType) -> Any:
    """The pyarrow type Ember keeps a Spark type in (None: leave it to the engine)."""
    import pyarrow as pa

    simple = {
        BooleanType: pa.bool_(),
        ByteType: pa.int8(),
        ShortType: pa.int16(),
        IntegerType: pa.int32(),
        LongType: pa.int64(),
        FloatType: pa.float32(),
        DoubleType: pa.float64(),
        StringType: pa.string(),
        BinaryType: pa.binary(),
        DateType: pa.date32(),
    }
    for cls, t in simple.items():
        if isinstance(dt, cls):
            return t
    if isinstance(dt, DecimalType):
        return pa.decimal128(dt.precision, dt.scale)
    return None


# ---------------------------------------------------------------- the function


def _hint_kind(h: Any) -> Optional[str]:
    """``pandas``/``arrow`` for a Series/DataFrame/Array hint, with ``_iter`` for an
    iterator of them; None for anything else."""
    import collections.abc
    import typing

    origin = typing.get_origin(h)
    if origin in (collections.abc.Iterator, collections.abc.Iterable):
        args = typing.get_args(h)
        inner = args[0] if args else None
        if typing.get_origin(inner) is tuple:
            inner = typing.get_args(inner)[0]
        k = _hint_kind(inner)
        return k + "_iter" if k else None
    if isinstance(h, str):
        name = h
    else:
        name = f"{getattr(h, '__module__', '')}.{getattr(h, '__name__', '')}"
    if name.startswith("pandas") or name.endswith(("Series", "DataFrame")):
        return "pandas" if name.endswith(("Series", "DataFrame")) else None
    if name.startswith("pyarrow") or name.endswith((".Array", "RecordBatch")):
        return "arrow" if name.endswith(("Array", "RecordBatch")) else None
    return None


def _infer_eval_type(f: Callable[..., Any]) -> Optional[int]:
    """The vectorized kind a function's type hints ask for (pandas Series or
    pyarrow Array in and out, or a scalar out for an aggregate), else None."""
    import typing

    try:
        sig = inspect.signature(f)
        hints = typing.get_type_hints(f)
    except (TypeError, ValueError, NameError):
        return None
    names = [n for n, p in sig.parameters.items() if p.kind not in (p.VAR_KEYWORD,)]
    if not names or any(n not in hints for n in names) or "return" not in hints:
        return None
    kinds = {_hint_kind(hints[n]) for n in names}
    if len(kinds) != 1 or None in kinds:
        return None
    k = kinds.pop()
    rk = _hint_kind(hints["return"])
    E = PythonEvalType
    table = {
        ("pandas", "pandas"): E.SQL_SCALAR_PANDAS_UDF,
        ("pandas", None): E.SQL_GROUPED_AGG_PANDAS_UDF,
        ("pandas_iter", "pandas_iter"): E.SQL_SCALAR_PANDAS_ITER_UDF,
        ("pandas_iter", None): E.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
        ("arrow_iter", None): E.SQL_GROUPED_AGG_ARROW_ITER_UDF,
        ("arrow", "arrow"): E.SQL_SCALAR_ARROW_UDF,
        ("arrow", None): E.SQL_GROUPED_AGG_ARROW_UDF,
        ("arrow_iter", "arrow_iter"): E.SQL_SCALAR_ARROW_ITER_UDF,
    }
    return table.get((k, rk))


def _create_udf(
    f: Callable[..., Any],
    returnType: Any,
    evalType: int,
    name: Optional[str] = None,
    deterministic: bool = True,
) -> Any:
    udf_obj = UserDefinedFunction(
        f, returnType=returnType, name=name, evalType=evalType, deterministic=deterministic
    )
    return udf_obj._wrapped()


def _create_py_udf(f: Callable[..., Any], returnType: Any, useArrow: Optional[bool] = None) -> Any:
    if useArrow is None:
        from ember.sql.session import SparkSession

        session = SparkSession._instantiatedSession
        conf = "spark.sql.execution.pythonUDF.arrow.enabled"
        arrow = session is None or (session.conf.get(conf, "true") or "true").lower() == "true"
    else:
        arrow = useArrow
    eval_type = _infer_eval_type(f) if useArrow is None else None
    if eval_type is None:
        eval_type = (
            PythonEvalType.SQL_ARROW_BATCHED_UDF if arrow else PythonEvalType.SQL_BATCHED_UDF
        )
    return _create_udf(f, returnType, eval_type)


class UserDefinedFunction:
    """User defined function in Python.

    Notes
    -----
    The constructor of this class is not supposed to be directly called.
    Use :meth:`pyspark.sql.functions.udf` or :meth:`pyspark.sql.functions.pandas_udf`
    to create this instance.
    """

    def __init__(
        self,
        func: Callable[..., Any],
        returnType: Any = StringType(),
        name: Optional[str] = None,
        evalType: int = PythonEvalType.SQL_BATCHED_UDF,
        deterministic: bool = True,
    ):
        if not callable(func):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "expected_type": "callable",
                    "arg_name": "func",
                    "arg_type": type(func).__name__,
                },
            )
        if not isinstance(returnType, (DataType, str)):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "expected_type": "DataType or str",
                    "arg_name": "returnType",
                    "arg_type": type(returnType).__name__,
                },
            )
        if not isinstance(evalType, int):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "expected_type": "int",
                    "arg_name": "evalType",
                    "arg_type": type(evalType).__name__,
                },
            )
        self.func = func
        self._returnType = returnType
        self._returnType_placeholder: Optional[DataType] = None
        self._native_placeholder: Any = None
        self._name = name or (
            func.__name__ if hasattr(func, "__name__") else func.__class__.__name__
        )
        self.evalType = evalType
        self.deterministic = deterministic

    @property
    def returnType(self) -> DataType:
        if self._returnType_placeholder is None:
            if isinstance(self._returnType, DataType):
                self._returnType_placeholder = self._returnType
            else:
                self._returnType_placeholder = _parse_datatype_string(self._returnType)
        return self._returnType_placeholder

    @property
    def _native(self) -> Any:
        if self._native_placeholder is None:
            aggregate = self.evalType in _AGG_EVAL_TYPES
            vectorized = aggregate or self.evalType in _PANDAS_EVAL_TYPES + _ARROW_EVAL_TYPES
            self._native_placeholder = _native.UserFunction(
                self._name,
                _Evaluator(self.func, self.returnType, self.evalType),
                self.returnType.json(),
                self.deterministic,
                vectorized,
                aggregate,
            )
        return self._native_placeholder

    def __call__(self, *args: Any, **kwargs: Any) -> Column:
        cols = [_to_col_jc(a) for a in args] + [_to_col_jc(v) for v in kwargs.values()]
        keywords: List[Optional[str]] = [None] * len(args) + list(kwargs)
        return Column(self._native.call(cols, keywords))

    def _wrapped(self) -> Any:
        """A function wrapping this UDF, with the user function's docstring."""
        assignments = tuple(
            a for a in functools.WRAPPER_ASSIGNMENTS if a != "__name__" and a != "__module__"
        )

        @functools.wraps(self.func, assigned=assignments)
        def wrapper(*args: Any, **kwargs: Any) -> Column:
            return self(*args, **kwargs)

        wrapper.__name__ = self._name
        wrapper.__module__ = (
            self.func.__module__
            if hasattr(self.func, "__module__")
            else self.func.__class__.__module__
        )
        wrapper.func = self.func  # type: ignore[attr-defined]
        wrapper.returnType = self.returnType  # type: ignore[attr-defined]
        wrapper.evalType = self.evalType  # type: ignore[attr-defined]
        wrapper.deterministic = self.deterministic  # type: ignore[attr-defined]
        wrapper.asNondeterministic = functools.wraps(  # type: ignore[attr-defined]
            self.asNondeterministic
        )(lambda: self.asNondeterministic()._wrapped())
        wrapper._unwrapped = self  # type: ignore[attr-defined]
        return wrapper

    def asNondeterministic(self) -> "UserDefinedFunction":
        """Updates UserDefinedFunction to nondeterministic."""
        self._native_placeholder = None
        self.deterministic = False
        return self


class UDFRegistration:
    """Registers user-defined functions for SQL; ``spark.udf``."""

    def __init__(self, sparkSession: Any):
        self.sparkSession = sparkSession

    def register(
        self,
        name: str,
        f: Union[Callable[..., Any], Any],
        returnType: Optional[Any] = None,
    ) -> Any:
        """Register a Python function (including lambda function) or a user-defined
        function as a SQL function."""
        if hasattr(f, "asNondeterministic"):
            if returnType is not None:
                raise PySparkTypeError(
                    errorClass="CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF",
                    messageParameters={"arg_name": "f", "return_type": str(returnType)},
                )
            if f.evalType not in _SCALAR_EVAL_TYPES + _AGG_EVAL_TYPES:
                raise PySparkTypeError(
                    errorClass="INVALID_UDF_EVAL_TYPE",
                    messageParameters={
                        "eval_type": "SQL_BATCHED_UDF, SQL_ARROW_BATCHED_UDF, "
                        "SQL_SCALAR_PANDAS_UDF, SQL_SCALAR_ARROW_UDF, "
                        "SQL_SCALAR_PANDAS_ITER_UDF, SQL_SCALAR_ARROW_ITER_UDF, "
                        "SQL_GROUPED_AGG_PANDAS_UDF, SQL_GROUPED_AGG_ARROW_UDF, "
                        "SQL_GROUPED_AGG_PANDAS_ITER_UDF or SQL_GROUPED_AGG_ARROW_ITER_UDF"
                    },
                )
            return_udf = _create_udf(
                f.func,
                returnType=f.returnType,
                name=name,
                evalType=f.evalType,
                deterministic=f.deterministic,
            )
        else:
            if returnType is None:
                returnType = StringType()
            return_udf = _create_udf(
                f, returnType=returnType, evalType=PythonEvalType.SQL_BATCHED_UDF, name=name
            )
        self.sparkSession._jss.register_udf(name, return_udf._unwrapped._native)
        return return_udf

    def registerJavaFunction(
        self, name: str, javaClassName: str, returnType: Optional[Any] = None
    ) -> None:
        """Register a Java user-defined function as a SQL function (no JVM here)."""
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "UDFRegistration.registerJavaFunction"},
        )

    def registerJavaUDAF(self, name: str, javaClassName: str) -> None:
        """Register a Java user-defined aggregate function (no JVM here)."""
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "UDFRegistration.registerJavaUDAF"},
        )
