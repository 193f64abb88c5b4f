"""Functions of float vectors (``ARRAY<FLOAT>``)."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _binary, _fn, _unary

__all__ = [
    "vector_avg", "vector_cosine_similarity", "vector_inner_product", "vector_l2_distance",
    "vector_norm", "vector_normalize", "vector_sum",
]  # fmt: skip


vector_cosine_similarity = _binary(
    "vector_cosine_similarity",
    "The cosine similarity of two vectors of the same dimension.",
    ("left", "right"),
)
vector_inner_product = _binary(
    "vector_inner_product",
    "The inner (dot) product of two vectors of the same dimension.",
    ("left", "right"),
)
vector_l2_distance = _binary(
    "vector_l2_distance",
    "The Euclidean distance of two vectors of the same dimension.",
    ("left", "right"),
)
vector_avg = _unary("vector_avg", "Aggregate: the element-wise mean of the vectors.", "col")
vector_sum = _unary("vector_sum", "Aggregate: the element-wise sum of the vectors.", "col")


def vector_norm(vector: Any, degree: Optional[Any] = None) -> Column:
    """The L1, L2 (default) or infinity norm of a vector."""
    if degree is None:
        return _fn("vector_norm", vector)
    return _fn("vector_norm", vector, degree)


def vector_normalize(vector: Any, degree: Optional[Any] = None) -> Column:
    """The vector divided by its norm (L2 unless ``degree``)."""
    if degree is None:
        return _fn("vector_normalize", vector)
    return _fn("vector_normalize", vector, degree)
