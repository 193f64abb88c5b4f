"""Column: an expression over a DataFrame's columns (``pyspark.sql.Column``)."""

from __future__ import annotations

from typing import Any, Callable

from ember import _native
from ember.errors import PySparkAttributeError, PySparkTypeError, PySparkValueError

_N = _native.Column

__all__ = ["Column"]


def _to_jc(value: Any) -> Any:
    """A native expression for a Column or a Python literal."""
    if isinstance(value, Column):
        return value._jc
    from ember.sql.functions.builtin import lit

    return lit(value)._jc


def _col_from_name(name: str) -> Any:
    """``"*"``, ``"t.*"`` or a column name as a native expression."""
    if name == "*":
        return _N.star()
    if name.endswith(".*"):
        return _N.star(name[:-2])
    return _N.col(name)


def _type_error(arg_name: str, expected: str, value: Any) -> PySparkTypeError:
    return PySparkTypeError(
        errorClass="NOT_EXPECTED_TYPE",
        messageParameters={
            "arg_name": arg_name,
            "expected_type": expected,
            "arg_type": type(value).__name__,
        },
    )


def _illegal(message: str) -> Exception:
    """Spark's IllegalArgumentException, raised by the engine in PySpark."""
    from ember.errors.exceptions.captured import _from_native

    return _from_native("IllegalArgumentException", None, None, {}, message)


def _to_col_jc(value: Any, arg_name: str = "col") -> Any:
    """A Column, or a column name, as a native expression."""
    if isinstance(value, Column):
        return value._jc
    if isinstance(value, str):
        return _col_from_name(value)
    raise _type_error(arg_name, "Column or str", value)


def _call(name: str, *args: Any) -> "Column":
    return Column(_N.call(name, [_to_jc(a) for a in args]))


def _binary(name: str, reverse: bool = False):
    def op(self: "Column", other: Any) -> "Column":
        if reverse:
            return Column(_N.call(name, [_to_jc(other), self._jc]))
        return Column(_N.call(name, [self._jc, _to_jc(other)]))

    op.__name__ = name
    return op


class Column:
    """A column expression. Build one with ``F.col``, ``df.name`` or ``df["name"]``."""

    __slots__ = ("_jc",)

    def __init__(self, jc: Any) -> None:
        self._jc = jc

    # arithmetic; a Python literal on the left of + and * is swapped, as in Spark
    __add__ = _binary("+")
    __radd__ = _binary("+")
    __sub__ = _binary("-")
    __rsub__ = _binary("-", reverse=True)
    __mul__ = _binary("*")
    __rmul__ = _binary("*")
    __truediv__ = _binary("/")
    __rtruediv__ = _binary("/", reverse=True)
    __div__ = __truediv__
    __mod__ = _binary("%")
    __rmod__ = _binary("%", reverse=True)

    def __pow__(self, other: Any) -> "Column":
        return _call("power", self, other)

    def __rpow__(self, other: Any) -> "Column":
        return _call("power", other, self)

    def __neg__(self) -> "Column":
        return Column(_N.call("negative", [self._jc]))

    # comparison
    __eq__ = _binary("=")  # type: ignore[assignment]
    __lt__ = _binary("<")
    __le__ = _binary("<=")
    __gt__ = _binary(">")
    __ge__ = _binary(">=")

    def __ne__(self, other: Any) -> "Column":  # type: ignore[override]
        return Column(_N.call("!", [_N.call("=", [self._jc, _to_jc(other)])]))

    def eqNullSafe(self, other: Any) -> "Column":
        """Equality that treats two NULLs as equal (``<=>``)."""
        return Column(_N.call("<=>", [self._jc, _to_jc(other)]))

    # boolean
    __and__ = _binary("and")
    __rand__ = _binary("and", reverse=True)
    __or__ = _binary("or")
    __ror__ = _binary("or", reverse=True)

    def __invert__(self) -> "Column":
        return Column(_N.call("!", [self._jc]))

    def bitwiseAND(self, other: Any) -> "Column":
        return Column(_N.call("&", [self._jc, _to_jc(other)]))

    def bitwiseOR(self, other: Any) -> "Column":
        return Column(_N.call("|", [self._jc, _to_jc(other)]))

    def bitwiseXOR(self, other: Any) -> "Column":
        return Column(_N.call("^", [self._jc, _to_jc(other)]))

    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        raise PySparkValueError(
            errorClass="CANNOT_CONVERT_COLUMN_INTO_BOOL",
            messageParameters={"column": self._jc.__repr__()},
        )

    __nonzero__ = __bool__

    def __iter__(self):
        raise PySparkTypeError(
            errorClass="NOT_ITERABLE", messageParameters={"objectName": "Column"}
        )

    def __contains__(self, item: Any) -> bool:
        raise PySparkValueError(errorClass="CANNOT_APPLY_IN_FOR_COLUMN", messageParameters={})

    # null and membership tests
    def isNull(self) -> "Column":
        return Column(_N.call("isNull", [self._jc]))

    def isNotNull(self) -> "Column":
        return Column(_N.call("isNotNull", [self._jc]))

    def isNaN(self) -> "Column":
        return Column(_N.call("isNaN", [self._jc]))

    def isin(self, *cols: Any) -> "Column":
        from ember.sql.dataframe import DataFrame

        if len(cols) == 1 and isinstance(cols[0], DataFrame):
            return Column(_N.subquery("in", cols[0]._jdf, self._jc))
        if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
            cols = tuple(cols[0])
        return Column(_N.call("in", [self._jc] + [_to_jc(c) for c in cols]))

    def outer(self) -> "Column":
        """This column, in a DataFrame subquery, names a column of the query
        the subquery is used in (a correlated reference)."""
        return Column(_N.call("__outer", [self._jc]))

    def transform(self, f: Callable[["Column"], "Column"]) -> "Column":
        """``f(self)``: chains column-to-column functions."""
        return f(self)

    def between(self, lowerBound: Any, upperBound: Any) -> "Column":
        return (self >= lowerBound) & (self <= upperBound)

    # strings
    def like(self, other: str) -> "Column":
        return _call("like", self, other)

    def ilike(self, other: str) -> "Column":
        return _call("ilike", self, other)

    def rlike(self, other: str) -> "Column":
        return _call("rlike", self, other)

    def startswith(self, other: Any) -> "Column":
        return _call("startswith", self, other)

    def endswith(self, other: Any) -> "Column":
        return _call("endswith", self, other)

    def contains(self, other: Any) -> "Column":
        return _call("contains", self, other)

    def substr(self, startPos: Any, length: Any) -> "Column":
        if type(startPos) is not type(length):
            raise PySparkTypeError(
                errorClass="NOT_SAME_TYPE",
                messageParameters={
                    "arg_name1": "startPos",
                    "arg_name2": "length",
                    "arg_type1": type(startPos).__name__,
                    "arg_type2": type(length).__name__,
                },
            )
        return _call("substr", self, startPos, length)

    # naming and types
    def alias(self, *alias: str, **kwargs: Any) -> "Column":
        metadata = kwargs.pop("metadata", None)
        assert not kwargs, "Unexpected kwargs where passed: %s" % kwargs
        meta = None
        if metadata is not None:
            import json

            meta = json.dumps(metadata)
        return Column(self._jc.alias(list(alias), meta))

    name = alias

    def cast(self, dataType: Any) -> "Column":
        return Column(self._jc.cast(_type_json(dataType), False))

    astype = cast

    def try_cast(self, dataType: Any) -> "Column":
        return Column(self._jc.cast(_type_json(dataType), True))

    # CASE WHEN
    def when(self, condition: "Column", value: Any) -> "Column":
        parts = self._jc.case_parts()
        if parts is None or parts[1] is not None:
            raise _illegal(
                "when() can only be applied on a Column previously generated by when() function"
            )
        if not isinstance(condition, Column):
            raise _type_error("condition", "Column", condition)
        branches = parts[0] + [(condition._jc, _to_jc(value))]
        return Column(_N.case_when(branches, None))

    def otherwise(self, value: Any) -> "Column":
        parts = self._jc.case_parts()
        if parts is None or parts[1] is not None:
            raise _illegal(
                "otherwise() can only be applied once on a Column previously generated by when()"
            )
        return Column(_N.case_when(parts[0], _to_jc(value)))

    # ordering
    def asc(self) -> "Column":
        return Column(self._jc.sort(True, True))

    def asc_nulls_first(self) -> "Column":
        return Column(self._jc.sort(True, True))

    def asc_nulls_last(self) -> "Column":
        return Column(self._jc.sort(True, False))

    def desc(self) -> "Column":
        return Column(self._jc.sort(False, False))

    def desc_nulls_first(self) -> "Column":
        return Column(self._jc.sort(False, True))

    def desc_nulls_last(self) -> "Column":
        return Column(self._jc.sort(False, False))

    # nested data
    def getItem(self, key: Any) -> "Column":
        if isinstance(key, Column):
            return Column(self._jc.extract(key._jc))
        return Column(self._jc.extract(_to_jc(key)))

    def getField(self, name: Any) -> "Column":
        if isinstance(name, Column):
            return Column(self._jc.extract(name._jc))
        return Column(self._jc.extract(_to_jc(name)))

    def withField(self, fieldName: str, col: "Column") -> "Column":
        if not isinstance(fieldName, str):
            raise _type_error("fieldName", "str", fieldName)
        if not isinstance(col, Column):
            raise _type_error("col", "Column", col)
        return Column(self._jc.update_field(fieldName, col._jc))

    def dropFields(self, *fieldNames: str) -> "Column":
        jc = self._jc
        for name in fieldNames:
            jc = jc.update_field(name, None)
        return Column(jc)

    def __getattr__(self, item: str) -> "Column":
        if item.startswith("__"):
            raise PySparkAttributeError(errorClass="CANNOT_ACCESS_TO_DUNDER", messageParameters={})
        return self[item]

    def __getitem__(self, k: Any) -> "Column":
        if isinstance(k, slice):
            if k.step is not None:
                raise PySparkValueError(errorClass="SLICE_WITH_STEP", messageParameters={})
            return self.substr(k.start, k.stop)
        return Column(self._jc.extract(_to_jc(k)))

    def over(self, window: Any) -> "Column":
        """This function (a window or aggregate function) over a window."""
        from ember.sql.window import WindowSpec

        if not isinstance(window, WindowSpec):
            raise _type_error("window", "WindowSpec", window)
        partition, order, frame = window._native_parts()
        return Column(self._jc.over(partition, order, frame))

    def __repr__(self) -> str:
        return "Column<'%s'>" % self._jc.__repr__()


def _type_json(dataType: Any) -> str:
    from ember.sql.types import DataType, _parse_datatype_string

    if isinstance(dataType, str):
        dataType = _parse_datatype_string(dataType)
    if not isinstance(dataType, DataType):
        raise _type_error("dataType", "DataType or str", dataType)
    return dataType.json()
