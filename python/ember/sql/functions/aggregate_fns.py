"""Aggregate functions beyond ``count``/``sum``/``avg``/``min``/``max``:
statistics, percentiles, collections, boolean aggregates."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _binary, _fn, _unary, _value
from ember.sql.functions.builtin import lit

__all__ = [
    "bit_and", "bit_or", "bit_xor", "listagg", "max_by", "min_by", "percentile",
    "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "try_sum",
    "regr_sxx", "regr_sxy", "regr_syy", "string_agg", "sumDistinct", "sum_distinct",
    "any_value", "approx_count_distinct", "approx_percentile", "array_agg", "bool_and",
    "bool_or", "collect_list", "collect_set", "corr", "count_if", "covar_pop",
    "covar_samp", "every", "median", "percentile_approx", "some", "std", "stddev",
    "stddev_pop", "stddev_samp", "var_pop", "var_samp", "variance",
]  # fmt: skip


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


bit_and = _unary("bit_and", "Bitwise AND of the group's values.")
bit_or = _unary("bit_or", "Bitwise OR of the group's values.")
bit_xor = _unary("bit_xor", "Bitwise XOR of the group's values.")


def _regr(name: str, doc: str):
    def f(y: Any, x: Any) -> Column:
        return _fn(name, y, x)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = doc
    return f


regr_count = _regr("regr_count", "Number of rows where both y and x are non-null.")
regr_avgx = _regr("regr_avgx", "Average of x over the rows where y and x are non-null.")
regr_avgy = _regr("regr_avgy", "Average of y over the rows where y and x are non-null.")
regr_sxx = _regr("regr_sxx", "Sum of squares of x's deviations.")
regr_syy = _regr("regr_syy", "Sum of squares of y's deviations.")
regr_sxy = _regr("regr_sxy", "Sum of products of x's and y's deviations.")
regr_slope = _regr("regr_slope", "Slope of the least-squares line of y on x.")
regr_intercept = _regr("regr_intercept", "Intercept of the least-squares line of y on x.")
regr_r2 = _regr("regr_r2", "Coefficient of determination of the least-squares line.")
try_sum = _unary("try_sum", "The sum, or NULL when it overflows.")


def _by(name: str, doc: str):
    def f(col: Any, ord: Any, k: Optional[int] = None) -> Column:
        if k is not None:
            from ember.errors import PySparkNotImplementedError

            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": name + " with k"}
            )
        return _fn(name, col, ord)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = doc
    return f


min_by = _by("min_by", "The value of ``col`` on the row with the smallest ``ord``.")
max_by = _by("max_by", "The value of ``col`` on the row with the largest ``ord``.")


def percentile(col: Any, percentage: Any, frequency: Any = 1) -> Column:
    """The exact percentile (interpolated) of the group's values."""
    return _fn("percentile", col, _percentage(percentage), _value(frequency))


def string_agg(col: Any, delimiter: Any = None) -> Column:
    """The group's strings joined by ``delimiter``."""
    return _fn("string_agg", col, *([] if delimiter is None else [_value(delimiter)]))


def listagg(col: Any, delimiter: Any = None) -> Column:
    """The group's strings joined by ``delimiter``."""
    return _fn("listagg", col, *([] if delimiter is None else [_value(delimiter)]))


def sum_distinct(col: Any) -> Column:
    """The sum of the group's distinct values."""
    from ember.sql.column import _to_col_jc
    from ember.sql.functions.builtin import _N

    return Column(_N.call("sum", [_to_col_jc(col)], True))


sumDistinct = sum_distinct
