"""Pickling functions for tasks, and the call sites that name RDDs and
stages."""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

import cloudpickle

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dumps(obj: Any) -> bytes:
    """A function and everything it closes over, for a task."""
    try:
        return cloudpickle.dumps(obj, protocol=5)
    except pickle.PickleError:
        raise
    except Exception as e:  # noqa: BLE001 - any pickling failure is the user's
        msg = "Could not serialize object: %s: %s" % (type(e).__name__, e)
        raise pickle.PicklingError(msg) from e


def site(op: str) -> str:
    """``op at file:line`` of the user's code that called the operation."""
    f = sys._getframe(1)
    while f is not None and os.path.abspath(f.f_code.co_filename).startswith(_PACKAGE):
        f = f.f_back
    if f is None:
        return "%s at <unknown>:0" % op
    return "%s at %s:%d" % (op, f.f_code.co_filename, f.f_lineno)
