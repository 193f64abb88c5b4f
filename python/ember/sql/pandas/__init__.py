"""``DataFrame.toPandas`` with Spark's dtype mapping (the non-Arrow path of PySpark)."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.types import (
    BooleanType,
    ByteType,
    DataType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    ShortType,
    TimestampNTZType,
    TimestampType,
)

__all__ = ["to_pandas"]

_INT_DTYPES = {ByteType: "int8", ShortType: "int16", IntegerType: "int32", LongType: "int64"}


def _dtype(dt: DataType, has_nulls: bool) -> Optional[str]:
    for cls, name in _INT_DTYPES.items():
        if isinstance(dt, cls):
            return "float64" if has_nulls else name
    if isinstance(dt, FloatType):
        return "float32"
    if isinstance(dt, DoubleType):
        return "float64"
    if isinstance(dt, BooleanType):
        return "object" if has_nulls else "bool"
    if isinstance(dt, (TimestampType, TimestampNTZType)):
        return _datetime_dtype()
    return None


def _datetime_dtype() -> str:
    import pandas as pd

    return "datetime64[us]" if int(pd.__version__.split(".")[0]) >= 3 else "datetime64[ns]"


def to_pandas(df: Any) -> Any:
    import pandas as pd

    rows = df.collect()
    columns = df.columns
    pdf = pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)
    if not rows:
        pdf = pd.DataFrame({c: [] for c in columns}, columns=columns)
    for i, field in enumerate(df.schema.fields):
        series = pdf.iloc[:, i]
        has_nulls = bool(series.isnull().any())
        target = _dtype(field.dataType, has_nulls)
        if target is None:
            if not rows:
                pdf.isetitem(i, series.astype("object"))
            continue
        if target.startswith("datetime64"):
            pdf.isetitem(i, pd.to_datetime(series).astype(target))
        else:
            pdf.isetitem(i, series.astype(target))
    return pdf
