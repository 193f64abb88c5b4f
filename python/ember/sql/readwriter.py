"""``spark.read``: the DataFrameReader."""

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from ember.errors import PySparkNotImplementedError, PySparkTypeError

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame
    from ember.sql.session import SparkSession
    from ember.sql.types import StructType

__all__ = ["DataFrameReader", "DataFrameWriter"]


class DataFrameReader:
    """Loads a DataFrame from files (``spark.read``)."""

    def __init__(self, spark: "SparkSession") -> None:
        self._spark = spark
        self._format: Optional[str] = None
        self._schema: Optional[Union["StructType", str]] = None
        self._options: Dict[str, str] = {}

    def format(self, source: str) -> "DataFrameReader":
        self._format = source.lower()
        return self

    def schema(self, schema: Union["StructType", str]) -> "DataFrameReader":
        self._schema = schema
        return self

    def option(self, key: str, value: Any) -> "DataFrameReader":
        self._options[key] = _option_value(value)
        return self

    def options(self, **options: Any) -> "DataFrameReader":
        for k, v in options.items():
            self.option(k, v)
        return self

    def load(
        self,
        path: Optional[Union[str, List[str]]] = None,
        format: Optional[str] = None,
        schema: Optional[Union["StructType", str]] = None,
        **options: Any,
    ) -> "DataFrame":
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        fmt = self._format or self._spark.conf.get("spark.sql.sources.default", "parquet")
        paths = _paths(path)
        if fmt == "parquet":
            return self.parquet(*paths)
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"reading format {fmt!r}"}
        )

    def parquet(self, *paths: str, **options: Any) -> "DataFrame":
        from ember.sql.dataframe import DataFrame

        self.options(**options)
        for p in paths:
            if not isinstance(p, str):
                raise PySparkTypeError(
                    errorClass="NOT_STR",
                    messageParameters={"arg_name": "paths", "arg_type": type(p).__name__},
                )
        return DataFrame(self._spark._jss.read_parquet(list(paths)), self._spark)

    def table(self, tableName: str) -> "DataFrame":
        return self._spark.table(tableName)


def _paths(path: Optional[Union[str, List[str]]]) -> List[str]:
    if path is None:
        return []
    if isinstance(path, str):
        return [path]
    return list(path)


def _option_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class DataFrameWriter:
    """Saves a DataFrame (``df.write``): managed tables in the warehouse."""

    def __init__(self, df: "DataFrame") -> None:
        self._df = df
        self._spark = df.sparkSession
        self._mode = "errorifexists"
        self._format: Optional[str] = None
        self._options: Dict[str, str] = {}
        self._partition_by: List[str] = []

    def mode(self, saveMode: Optional[str]) -> "DataFrameWriter":
        if saveMode is None:
            return self
        if not isinstance(saveMode, str):
            raise PySparkTypeError(
                errorClass="NOT_STR",
                messageParameters={"arg_name": "saveMode", "arg_type": type(saveMode).__name__},
            )
        self._mode = saveMode
        return self

    def format(self, source: str) -> "DataFrameWriter":
        self._format = source.lower()
        return self

    def option(self, key: str, value: Any) -> "DataFrameWriter":
        self._options[key] = _option_value(value)
        return self

    def options(self, **options: Any) -> "DataFrameWriter":
        for k, v in options.items():
            self.option(k, v)
        return self

    def partitionBy(self, *cols: Union[str, List[str]]) -> "DataFrameWriter":
        """Partitions the table's files by the values of ``cols``
        (Hive-style folders ``col=value``)."""
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        for c in cols:
            if not isinstance(c, str):
                raise PySparkTypeError(
                    errorClass="NOT_LIST_OF_STR",
                    messageParameters={"arg_name": "cols", "arg_type": type(c).__name__},
                )
        self._partition_by = list(cols)
        return self

    def saveAsTable(
        self,
        name: str,
        format: Optional[str] = None,
        mode: Optional[str] = None,
        partitionBy: Optional[Union[str, List[str]]] = None,
        **options: Any,
    ) -> None:
        """Writes the rows as a managed table (Parquet, CSV or JSON files)."""
        self.mode(mode)
        if format is not None:
            self.format(format)
        if partitionBy:
            self.partitionBy(partitionBy)
        self._spark._jss.save_as_table(
            self._df._jdf, name, self._mode, self._format or "parquet", self._partition_by
        )

    def insertInto(self, tableName: str, overwrite: Optional[bool] = None) -> None:
        """Appends (or with ``overwrite``, replaces) the rows of a table, by position."""
        if overwrite is None:
            overwrite = self._mode.lower() == "overwrite"
        self._spark._jss.insert_into(self._df._jdf, tableName, bool(overwrite))
