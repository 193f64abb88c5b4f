"""Higher-order functions over arrays, with Python lambdas."""

from __future__ import annotations

import inspect
import itertools
from typing import Any, Callable

from ember.sql.column import Column, _to_col_jc
from ember.sql.functions.builtin import _N

__all__ = ["exists", "filter", "forall", "transform"]

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
