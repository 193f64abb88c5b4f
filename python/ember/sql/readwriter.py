"""``spark.read``: the DataFrameReader."""

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from ember.errors import PySparkNotImplementedError, PySparkTypeError

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame
    from ember.sql.session import SparkSession
    from ember.sql.types import StructType

__all__ = ["DataFrameReader", "DataFrameWriter"]


class OptionUtils:
    def _set_opts(self, schema: Optional[Union["StructType", str]] = None, **options: Any) -> None:
        """Sets the options that aren't None (and the schema, if given)."""
        if schema is not None:
            self.schema(schema)  # type: ignore[attr-defined]
        for k, v in options.items():
            if v is not None:
                self.option(k, v)  # type: ignore[attr-defined]


class DataFrameReader(OptionUtils):
    """Loads a DataFrame from files (``spark.read``): Parquet, CSV, JSON
    and text, with partition folders (``k=v``) as columns."""

    def __init__(self, spark: "SparkSession") -> None:
        self._spark = spark
        self._format: Optional[str] = None
        self._schema: Optional[str] = None
        self._options: Dict[str, str] = {}

    def format(self, source: str) -> "DataFrameReader":
        self._format = source.lower()
        return self

    def schema(self, schema: Union["StructType", str]) -> "DataFrameReader":
        from ember.sql.types import DataType, StructType, _parse_datatype_string

        if isinstance(schema, str):
            schema = _parse_datatype_string(schema)
        if not isinstance(schema, (StructType, DataType)):
            raise PySparkTypeError(
                errorClass="NOT_STR_OR_STRUCT",
                messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__},
            )
        self._schema = schema.json()
        return self

    def option(self, key: str, value: Any) -> "DataFrameReader":
        self._options[key] = _option_value(value)
        return self

    def options(self, **options: Any) -> "DataFrameReader":
        for k, v in options.items():
            self.option(k, v)
        return self

    def _load(self, fmt: str, paths: List[str]) -> "DataFrame":
        from ember.sql.dataframe import DataFrame

        for p in paths:
            if not isinstance(p, str):
                raise PySparkTypeError(
                    errorClass="NOT_STR",
                    messageParameters={"arg_name": "path", "arg_type": type(p).__name__},
                )
        jdf = self._spark._jss.read_files(fmt, paths, self._schema, dict(self._options))
        df = DataFrame(jdf, self._spark)
        df._input_files = self._spark._jss.input_files(paths)
        return df

    def load(
        self,
        path: Optional[Union[str, List[str]]] = None,
        format: Optional[str] = None,
        schema: Optional[Union["StructType", str]] = None,
        **options: Any,
    ) -> "DataFrame":
        """Loads data from files in a format (``spark.sql.sources.default``,
        Parquet, unless given)."""
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        fmt = self._format or self._spark.conf.get("spark.sql.sources.default", "parquet")
        return self._load(fmt, _paths(path))

    def parquet(self, *paths: str, **options: Any) -> "DataFrame":
        """Loads Parquet files, folders or globs."""
        self.options(**options)
        return self._load("parquet", list(paths))

    def csv(
        self,
        path: Union[str, List[str], "DataFrame"],
        schema: Optional[Union["StructType", str]] = None,
        sep: Optional[str] = None,
        encoding: Optional[str] = None,
        quote: Optional[str] = None,
        escape: Optional[str] = None,
        comment: Optional[str] = None,
        header: Optional[Union[bool, str]] = None,
        inferSchema: Optional[Union[bool, str]] = None,
        ignoreLeadingWhiteSpace: Optional[Union[bool, str]] = None,
        ignoreTrailingWhiteSpace: Optional[Union[bool, str]] = None,
        nullValue: Optional[str] = None,
        nanValue: Optional[str] = None,
        positiveInf: Optional[str] = None,
        negativeInf: Optional[str] = None,
        dateFormat: Optional[str] = None,
        timestampFormat: Optional[str] = None,
        maxColumns: Optional[Union[int, str]] = None,
        maxCharsPerColumn: Optional[Union[int, str]] = None,
        maxMalformedLogPerPartition: Optional[Union[int, str]] = None,
        mode: Optional[str] = None,
        columnNameOfCorruptRecord: Optional[str] = None,
        multiLine: Optional[Union[bool, str]] = None,
        charToEscapeQuoteEscaping: Optional[str] = None,
        samplingRatio: Optional[Union[float, str]] = None,
        enforceSchema: Optional[Union[bool, str]] = None,
        emptyValue: Optional[str] = None,
        locale: Optional[str] = None,
        lineSep: Optional[str] = None,
        pathGlobFilter: Optional[Union[bool, str]] = None,
        recursiveFileLookup: Optional[Union[bool, str]] = None,
        modifiedBefore: Optional[Union[bool, str]] = None,
        modifiedAfter: Optional[Union[bool, str]] = None,
        unescapedQuoteHandling: Optional[str] = None,
    ) -> "DataFrame":
        """Loads CSV files: header names, Spark's type inference
        (``inferSchema``) or a schema, and Spark's CSV options."""
        opts = dict(locals())
        for k in ("self", "path", "schema"):
            opts.pop(k)
        self._set_opts(schema=schema, **opts)
        return self._load("csv", _paths(path))

    def json(
        self,
        path: Union[str, List[str], "DataFrame"],
        schema: Optional[Union["StructType", str]] = None,
        primitivesAsString: Optional[Union[bool, str]] = None,
        prefersDecimal: Optional[Union[bool, str]] = None,
        allowComments: Optional[Union[bool, str]] = None,
        allowUnquotedFieldNames: Optional[Union[bool, str]] = None,
        allowSingleQuotes: Optional[Union[bool, str]] = None,
        allowNumericLeadingZero: Optional[Union[bool, str]] = None,
        allowBackslashEscapingAnyCharacter: Optional[Union[bool, str]] = None,
        mode: Optional[str] = None,
        columnNameOfCorruptRecord: Optional[str] = None,
        dateFormat: Optional[str] = None,
        timestampFormat: Optional[str] = None,
        multiLine: Optional[Union[bool, str]] = None,
        allowUnquotedControlChars: Optional[Union[bool, str]] = None,
        lineSep: Optional[str] = None,
        samplingRatio: Optional[Union[float, str]] = None,
        dropFieldIfAllNull: Optional[Union[bool, str]] = None,
        encoding: Optional[str] = None,
        locale: Optional[str] = None,
        pathGlobFilter: Optional[Union[bool, str]] = None,
        recursiveFileLookup: Optional[Union[bool, str]] = None,
        modifiedBefore: Optional[Union[bool, str]] = None,
        modifiedAfter: Optional[Union[bool, str]] = None,
        allowNonNumericNumbers: Optional[Union[bool, str]] = None,
        useUnsafeRow: Optional[Union[bool, str]] = None,
    ) -> "DataFrame":
        """Loads JSON Lines files (one document per file with ``multiLine``),
        or the JSON strings of a one-column DataFrame."""
        from ember.sql.dataframe import DataFrame

        opts = dict(locals())
        for k in ("self", "path", "schema"):
            opts.pop(k)
        self._set_opts(schema=schema, **opts)
        if isinstance(path, DataFrame):
            return self._json_strings(path)
        return self._load("json", _paths(path))

    def _json_strings(self, df: "DataFrame") -> "DataFrame":
        import os
        import tempfile

        lines = [r[0] for r in df.collect() if r[0] is not None]
        with tempfile.TemporaryDirectory(prefix="ember-json") as d:
            path = os.path.join(d, "part-00000.json")
            with open(path, "w", encoding="utf-8") as f:
                for line in lines:
                    f.write(line.replace("\n", " ") + "\n")
            return self._load("json", [path])

    def text(
        self,
        paths: Union[str, List[str]],
        wholetext: bool = False,
        lineSep: Optional[str] = None,
        pathGlobFilter: Optional[Union[bool, str]] = None,
        recursiveFileLookup: Optional[Union[bool, str]] = None,
        modifiedBefore: Optional[Union[bool, str]] = None,
        modifiedAfter: Optional[Union[bool, str]] = None,
    ) -> "DataFrame":
        """Loads text files: a string column ``value``, a row per line (or
        per file, with ``wholetext``)."""
        self._set_opts(
            wholetext=wholetext,
            lineSep=lineSep,
            pathGlobFilter=pathGlobFilter,
            recursiveFileLookup=recursiveFileLookup,
            modifiedBefore=modifiedBefore,
            modifiedAfter=modifiedAfter,
        )
        return self._load("text", _paths(paths))

    def orc(
        self,
        path: Union[str, List[str]],
        mergeSchema: Optional[bool] = None,
        pathGlobFilter: Optional[Union[bool, str]] = None,
        recursiveFileLookup: Optional[Union[bool, str]] = None,
        modifiedBefore: Optional[Union[bool, str]] = None,
        modifiedAfter: Optional[Union[bool, str]] = None,
    ) -> "DataFrame":
        return self._load("orc", _paths(path))

    def xml(self, path: Union[str, List[str]], **options: Any) -> "DataFrame":
        self.options(**{k: v for k, v in options.items() if v is not None})
        return self._load("xml", _paths(path))

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


class DataFrameWriter(OptionUtils):
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

    def bucketBy(
        self, numBuckets: int, col: Union[str, List[str]], *cols: str
    ) -> "DataFrameWriter":
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "DataFrameWriter.bucketBy"}
        )

    def sortBy(self, col: Union[str, List[str]], *cols: str) -> "DataFrameWriter":
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "DataFrameWriter.sortBy"}
        )

    def clusterBy(self, *cols: Union[str, List[str]]) -> "DataFrameWriter":
        """Accepted for the layout hint it is; files are written unclustered."""
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        for c in cols:
            if not isinstance(c, str):
                raise PySparkTypeError(
                    errorClass="NOT_LIST_OF_STR",
                    messageParameters={"arg_name": "cols", "arg_type": type(c).__name__},
                )
        self._cluster_by = list(cols)
        return self

    def save(
        self,
        path: Optional[str] = None,
        format: Optional[str] = None,
        mode: Optional[str] = None,
        partitionBy: Optional[Union[str, List[str]]] = None,
        **options: Any,
    ) -> None:
        """Writes the rows as files under ``path`` (a folder of ``part-…``
        files and ``_SUCCESS``), in the format given
        (``spark.sql.sources.default``, Parquet, unless set)."""
        self.mode(mode).options(**{k: v for k, v in options.items() if v is not None})
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        if format is not None:
            self.format(format)
        if path is None:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "DataFrameWriter.save without a path"},
            )
        if not isinstance(path, str):
            raise PySparkTypeError(
                errorClass="NOT_STR",
                messageParameters={"arg_name": "path", "arg_type": type(path).__name__},
            )
        fmt = self._format or self._spark.conf.get("spark.sql.sources.default", "parquet")
        self._spark._jss.save_files(
            self._df._jdf, path, fmt, self._mode, self._partition_by, dict(self._options)
        )

    def _save_as(self, fmt: str, path: str, mode: Optional[str], **options: Any) -> None:
        self.mode(mode)
        self.options(**{k: v for k, v in options.items() if v is not None})
        self.format(fmt)
        self.save(path)

    def parquet(
        self,
        path: str,
        mode: Optional[str] = None,
        partitionBy: Optional[Union[str, List[str]]] = None,
        compression: Optional[str] = None,
    ) -> None:
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self._save_as("parquet", path, mode, compression=compression)

    def csv(
        self,
        path: str,
        mode: Optional[str] = None,
        compression: Optional[str] = None,
        sep: Optional[str] = None,
        quote: Optional[str] = None,
        escape: Optional[str] = None,
        header: Optional[Union[bool, str]] = None,
        nullValue: Optional[str] = None,
        escapeQuotes: Optional[Union[bool, str]] = None,
        quoteAll: Optional[Union[bool, str]] = None,
        dateFormat: Optional[str] = None,
        timestampFormat: Optional[str] = None,
        ignoreLeadingWhiteSpace: Optional[Union[bool, str]] = None,
        ignoreTrailingWhiteSpace: Optional[Union[bool, str]] = None,
        charToEscapeQuoteEscaping: Optional[str] = None,
        encoding: Optional[str] = None,
        emptyValue: Optional[str] = None,
        lineSep: Optional[str] = None,
    ) -> None:
        opts = dict(locals())
        for k in ("self", "path", "mode"):
            opts.pop(k)
        self._save_as("csv", path, mode, **opts)

    def json(
        self,
        path: str,
        mode: Optional[str] = None,
        compression: Optional[str] = None,
        dateFormat: Optional[str] = None,
        timestampFormat: Optional[str] = None,
        lineSep: Optional[str] = None,
        encoding: Optional[str] = None,
        ignoreNullFields: Optional[Union[bool, str]] = None,
    ) -> None:
        opts = dict(locals())
        for k in ("self", "path", "mode"):
            opts.pop(k)
        self._save_as("json", path, mode, **opts)

    def text(
        self, path: str, compression: Optional[str] = None, lineSep: Optional[str] = None
    ) -> None:
        self._save_as("text", path, None, compression=compression, lineSep=lineSep)

    def orc(
        self,
        path: str,
        mode: Optional[str] = None,
        partitionBy: Optional[Union[str, List[str]]] = None,
        compression: Optional[str] = None,
    ) -> None:
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self._save_as("orc", path, mode, compression=compression)

    def xml(
        self, path: str, rowTag: Optional[str] = None, mode: Optional[str] = None, **options: Any
    ) -> None:
        self._save_as("xml", path, mode, rowTag=rowTag, **options)
