"""JSON functions."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _value
from ember.sql.functions.builtin import lit

__all__ = [
    "from_json", "get_json_object", "json_array_length", "json_object_keys",
    "schema_of_json", "to_json",
]  # fmt: skip


def _no_options(name: str, options: Optional[Mapping[str, str]]) -> None:
    if options:
        from ember.errors import PySparkNotImplementedError

        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": name + " options"}
        )


def from_json(col: Any, schema: Any, options: Optional[Mapping[str, str]] = None) -> Column:
    """The JSON text parsed into a struct of ``schema`` (DDL or StructType)."""
    _no_options("from_json", options)
    if not isinstance(schema, (str, Column)):
        schema = schema.json()
    return _fn("from_json", col, _value(schema))


def to_json(col: Any, options: Optional[Mapping[str, str]] = None) -> Column:
    """A struct as JSON text."""
    _no_options("to_json", options)
    return _fn("to_json", col)


def get_json_object(col: Any, path: str) -> Column:
    """The value at a JSON path (``$.a.b[0]``) as text; NULL when absent."""
    return _fn("get_json_object", col, lit(path))


def json_array_length(col: Any) -> Column:
    """The number of elements of a JSON array text."""
    return _fn("json_array_length", col)


def json_object_keys(col: Any) -> Column:
    """The keys of a JSON object text, in order."""
    return _fn("json_object_keys", col)


def schema_of_json(json: Any, options: Optional[Mapping[str, str]] = None) -> Column:
    """The DDL of the type Spark infers for a JSON text."""
    _no_options("schema_of_json", options)
    return _fn("schema_of_json", _value(json))
