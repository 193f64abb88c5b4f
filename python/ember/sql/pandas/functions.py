"""Vectorized user-defined functions (``pyspark.sql.pandas.functions``):
pandas UDFs take and give pandas Series, arrow UDFs pyarrow Arrays."""

from __future__ import annotations

import functools
from typing import Any

from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.types import DataType
from ember.sql.udf import _create_udf, _infer_eval_type
from ember.util import PythonEvalType

__all__ = ["ArrowUDFType", "PandasUDFType", "arrow_udf", "pandas_udf", "vectorized_udf"]


class PandasUDFType:
    """Pandas UDF Types. See :meth:`pyspark.sql.functions.pandas_udf`."""

    SCALAR = PythonEvalType.SQL_SCALAR_PANDAS_UDF

    SCALAR_ITER = PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF

    GROUPED_MAP = PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF

    GROUPED_AGG = PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF

    GROUPED_AGG_ITER = PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF


class ArrowUDFType:
    """Arrow UDF Types. See :meth:`pyspark.sql.functions.arrow_udf`."""

    SCALAR = PythonEvalType.SQL_SCALAR_ARROW_UDF

    SCALAR_ITER = PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF

    GROUPED_AGG = PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF

    GROUPED_AGG_ITER = PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF


def arrow_udf(f=None, returnType=None, functionType=None):  # type: ignore[no-untyped-def]
    """Creates an arrow user defined function: pyarrow Arrays in, a pyarrow
    Array (or, for an aggregate, a scalar) out."""
    return vectorized_udf(f, returnType, functionType, "arrow")


def pandas_udf(f=None, returnType=None, functionType=None):  # type: ignore[no-untyped-def]
    """Creates a pandas user defined function: pandas Series in, a pandas
    Series (or, for an aggregate, a scalar) out."""
    return vectorized_udf(f, returnType, functionType, "pandas")


_PANDAS_KINDS = (
    PythonEvalType.SQL_SCALAR_PANDAS_UDF,
    PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
    PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF,
    PythonEvalType.SQL_GROUPED_MAP_PANDAS_ITER_UDF,
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF,
    PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF,
    PythonEvalType.SQL_MAP_PANDAS_ITER_UDF,
    PythonEvalType.SQL_MAP_ARROW_ITER_UDF,
    PythonEvalType.SQL_COGROUPED_MAP_PANDAS_UDF,
    None,
)
_ARROW_KINDS = (
    PythonEvalType.SQL_SCALAR_ARROW_UDF,
    PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF,
    PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF,
    PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF,
    None,
)


def vectorized_udf(f=None, returnType=None, functionType=None, kind: str = "pandas"):  # type: ignore[no-untyped-def]
    """A pandas (``kind="pandas"``) or arrow (``kind="arrow"``) UDF, as a
    decorator or called on a function."""
    is_decorator = f is None or isinstance(f, (str, DataType))
    if is_decorator:
        return_type = f or returnType
        if functionType is not None:
            eval_type = functionType
        elif returnType is not None and isinstance(returnType, int):
            eval_type = returnType
        else:
            eval_type = None
    else:
        return_type = returnType
        eval_type = functionType
    if return_type is None:
        raise PySparkTypeError(
            errorClass="CANNOT_BE_NONE", messageParameters={"arg_name": "returnType"}
        )
    if eval_type not in (_PANDAS_KINDS if kind == "pandas" else _ARROW_KINDS):
        raise PySparkTypeError(
            errorClass="INVALID_PANDAS_UDF_TYPE",
            messageParameters={"arg_name": "functionType", "arg_type": str(eval_type)},
        )
    make = functools.partial(
        _create_vectorized_udf, returnType=return_type, evalType=eval_type, kind=kind
    )
    return make if is_decorator else make(f)


def _create_vectorized_udf(f: Any, returnType: Any, evalType: Any, kind: str) -> Any:
    if evalType is None:
        evalType = _infer_eval_type(f)
    if evalType is None:
        evalType = (
            PythonEvalType.SQL_SCALAR_PANDAS_UDF
            if kind == "pandas"
            else PythonEvalType.SQL_SCALAR_ARROW_UDF
        )
    import inspect

    params = inspect.signature(f).parameters.values()
    scalar = (
        PythonEvalType.SQL_SCALAR_PANDAS_UDF,
        PythonEvalType.SQL_SCALAR_ARROW_UDF,
        PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,
        PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF,
    )
    if evalType in scalar and not any(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL) for p in params
    ):
        kind_str = "pandas_udfs" if kind == "pandas" else "arrow_udfs"
        raise PySparkValueError(
            errorClass="INVALID_PANDAS_UDF",
            messageParameters={
                "detail": f"0-arg {kind_str} are not supported. "
                f"Instead, create a 1-arg {kind_str} and ignore the arg in your function.",
            },
        )
    return _create_udf(f, returnType, evalType)
