"""Array and map functions."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _num, _opt, _unary, _value
from ember.sql.functions.builtin import lit

__all__ = [
    "array_sort", "stack",
    "array_compact",
    "array_append", "array_contains", "array_distinct", "array_except", "array_intersect",
    "array_join", "array_max", "array_min", "array_position", "array_prepend",
    "array_remove", "array_repeat", "array_size", "array_union", "arrays_overlap",
    "cardinality", "element_at", "flatten", "get", "map_contains_key", "map_entries",
    "map_from_arrays", "map_from_entries", "map_keys", "map_values", "sequence",
    "shuffle", "size", "slice", "sort_array", "str_to_map", "try_element_at",
]  # fmt: skip


size = _unary("size", "Number of elements of an array or map; NULL for NULL.")
cardinality = _unary("cardinality", "Number of elements of an array or map.")
array_size = _unary("array_size", "Number of elements of an array.")
array_distinct = _unary("array_distinct", "The array without repeated elements.")
array_max = _unary("array_max", "The largest non-null element.")
array_min = _unary("array_min", "The smallest non-null element.")
flatten = _unary("flatten", "An array of arrays concatenated into one array.")
map_keys = _unary("map_keys", "The keys of a map, as an array.")
map_values = _unary("map_values", "The values of a map, as an array.")
map_entries = _unary("map_entries", "The entries of a map as an array of (key, value).")
map_from_entries = _unary("map_from_entries", "A map from an array of (key, value).")


def array_contains(col: Any, value: Any) -> Column:
    """Whether the array holds ``value``."""
    return _fn("array_contains", col, _value(value))


def array_position(col: Any, value: Any) -> Column:
    """1-based position of the first ``value`` in the array; 0 if absent."""
    return _fn("array_position", col, _value(value))


def array_remove(col: Any, element: Any) -> Column:
    """The array without the elements equal to ``element``."""
    return _fn("array_remove", col, _value(element))


def array_repeat(col: Any, count: Any) -> Column:
    """An array of ``count`` copies of the value."""
    return _fn("array_repeat", col, _num(count))


def array_union(col1: Any, col2: Any) -> Column:
    """The distinct elements of both arrays."""
    return _fn("array_union", col1, col2)


def array_intersect(col1: Any, col2: Any) -> Column:
    """The distinct elements in both arrays."""
    return _fn("array_intersect", col1, col2)


def array_except(col1: Any, col2: Any) -> Column:
    """The distinct elements of col1 not in col2."""
    return _fn("array_except", col1, col2)


def arrays_overlap(a1: Any, a2: Any) -> Column:
    """Whether the arrays share a non-null element."""
    return _fn("arrays_overlap", a1, a2)


def array_join(col: Any, delimiter: str, null_replacement: Optional[str] = None) -> Column:
    """The elements joined by ``delimiter``; NULLs skipped or replaced."""
    return _fn("array_join", col, lit(delimiter), *[lit(n) for n in _opt(null_replacement)])


def array_append(col: Any, value: Any) -> Column:
    """The array with ``value`` added at the end."""
    return _fn("array_append", col, _value(value))


def array_prepend(col: Any, value: Any) -> Column:
    """The array with ``value`` added at the start."""
    return _fn("array_prepend", col, _value(value))


def map_from_arrays(col1: Any, col2: Any) -> Column:
    """A map from an array of keys and an array of values."""
    return _fn("map_from_arrays", col1, col2)


def map_contains_key(col: Any, value: Any) -> Column:
    """Whether the map has the key."""
    return _fn("map_contains_key", col, _value(value))


def slice(x: Any, start: Any, length: Any) -> Column:
    """``length`` elements from the 1-based ``start`` (negative: from the end)."""
    return _fn("slice", x, _num(start), _num(length))


def sort_array(col: Any, asc: bool = True) -> Column:
    """The array sorted; NULLs first ascending, last descending."""
    return _fn("sort_array", col, lit(asc))


def shuffle(col: Any, seed: Optional[Any] = None) -> Column:
    """The array in a random order."""
    return _fn("shuffle", col, *[_value(s) for s in _opt(seed)])


def str_to_map(
    text: Any, pairDelim: Optional[Any] = None, keyValueDelim: Optional[Any] = None
) -> Column:
    """A map from ``k:v,k:v`` text (delimiters configurable)."""
    args = [text]
    if pairDelim is not None or keyValueDelim is not None:
        args.append(_value(pairDelim if pairDelim is not None else ","))
    if keyValueDelim is not None:
        args.append(_value(keyValueDelim))
    return _fn("str_to_map", *args)


def sequence(start: Any, stop: Any, step: Optional[Any] = None) -> Column:
    """Integers from start to stop inclusive, by step (1 or -1 by default)."""
    return _fn("sequence", start, stop, *_opt(step))


def element_at(col: Any, extraction: Any) -> Column:
    """The element at a 1-based index (negative from the end), or a map's value."""
    return _fn("element_at", col, _value(extraction))


def try_element_at(col: Any, extraction: Any) -> Column:
    """``element_at``, NULL when absent."""
    return _fn("try_element_at", col, extraction)


def get(col: Any, index: Any) -> Column:
    """The element at a 0-based index; NULL out of bounds."""
    return _fn("get", col, _num(index))


array_compact = _unary("array_compact", "The array without its NULL elements.")


def array_sort(col: Any, comparator: Optional[Any] = None) -> Column:
    """The array sorted ascending, NULLs last."""
    if comparator is not None:
        from ember.errors import PySparkNotImplementedError

        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "array_sort comparator"}
        )
    return _fn("array_sort", col)


def stack(*cols: Any) -> Column:
    """Generator: ``stack(n, v1, v2, …)`` spreads the values over n rows."""
    from ember.sql.column import _to_col_jc
    from ember.sql.functions.builtin import _N

    return Column(
        _N.call("stack", [_value(c)._jc if not isinstance(c, str) else _to_col_jc(c) for c in cols])
    )
