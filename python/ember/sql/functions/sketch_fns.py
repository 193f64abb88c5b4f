"""DataSketches-based functions: HLL, Theta, Tuple and KLL sketches, kept as
BINARY in Apache DataSketches' serialized formats."""

from __future__ import annotations

from typing import Any

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _named, _value

_HLL = ["hll_sketch_agg", "hll_union_agg", "hll_sketch_estimate", "hll_union"]
_THETA = [
    "theta_sketch_agg", "theta_union_agg", "theta_intersection_agg", "theta_sketch_estimate",
    "theta_union", "theta_intersection", "theta_difference",
]  # fmt: skip
_KLL = [
    f"{f}_{t}"
    for f in (
        "kll_sketch_agg",
        "kll_merge_agg",
        "kll_sketch_to_string",
        "kll_sketch_get_n",
        "kll_sketch_merge",
        "kll_sketch_get_quantile",
        "kll_sketch_get_rank",
    )  # fmt: skip
    for t in ("bigint", "float", "double")
]
_TUPLE = [
    f"{f}_{t}"
    for f in (
        "tuple_sketch_agg",
        "tuple_union_agg",
        "tuple_intersection_agg",
        "tuple_sketch_estimate",
        "tuple_sketch_summary",
        "tuple_sketch_theta",
        "tuple_union",
        "tuple_intersection",
        "tuple_difference",
        "tuple_difference_theta",
        "tuple_intersection_theta",
        "tuple_union_theta",
    )  # fmt: skip
    for t in ("double", "integer")
]

__all__ = _HLL + _THETA + _KLL + _TUPLE


def _sketch_fn(name: str, doc: str, cols: list, options: list = (), filled: dict = None) -> Any:
    """``name(cols..., options...)``: the columns by name or Column; each
    option a literal (or Column) when given. Options in ``filled`` take
    their default when left out (PySpark always passes them); the others
    are left out from the first one not given."""
    filled = filled or {}
    params = list(cols) + list(options)

    def f(*args: Any, **kwargs: Any) -> Column:
        values = dict(zip(params, args))
        values.update(kwargs)
        call = [values[c] for c in cols]
        for o in options:
            v = values.get(o)
            if v is None:
                v = filled.get(o)
            if v is None:
                break
            call.append(_value(v))
        return _fn(name, *call)

    return _named(f, name, doc, params)


def _def(name: str, doc: str, cols: list, options: list = (), filled: dict = None) -> None:
    globals()[name] = _sketch_fn(name, doc, cols, options, filled)


_def("hll_sketch_agg", "An HLL sketch of the group's values.", ["col"], ["lgConfigK"])
_def(
    "hll_union_agg", "The union of the group's HLL sketches.", ["col"], ["allowDifferentLgConfigK"]
)
_def("hll_sketch_estimate", "The estimated distinct count of an HLL sketch.", ["col"])
_def("hll_union", "The union of two HLL sketches.", ["col1", "col2"], ["allowDifferentLgConfigK"])

_def("theta_sketch_agg", "A Theta sketch of the group's values.", ["col"], ["lgNomEntries"])
_def("theta_union_agg", "The union of the group's Theta sketches.", ["col"], ["lgNomEntries"])
_def("theta_intersection_agg", "The intersection of the group's Theta sketches.", ["col"])
_def("theta_sketch_estimate", "The estimated distinct count of a Theta sketch.", ["col"])
_def("theta_union", "The union of two Theta sketches.", ["col1", "col2"], ["lgNomEntries"])
_def("theta_intersection", "The intersection of two Theta sketches.", ["col1", "col2"])
_def("theta_difference", "The keys of the first Theta sketch not in the second.", ["col1", "col2"])

for _t in ("bigint", "float", "double"):
    _def(f"kll_sketch_agg_{_t}", f"A KLL sketch of the group's {_t} values.", ["col"], ["k"])
    _def(f"kll_merge_agg_{_t}", f"The merge of the group's KLL {_t} sketches.", ["col"], ["k"])
    _def(f"kll_sketch_to_string_{_t}", f"A summary of a KLL {_t} sketch.", ["col"])
    _def(f"kll_sketch_get_n_{_t}", f"The number of items in a KLL {_t} sketch.", ["col"])
    _def(f"kll_sketch_merge_{_t}", f"The merge of two KLL {_t} sketches.", ["left", "right"])
    _def(
        f"kll_sketch_get_quantile_{_t}",
        f"The item at a rank (or ranks) of a KLL {_t} sketch.",
        ["sketch", "rank"],
    )
    _def(
        f"kll_sketch_get_rank_{_t}",
        f"The rank of an item (or items) in a KLL {_t} sketch.",
        ["sketch", "quantile"],
    )

_LG_MODE = {"lgNomEntries": 12, "mode": "sum"}
for _t in ("double", "integer"):
    _def(
        f"tuple_sketch_agg_{_t}",
        f"A Tuple sketch of the group's keys with {_t} summaries.",
        ["key", "summary"],
        ["lgNomEntries", "mode"],
        _LG_MODE,
    )
    _def(
        f"tuple_union_agg_{_t}",
        f"The union of the group's {_t} Tuple sketches.",
        ["col"],
        ["lgNomEntries", "mode"],
        _LG_MODE,
    )
    _def(
        f"tuple_intersection_agg_{_t}",
        f"The intersection of the group's {_t} Tuple sketches.",
        ["col"],
        ["mode"],
    )
    _def(f"tuple_sketch_estimate_{_t}", f"The estimated key count of a {_t} Tuple sketch.", ["col"])
    _def(
        f"tuple_sketch_summary_{_t}",
        f"The summaries of a {_t} Tuple sketch, combined by mode.",
        ["col"],
        ["mode"],
    )
    _def(f"tuple_sketch_theta_{_t}", f"The theta of a {_t} Tuple sketch.", ["col"])
    for _op, _theta in (("union", ""), ("union", "_theta")):
        _def(
            f"tuple_{_op}{_theta}_{_t}",
            f"The union of a {_t} Tuple sketch and a {'Theta' if _theta else 'Tuple'} sketch.",
            ["col1", "col2"],
            ["lgNomEntries", "mode"],
            _LG_MODE,
        )
    for _theta in ("", "_theta"):
        _def(
            f"tuple_intersection{_theta}_{_t}",
            f"The intersection of a {_t} Tuple sketch and a {'Theta' if _theta else 'Tuple'} sketch.",
            ["col1", "col2"],
            ["mode"],
        )
        _def(
            f"tuple_difference{_theta}_{_t}",
            f"The keys of a {_t} Tuple sketch not in a {'Theta' if _theta else 'Tuple'} sketch.",
            ["col1", "col2"],
        )
