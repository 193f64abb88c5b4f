"""Aggregate functions beyond ``count``/``sum``/``avg``/``min``/``max``:
statistics, percentiles, collections, boolean aggregates."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _value
from ember.sql.functions.builtin import lit

__all__ = [
    "any_value", "approx_count_distinct", "approx_percentile", "array_agg", "bool_and",
    "bool_or", "collect_list", "collect_set", "corr", "count_if", "covar_pop",
    "covar_samp", "every", "median", "percentile_approx", "some", "std", "stddev",
    "stddev_pop", "stddev_samp", "var_pop", "var_samp", "variance",
]  # fmt: skip


def _unary(name: str, doc: str):
    def f(col: Any) -> Column:
        return _fn(name, col)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = doc
    return f


def _binary(name: str, doc: str):
    def f(col1: Any, col2: Any) -> Column:
        return _fn(name, col1, col2)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = doc
    return f


array_agg = _unary("array_agg", "The group's values as an array (NULLs skipped).")
collect_list = _unary("collect_list", "The group's values as an array (NULLs skipped).")
collect_set = _unary("collect_set", "The group's distinct values as an array.")
bool_and = _unary("bool_and", "Whether every value is true.")
every = _unary("every", "Whether every value is true.")
bool_or = _unary("bool_or", "Whether some value is true.")
some = _unary("some", "Whether some value is true.")
count_if = _unary("count_if", "The number of true values.")
median = _unary("median", "The median of the group's values.")
std = _unary("std", "Sample standard deviation.")
stddev = _unary("stddev", "Sample standard deviation.")
stddev_samp = _unary("stddev_samp", "Sample standard deviation.")
stddev_pop = _unary("stddev_pop", "Population standard deviation.")
variance = _unary("variance", "Sample variance.")
var_samp = _unary("var_samp", "Sample variance.")
var_pop = _unary("var_pop", "Population variance.")
corr = _binary("corr", "Pearson correlation coefficient of two columns.")
covar_pop = _binary("covar_pop", "Population covariance of two columns.")
covar_samp = _binary("covar_samp", "Sample covariance of two columns.")


def any_value(col: Any, ignoreNulls: Optional[Any] = None) -> Column:
    """Some value of the group (a non-null one with ``ignoreNulls``)."""
    if ignoreNulls is None:
        return _fn("any_value", col)
    return _fn("any_value", col, _value(ignoreNulls))


def approx_count_distinct(col: Any, rsd: Optional[float] = None) -> Column:
    """The number of distinct values (``rsd``: the allowed relative error)."""
    if rsd is None:
        return _fn("approx_count_distinct", col)
    return _fn("approx_count_distinct", col, lit(rsd))


def _percentage(p: Any) -> Column:
    if isinstance(p, (list, tuple)):
        return lit(list(p))
    return _value(p)


def percentile_approx(col: Any, percentage: Any, accuracy: Any = 10000) -> Column:
    """The smallest value with at most ``percentage`` of the group below it."""
    return _fn("percentile_approx", col, _percentage(percentage), _value(accuracy))


def approx_percentile(col: Any, percentage: Any, accuracy: Any = 10000) -> Column:
    """The smallest value with at most ``percentage`` of the group below it."""
    return _fn("approx_percentile", col, _percentage(percentage), _value(accuracy))
