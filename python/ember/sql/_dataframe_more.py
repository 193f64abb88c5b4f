"""DataFrame methods built on the others: schema reconciliation (``to``),
metadata, checkpoints, ``transpose``, ``zipWithIndex``, the pandas/Arrow
batch maps and the row callbacks."""

import contextlib
import os
from keyword import iskeyword
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Union

from ember.errors import PySparkTypeError

if TYPE_CHECKING:
    from ember.sql.column import Column
    from ember.sql.dataframe import DataFrame
    from ember.sql.types import StructType


def _schema(schema: Union["StructType", str]) -> "StructType":
    from ember.sql.types import StructType, _parse_datatype_string

    if isinstance(schema, str):
        schema = _parse_datatype_string(schema)
    if not isinstance(schema, StructType):
        raise PySparkTypeError(
            errorClass="NOT_STRUCT",
            messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__},
        )
    return schema


@contextlib.contextmanager
def _executor_output() -> Iterator[None]:
    """User code's prints go where an executor's would: not to the driver."""
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        yield


class DataFrameMore:
    """Mixed into :class:`DataFrame`."""

    def observe(self: "DataFrame", observation: Any, *exprs: "Column") -> "DataFrame":
        """The same rows, with ``exprs`` (aggregates) observed: an
        :class:`Observation` gives them after an action."""
        from ember.sql.column import Column
        from ember.sql.observation import Observation

        if not exprs or not all(isinstance(e, Column) for e in exprs):
            raise PySparkTypeError(
                errorClass="NOT_LIST_OF_COLUMN",
                messageParameters={"arg_name": "exprs", "arg_type": type(exprs).__name__},
            )
        if isinstance(observation, Observation):
            return observation._on(self, list(exprs))
        if isinstance(observation, str):
            return self
        raise PySparkTypeError(
            errorClass="NOT_OBSERVATION_OR_STR",
            messageParameters={
                "arg_name": "observation",
                "arg_type": type(observation).__name__,
            },
        )

    def registerTempTable(self: "DataFrame", name: str) -> None:
        """Deprecated alias of :meth:`createOrReplaceTempView`."""
        import warnings

        warnings.warn("Deprecated in 2.0, use createOrReplaceTempView instead.", FutureWarning)
        self.createOrReplaceTempView(name)

    def isLocal(self: "DataFrame") -> bool:
        """Whether ``collect`` and ``take`` need no job: true of a command's
        rows (``SHOW TABLES``), as in Spark."""
        return bool(getattr(self, "_local_command", False))

    def checkpoint(self: "DataFrame", eager: bool = True) -> "DataFrame":
        """The rows, computed now and kept in memory: the plan is cut here."""
        return self._wrap(self._jdf.cached())

    def localCheckpoint(
        self: "DataFrame", eager: bool = True, storageLevel: Optional[Any] = None
    ) -> "DataFrame":
        return self.checkpoint(eager)

    def repartitionByRange(
        self: "DataFrame", numPartitions: Union[int, "Column", str], *cols: Any
    ) -> "DataFrame":
        """Rows in ``numPartitions`` partitions by ranges of ``cols``: sorted,
        so each partition holds a range."""
        from ember.sql.column import Column

        if isinstance(numPartitions, (str, Column)):
            cols = (numPartitions,) + cols
            numPartitions = None  # type: ignore[assignment]
        if not cols:
            from ember.errors import PySparkValueError

            raise PySparkValueError(
                errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "partition-by expression"}
            )
        out = self.coalesce(1).sortWithinPartitions(*cols)
        return out

    def to(self: "DataFrame", schema: "StructType") -> "DataFrame":
        """Columns reconciled with ``schema``: matched by name, reordered and
        cast; a missing nullable column is null."""
        from ember.sql import functions as F

        schema = _schema(schema)
        lower = {c.lower(): c for c in self.columns}
        cols = []
        for f in schema.fields:
            src = lower.get(f.name.lower())
            if src is None:
                if not f.nullable:
                    from ember.errors import AnalysisException

                    raise AnalysisException(
                        message="[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or "
                        "function parameter with name `%s` cannot be resolved." % f.name
                    )
                cols.append(F.lit(None).cast(f.dataType).alias(f.name, metadata=f.metadata))
            else:
                cols.append(self[src].cast(f.dataType).alias(f.name, metadata=f.metadata))
        return self.select(*cols)

    def withMetadata(self: "DataFrame", columnName: str, metadata: Dict[str, Any]) -> "DataFrame":
        """The column ``columnName`` with ``metadata`` in its schema field."""
        if not isinstance(metadata, dict):
            raise PySparkTypeError(
                errorClass="NOT_DICT",
                messageParameters={"arg_name": "metadata", "arg_type": type(metadata).__name__},
            )
        return self.withColumn(columnName, self[columnName].alias(columnName, metadata=metadata))

    def sameSemantics(self: "DataFrame", other: "DataFrame") -> bool:
        """Whether the two plans compute the same rows (compared as optimised
        plans, with the column identities set aside)."""
        from ember.sql.dataframe import DataFrame

        if not isinstance(other, DataFrame):
            raise PySparkTypeError(
                errorClass="NOT_DATAFRAME",
                messageParameters={"arg_name": "other", "arg_type": type(other).__name__},
            )
        return self._jdf.semantic_text() == other._jdf.semantic_text()

    def semanticHash(self: "DataFrame") -> int:
        import zlib

        return zlib.crc32(self._jdf.semantic_text().encode()) & 0x7FFFFFFF

    def _ipython_key_completions_(self: "DataFrame") -> List[str]:
        return list(self.columns)

    def zipWithIndex(self: "DataFrame", indexColName: str = "index") -> "DataFrame":
        """The rows with a last column of consecutive 0-based indices, in the
        order the rows come."""
        from ember.sql import functions as F
        from ember.sql.window import Window

        index = F.row_number().over(Window.orderBy(F.lit(1))) - 1
        return self.select("*", index.cast("bigint").alias(indexColName))

    def transpose(self: "DataFrame", indexColumn: Optional[Any] = None) -> "DataFrame":
        """Rows become columns: the values of ``indexColumn`` (the first column
        by default) name the new columns; the other columns' names are the
        rows of ``key``."""
        from ember.sql.column import Column
        from ember.sql.types import StringType, StructField, StructType

        if isinstance(indexColumn, Column):
            index = [c for c in self.select(indexColumn).columns][0]
        elif isinstance(indexColumn, str):
            index = indexColumn
        else:
            index = self.columns[0]
        others = [c for c in self.columns if c != index]
        rows = self.orderBy(index).collect()
        names = [None if r[index] is None else str(r[index]) for r in rows]
        keep = [(i, n) for i, n in enumerate(names) if n is not None]
        types = {f.name: f.dataType for f in self.schema.fields}
        value_type = types[others[0]] if others else StringType()
        data = [tuple([c] + [rows[i][c] for i, _ in keep]) for c in others]
        schema = StructType(
            [StructField("key", StringType(), False)]
            + [StructField(n, value_type, True) for _, n in keep]
        )
        return self.sparkSession.createDataFrame(data, schema)

    # ---- batch maps and row callbacks -------------------------------------

    def _map_batches(
        self: "DataFrame", func: Callable[[Iterator[Any]], Iterator[Any]], schema: Any, pandas: bool
    ) -> "DataFrame":
        import pyarrow as pa

        schema = _schema(schema)
        batches = self.toArrow().to_batches()
        if pandas:
            out = [
                pa.Table.from_pandas(p, preserve_index=False)
                for p in func(b.to_pandas() for b in batches)
            ]
        else:
            out = [pa.Table.from_batches([b]) for b in func(iter(batches))]
        target = self.sparkSession.createDataFrame([], schema).toArrow().schema
        tables = []
        for t in out:
            cols = [t.column(f.name).cast(target.field(f.name).type) for f in schema.fields]
            tables.append(pa.Table.from_arrays(cols, schema=target))
        table = pa.concat_tables(tables) if tables else target.empty_table()
        return self.sparkSession.createDataFrame(table, schema)

    def mapInPandas(
        self: "DataFrame",
        func: Callable[[Iterator[Any]], Iterator[Any]],
        schema: Union["StructType", str],
        barrier: bool = False,
        profile: Optional[Any] = None,
    ) -> "DataFrame":
        """Maps batches of rows as pandas DataFrames through ``func``."""
        return self._map_batches(func, schema, pandas=True)

    def mapInArrow(
        self: "DataFrame",
        func: Callable[[Iterator[Any]], Iterator[Any]],
        schema: Union["StructType", str],
        barrier: bool = False,
        profile: Optional[Any] = None,
    ) -> "DataFrame":
        """Maps batches of rows as ``pyarrow.RecordBatch`` es through ``func``."""
        return self._map_batches(func, schema, pandas=False)

    @property
    def rdd(self: "DataFrame") -> Any:
        """The rows as an RDD of :class:`Row` (one partition per slot)."""
        sc = self.sparkSession.sparkContext
        return sc.parallelize(self.collect(), sc.defaultParallelism)

    def foreach(self: "DataFrame", f: Callable[[Any], None]) -> None:
        """Calls ``f`` on every row, in the tasks of a job (``self.rdd``)."""
        with _executor_output():
            self.rdd.foreach(f)

    def foreachPartition(self: "DataFrame", f: Callable[[Iterator[Any]], None]) -> None:
        """Calls ``f`` with an iterator over each partition's rows."""
        with _executor_output():
            self.rdd.foreachPartition(f)

    def inputFiles(self: "DataFrame") -> List[str]:
        """The files this frame was read from (those of the reader it
        derives from), as ``file:`` URIs."""
        return sorted(set(getattr(self, "_input_files", [])))

    def __dir__(self: "DataFrame") -> List[str]:
        """The attributes, with the columns that are identifiers."""
        attrs = set(super().__dir__())  # type: ignore[misc]
        attrs.update(c for c in self.columns if c.isidentifier() and not iskeyword(c))
        return sorted(attrs)

    def scalar(self: "DataFrame") -> "Column":
        """This frame (one row, one column) as a scalar subquery."""
        from ember.sql.column import Column

        return Column(self._native_column().subquery("scalar", self._jdf))

    def exists(self: "DataFrame") -> "Column":
        """Whether this frame has rows, as an EXISTS subquery."""
        from ember.sql.column import Column

        return Column(self._native_column().subquery("exists", self._jdf))

    @staticmethod
    def _native_column() -> Any:
        from ember import _native

        return _native.Column

    def zip(self: "DataFrame", other: "DataFrame") -> "DataFrame":
        """The columns of this frame and then of ``other``, row by row; both
        must compute the same rows under their projections."""
        from ember.sql.dataframe import DataFrame

        if not isinstance(other, DataFrame):
            raise PySparkTypeError(
                errorClass="NOT_DATAFRAME",
                messageParameters={"arg_name": "other", "arg_type": type(other).__name__},
            )
        return self._wrap(self._jdf.zip(other._jdf))
