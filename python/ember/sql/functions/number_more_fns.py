"""Half-even rounding, seeded uniform numbers and random strings, and the
deprecated ``approxCountDistinct``."""

from __future__ import annotations

import warnings
from typing import Any, Optional, Union

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _value
from ember.sql.functions.aggregate_fns import approx_count_distinct
from ember.sql.functions.builtin import lit

__all__ = ["approxCountDistinct", "bround", "randstr", "uniform"]


def bround(col: Any, scale: Optional[Union[Column, int]] = None) -> Column:
    """The value rounded to ``scale`` decimal places, half to even."""
    if scale is None:
        return _fn("bround", col)
    return _fn("bround", col, _value(scale))


def uniform(
    min: Union[Column, int, float],
    max: Union[Column, int, float],
    seed: Optional[Union[Column, int]] = None,
) -> Column:
    """A random number in [min, max), of the bounds' type, reproducible for a seed."""
    if seed is None:
        return _fn("uniform", lit(min), lit(max))
    return _fn("uniform", lit(min), lit(max), lit(seed))


def randstr(length: Union[Column, int], seed: Optional[Union[Column, int]] = None) -> Column:
    """A random string of ``length`` letters and digits, reproducible for a seed."""
    if seed is None:
        return _fn("randstr", lit(length))
    return _fn("randstr", lit(length), lit(seed))


def approxCountDistinct(col: Any, rsd: Optional[float] = None) -> Column:
    """Deprecated alias of ``approx_count_distinct``."""
    warnings.warn("Deprecated in 2.1, use approx_count_distinct instead.", FutureWarning)
    return approx_count_distinct(col, rsd)
