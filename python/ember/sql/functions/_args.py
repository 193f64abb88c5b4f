"""Argument conventions shared by the function families."""

from __future__ import annotations

import inspect
from typing import Any

from ember.sql.column import Column
from ember.sql.functions.builtin import _fn, lit

__all__ = ["_fn", "_value", "_num", "_opt", "_unary", "_nullary", "_binary"]


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


def _named(f: Any, name: str, doc: str, params: list) -> Any:
    f.__name__ = f.__qualname__ = name
    f.__doc__ = doc
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    f.__signature__ = inspect.Signature([inspect.Parameter(p, kind) for p in params])
    return f


def _unary(name: str, doc: str, param: str = "col", public: str = "") -> Any:
    """``name(col)`` as a function of one column (parameter ``param``),
    called ``public`` in Python when that differs from the SQL name."""

    def f(*args: Any, **kwargs: Any) -> Column:
        (value,) = args or (kwargs[param],)
        return _fn(name, value)

    return _named(f, public or name, doc, [param])


def _binary(name: str, doc: str, params: tuple = ("col1", "col2")) -> Any:
    """``name(a, b)`` as a function of two columns."""

    def f(*args: Any, **kwargs: Any) -> Column:
        values = list(args) + [kwargs[p] for p in params[len(args) :]]
        return _fn(name, *values)

    return _named(f, name, doc, list(params))


def _nullary(name: str, doc: str) -> Any:
    """``name()``."""

    def f() -> Column:
        return _fn(name)

    return _named(f, name, doc, [])
