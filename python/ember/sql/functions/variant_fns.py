"""Variant functions."""

from __future__ import annotations

from typing import Any, Union

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _unary, _value
from ember.sql.functions.builtin import lit

__all__ = [
    "is_valid_variant", "is_variant_null", "parse_json", "schema_of_variant",
    "schema_of_variant_agg", "to_variant_object", "try_parse_json",
    "try_variant_array_append", "try_variant_get", "try_variant_insert", "try_variant_set",
    "variant_array_append", "variant_delete", "variant_get", "variant_insert", "variant_set",
    "variant_strip_nulls",
]  # fmt: skip

parse_json = _unary("parse_json", "A JSON string parsed into a variant; malformed text raises.")
try_parse_json = _unary("try_parse_json", "A JSON string parsed into a variant; NULL if malformed.")
to_variant_object = _unary(
    "to_variant_object", "An array, map or struct as a variant (maps and structs as objects)."
)
is_variant_null = _unary("is_variant_null", "Whether a variant is a variant null.", "v")
is_valid_variant = _unary("is_valid_variant", "Whether a variant's bytes are valid.", "v")
schema_of_variant = _unary("schema_of_variant", "The SQL schema of a variant.", "v")
schema_of_variant_agg = _unary(
    "schema_of_variant_agg", "The merged SQL schema of the variants of a group.", "v"
)


def _path(path: Union[Column, str]) -> Column:
    return _value(path)


def variant_get(v: Any, path: Union[Column, str], targetType: str) -> Column:
    """The value at ``path`` cast to ``targetType``; NULL if absent; an invalid cast raises."""
    return _fn("variant_get", v, _path(path), lit(targetType))


def try_variant_get(v: Any, path: Union[Column, str], targetType: str) -> Column:
    """The value at ``path`` cast to ``targetType``; NULL if absent or not castable."""
    return _fn("try_variant_get", v, _path(path), lit(targetType))


def variant_delete(v: Any, *paths: Union[Column, str]) -> Column:
    """The variant without the fields or elements at ``paths`` (left to right)."""
    return _fn("variant_delete", v, *[_path(p) for p in paths])


def variant_insert(v: Any, path: Union[Column, str], value: Any) -> Column:
    """The variant with ``value`` inserted at ``path``."""
    return _fn("variant_insert", v, _path(path), value)


def try_variant_insert(v: Any, path: Union[Column, str], value: Any) -> Column:
    """Like ``variant_insert``; NULL where it would raise."""
    return _fn("try_variant_insert", v, _path(path), value)


def variant_set(
    v: Any, path: Union[Column, str], value: Any, create_if_missing: bool = True
) -> Column:
    """The variant with ``value`` set at ``path`` (added when missing and allowed)."""
    return _fn("variant_set", v, _path(path), value, lit(create_if_missing))


def try_variant_set(
    v: Any, path: Union[Column, str], value: Any, create_if_missing: bool = True
) -> Column:
    """Like ``variant_set``; NULL where it would raise."""
    return _fn("try_variant_set", v, _path(path), value, lit(create_if_missing))


def variant_array_append(v: Any, path: Union[Column, str], value: Any) -> Column:
    """The variant with ``value`` appended to the array at ``path``."""
    return _fn("variant_array_append", v, _path(path), value)


def try_variant_array_append(v: Any, path: Union[Column, str], value: Any) -> Column:
    """Like ``variant_array_append``; NULL where it would raise."""
    return _fn("try_variant_array_append", v, _path(path), value)


def variant_strip_nulls(v: Any, include_arrays: bool = True) -> Column:
    """The variant without null object fields (and null array elements by default)."""
    return _fn("variant_strip_nulls", v, lit(include_arrays))
