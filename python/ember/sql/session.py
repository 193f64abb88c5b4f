"""SparkSession: the entry point to DataFrames and SQL (``pyspark.sql.SparkSession``)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from ember import _native
from ember.conf import SparkConf
from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql.conf import RuntimeConfig
from ember.sql.dataframe import DataFrame
from ember.sql.types import DataType, StructType, _prepare_local_data

if TYPE_CHECKING:
    from ember.sql.catalog import Catalog
    from ember.sql.readwriter import DataFrameReader
    from ember.sql.udf import UDFRegistration
    from ember.sql.udtf import UDTFRegistration

__all__ = ["SparkSession"]


class _classproperty:
    def __init__(self, fget: Any) -> None:
        self.fget = fget

    def __get__(self, instance: Any, owner: Any) -> Any:
        return self.fget(owner)


class SparkSession:
    """The entry point to programming Spark with the Dataset and DataFrame API.

    >>> spark = SparkSession.builder.master("local[2]").appName("demo").getOrCreate()
    >>> spark.range(3).count()
    3
    """

    _lock = threading.RLock()
    _activeSession: Optional["SparkSession"] = None
    _instantiatedSession: Optional["SparkSession"] = None

    class Builder:
        """Builds a :class:`SparkSession`."""

        def __init__(self) -> None:
            self._options: Dict[str, str] = {}

        def config(
            self,
            key: Optional[str] = None,
            value: Optional[Any] = None,
            conf: Optional[SparkConf] = None,
            *,
            map: Optional[Dict[str, Any]] = None,
        ) -> "SparkSession.Builder":
            with SparkSession._lock:
                if conf is not None:
                    for k, v in conf.getAll():
                        self._options[k] = str(v)
                if map is not None:
                    for k, v in map.items():
                        self._options[k] = _conf_value(v)
                if isinstance(key, dict):
                    for k, v in key.items():
                        self._options[k] = _conf_value(v)
                elif key is not None:
                    self._options[key] = _conf_value(value)
                return self

        def master(self, master: str) -> "SparkSession.Builder":
            return self.config("spark.master", master)

        def appName(self, name: str) -> "SparkSession.Builder":
            return self.config("spark.app.name", name)

        def remote(self, url: str) -> "SparkSession.Builder":
            return self.config("spark.remote", url)

        def enableHiveSupport(self) -> "SparkSession.Builder":
            return self.config("spark.sql.catalogImplementation", "hive")

        def getOrCreate(self) -> "SparkSession":
            """The active session (with these options applied), or a new one."""
            with SparkSession._lock:
                session = SparkSession._instantiatedSession
                if session is None or session._stopped:
                    return self.create()
                for k, v in self._options.items():
                    session._jss.conf_set(k, v)
                SparkSession._activeSession = session
                return session

        def create(self) -> "SparkSession":
            """A new session, always."""
            with SparkSession._lock:
                session = SparkSession(_native.Session(dict(self._options)))
                if SparkSession._instantiatedSession is None or (
                    SparkSession._instantiatedSession._stopped
                ):
                    SparkSession._instantiatedSession = session
                SparkSession._activeSession = session
                return session

    @_classproperty
    def builder(cls) -> "SparkSession.Builder":
        return cls.Builder()

    def __init__(self, jss: Any) -> None:
        self._jss = jss
        self._stopped = False
        self._sc: Any = None

    # ---- sessions ------------------------------------------------------

    @classmethod
    def getActiveSession(cls) -> Optional["SparkSession"]:
        session = cls._activeSession
        if session is None or session._stopped:
            return None
        return session

    @classmethod
    def active(cls) -> "SparkSession":
        session = cls.getActiveSession()
        if session is None:
            session = cls._instantiatedSession
            if session is None or session._stopped:
                return cls.builder.getOrCreate()
        return session

    def newSession(self) -> "SparkSession":
        """A session with its own SQL conf and temporary views."""
        return SparkSession(self._jss.new_session())

    def stop(self) -> None:
        sc = self._sc
        if sc is not None and not sc.__dict__.get("_stopped"):
            sc._release()
        with SparkSession._lock:
            self._stopped = True
            if SparkSession._activeSession is self:
                SparkSession._activeSession = None
            if SparkSession._instantiatedSession is self:
                SparkSession._instantiatedSession = None

    def __enter__(self) -> "SparkSession":
        return self

    def __exit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        self.stop()

    @property
    def version(self) -> str:
        return _native.SPARK_VERSION

    @property
    def conf(self) -> RuntimeConfig:
        return RuntimeConfig(self._jss)

    @property
    def sparkContext(self) -> Any:
        if self._sc is None:
            from ember.context import SparkContext

            self._sc = SparkContext._for_session(self)
        return self._sc

    # ---- DataFrames ----------------------------------------------------

    def range(
        self,
        start: int,
        end: Optional[int] = None,
        step: int = 1,
        numPartitions: Optional[int] = None,
    ) -> DataFrame:
        """A DataFrame with one ``id`` column (bigint) from ``start`` to ``end`` (exclusive)."""
        if end is None:
            start, end = 0, start
        return DataFrame(self._jss.range(int(start), int(end), int(step), numPartitions), self)

    def createDataFrame(
        self,
        data: Any,
        schema: Optional[Union[StructType, DataType, str, List[str]]] = None,
        samplingRatio: Optional[float] = None,
        verifySchema: bool = True,
    ) -> DataFrame:
        """A DataFrame from local data: rows (tuples, lists, dicts, Rows), pandas,
        pyarrow or numpy data."""
        if isinstance(data, DataFrame):
            raise PySparkTypeError(
                errorClass="INVALID_TYPE",
                messageParameters={"arg_name": "data", "arg_type": "DataFrame"},
            )
        from ember.core.rdd import RDD

        if isinstance(data, RDD):
            rows = data.collect()
            if not rows and (schema is None or isinstance(schema, (list, tuple))):
                raise ValueError("RDD is empty")
            data = rows
        module = type(data).__module__
        if module.startswith("pandas") and type(data).__name__ == "DataFrame":
            return self._from_pandas(data, schema, verifySchema)
        if module.startswith("pyarrow") and type(data).__name__ == "Table":
            if schema is None:
                return DataFrame(
                    self._jss.create_from_arrow_stream(data.__arrow_c_stream__()), self
                )
            data = [tuple(r.values()) for r in data.to_pylist()]
        if module == "numpy" and type(data).__name__ == "ndarray":
            if data.ndim == 1 and schema is None:
                schema = ["value"]
            data = _numpy_rows(data)
        if isinstance(schema, (list, tuple)) and not all(isinstance(n, str) for n in schema):
            raise PySparkTypeError(
                errorClass="NOT_LIST_OF_STR",
                messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__},
            )
        if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
            raise PySparkTypeError(
                errorClass="CANNOT_INFER_SCHEMA_FOR_TYPE",
                messageParameters={"data_type": type(data).__name__},
            )
        struct, rows = _prepare_local_data(data, schema, samplingRatio, verifySchema)
        return DataFrame(self._jss.create_dataframe(rows, struct.json()), self)

    def _from_pandas(self, pdf: Any, schema: Any, verifySchema: bool) -> DataFrame:
        if schema is None or (
            isinstance(schema, (list, tuple)) and all(isinstance(n, str) for n in schema)
        ):
            try:
                import pyarrow as pa

                table = pa.Table.from_pandas(pdf, preserve_index=False)
                df = DataFrame(self._jss.create_from_arrow_stream(table.__arrow_c_stream__()), self)
                if schema is not None:
                    df = df.toDF(*schema)
                return df
            except ImportError:
                pass
        rows = [tuple(_py_value(v) for v in r) for r in pdf.itertuples(index=False, name=None)]
        if schema is None:
            schema = [str(c) for c in pdf.columns]
        return self.createDataFrame(rows, schema, verifySchema=verifySchema)

    def table(self, tableName: str) -> DataFrame:
        """The DataFrame of a temporary view (``name`` or ``global_temp.name``)."""
        if not isinstance(tableName, str):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "arg_name": "tableName",
                    "expected_type": "str",
                    "arg_type": type(tableName).__name__,
                },
            )
        return DataFrame(self._jss.table(tableName), self)

    def sql(self, sqlQuery: str, args: Optional[Any] = None, **kwargs: Any) -> DataFrame:
        """A DataFrame for a SQL query over temporary views."""
        if args is not None:
            from ember.sql._params import bind

            if not isinstance(args, (dict, list, tuple)):
                raise PySparkTypeError(
                    errorClass="INVALID_TYPE",
                    messageParameters={"arg_name": "args", "arg_type": type(args).__name__},
                )
            sqlQuery = bind(sqlQuery, args)
        if kwargs:
            sqlQuery = sqlQuery.format(**{k: _sql_arg(self, k, v) for k, v in kwargs.items()})
        df = DataFrame(self._jss.sql(sqlQuery), self)
        # A command's rows (SHOW, DESCRIBE, SET, …) are computed here, locally.
        words = sqlQuery.split(None, 1)
        if words and words[0].upper() in ("SHOW", "DESCRIBE", "DESC", "SET", "EXPLAIN", "LIST"):
            df._local_command = True
        return df

    @property
    def catalog(self) -> "Catalog":
        from ember.sql.catalog import Catalog

        if getattr(self, "_catalog", None) is None:
            self._catalog = Catalog(self)
        return self._catalog

    @property
    def udf(self) -> "UDFRegistration":
        from ember.sql.udf import UDFRegistration

        return UDFRegistration(self)

    @property
    def udtf(self) -> "UDTFRegistration":
        from ember.sql.udtf import UDTFRegistration

        return UDTFRegistration(self)

    @property
    def read(self) -> "DataFrameReader":
        from ember.sql.readwriter import DataFrameReader

        return DataFrameReader(self)

    def __repr__(self) -> str:
        return "<ember.sql.session.SparkSession object at %s>" % hex(id(self))


def _conf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _py_value(v: Any) -> Any:
    """A pandas/numpy scalar as a plain Python value (NaT/NaN stay as given)."""
    item = getattr(v, "item", None)
    if callable(item) and type(v).__module__ == "numpy":
        return item()
    if type(v).__name__ == "Timestamp" and type(v).__module__.startswith("pandas"):
        return v.to_pydatetime()
    return v


def _numpy_rows(arr: Any) -> list:
    if arr.ndim == 1:
        return [(_py_value(v),) for v in arr]
    if arr.ndim == 2:
        return [tuple(_py_value(v) for v in row) for row in arr]
    raise PySparkValueError(
        errorClass="INVALID_NDARRAY_DIMENSION",
        messageParameters={"dimensions": "1 or 2"},
    )


def _sql_arg(session: SparkSession, name: str, value: Any) -> str:
    if isinstance(value, DataFrame):
        view = "__ember_arg_%s_%d" % (name, id(value))
        value.createOrReplaceTempView(view)
        return view
    return str(value)
