"""DataFrame: a distributed collection of rows under named columns
(``pyspark.sql.DataFrame``). Transformations are analysed eagerly and run
lazily; actions run the plan on the engine."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

from ember import _native
from ember.errors import PySparkAttributeError, PySparkValueError
from ember.sql import _na_stat
from ember.sql._dataframe_more import DataFrameMore
from ember.sql.column import Column, _col_from_name, _type_error
from ember.sql.types import Row, StructType, _make_row_factory
from ember.storagelevel import StorageLevel

if TYPE_CHECKING:
    from ember.sql.group import GroupedData
    from ember.sql.readwriter import DataFrameWriter
    from ember.sql.session import SparkSession

__all__ = ["DataFrame"]

_N = _native.Column


def _flatten(cols: Tuple[Any, ...]) -> List[Any]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


class DataFrame(DataFrameMore):
    """A table of rows with a schema; built by a :class:`SparkSession`."""

    def __init__(self, jdf: Any, sparkSession: "SparkSession") -> None:
        self._jdf = jdf
        self._session = sparkSession
        self._schema: Optional[StructType] = None
        self._uncached: Any = None
        self._storage_level = StorageLevel.NONE
        self.is_cached = False

    def _wrap(self, jdf: Any) -> "DataFrame":
        df = DataFrame(jdf, self._session)
        df._input_files = getattr(self, "_input_files", [])
        return df

    # ---- inspection ----------------------------------------------------

    @property
    def sparkSession(self) -> "SparkSession":
        return self._session

    @property
    def isStreaming(self) -> bool:
        return False

    @property
    def schema(self) -> StructType:
        """The schema, as a :class:`StructType`."""
        if self._schema is None:
            self._schema = StructType.fromJson(json.loads(self._jdf.schema_json()))
        return self._schema

    @property
    def columns(self) -> List[str]:
        return self._jdf.columns()

    @property
    def dtypes(self) -> List[Tuple[str, str]]:
        return [(f.name, f.dataType.simpleString()) for f in self.schema.fields]

    def printSchema(self, level: Optional[int] = None) -> None:
        print(self.schema.treeString(level))

    def explain(
        self, extended: Optional[Union[bool, str]] = None, mode: Optional[str] = None
    ) -> None:
        if extended is not None and not isinstance(extended, (bool, str)):
            raise _type_error("extended", "bool or str", extended)
        if mode is not None and not isinstance(mode, str):
            raise _type_error("mode", "str", mode)
        if isinstance(extended, str):
            mode = extended
        elif mode is None:
            mode = "extended" if extended else "simple"
        print(self._jdf.explain_string(mode))

    def __repr__(self) -> str:
        return "DataFrame[%s]" % ", ".join("%s: %s" % c for c in self.dtypes)

    # ---- columns -------------------------------------------------------

    def __getattr__(self, name: str) -> Column:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self.columns:
            raise PySparkAttributeError(
                errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": name}
            )
        return Column(_N.col(name, self._jdf.id()))

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, str):
            jc = _N.col(item, self._jdf.id())
            self._jdf.check(jc)  # analysed now, as in PySpark
            return Column(jc)
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        if isinstance(item, int):
            return Column(_N.col(self.columns[item], self._jdf.id()))
        raise _type_error("item", "Column, int, list, str or tuple", item)

    def colRegex(self, colName: str) -> Column:
        if not isinstance(colName, str):
            raise _type_error("colName", "str", colName)
        return Column(_N.regex(colName))

    def _ordinals(self, cols: Tuple[Any, ...], sort: bool = False) -> Tuple[Any, ...]:
        """Column ordinals (1-based; negative sorts descending) as Columns."""
        from ember.errors import PySparkIndexError

        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        out = []
        for c in cols:
            if isinstance(c, int) and not isinstance(c, bool):
                if c == 0 and sort:
                    raise PySparkIndexError(errorClass="ZERO_INDEX", messageParameters={})
                if c < 1 and not sort:
                    raise PySparkIndexError(
                        errorClass="INDEX_NOT_POSITIVE", messageParameters={"index": str(c)}
                    )
                col = self[abs(c) - 1]
                out.append(col.desc() if c < 0 else col)
            else:
                out.append(c)
        return tuple(out)

    def _group_labels(self, cols: Tuple[Any, ...]) -> List[str]:
        """Grouping expressions as Spark prints them: a resolved column with
        its type, a name as given."""
        out = []
        for c in _flatten(cols):
            if isinstance(c, Column):
                sub = self.select(c)
                out.append("%s: %s" % sub.dtypes[0])
            else:
                out.append(str(c))
        return out

    def _jcols(self, cols: Tuple[Any, ...]) -> List[Any]:
        out = []
        for c in _flatten(cols):
            if isinstance(c, Column):
                out.append(c._jc)
            elif isinstance(c, str):
                out.append(_col_from_name(c))
            else:
                raise _type_error("col", "Column or str", c)
        return out

    # ---- transformations -----------------------------------------------

    def select(self, *cols: Any) -> "DataFrame":
        return self._wrap(self._jdf.select(self._jcols(cols)))

    def selectExpr(self, *expr: Union[str, List[str]]) -> "DataFrame":
        return self._wrap(self._jdf.select_expr(_flatten(expr)))

    def filter(self, condition: Union[Column, str]) -> "DataFrame":
        if isinstance(condition, str):
            return self._wrap(self._jdf.filter(_N.sql(condition)))
        if isinstance(condition, Column):
            return self._wrap(self._jdf.filter(condition._jc))
        raise _type_error("condition", "Column or str", condition)

    where = filter

    def groupBy(self, *cols: Any) -> "GroupedData":
        """Groups the rows by the given columns for aggregation."""
        from ember.sql.group import GroupedData

        cols = self._ordinals(cols)
        grouped = GroupedData(self._jcols(cols), self)
        grouped._labels = self._group_labels(cols)
        return grouped

    groupby = groupBy

    @property
    def write(self) -> "DataFrameWriter":
        """Saves this DataFrame (``saveAsTable``, ``insertInto``)."""
        from ember.sql.readwriter import DataFrameWriter

        return DataFrameWriter(self)

    def rollup(self, *cols: Any) -> "GroupedData":
        """Groups by every prefix of ``cols`` (and the whole frame)."""
        from ember.sql.group import GroupedData

        return GroupedData(self._jcols(self._ordinals(cols)), self, "rollup")

    def cube(self, *cols: Any) -> "GroupedData":
        """Groups by every subset of ``cols``."""
        from ember.sql.group import GroupedData

        return GroupedData(self._jcols(self._ordinals(cols)), self, "cube")

    def groupingSets(self, groupingSets: Any, *cols: Any) -> "GroupedData":
        """Groups by each of ``groupingSets`` (lists of expressions among ``cols``)."""
        from ember.sql.group import GroupedData

        jcols = self._jcols(cols)
        labels = [repr(c) for c in jcols]
        sets = []
        for group in groupingSets:
            if not isinstance(group, (list, tuple)):
                raise _type_error("groupingSets", "list of lists", groupingSets)
            idx = []
            for g in group:
                key = repr(self._jcols((g,))[0])
                if key not in labels:
                    jcols.append(self._jcols((g,))[0])
                    labels.append(key)
                idx.append(labels.index(key))
            sets.append(idx)
        return GroupedData(jcols, self, "groupingsets", sets)

    def agg(self, *exprs: Any) -> "DataFrame":
        """Aggregates the whole DataFrame (``groupBy().agg(...)``)."""
        return self.groupBy().agg(*exprs)

    def join(self, other: "DataFrame", on: Any = None, how: Optional[str] = None) -> "DataFrame":
        """Joins with ``other`` on a condition (Column or list of Columns) or on
        column names (one merged key column each, as Spark's USING join)."""
        if not isinstance(other, DataFrame):
            raise _type_error("other", "DataFrame", other)
        how = "inner" if how is None else how
        if not isinstance(how, str):
            raise _type_error("how", "str", how)
        if isinstance(on, str):
            on = [on]
        if isinstance(on, (list, tuple)) and on and all(isinstance(k, str) for k in on):
            return self._wrap(self._jdf.join_using(other._jdf, list(on), how))
        if isinstance(on, (list, tuple)):
            if not on:
                on = None
            else:
                cond = on[0]
                for c in on[1:]:
                    cond = cond & c
                on = cond
        if on is not None and not isinstance(on, Column):
            raise _type_error("on", "Column, list or str", on)
        return self._wrap(self._jdf.join_on(other._jdf, on._jc if on is not None else None, how))

    def crossJoin(self, other: "DataFrame") -> "DataFrame":
        if not isinstance(other, DataFrame):
            raise _type_error("other", "DataFrame", other)
        return self._wrap(self._jdf.join_on(other._jdf, None, "cross"))

    def withColumn(self, colName: str, col: Column) -> "DataFrame":
        if not isinstance(col, Column):
            raise _type_error("col", "Column", col)
        return self._wrap(self._jdf.with_columns([colName], [col._jc]))

    def withColumns(self, *colsMap: Dict[str, Column]) -> "DataFrame":
        if len(colsMap) != 1 or not isinstance(colsMap[0], dict):
            raise _type_error("colsMap", "dict", colsMap[0] if colsMap else None)
        names = list(colsMap[0].keys())
        cols = list(colsMap[0].values())
        for c in cols:
            if not isinstance(c, Column):
                raise _type_error("col", "Column", c)
        return self._wrap(self._jdf.with_columns(names, [c._jc for c in cols]))

    def withColumnRenamed(self, existing: str, new: str) -> "DataFrame":
        return self._wrap(self._jdf.with_columns_renamed([(existing, new)]))

    def withColumnsRenamed(self, colsMap: Dict[str, str]) -> "DataFrame":
        if not isinstance(colsMap, dict):
            raise _type_error("colsMap", "dict", colsMap)
        return self._wrap(self._jdf.with_columns_renamed(list(colsMap.items())))

    def drop(self, *cols: Union[str, Column]) -> "DataFrame":
        names, jcs = [], []
        for c in cols:
            if isinstance(c, str):
                names.append(c)
            elif isinstance(c, Column):
                jcs.append(c._jc)
            else:
                raise _type_error("col", "Column or str", c)
        return self._wrap(self._jdf.drop(names, jcs))

    def toDF(self, *cols: str) -> "DataFrame":
        for c in cols:
            if not isinstance(c, str):
                raise _type_error("cols", "list[str]", c)
        return self._wrap(self._jdf.to_df(list(cols)))

    def alias(self, alias: str) -> "DataFrame":
        assert isinstance(alias, str), "alias should be a string"
        return self._wrap(self._jdf.alias(alias))

    def limit(self, num: int) -> "DataFrame":
        return self._wrap(self._jdf.limit(_limit_value(num, "limit")))

    def offset(self, num: int) -> "DataFrame":
        return self._wrap(self._jdf.offset(_limit_value(num, "offset")))

    def _set_op(self, other: "DataFrame", op: str, all: bool) -> "DataFrame":
        if not isinstance(other, DataFrame):
            raise _type_error("other", "DataFrame", other)
        return self._wrap(self._jdf.set_op(other._jdf, op, all))

    def union(self, other: "DataFrame") -> "DataFrame":
        """Rows of both frames (duplicates kept), columns matched by position."""
        return self._set_op(other, "union", True)

    unionAll = union

    def unionByName(self, other: "DataFrame", allowMissingColumns: bool = False) -> "DataFrame":
        """Rows of both frames, columns matched by name."""
        if not isinstance(other, DataFrame):
            raise _type_error("other", "DataFrame", other)
        return self._wrap(self._jdf.set_op(other._jdf, "union", True, True, allowMissingColumns))

    def intersect(self, other: "DataFrame") -> "DataFrame":
        """Distinct rows present in both frames."""
        return self._set_op(other, "intersect", False)

    def intersectAll(self, other: "DataFrame") -> "DataFrame":
        """Rows present in both frames, duplicates kept."""
        return self._set_op(other, "intersect", True)

    def subtract(self, other: "DataFrame") -> "DataFrame":
        """Distinct rows of this frame that are not in ``other``."""
        return self._set_op(other, "except", False)

    def exceptAll(self, other: "DataFrame") -> "DataFrame":
        """Rows of this frame not in ``other``, duplicates kept."""
        return self._set_op(other, "except", True)

    def sample(
        self,
        withReplacement: Optional[Union[float, bool]] = None,
        fraction: Optional[Union[int, float]] = None,
        seed: Optional[int] = None,
    ) -> "DataFrame":
        """A random sample of the rows: each kept with probability ``fraction``.
        The same ``seed`` keeps the same rows, however the rows are partitioned."""
        from ember.errors import PySparkTypeError

        with_replacement_set = type(withReplacement) is bool and isinstance(fraction, float)
        omitted_kwargs = withReplacement is None and isinstance(fraction, float)
        omitted_args = isinstance(withReplacement, float)
        if not (with_replacement_set or omitted_kwargs or omitted_args):
            argtypes = [type(arg).__name__ for arg in [withReplacement, fraction, seed]]
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "arg_name": "withReplacement (optional), fraction (required) and seed (optional)",
                    "expected_type": "bool, float or int",
                    "arg_type": ", ".join(argtypes),
                },
            )
        if omitted_args:
            if fraction is not None:
                seed = int(fraction)
            fraction = withReplacement
            withReplacement = None
        if withReplacement:
            if float(fraction) < 0.0:
                from ember.errors import IllegalArgumentException

                raise IllegalArgumentException(
                    message="requirement failed: Sampling fraction (%s) must be nonnegative "
                    "with replacement" % fraction
                )
            seed = _random_seed() if seed is None else int(seed)
            return self._wrap(self._jdf.sample(0.0, float(fraction), seed, True))
        if not 0.0 <= float(fraction) <= 1.0:
            from ember.errors import IllegalArgumentException

            raise IllegalArgumentException(
                message="requirement failed: Sampling fraction (%s) must be on interval [0, 1] "
                "without replacement" % fraction
            )
        seed = _random_seed() if seed is None else int(seed)
        return self._wrap(self._jdf.sample(0.0, float(fraction), seed))

    def randomSplit(self, weights: List[float], seed: Optional[int] = None) -> List["DataFrame"]:
        """Splits the rows randomly by ``weights`` (normalised); the splits are
        disjoint and together hold every row."""
        for w in weights:
            if w < 0.0:
                raise PySparkValueError(
                    errorClass="VALUE_NOT_POSITIVE",
                    messageParameters={"arg_name": "weights", "arg_value": str(w)},
                )
        total = float(sum(weights))
        if total <= 0.0:
            from ember.errors import IllegalArgumentException

            raise IllegalArgumentException(
                message="requirement failed: Sum of weights must be positive, but got [%s]"
                % ",".join(str(float(w)) for w in weights)
            )
        seed = _random_seed() if seed is None else int(seed)
        bounds, acc = [], 0.0
        for w in weights:
            lower = acc / total
            acc += w
            bounds.append((lower, 1.0 if acc >= total else acc / total))
        return [self._wrap(self._jdf.sample(lo, hi, seed)) for lo, hi in bounds]

    def sampleBy(
        self, col: Any, fractions: Dict[Any, float], seed: Optional[int] = None
    ) -> "DataFrame":
        """A stratified sample: rows whose ``col`` is a key of ``fractions`` are
        kept with that key's probability; other rows are dropped."""
        from ember.errors import PySparkTypeError

        if isinstance(col, str):
            col = Column(_col_from_name(col))
        elif not isinstance(col, Column):
            raise PySparkTypeError(
                errorClass="NOT_COLUMN_OR_STR",
                messageParameters={"arg_name": "col", "arg_type": type(col).__name__},
            )
        if not isinstance(fractions, dict):
            raise PySparkTypeError(
                errorClass="NOT_DICT",
                messageParameters={"arg_name": "fractions", "arg_type": type(fractions).__name__},
            )
        for k, v in fractions.items():
            if not isinstance(k, (float, int, str)):
                raise PySparkTypeError(
                    errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                    messageParameters={
                        "arg_name": "fractions",
                        "arg_type": type(fractions).__name__,
                        "allowed_types": "float, int, str",
                        "item_type": type(k).__name__,
                    },
                )
            fractions[k] = float(v)
        seed = _random_seed() if seed is None else int(seed)
        from ember.sql.functions import lit

        parts = [self.filter(col == lit(k)).sample(f, seed) for k, f in fractions.items()]
        if not parts:
            return self.filter(lit(False))
        out = parts[0]
        for p in parts[1:]:
            out = out.union(p)
        return out

    def distinct(self) -> "DataFrame":
        return self._wrap(self._jdf.distinct())

    def dropDuplicates(self, subset: Optional[List[str]] = None) -> "DataFrame":
        if subset is not None and not isinstance(subset, (list, tuple)):
            raise _type_error("subset", "list or tuple", subset)
        return self._wrap(self._jdf.drop_duplicates(list(subset or [])))

    drop_duplicates = dropDuplicates

    def _sort_cols(self, cols: Tuple[Any, ...], kwargs: Dict[str, Any]) -> List[Any]:
        jcs = self._jcols(self._ordinals(cols, sort=True))
        if not jcs:
            raise PySparkValueError(
                errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "cols"}
            )
        ascending = kwargs.get("ascending", True)
        if isinstance(ascending, (bool, int)):
            if not ascending:
                jcs = [jc.sort(False, False) for jc in jcs]
        elif isinstance(ascending, list):
            jcs = [jc if asc else jc.sort(False, False) for asc, jc in zip(ascending, jcs)]
        else:
            raise _type_error("ascending", "Column, int or str", ascending)
        return jcs

    def orderBy(self, *cols: Any, **kwargs: Any) -> "DataFrame":
        return self._wrap(self._jdf.sort(self._sort_cols(cols, kwargs)))

    sort = orderBy

    def sortWithinPartitions(self, *cols: Any, **kwargs: Any) -> "DataFrame":
        return self._wrap(self._jdf.sort(self._sort_cols(cols, kwargs)))

    def repartition(self, numPartitions: Any = None, *cols: Any) -> "DataFrame":
        if isinstance(numPartitions, (str, Column)):
            cols = (numPartitions,) + cols
            numPartitions = None
        if numPartitions is not None and not isinstance(numPartitions, int):
            raise _type_error("numPartitions", "int, str or Column", numPartitions)
        return self._wrap(self._jdf.repartition(numPartitions, self._jcols(cols)))

    def coalesce(self, numPartitions: int) -> "DataFrame":
        return self._wrap(self._jdf.repartition(numPartitions, []))

    def transform(self, func: Callable[..., "DataFrame"], *args: Any, **kwargs: Any) -> "DataFrame":
        result = func(self, *args, **kwargs)
        assert isinstance(result, DataFrame), (
            "Func returned an instance of type [%s], should have been DataFrame." % type(result)
        )
        return result

    def hint(self, name: str, *parameters: Any) -> "DataFrame":
        """Accepted for compatibility; the planner chooses its own strategies."""
        if not isinstance(name, str):
            raise _type_error("name", "str", name)
        return self

    # ---- actions -------------------------------------------------------

    def _rows(self, internal: List[tuple]) -> List[Row]:
        make = _make_row_factory(self.schema)
        return [make(t) for t in internal]

    def collect(self) -> List[Row]:
        return self._rows(self._jdf.collect())

    def count(self) -> int:
        return self._jdf.count()

    def take(self, num: int) -> List[Row]:
        return self._rows(self._jdf.take(_non_negative(num, "num")))

    def head(self, n: Optional[int] = None) -> Union[Optional[Row], List[Row]]:
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self) -> Optional[Row]:
        return self.head()

    def tail(self, num: int) -> List[Row]:
        return self._rows(self._jdf.tail(_non_negative(num, "num")))

    def isEmpty(self) -> bool:
        return len(self._jdf.take(1)) == 0

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterator[Row]:
        return iter(self.collect())

    def show(self, n: int = 20, truncate: Union[bool, int] = True, vertical: bool = False) -> None:
        if not isinstance(n, int) or isinstance(n, bool):
            raise _type_error("n", "int", n)
        if not isinstance(vertical, bool):
            raise _type_error("vertical", "bool", vertical)
        if isinstance(truncate, bool):
            width = 20 if truncate else 0
        elif isinstance(truncate, int):
            width = truncate
        else:
            raise _type_error("truncate", "bool", truncate)
        print(self._jdf.show_string(n, width, vertical))

    def toArrow(self) -> Any:
        import pyarrow as pa

        return pa.table(self._jdf.to_arrow_table())

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._jdf.__arrow_c_stream__(requested_schema)

    def toPandas(self) -> Any:
        from ember.sql.pandas import to_pandas

        return to_pandas(self)

    # ---- caching -------------------------------------------------------

    def cache(self) -> "DataFrame":
        return self.persist(StorageLevel.MEMORY_AND_DISK_DESER)

    def persist(
        self, storageLevel: StorageLevel = StorageLevel.MEMORY_AND_DISK_DESER
    ) -> "DataFrame":
        if not isinstance(storageLevel, StorageLevel):
            raise TypeError("storageLevel must be of type pyspark.StorageLevel")
        if self._uncached is None:
            self._uncached = self._jdf
            self._jdf = self._jdf.cached()
        self._storage_level = storageLevel
        self.is_cached = True
        return self

    def unpersist(self, blocking: bool = False) -> "DataFrame":
        if self._uncached is not None:
            self._jdf = self._uncached
            self._uncached = None
        self._storage_level = StorageLevel.NONE
        self.is_cached = False
        return self

    @property
    def storageLevel(self) -> StorageLevel:
        return self._storage_level

    # ---- views ---------------------------------------------------------

    def createTempView(self, name: str) -> None:
        self._jdf.create_view(name, False, False)

    def createOrReplaceTempView(self, name: str) -> None:
        self._jdf.create_view(name, True, False)

    def createGlobalTempView(self, name: str) -> None:
        self._jdf.create_view(name, False, True)

    def createOrReplaceGlobalTempView(self, name: str) -> None:
        self._jdf.create_view(name, True, True)

    # ---- missing data and statistics -----------------------------------

    @property
    def na(self) -> "_na_stat.DataFrameNaFunctions":
        """Missing-data functions: ``df.na.fill``, ``drop``, ``replace``."""
        return _na_stat.DataFrameNaFunctions(self)

    @property
    def stat(self) -> "_na_stat.DataFrameStatFunctions":
        """Statistic functions: ``df.stat.corr``, ``cov``, ``crosstab``, ..."""
        return _na_stat.DataFrameStatFunctions(self)

    def fillna(
        self, value: Any, subset: Optional[Union[str, List[str], Tuple[str, ...]]] = None
    ) -> "DataFrame":
        """Replaces NULLs (and NaN in float columns) in the columns of the value's type."""
        return _na_stat.fill(self, value, subset)

    def dropna(
        self,
        how: str = "any",
        thresh: Optional[int] = None,
        subset: Optional[Union[str, List[str], Tuple[str, ...]]] = None,
    ) -> "DataFrame":
        """Drops rows with fewer than ``thresh`` non-null, non-NaN values."""
        return _na_stat.drop(self, how, thresh, subset)

    def replace(
        self, to_replace: Any, value: Any = _na_stat._NoValue, subset: Optional[List[str]] = None
    ) -> "DataFrame":
        """Replaces values by others in the columns of the values' type."""
        return _na_stat.replace(self, to_replace, value, subset)

    def describe(self, *cols: Union[str, List[str]]) -> "DataFrame":
        """count, mean, stddev, min and max of numeric and string columns, as strings."""
        return _na_stat.describe(self, cols)

    def summary(self, *statistics: str) -> "DataFrame":
        """The given statistics (default: describe's and 25%, 50%, 75%), as strings."""
        return _na_stat.summary(self, statistics)

    def corr(self, col1: str, col2: str, method: Optional[str] = None) -> float:
        return _na_stat.corr(self, col1, col2, method)

    def cov(self, col1: str, col2: str) -> float:
        return _na_stat.cov(self, col1, col2)

    def crosstab(self, col1: str, col2: str) -> "DataFrame":
        return _na_stat.crosstab(self, col1, col2)

    def freqItems(
        self, cols: Union[List[str], Tuple[str, ...]], support: Optional[float] = None
    ) -> "DataFrame":
        return _na_stat.freq_items(self, cols, support)

    def approxQuantile(
        self, col: Any, probabilities: Any, relativeError: float
    ) -> Union[List[float], List[List[float]]]:
        return _na_stat.approx_quantile(self, col, probabilities, relativeError)

    def unpivot(
        self, ids: Any, values: Any, variableColumnName: str, valueColumnName: str
    ) -> "DataFrame":
        """Turns the ``values`` columns into rows of (name, value) next to ``ids``."""
        return _na_stat.unpivot(self, ids, values, variableColumnName, valueColumnName)

    melt = unpivot


def _limit_value(num: Any, kind: str) -> int:
    """A limit or offset: a non-negative int, else Spark's analysis error."""
    if not isinstance(num, int) or isinstance(num, bool):
        raise _type_error("num", "int", num)
    if num < 0:
        from ember.errors.exceptions.captured import _from_native

        raise _from_native(
            "AnalysisException",
            "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
            "42K0E",
            {"name": kind, "expr": '"%d"' % num, "v": str(num)},
            '[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The %s like expression "%d" is invalid. '
            "The %s expression must be equal to or greater than 0, but got %d. SQLSTATE: 42K0E"
            % (kind, num, kind, num),
        )
    return num


def _non_negative(num: Any, name: str) -> int:
    if not isinstance(num, int) or isinstance(num, bool):
        raise _type_error(name, "int", num)
    if num < 0:
        raise PySparkValueError(
            errorClass="NEGATIVE_VALUE",
            messageParameters={"arg_name": name, "arg_value": str(num)},
        )
    return num


def _random_seed() -> int:
    import random

    return random.randint(-(2**63), 2**63 - 1)
