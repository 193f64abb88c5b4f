"""Utilities shared by the Python API (``pyspark.util``)."""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable

__all__ = ["PythonEvalType", "InheritableThread", "inheritable_thread_target"]


def _copy_context() -> Callable[[], None]:
    """The calling thread's job group, description, properties and tags, as
    a function that installs them in another thread."""
    from ember.context import SparkContext

    sc = SparkContext._active
    if sc is None:
        return lambda: None
    props = dict(sc._props())
    tags = set(sc._tags())

    def install() -> None:
        sc._props().update(props)
        sc._tags().update(tags)

    return install


class InheritableThread(threading.Thread):
    """A thread that starts with its parent's job group, local properties
    and job tags (Spark's inheritable thread-local properties)."""

    def __init__(self, target: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        install = _copy_context()

        def run_with_context(*a: Any, **k: Any) -> Any:
            install()
            return target(*a, **k)

        super().__init__(target=run_with_context, *args, **kwargs)  # type: ignore[misc]


def inheritable_thread_target(f: Callable[..., Any]) -> Callable[..., Any]:
    """Wraps ``f`` to run with the job group and properties of the thread
    that wrapped it."""
    install = _copy_context()

    @functools.wraps(f)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        install()
        return f(*args, **kwargs)

    return wrapped


class PythonEvalType:
    """How a Python function is evaluated: its kind and how data reaches it."""

    NON_UDF = 0

    SQL_BATCHED_UDF = 100
    SQL_ARROW_BATCHED_UDF = 101

    SQL_SCALAR_PANDAS_UDF = 200
    SQL_GROUPED_MAP_PANDAS_UDF = 201
    SQL_GROUPED_AGG_PANDAS_UDF = 202
    SQL_WINDOW_AGG_PANDAS_UDF = 203
    SQL_SCALAR_PANDAS_ITER_UDF = 204
    SQL_MAP_PANDAS_ITER_UDF = 205
    SQL_COGROUPED_MAP_PANDAS_UDF = 206
    SQL_MAP_ARROW_ITER_UDF = 207
    SQL_GROUPED_MAP_PANDAS_UDF_WITH_STATE = 208
    SQL_GROUPED_MAP_ARROW_UDF = 209
    SQL_COGROUPED_MAP_ARROW_UDF = 210
    SQL_TRANSFORM_WITH_STATE_PANDAS_UDF = 211
    SQL_TRANSFORM_WITH_STATE_PANDAS_INIT_STATE_UDF = 212
    SQL_TRANSFORM_WITH_STATE_PYTHON_ROW_UDF = 213
    SQL_TRANSFORM_WITH_STATE_PYTHON_ROW_INIT_STATE_UDF = 214
    SQL_GROUPED_MAP_ARROW_ITER_UDF = 215
    SQL_GROUPED_MAP_PANDAS_ITER_UDF = 216
    SQL_GROUPED_AGG_PANDAS_ITER_UDF = 217

    SQL_SCALAR_ARROW_UDF = 250
    SQL_SCALAR_ARROW_ITER_UDF = 251
    SQL_GROUPED_AGG_ARROW_UDF = 252
    SQL_WINDOW_AGG_ARROW_UDF = 253
    SQL_GROUPED_AGG_ARROW_ITER_UDF = 254

    SQL_TABLE_UDF = 300
    SQL_ARROW_TABLE_UDF = 301
    SQL_ARROW_UDTF = 302
