"""Argument conventions shared by the function families."""

from __future__ import annotations

from typing import Any

from ember.sql.column import Column
from ember.sql.functions.builtin import _fn, lit

__all__ = ["_fn", "_value", "_num", "_opt"]


def _value(v: Any) -> Column:
    """A Column stays a Column; any Python value becomes a literal."""
    return v if isinstance(v, Column) else lit(v)


def _num(v: Any) -> Any:
    """A column name or Column as it is; a number becomes a literal."""
    return lit(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


def _opt(*args: Any) -> list:
    """The arguments up to the first one left out (None)."""
    out = []
    for a in args:
        if a is None:
            break
        out.append(a)
    return out
