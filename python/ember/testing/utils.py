"""DataFrame test helpers, mirroring ``pyspark.testing.utils``.

:func:`assertDataFrameEqual` and :func:`assertSchemaEqual` take the same
arguments as PySpark's and fail with the same :class:`PySparkAssertionError`
(conditions ``DIFFERENT_ROWS``, ``DIFFERENT_SCHEMA``,
``INVALID_TYPE_DF_EQUALITY_ARG``, ...) and the same message text.

This module imports nothing from ``ember.sql`` (nor pandas) at import time, so
that the pytest plugin, which lives in this package, stays cheap to load.
"""

from __future__ import annotations

import difflib
import sys
from decimal import Decimal
from itertools import zip_longest
from typing import TYPE_CHECKING, Any, Callable, Iterator, List, Optional, Union

from ember.errors import PySparkAssertionError, PySparkException, PySparkTypeError

if TYPE_CHECKING:
    import pandas

    from ember.sql.dataframe import DataFrame
    from ember.sql.types import Row, StructType

__all__ = ["assertDataFrameEqual", "assertSchemaEqual"]

# The type named in INVALID_TYPE_DF_EQUALITY_ARG messages, as PySpark spells it.
_DF_ARG_TYPE = "Union[DataFrame, ps.DataFrame, List[Row]]"

_RED = "\033[31m"
_NO_COLOR = "\033[0m"


def _red(s: str) -> str:
    return _RED + s + _NO_COLOR


def _context_diff(actual: List[str], expected: List[str], n: int) -> Iterator[str]:
    """A context diff of two lists of lines, in PySpark's layout.

    Differing lines are marked ``-`` (only in actual), ``+`` (only in expected)
    or ``!`` (changed) and coloured red. PySpark decides on colour with a shell
    test whose output is always a non-empty string, so its messages are always
    coloured; Ember's are too, so that the text is the same.
    """
    marks = {"insert": "+ ", "delete": "- ", "replace": "! ", "equal": "  "}

    def render(tag: str, line: str) -> str:
        text = marks[tag] + line
        return text if tag == "equal" else _red(text)

    matcher = difflib.SequenceMatcher(None, actual, expected)
    for group in matcher.get_grouped_opcodes(n):
        tags = {op[0] for op in group}
        yield "*** actual ***"
        if tags & {"replace", "delete"}:
            for tag, i1, i2, _, _ in group:
                for line in actual[i1:i2]:
                    yield render(tag, line)
        yield "\n"
        yield "*** expected ***"
        if tags & {"replace", "insert"}:
            for tag, _, _, j1, j2 in group:
                for line in expected[j1:j2]:
                    yield render(tag, line)


def _schema_diff(actual: Any, expected: Any) -> PySparkAssertionError:
    lines = difflib.ndiff(str(actual).splitlines(), str(expected).splitlines())
    return PySparkAssertionError(
        errorClass="DIFFERENT_SCHEMA",
        messageParameters={"error_msg": "\n".join(lines)},
    )


def _same_type_ignoring_nullable(dt1: Any, dt2: Any) -> bool:
    """Equality of data types by type name, recursing into complex types.

    Like PySpark, parameters other than a decimal's precision and scale (string
    collation, char/varchar length, interval fields, ...) are not compared.
    """
    name = dt1.typeName()
    if name != dt2.typeName():
        return False
    if name == "array":
        return _same_type_ignoring_nullable(dt1.elementType, dt2.elementType)
    if name == "map":
        return _same_type_ignoring_nullable(
            dt1.keyType, dt2.keyType
        ) and _same_type_ignoring_nullable(dt1.valueType, dt2.valueType)
    if name == "decimal":
        return dt1.precision == dt2.precision and dt1.scale == dt2.scale
    if name == "struct":
        return _same_struct_ignoring_nullable(dt1, dt2)
    return True


def _same_struct_ignoring_nullable(s1: Any, s2: Any) -> bool:
    if len(s1) != len(s2):
        return False
    return all(
        f1.name == f2.name and _same_type_ignoring_nullable(f1.dataType, f2.dataType)
        for f1, f2 in zip(s1, s2)
    )


def assertSchemaEqual(
    actual: StructType,
    expected: StructType,
    ignoreNullable: bool = True,
    ignoreColumnOrder: bool = False,
    ignoreColumnName: bool = False,
) -> None:
    r"""Asserts that the DataFrame schemas ``actual`` and ``expected`` are equal.

    Parameters
    ----------
    actual : StructType
        The schema being tested.
    expected : StructType
        The expected schema.
    ignoreNullable : bool, default True
        Whether to ignore the nullable flags of columns, array elements and map
        values. When False, the schemas must be exactly equal (metadata included).
    ignoreColumnOrder : bool, default False
        Whether to compare the columns by name rather than by position.
    ignoreColumnName : bool, default False
        Whether to compare only the column types, position by position.

    Notes
    -----
    On failure the message holds a :mod:`difflib` ``ndiff`` of the two schemas.

    Examples
    --------
    >>> from ember.sql.types import StructType, StructField, ArrayType, DoubleType
    >>> s1 = StructType([StructField("names", ArrayType(DoubleType(), True), True)])
    >>> s2 = StructType([StructField("names", ArrayType(DoubleType(), True), False)])
    >>> assertSchemaEqual(s1, s2)  # nullable flags are ignored by default
    >>> assertSchemaEqual(s1, s2, ignoreNullable=False)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    PySparkAssertionError: [DIFFERENT_SCHEMA] Schemas do not match.
    --- actual
    +++ expected
    - StructType([StructField('names', ArrayType(DoubleType(), True), True)])
    ?                                                                 ^^^
    + StructType([StructField('names', ArrayType(DoubleType(), True), False)])
    ?                                                                 ^^^^
    """
    __tracebackhide__ = True
    from ember.sql.types import StructField, StructType

    for arg_name, value in (("actual", actual), ("expected", expected)):
        if not isinstance(value, StructType):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "arg_name": arg_name,
                    "expected_type": "struct type",
                    "arg_type": type(value).__name__,
                },
            )

    if ignoreColumnOrder:
        actual = StructType(sorted(actual, key=lambda f: f.name))
        expected = StructType(sorted(expected, key=lambda f: f.name))

    if ignoreColumnName:
        actual = StructType(
            [StructField(str(i), f.dataType, f.nullable) for i, f in enumerate(actual)]
        )
        expected = StructType(
            [StructField(str(i), f.dataType, f.nullable) for i, f in enumerate(expected)]
        )

    if ignoreNullable:
        equal = _same_struct_ignoring_nullable(actual, expected)
    else:
        equal = actual == expected
    if not equal:
        raise _schema_diff(actual, expected)


def _values_close(v1: Any, v2: Any, rtol: float, atol: float) -> bool:
    """Compares collected values, floats and decimals within tolerance.

    Same rules as PySpark: lists, dicts and :class:`Row` are compared element by
    element (nested Rows by position, without comparing their lengths or field
    names); other values, ints and tuples included, must be equal.
    """
    from ember.sql.types import Row, VariantVal

    if isinstance(v1, list) and isinstance(v2, list):
        return len(v1) == len(v2) and all(_values_close(a, b, rtol, atol) for a, b in zip(v1, v2))
    if isinstance(v1, Row) and isinstance(v2, Row):
        return all(_values_close(a, b, rtol, atol) for a, b in zip(v1, v2))
    if isinstance(v1, dict) and isinstance(v2, dict):
        return (
            len(v1) == len(v2)
            and v1.keys() == v2.keys()
            and all(_values_close(v1[k], v2[k], rtol, atol) for k in v1)
        )
    if isinstance(v1, float) and isinstance(v2, float):
        return not abs(v1 - v2) > atol + rtol * abs(v2)
    if isinstance(v1, Decimal) and isinstance(v2, Decimal):
        return not abs(v1 - v2) > Decimal(atol) + Decimal(rtol) * abs(v2)
    if isinstance(v1, VariantVal) and isinstance(v2, VariantVal):
        try:
            p1, p2 = v1.toPython(), v2.toPython()
        except PySparkException:
            # Ember cannot decode variants yet: compare the encoded bytes.
            return v1 == v2
        return _values_close(p1, p2, rtol, atol)
    return not v1 != v2


def _rows_close(r1: Any, r2: Any, rtol: float, atol: float) -> bool:
    if r1 is None and r2 is None:
        return True
    if r1 is None or r2 is None:
        return False
    return _values_close(r1, r2, rtol, atol)


class _RowDiff:
    """Collects the two sides of a row comparison and the rows that differ."""

    def __init__(self, keep_rows: bool):
        self.keep_rows = keep_rows
        self.count = 0
        self.pairs: list[tuple[Any, Any]] = []
        self.left: list[str] = []
        self.right: list[str] = []

    def show(self, r1: Any = None, r2: Any = None, left: bool = True, right: bool = True) -> None:
        if left:
            self.left.append(str(r1))
        if right:
            self.right.append(str(r2))

    def differ(self, r1: Any, r2: Any, left: bool = True, right: bool = True) -> None:
        self.count += 1
        if self.keep_rows:
            self.pairs.append((r1, r2))
        self.show(r1, r2, left, right)


def _assert_rows_equal(
    rows1: list,
    rows2: list,
    same: Callable[[Any, Any], bool],
    paired: bool,
    maxErrors: Optional[int],
    showOnlyDiff: bool,
    includeDiffRows: bool,
) -> None:
    """Fails with DIFFERENT_ROWS unless the two row lists match.

    ``paired`` compares position by position. Otherwise (rows sorted by their
    text and of different counts) the lists are walked as a merge, so that one
    missing or extra row is reported alone rather than shifting every row after
    it (SPARK-54090).
    """
    __tracebackhide__ = True
    diff = _RowDiff(includeDiffRows)

    def limit_reached() -> bool:
        return maxErrors is not None and diff.count >= maxErrors

    if paired:
        pairs = list(zip_longest(rows1, rows2))
        for r1, r2 in pairs:
            if not same(r1, r2):
                diff.differ(r1, r2)
                if limit_reached():
                    break
            elif not showOnlyDiff:
                diff.show(r1, r2)
        total = len(pairs)
    else:
        i = j = 0
        n1, n2 = len(rows1), len(rows2)
        while i < n1 or j < n2:
            if i < n1 and j < n2:
                r1, r2 = rows1[i], rows2[j]
                if same(r1, r2):
                    if not showOnlyDiff:
                        diff.show(r1, r2)
                    i += 1
                    j += 1
                    continue
                s1, s2 = str(r1), str(r2)
                if s1 < s2:
                    diff.differ(r1, None, right=False)
                    i += 1
                elif s1 > s2:
                    diff.differ(None, r2, left=False)
                    j += 1
                else:
                    # Same text but not close (e.g. floats beyond tolerance).
                    diff.differ(r1, r2)
                    i += 1
                    j += 1
            elif i < n1:
                diff.differ(rows1[i], None, right=False)
                i += 1
            else:
                diff.differ(None, rows2[j], left=False)
                j += 1
            if limit_reached():
                break
        total = max(n1, n2)

    if diff.count == 0:
        return
    percent = (diff.count / total) * 100 if total else 0
    error_msg = "Results do not match: ( %.5f %% )\n" % percent
    error_msg += "\n".join(_context_diff(diff.left, diff.right, n=total))
    raise PySparkAssertionError(
        errorClass="DIFFERENT_ROWS",
        messageParameters={"error_msg": error_msg},
        data=diff.pairs if includeDiffRows else None,
    )


def _cast_columns_to_string(df: DataFrame) -> DataFrame:
    """Casts every column to string, whole-number floats without their ``.0``."""
    from ember.sql.functions import col, when

    for name in df.columns:
        c = col(name)
        as_float = c.cast("float")
        df = df.withColumn(
            name,
            when(
                as_float.isNotNull() & (as_float == c.cast("int")),
                c.cast("int").cast("string"),
            ).otherwise(c.cast("string")),
        )
    return df


def _collect(df: Any) -> list:
    if isinstance(df, list):
        return df
    if df.isStreaming:
        raise PySparkAssertionError(
            errorClass="UNSUPPORTED_OPERATION",
            messageParameters={"operation": "assertDataFrameEqual on streaming DataFrame"},
        )
    return df.collect()


def assertDataFrameEqual(
    actual: Union[DataFrame, pandas.DataFrame, List[Row]],
    expected: Union[DataFrame, pandas.DataFrame, List[Row]],
    checkRowOrder: bool = False,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    ignoreNullable: bool = True,
    ignoreColumnOrder: bool = False,
    ignoreColumnName: bool = False,
    ignoreColumnType: bool = False,
    maxErrors: Optional[int] = None,
    showOnlyDiff: bool = False,
    includeDiffRows: bool = False,
) -> Optional[bool]:
    r"""Asserts that ``actual`` and ``expected`` hold the same rows.

    Each side is an Ember :class:`DataFrame`, a list of :class:`Row`, or a
    pandas DataFrame (then both must be pandas DataFrames).

    Parameters
    ----------
    actual, expected : DataFrame, pandas.DataFrame or list of Row
        The result being tested and the expected result.
    checkRowOrder : bool, default False
        Whether the rows must come in the same order. By default both sides
        are sorted by the text of their rows first.
    rtol, atol : float, default 1e-5 and 1e-8
        Floats and decimals ``a`` (actual) and ``b`` (expected) match when
        ``abs(a - b) <= atol + rtol * abs(b)``.
    ignoreNullable : bool, default True
        Whether to ignore nullable flags when comparing DataFrame schemas.
    ignoreColumnOrder : bool, default False
        Whether to compare the columns by name rather than by position.
    ignoreColumnName : bool, default False
        Whether to ignore column names (columns compared by position).
    ignoreColumnType : bool, default False
        Whether to ignore column types: every column is compared as a string.
    maxErrors : int, optional
        Stop after this many differing rows.
    showOnlyDiff : bool, default False
        Whether the message lists only the differing rows.
    includeDiffRows : bool, default False
        Whether to put the differing ``(actual, expected)`` row pairs in the
        error's ``data``.

    Notes
    -----
    Schemas are compared only when both sides are DataFrames. The message of a
    ``DIFFERENT_ROWS`` failure is a context diff of the rows, as in PySpark.

    Examples
    --------
    >>> from ember.sql import Row
    >>> assertDataFrameEqual([Row(a=1), Row(a=2)], [Row(a=2), Row(a=1)])
    >>> assertDataFrameEqual([Row(x=1.0)], [Row(x=1.000001)])
    >>> assertDataFrameEqual([Row(a=1)], [Row(a=2)])  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    PySparkAssertionError: [DIFFERENT_ROWS] Results do not match: ( 100.00000 % )
    *** actual ***
    ! Row(a=1)
    *** expected ***
    ! Row(a=2)
    """
    __tracebackhide__ = True
    if actual is None and expected is None:
        return True
    for arg_name, value in (("actual", actual), ("expected", expected)):
        if value is None:
            raise PySparkAssertionError(
                errorClass="INVALID_TYPE_DF_EQUALITY_ARG",
                messageParameters={
                    "expected_type": _DF_ARG_TYPE,
                    "arg_name": arg_name,
                    "actual_type": None,
                },
            )

    # A pandas DataFrame can only exist if pandas is already imported.
    pd = sys.modules.get("pandas")
    if pd is not None and (isinstance(actual, pd.DataFrame) or isinstance(expected, pd.DataFrame)):
        _assert_pandas_almost_equal(
            _ignore_arrow_dtypes(pd, actual),
            _ignore_arrow_dtypes(pd, expected),
            rtol=rtol,
            atol=atol,
        )
        return None

    if not isinstance(actual, list) or not isinstance(expected, list):
        from ember.sql.dataframe import DataFrame

        for arg_name, value in (("actual", actual), ("expected", expected)):
            if not isinstance(value, (DataFrame, list)):
                raise PySparkAssertionError(
                    errorClass="INVALID_TYPE_DF_EQUALITY_ARG",
                    messageParameters={
                        "expected_type": _DF_ARG_TYPE,
                        "arg_name": arg_name,
                        "actual_type": type(value),
                    },
                )

    # As in PySpark, these three options need DataFrames (a list has no select).
    if ignoreColumnOrder:
        actual = actual.select(*sorted(actual.columns))
        expected = expected.select(*sorted(expected.columns))
    if ignoreColumnName:
        actual = actual.toDF(*[str(i) for i in range(len(actual.columns))])
        expected = expected.toDF(*[str(i) for i in range(len(expected.columns))])
    if ignoreColumnType:
        actual = _cast_columns_to_string(actual)
        expected = _cast_columns_to_string(expected)

    if not isinstance(actual, list) and not isinstance(expected, list):
        if ignoreNullable:
            assertSchemaEqual(actual.schema, expected.schema)
        elif actual.schema != expected.schema:
            raise _schema_diff(actual.schema, expected.schema)

    actual_rows = _collect(actual)
    expected_rows = _collect(expected)
    if not checkRowOrder:
        actual_rows = sorted(actual_rows, key=str)
        expected_rows = sorted(expected_rows, key=str)

    _assert_rows_equal(
        actual_rows,
        expected_rows,
        same=lambda r1, r2: _rows_close(r1, r2, rtol, atol),
        paired=checkRowOrder or len(actual_rows) == len(expected_rows),
        maxErrors=maxErrors,
        showOnlyDiff=showOnlyDiff,
        includeDiffRows=includeDiffRows,
    )
    return None


# pandas ---------------------------------------------------------------------


def _ignore_arrow_dtypes(pd: Any, obj: Any) -> Any:
    """With pandas >= 3, reads Arrow boolean columns as pandas' ``boolean``."""
    try:
        major = int(pd.__version__.split(".")[0])
    except ValueError:
        return obj
    arrow_dtype = getattr(pd, "ArrowDtype", None)
    if major < 3 or arrow_dtype is None or not isinstance(obj, pd.DataFrame):
        return obj
    names = [
        name
        for name, column in obj.items()
        if isinstance(column.dtype, arrow_dtype) and str(column.dtype.pyarrow_dtype) == "bool"
    ]
    return obj.astype({name: "boolean" for name in names}) if names else obj


def _assert_pandas_almost_equal(left: Any, right: Any, rtol: float, atol: float) -> None:
    """PySpark's approximate equality of two pandas DataFrames.

    Shapes, column labels and null positions must match; non-null values are
    compared in order (row order always matters), floats and decimals within
    ``atol + rtol * abs(right)``.
    """
    __tracebackhide__ = True
    import pandas as pd

    for arg_name, value in (("left", left), ("right", right)):
        if not isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
            raise PySparkAssertionError(
                errorClass="INVALID_TYPE_DF_EQUALITY_ARG",
                messageParameters={
                    "expected_type": "DataFrame, Series, Index, ",
                    "arg_name": arg_name,
                    "actual_type": type(value),
                },
            )
    if not (isinstance(left, pd.DataFrame) and isinstance(right, pd.DataFrame)):
        # A DataFrame against a Series or an Index: PySpark lets this pass
        # unchecked; Ember reports it.
        def text(obj: Any) -> str:
            return obj.to_string() if hasattr(obj, "to_string") else str(obj)

        def dtypes(obj: Any) -> str:
            return str(obj.dtypes if isinstance(obj, pd.DataFrame) else obj.dtype)

        raise PySparkAssertionError(
            errorClass="DIFFERENT_PANDAS_DATAFRAME",
            messageParameters={
                "left": text(left),
                "left_dtype": dtypes(left),
                "right": text(right),
                "right_dtype": dtypes(right),
            },
        )

    def close(v1: Any, v2: Any) -> bool:
        np = sys.modules.get("numpy")
        if np is not None and isinstance(v1, np.ndarray):
            return close(list(v1), v2)
        if np is not None and isinstance(v2, np.ndarray):
            return close(v1, list(v2))
        if isinstance(v1, (float, Decimal)) or isinstance(v2, (float, Decimal)):
            return not abs(float(v1) - float(v2)) > atol + rtol * abs(float(v2))
        return not v1 != v2

    def fail() -> PySparkAssertionError:
        return PySparkAssertionError(
            errorClass="DIFFERENT_PANDAS_DATAFRAME",
            messageParameters={
                "left": left.to_string(),
                "left_dtype": str(left.dtypes),
                "right": right.to_string(),
                "right_dtype": str(right.dtypes),
            },
        )

    if left.shape != right.shape:
        raise fail()
    for lcol, rcol in zip(left.columns, right.columns):
        if lcol != rcol:
            raise fail()
        if any(a != b for a, b in zip(left[lcol].isnull(), right[rcol].isnull())):
            raise fail()
        if not all(close(a, b) for a, b in zip(left[lcol].dropna(), right[rcol].dropna())):
            raise fail()
    if left.columns.names != right.columns.names:
        raise fail()
