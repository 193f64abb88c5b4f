"""User-defined functions and the functions of the execution context."""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional, Type, Union

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _nullary
from ember.sql.pandas.functions import ArrowUDFType, PandasUDFType, arrow_udf, pandas_udf
from ember.sql.types import DataType, StringType, StructType
from ember.sql.udf import UserDefinedFunction, _create_py_udf
from ember.sql.udtf import (
    AnalyzeArgument,
    AnalyzeResult,
    OrderingColumn,
    PartitioningColumn,
    SelectedColumn,
    SkipRestOfInputTableException,
    UserDefinedTableFunction,
    _create_py_udtf,
    _create_pyarrow_udtf,
)

__all__ = [
    "AnalyzeArgument", "AnalyzeResult", "ArrowUDFType", "OrderingColumn", "PandasUDFType",
    "PartitioningColumn", "SelectedColumn", "SkipRestOfInputTableException",
    "UserDefinedFunction", "UserDefinedTableFunction", "arrow_udf", "arrow_udtf", "call_udf",
    "input_file_block_length", "input_file_block_start", "input_file_name", "java_method",
    "monotonically_increasing_id", "pandas_udf", "reflect", "spark_partition_id",
    "try_reflect", "udf", "udtf",
]  # fmt: skip


def udf(
    f: Optional[Union[Callable[..., Any], DataType, str]] = None,
    returnType: Union[DataType, str] = StringType(),
    *,
    useArrow: Optional[bool] = None,
) -> Any:
    """Creates a user defined function (UDF): as a decorator (``@udf``,
    ``@udf("int")``, ``@udf(returnType=...)``) or called on a function."""
    if f is None or isinstance(f, (str, DataType)):
        return_type = f or returnType
        return functools.partial(_create_py_udf, returnType=return_type, useArrow=useArrow)
    return _create_py_udf(f=f, returnType=returnType, useArrow=useArrow)


def udtf(
    cls: Optional[Type] = None,
    *,
    returnType: Optional[Union[StructType, str]] = None,
    useArrow: Optional[bool] = None,
) -> Any:
    """Creates a user defined table function (UDTF)."""
    if cls is None:
        return functools.partial(_create_py_udtf, returnType=returnType, useArrow=useArrow)
    return _create_py_udtf(cls=cls, returnType=returnType, useArrow=useArrow)


def arrow_udtf(
    cls: Optional[Type] = None,
    *,
    returnType: Optional[Union[StructType, str]] = None,
) -> Any:
    """Creates a PyArrow-native user defined table function (UDTF)."""
    if cls is None:
        return functools.partial(_create_pyarrow_udtf, returnType=returnType)
    return _create_pyarrow_udtf(cls=cls, returnType=returnType)


def call_udf(udfName: str, *cols: Any) -> Column:
    """Call a user-defined function registered by name (``spark.udf.register``)."""
    return _fn(udfName, *cols)


def reflect(*cols: Any) -> Column:
    """Calls a static Java method by reflection: class name, method name, arguments."""
    return _fn("reflect", *cols)


def java_method(*cols: Any) -> Column:
    """Calls a static Java method by reflection: class name, method name, arguments."""
    return _fn("java_method", *cols)


def try_reflect(*cols: Any) -> Column:
    """``reflect`` giving NULL where the method throws."""
    return _fn("try_reflect", *cols)


monotonically_increasing_id = _nullary(
    "monotonically_increasing_id",
    "Monotonically increasing 64-bit integers: the partition id in the upper "
    "31 bits, the row number within the partition in the lower 33.",
)
spark_partition_id = _nullary("spark_partition_id", "The partition id of each row.")
input_file_name = _nullary("input_file_name", "The name of the file being read, or ''.")
input_file_block_start = _nullary(
    "input_file_block_start", "The start offset of the block being read, or -1."
)
input_file_block_length = _nullary(
    "input_file_block_length", "The length of the block being read, or -1."
)
