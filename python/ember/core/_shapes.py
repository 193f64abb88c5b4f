"""Recognising a few function shapes whose effect the engine can compute
with C-level loops instead of a Python call per record: ``lambda x: (x, 1)``
(any name, any int constant) and addition (``operator.add`` or
``lambda a, b: a + b``). Word counts (``map(lambda w: (w, 1))`` then
``reduceByKey(add)``) then count each partition's words with
``collections.Counter`` (or, after ``flatMap(lambda l: l.split())``, in the
engine): the same pairs, in the same order, with the same sums."""

from __future__ import annotations

import operator
from typing import Any, Optional

_PAIR = (lambda x: (x, 1)).__code__
_SPLIT = (lambda x: x.split()).__code__
_ADD = (lambda a, b: a + b).__code__
_VARARGS = 0x04 | 0x08


def _simple(code: Any, argcount: int) -> bool:
    return (
        code.co_argcount == argcount
        and not code.co_kwonlyargcount
        and not code.co_posonlyargcount
        and not (code.co_flags & _VARARGS)
        and not code.co_freevars
    )


def pair_with_const(f: Any) -> Optional[int]:
    """The ``c`` of a function ``lambda x: (x, c)`` with an int ``c``."""
    code = getattr(f, "__code__", None)
    if code is None or code.co_code != _PAIR.co_code or not _simple(code, 1):
        return None
    c = code.co_consts[1]
    return c if type(c) is int else None


def is_add(f: Any) -> bool:
    """Whether ``f(a, b)`` is ``a + b``."""
    if f is operator.add:
        return True
    code = getattr(f, "__code__", None)
    return code is not None and code.co_code == _ADD.co_code and _simple(code, 2)


def is_split(f: Any) -> bool:
    """Whether ``f(x)`` is ``x.split()`` (``str.split`` or a lambda)."""
    if f is str.split:
        return True
    code = getattr(f, "__code__", None)
    return (
        code is not None
        and code.co_code == _SPLIT.co_code
        and code.co_names == ("split",)
        and _simple(code, 1)
    )
