"""``spark.catalog``: databases, tables, views, functions and caching
(``pyspark.sql.catalog``). Databases and managed tables persist under
``spark.sql.warehouse.dir``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional

from ember.errors import AnalysisException, PySparkNotImplementedError

if TYPE_CHECKING:
    from ember.sql.dataframe import DataFrame
    from ember.sql.session import SparkSession

__all__ = ["Catalog", "CatalogMetadata", "Column", "Database", "Function", "Table"]


class CatalogMetadata(NamedTuple):
    name: str
    description: Optional[str]


class Database(NamedTuple):
    name: str
    catalog: Optional[str]
    description: Optional[str]
    locationUri: str


class Table(NamedTuple):
    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    tableType: str
    isTemporary: bool

    @property
    def database(self) -> Optional[str]:
        if self.namespace is not None and len(self.namespace) == 1:
            return self.namespace[0]
        return None


class Column(NamedTuple):
    name: str
    description: Optional[str]
    dataType: str
    nullable: bool
    isPartition: bool
    isBucket: bool
    isCluster: bool = False


class Function(NamedTuple):
    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    className: str
    isTemporary: bool


def _local(name: str) -> str:
    """A name without the ``spark_catalog.`` prefix (the only catalog)."""
    if name.lower().startswith("spark_catalog."):
        return name[len("spark_catalog.") :]
    return name


def _like(pattern: Optional[str], name: str) -> bool:
    """Spark's catalog patterns: ``*`` any characters, ``|`` alternatives."""
    import re

    if pattern is None:
        return True
    alts = [re.escape(a.strip()).replace("\\*", ".*") for a in pattern.split("|")]
    return re.fullmatch("(?:%s)" % "|".join(alts), name, re.IGNORECASE) is not None


class TablePartition(NamedTuple):
    partition: str


def _string(value: Any) -> str:
    return "'%s'" % str(value).replace("\\", "\\\\").replace("'", "\\'")


def _quote(name: str) -> str:
    return ".".join("`%s`" % p.replace("`", "``") for p in name.split("."))


class Catalog:
    """The session's catalog (``spark.catalog``)."""

    def __init__(self, sparkSession: "SparkSession") -> None:
        self._spark = sparkSession
        self._jss = sparkSession._jss

    # ---- catalogs and databases -------------------------------------------

    def currentCatalog(self) -> str:
        return "spark_catalog"

    def setCurrentCatalog(self, catalogName: str) -> None:
        if catalogName != "spark_catalog":
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "catalogs other than spark_catalog"},
            )

    def listCatalogs(self, pattern: Optional[str] = None) -> List[CatalogMetadata]:
        if not _like(pattern, "spark_catalog"):
            return []
        return [CatalogMetadata(name="spark_catalog", description=None)]

    def currentDatabase(self) -> str:
        return self._jss.current_database()

    def setCurrentDatabase(self, dbName: str) -> None:
        self._spark.sql("USE %s" % _quote(dbName))

    def listDatabases(self, pattern: Optional[str] = None) -> List[Database]:
        query = "SHOW DATABASES" + (" LIKE '%s'" % pattern if pattern else "")
        location = self._spark.conf.get("spark.sql.warehouse.dir")
        out = []
        for row in self._spark.sql(query).collect():
            name = row[0]
            desc = "default database" if name == "default" else ""
            uri = location if name == "default" else "%s/%s.db" % (location, name)
            out.append(
                Database(name=name, catalog="spark_catalog", description=desc, locationUri=uri)
            )
        return out

    def databaseExists(self, dbName: str) -> bool:
        dbName = _local(dbName)
        return any(d.name == dbName.lower() for d in self.listDatabases())

    def getDatabase(self, dbName: str) -> Database:
        dbName = _local(dbName)
        for d in self.listDatabases():
            if d.name == dbName.lower():
                return d
        self._spark.sql("USE %s" % _quote(dbName))  # raises SCHEMA_NOT_FOUND
        raise AnalysisException(message="[SCHEMA_NOT_FOUND] %s" % dbName)

    # ---- tables and views ---------------------------------------------------

    def listTables(
        self, dbName: Optional[str] = None, pattern: Optional[str] = None
    ) -> List[Table]:
        query = "SHOW TABLES" + (" IN %s" % _quote(_local(dbName)) if dbName else "")
        if pattern:
            query += " LIKE '%s'" % pattern
        out = []
        for row in self._spark.sql(query).collect():
            temporary = bool(row[2])
            out.append(
                Table(
                    name=row[1],
                    catalog=None if temporary else "spark_catalog",
                    namespace=[] if temporary else [row[0]],
                    description=None,
                    tableType="TEMPORARY" if temporary else self._jss.table_type(row[0], row[1]),
                    isTemporary=temporary,
                )
            )
        return out

    def listViews(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Table]:
        """The views of a database, and the temporary views."""
        return [t for t in self.listTables(dbName, pattern) if t.tableType in ("VIEW", "TEMPORARY")]

    def getTable(self, tableName: str) -> Table:
        tableName = _local(tableName)
        name = tableName.split(".")[-1].strip("`").lower()
        db = tableName.rsplit(".", 1)[0] if "." in tableName else None
        for t in self.listTables(db):
            if t.name == name:
                return t
        self._spark.table(tableName)  # raises TABLE_OR_VIEW_NOT_FOUND
        raise AnalysisException(message="[TABLE_OR_VIEW_NOT_FOUND] %s" % tableName)

    def tableExists(self, tableName: str, dbName: Optional[str] = None) -> bool:
        name = "%s.%s" % (dbName, tableName) if dbName else tableName
        try:
            self._spark.table(name)
            return True
        except AnalysisException:
            return False

    def listColumns(self, tableName: str, dbName: Optional[str] = None) -> List[Column]:
        name = "%s.%s" % (dbName, tableName) if dbName else tableName
        schema = self._spark.table(name).schema
        described = [r[0] for r in self._spark.sql("DESCRIBE TABLE %s" % name).collect()]
        marker = "# col_name"
        partition = set(described[described.index(marker) + 1 :]) if marker in described else set()
        return [
            Column(
                name=f.name,
                description=None,
                dataType=f.dataType.simpleString(),
                nullable=f.nullable,
                isPartition=f.name in partition,
                isBucket=False,
                isCluster=False,
            )
            for f in schema.fields
        ]

    def createTable(
        self,
        tableName: str,
        path: Optional[str] = None,
        source: Optional[str] = None,
        schema: Optional[Any] = None,
        description: Optional[str] = None,
        **options: Any,
    ) -> "DataFrame":
        """Creates a table with ``schema``: managed, or external over the
        files at ``path`` (then the schema may come from the files)."""
        path = path if path is not None else options.pop("path", None)
        fmt = source or "parquet"
        if schema is None:
            if path is None:
                raise PySparkNotImplementedError(
                    errorClass="NOT_IMPLEMENTED",
                    messageParameters={"feature": "createTable without a schema or a path"},
                )
            schema = self._spark.read.format(fmt).options(**options).load(path).schema
        from ember.sql.types import StructType

        if isinstance(schema, StructType):
            cols = ", ".join(
                "%s %s" % (_quote(f.name), f.dataType.simpleString()) for f in schema.fields
            )
        else:
            cols = str(schema)
        query = "CREATE TABLE %s (%s) USING %s" % (_quote(tableName), cols, fmt)
        if options:
            query += " OPTIONS (%s)" % ", ".join(
                "%s = %s" % (_string(k), _string(v)) for k, v in options.items()
            )
        if path is not None:
            query += " LOCATION %s" % _string(path)
        if description is not None:
            query += " COMMENT %s" % _string(description)
        self._spark.sql(query)
        return self._spark.table(tableName)

    def createExternalTable(self, *args: Any, **kwargs: Any) -> "DataFrame":
        return self.createTable(*args, **kwargs)

    def dropTable(self, tableName: str, ifExists: bool = False, purge: bool = False) -> None:
        """Drops a managed table (``DROP TABLE``)."""
        self._spark.sql(
            "DROP TABLE %s%s%s"
            % ("IF EXISTS " if ifExists else "", _quote(tableName), " PURGE" if purge else "")
        )

    def dropView(self, viewName: str, ifExists: bool = False) -> None:
        """Drops a view (``DROP VIEW``)."""
        self._spark.sql("DROP VIEW %s%s" % ("IF EXISTS " if ifExists else "", _quote(viewName)))

    def truncateTable(self, tableName: str) -> None:
        """Removes every row of a managed table, keeping its definition."""
        df = self._spark.table(tableName)
        df.limit(0).write.insertInto(tableName, overwrite=True)

    def analyzeTable(self, tableName: str, noScan: bool = False) -> None:
        """Statistics are computed when queries run; checks the table exists."""
        self._spark.table(tableName)

    def getCreateTableString(self, tableName: str, asSerde: bool = False) -> str:
        """The ``CREATE TABLE`` statement of a managed table."""
        schema = self._spark.table(tableName).schema
        rows = self._spark.sql("DESCRIBE TABLE EXTENDED %s" % _quote(tableName)).collect()
        info = {r[0]: r[1] for r in rows}
        name = info.get("Table", tableName.split(".")[-1])
        db = info.get("Database", self.currentDatabase())
        cols = ",\n".join(
            "  %s %s%s"
            % (_quote(f.name), f.dataType.simpleString().upper(), "" if f.nullable else " NOT NULL")
            for f in schema.fields
        )
        out = "CREATE TABLE spark_catalog.%s.%s (\n%s)\nUSING %s" % (
            db,
            name,
            cols,
            info.get("Provider", "parquet"),
        )
        partition = [c.name for c in self.listColumns(tableName) if c.isPartition]
        if partition:
            out += "\nPARTITIONED BY (%s)" % ", ".join(partition)
        return out + "\n"

    def createDatabase(
        self, dbName: str, ifNotExists: bool = False, properties: Optional[Dict[str, str]] = None
    ) -> None:
        """Creates a database (a folder of the warehouse)."""
        self._spark.sql(
            "CREATE DATABASE %s%s" % ("IF NOT EXISTS " if ifNotExists else "", _quote(dbName))
        )

    def dropDatabase(self, dbName: str, ifExists: bool = False, cascade: bool = False) -> None:
        """Drops a database (``cascade`` drops its tables too)."""
        self._spark.sql(
            "DROP DATABASE %s%s%s"
            % ("IF EXISTS " if ifExists else "", _quote(dbName), " CASCADE" if cascade else "")
        )

    def dropTempView(self, viewName: str) -> bool:
        return self._jss.drop_temp_view(viewName)

    def dropGlobalTempView(self, viewName: str) -> bool:
        return self._jss.drop_global_temp_view(viewName)

    # ---- functions ----------------------------------------------------------

    def listFunctions(
        self, dbName: Optional[str] = None, pattern: Optional[str] = None
    ) -> List[Function]:
        query = "SHOW FUNCTIONS" + (" LIKE '%s'" % pattern if pattern else "")
        return [
            Function(
                name=row[0],
                catalog=None,
                namespace=None,
                description=None,
                className="ember.functions.%s" % row[0],
                isTemporary=True,
            )
            for row in self._spark.sql(query).collect()
        ]

    def functionExists(self, functionName: str, dbName: Optional[str] = None) -> bool:
        return any(f.name == functionName.lower() for f in self.listFunctions())

    def getFunction(self, functionName: str) -> Function:
        for f in self.listFunctions():
            if f.name == functionName.lower():
                return f
        # A persistent function (CREATE FUNCTION … AS 'class').
        rows = [
            r[0] for r in self._spark.sql("DESCRIBE FUNCTION %s" % _local(functionName)).collect()
        ]
        qualified = rows[0].split(": ", 1)[1].split(".")
        return Function(
            name=qualified[-1],
            catalog="spark_catalog",
            namespace=[qualified[-2]],
            description="N/A.",
            className=rows[1].split(": ", 1)[1],
            isTemporary=False,
        )

    # ---- caching ------------------------------------------------------------

    def cacheTable(self, tableName: str, storageLevel: Any = None) -> None:
        self._spark.sql("CACHE TABLE %s" % _quote(tableName))

    def uncacheTable(self, tableName: str) -> None:
        self._spark.sql("UNCACHE TABLE %s" % _quote(tableName))

    def isCached(self, tableName: str) -> bool:
        self._spark.table(tableName)  # raises for an unknown name
        return self._jss.is_cached(tableName)

    def clearCache(self) -> None:
        self._spark.sql("CLEAR CACHE")

    def refreshTable(self, tableName: str) -> None:
        self._spark.sql("REFRESH TABLE %s" % _quote(tableName))

    def refreshByPath(self, path: str) -> None:
        self._spark.sql("REFRESH %s" % _string(path))

    def recoverPartitions(self, tableName: str) -> None:
        self._spark.sql("ALTER TABLE %s RECOVER PARTITIONS" % _quote(tableName))

    def listPartitions(self, tableName: str) -> List[TablePartition]:
        rows = self._spark.sql("SHOW PARTITIONS %s" % _quote(tableName)).collect()
        return [TablePartition(partition=r[0]) for r in rows]

    def getTableProperties(self, tableName: str) -> Dict[str, str]:
        rows = self._spark.sql("SHOW TBLPROPERTIES %s" % _quote(tableName)).collect()
        return {r[0]: r[1] for r in rows}
