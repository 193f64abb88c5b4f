"""Higher-order functions over arrays, with Python lambdas."""

from __future__ import annotations

import inspect
import itertools
from typing import Any, Callable, Optional

from ember.sql.column import Column, _to_col_jc
from ember.sql.functions.builtin import _N

__all__ = [
    "aggregate",
    "exists",
    "filter",
    "forall",
    "map_filter",
    "map_zip_with",
    "reduce",
    "transform",
    "transform_keys",
    "transform_values",
    "zip_with",
]

_ids = itertools.count()


def _lambda(f: Callable) -> Any:
    """The native lambda of ``f``: called with Columns standing for its
    parameters, it returns the body."""
    n = len(inspect.signature(f).parameters)
    params = ["__lambda_%d_%d" % (next(_ids), i) for i in range(n)]
    body = f(*[Column(_N.col(p)) for p in params])
    if not isinstance(body, Column):
        from ember.errors import PySparkValueError

        raise PySparkValueError(
            errorClass="HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN",
            messageParameters={"func_name": f.__name__, "return_type": type(body).__name__},
        )
    return _N.lambda_fn(params, body._jc)


def _hof(name: str, col: Any, f: Callable) -> Column:
    return Column(_N.call(name, [_to_col_jc(col), _lambda(f)]))


def _hof_n(name: str, cols: list, funs: list) -> Column:
    args = [_to_col_jc(c) for c in cols] + [_lambda(f) for f in funs if f is not None]
    return Column(_N.call(name, args))


def transform(col: Any, f: Callable) -> Column:
    """Each element of the array mapped by ``f``."""
    return _hof("transform", col, f)


def filter(col: Any, f: Callable) -> Column:
    """The elements of the array for which ``f`` is true."""
    return _hof("filter", col, f)


def exists(col: Any, f: Callable) -> Column:
    """Whether ``f`` is true for some element (NULL if unknown)."""
    return _hof("exists", col, f)


def forall(col: Any, f: Callable) -> Column:
    """Whether ``f`` is true for every element (NULL if unknown)."""
    return _hof("forall", col, f)


def aggregate(
    col: Any,
    initialValue: Any,
    merge: Callable,
    finish: Optional[Callable] = None,
) -> Column:
    """The array folded from ``initialValue`` by ``merge``, then mapped by
    ``finish`` when given."""
    return _hof_n("aggregate", [col, initialValue], [merge, finish])


def reduce(
    col: Any,
    initialValue: Any,
    merge: Callable,
    finish: Optional[Callable] = None,
) -> Column:
    """The array folded from ``initialValue`` by ``merge``, then mapped by
    ``finish`` when given."""
    return _hof_n("reduce", [col, initialValue], [merge, finish])


def zip_with(left: Any, right: Any, f: Callable) -> Column:
    """The two arrays merged element-wise by ``f``; the shorter is padded
    with nulls."""
    return _hof_n("zip_with", [left, right], [f])


def transform_keys(col: Any, f: Callable) -> Column:
    """The map with each key replaced by ``f(key, value)``."""
    return _hof("transform_keys", col, f)


def transform_values(col: Any, f: Callable) -> Column:
    """The map with each value replaced by ``f(key, value)``."""
    return _hof("transform_values", col, f)


def map_filter(col: Any, f: Callable) -> Column:
    """The entries of the map for which ``f(key, value)`` is true."""
    return _hof("map_filter", col, f)


def map_zip_with(col1: Any, col2: Any, f: Callable) -> Column:
    """The two maps merged by key; each value is ``f(key, value1, value2)``,
    a missing value being null."""
    return _hof_n("map_zip_with", [col1, col2], [f])
