"""GroupedData: the result of ``DataFrame.groupBy`` (``pyspark.sql.GroupedData``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from ember import _native
from ember.sql.column import Column, _type_error
from ember.sql.types import NumericType

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame

__all__ = ["GroupedData"]

_N = _native.Column

# The names Spark's `agg({"col": "fn"})` accepts for its aggregate functions.
_DICT_NAMES = {"mean": "avg", "average": "avg"}


class GroupedData:
    """Aggregations over the groups of a DataFrame."""

    def __init__(
        self,
        jgroups: List[Any],
        df: "DataFrame",
        kind: str = "groupby",
        sets: Optional[List[List[int]]] = None,
        pivot: Optional[Tuple[Any, List[Any]]] = None,
    ) -> None:
        self._jgroups = jgroups
        self._df = df
        self._kind = kind
        self._sets = sets
        self._pivot = pivot
        self.session = df.sparkSession

    def __repr__(self) -> str:
        kinds = {"groupby": "GroupBy", "rollup": "Rollup", "cube": "Cube"}
        kind = "Pivot" if self._pivot else kinds.get(self._kind, "GroupingSets")
        value = ", ".join("%s: %s" % c for c in self._df.dtypes)
        labels = getattr(self, "_labels", None) or [repr(c) for c in self._jgroups]
        return "GroupedData[grouping expressions: [%s], value: [%s], type: %s]" % (
            ", ".join(labels),
            value,
            kind,
        )

    def agg(self, *exprs: Union[Column, Dict[str, str]]) -> "DataFrame":
        """Computes aggregates: Columns, or one dict of ``{column: function}``."""
        from ember.sql.dataframe import DataFrame

        if not exprs:
            from ember.errors import PySparkValueError

            raise PySparkValueError(
                errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "exprs"}
            )
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            jaggs = []
            for name, fn in _java_hash_map_order(exprs[0]):
                fn = _DICT_NAMES.get(fn.lower(), fn.lower())
                arg = _N.lit(1) if (fn == "count" and name == "*") else _N.col(name)
                jaggs.append(_N.call(fn, [arg]))
        else:
            for c in exprs:
                if not isinstance(c, Column):
                    raise _type_error("exprs", "Column", c)
            jaggs = [c._jc for c in exprs]
        if self._pivot is not None:
            jaggs = self._pivoted(jaggs)
        jdf = self._df._jdf.aggregate(self._jgroups, jaggs, self._kind, self._sets)
        return DataFrame(jdf, self.session)

    def pivot(self, pivot_col: str, values: Optional[List[Any]] = None) -> "GroupedData":
        """One output column per value of ``pivot_col`` (and per aggregate);
        without ``values`` the distinct values are computed first, sorted."""
        from ember.sql.functions import col

        if not isinstance(pivot_col, str):
            raise _type_error("pivot_col", "str", pivot_col)
        if values is None:
            distinct = self._df.select(col(pivot_col).alias("pivot")).distinct()
            rows = distinct.orderBy("pivot").collect()
            values = [r[0] for r in rows]
        elif not isinstance(values, (list, tuple)):
            raise _type_error("values", "list", values)
        return GroupedData(
            self._jgroups, self._df, self._kind, self._sets, (col(pivot_col), list(values))
        )

    def _pivoted(self, jaggs: List[Any]) -> List[Any]:
        from ember.sql.functions import count, lit, when

        pivot_col, values = self._pivot
        out = []
        for v in values:
            cond = pivot_col.isNull() if v is None else (pivot_col == lit(v))
            for j in jaggs:
                label = _value_label(v)
                if len(jaggs) > 1:
                    label = "%s_%s" % (label, j.alias_name() or repr(j))
                # A group without rows for the value gets null, as in Spark.
                present = count(when(cond, lit(1))) > 0
                out.append(when(present, Column(j.pivot_on(cond._jc))).alias(label)._jc)
        return out

    def count(self) -> "DataFrame":
        """The number of rows in each group, as column ``count``."""
        return self.agg(Column(_N.call("count", [_N.lit(1)])).alias("count"))

    def _numeric(self, fn: str, cols: tuple) -> "DataFrame":
        names = list(cols)
        if not names:
            names = [f.name for f in self._df.schema.fields if isinstance(f.dataType, NumericType)]
        return self.agg(*[Column(_N.call(fn, [_N.col(n)])) for n in names])

    def sum(self, *cols: str) -> "DataFrame":
        return self._numeric("sum", cols)

    def avg(self, *cols: str) -> "DataFrame":
        return self._numeric("avg", cols)

    mean = avg

    def min(self, *cols: str) -> "DataFrame":
        return self._numeric("min", cols)

    def max(self, *cols: str) -> "DataFrame":
        return self._numeric("max", cols)


def _value_label(v: Any) -> str:
    """A pivot value as Spark names its column."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _java_string_hash(s: str) -> int:
    h = 0
    for unit in s.encode("utf-16-be").hex(" ", 2).split():
        h = (31 * h + int(unit, 16)) & 0xFFFFFFFF
    return h


def _java_hash_map_order(d: Dict[str, str]) -> List[Any]:
    """The iteration order of a ``java.util.HashMap`` holding ``d``: PySpark
    passes the dict to the JVM as one, and the aggregates come out in that
    order."""
    capacity = 16
    while len(d) > capacity * 0.75:
        capacity *= 2

    def bucket(key: str) -> int:
        h = _java_string_hash(key)
        return (h ^ (h >> 16)) & (capacity - 1)

    return sorted(d.items(), key=lambda kv: bucket(kv[0]))
