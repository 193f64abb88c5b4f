"""Spark SQL data types, :class:`Row`, and the Python side of the data path.

Mirrors ``pyspark.sql.types``: the same classes, reprs, ``simpleString``/``json``
forms, ``Row``, schema inference and merging, and the type verifier with
PySpark's error conditions. DDL strings are parsed here, in Python, with the
same results and errors as Spark's parser.

The engine exchanges *internal* values with Python:

=======================  ===================================================
Spark type               internal value
=======================  ===================================================
null                     ``None``
boolean                  ``bool``
byte/short/int/long      ``int``
float/double             ``float``
string/char/varchar      ``str``
binary                   ``bytes``
decimal(p, s)            the unscaled ``int`` (collected back as a ``str``)
date                     ``int`` days since 1970-01-01
timestamp                ``int`` microseconds since the epoch (UTC)
timestamp_ntz            ``int`` microseconds of the wall clock read as UTC
time                     ``int`` microseconds since midnight
interval day to second   ``int`` microseconds
interval year to month   ``int`` months
array                    ``list`` of internal elements
map                      ``dict`` (collected back as a list of pairs)
struct                   ``tuple`` of internal fields, in schema order
=======================  ===================================================

:func:`_prepare_local_data` turns ``createDataFrame`` input into a schema and
internal rows; :func:`_from_internal_converter` and :func:`_make_row_factory`
turn internal values back into what PySpark's ``collect()`` returns.
"""

from __future__ import annotations

import calendar
import ctypes
import datetime
import decimal
import functools
import json
import os
import re
import sys
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import reduce
from typing import Any, ClassVar

from ember.errors import (
    PySparkAttributeError,
    PySparkIndexError,
    PySparkKeyError,
    PySparkNotImplementedError,
    PySparkRuntimeError,
    PySparkTypeError,
    PySparkValueError,
)

__all__ = [
    "DataType",
    "NullType",
    "CharType",
    "StringType",
    "VarcharType",
    "BinaryType",
    "BooleanType",
    "DateType",
    "TimeType",
    "TimestampType",
    "TimestampNTZType",
    "DecimalType",
    "DoubleType",
    "Geography",
    "Geometry",
    "FloatType",
    "ByteType",
    "IntegerType",
    "LongType",
    "DayTimeIntervalType",
    "YearMonthIntervalType",
    "CalendarIntervalType",
    "Row",
    "ShortType",
    "ArrayType",
    "MapType",
    "StructField",
    "StructType",
    "VariantType",
    "VariantVal",
    "GeographyType",
    "GeometryType",
]

_JVM_INT_MAX = (1 << 31) - 1


def _escape_meta_characters(s: str) -> str:
    return (
        s.replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("\f", "\\f")
        .replace("\b", "\\b")
        .replace("\u000b", "\\v")
        .replace("\u0007", "\\a")
    )


# ---------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------


class DataType:
    """Base class for data types."""

    def __repr__(self) -> str:
        return self.__class__.__name__ + "()"

    def __hash__(self) -> int:
        return hash(str(self))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    @classmethod
    def typeName(cls) -> str:
        return cls.__name__[:-4].lower()

    def simpleString(self) -> str:
        return self.typeName()

    def jsonValue(self) -> str | dict[str, Any]:
        return self.typeName()

    def json(self) -> str:
        return json.dumps(self.jsonValue(), separators=(",", ":"), sort_keys=True)

    def needConversion(self) -> bool:
        """Whether values of this type differ between Python and the engine.

        Same answers as PySpark; used to skip work for plain nested types.
        """
        return False

    def toInternal(self, obj: Any) -> Any:
        """Converts a Python object into Ember's internal value."""
        conv = _to_internal_converter(self)
        return obj if conv is None else conv(obj)

    def fromInternal(self, obj: Any) -> Any:
        """Converts an internal value into the Python object ``collect()`` returns."""
        conv = _from_internal_converter(self)
        return obj if conv is None else conv(obj)

    def _as_nullable(self) -> DataType:
        return self

    @classmethod
    def fromDDL(cls, ddl: str) -> DataType:
        """Creates a :class:`DataType` from a DDL string.

        >>> DataType.fromDDL("b string, a int")
        StructType([StructField('b', StringType(), True), StructField('a', IntegerType(), True)])
        >>> DataType.fromDDL("decimal(10,10)")
        DecimalType(10,10)
        >>> DataType.fromDDL("b: string, a: int")
        StructType([StructField('b', StringType(), True), StructField('a', IntegerType(), True)])
        """
        return _parse_datatype_string(ddl)


def _jvm_type_name(dataType: DataType) -> str:
    """The type name ``printSchema`` prints (the JVM's ``treeString``; unlike
    PySpark's Python ``treeString`` it shows string collations)."""
    if isinstance(dataType, StringType) and not dataType.isUTF8BinaryCollation():
        return dataType.simpleString()
    if isinstance(
        dataType,
        (
            DecimalType,
            CharType,
            VarcharType,
            DayTimeIntervalType,
            YearMonthIntervalType,
            TimeType,
        ),
    ):
        return dataType.simpleString()
    return dataType.typeName()


def _tree_string_children(dataType: DataType, prefix: str, out: list[str], depth: int) -> None:
    if isinstance(dataType, (ArrayType, StructType, MapType)):
        dataType._build_formatted_string(prefix, out, depth - 1)


class DataTypeSingleton(type):
    """Metaclass for data types without parameters: one instance per class."""

    _instances: ClassVar[dict[type, Any]] = {}

    def __call__(cls):  # type: ignore[override]
        inst = cls._instances.get(cls)
        if inst is None:
            inst = cls._instances[cls] = super().__call__()
        return inst


class NullType(DataType, metaclass=DataTypeSingleton):
    """Null type: the type of ``None``, used for types that cannot be inferred."""

    @classmethod
    def typeName(cls) -> str:
        return "void"


class AtomicType(DataType):
    """Everything that is not null, a UDT, an array, a struct or a map."""


class NumericType(AtomicType):
    """Numeric data types."""


class IntegralType(NumericType, metaclass=DataTypeSingleton):
    """Integral data types."""


class FractionalType(NumericType):
    """Fractional data types."""


class StringType(AtomicType):
    """String data type, with an optional collation (default ``UTF8_BINARY``)."""

    providerSpark = "spark"
    providerICU = "icu"
    providers = [providerSpark, providerICU]

    def __init__(self, collation: str = "UTF8_BINARY"):
        self.collation = collation

    @classmethod
    def collationProvider(cls, collationName: str) -> str:
        if collationName.startswith("UTF8"):
            return StringType.providerSpark
        return StringType.providerICU

    def simpleString(self) -> str:
        if self.isUTF8BinaryCollation():
            return "string"
        return f"string collate {self.collation}"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        if self.isUTF8BinaryCollation():
            return "StringType()"
        return "StringType('%s')" % self.collation

    def isUTF8BinaryCollation(self) -> bool:
        return self.collation == "UTF8_BINARY"


class CharType(AtomicType):
    """Char data type of a fixed length."""

    def __init__(self, length: int):
        self.length = length

    def simpleString(self) -> str:
        return "char(%d)" % self.length

    def jsonValue(self) -> str:
        return "char(%d)" % self.length

    def __repr__(self) -> str:
        return "CharType(%d)" % self.length


class VarcharType(AtomicType):
    """Varchar data type with a maximum length."""

    def __init__(self, length: int):
        self.length = length

    def simpleString(self) -> str:
        return "varchar(%d)" % self.length

    def jsonValue(self) -> str:
        return "varchar(%d)" % self.length

    def __repr__(self) -> str:
        return "VarcharType(%d)" % self.length


class BinaryType(AtomicType, metaclass=DataTypeSingleton):
    """Binary (byte array) data type."""


class BooleanType(AtomicType, metaclass=DataTypeSingleton):
    """Boolean data type."""


class DatetimeType(AtomicType):
    """Super class of all datetime data types."""


class DateType(DatetimeType, metaclass=DataTypeSingleton):
    """Date (datetime.date) data type."""

    EPOCH_ORDINAL = datetime.datetime(1970, 1, 1).toordinal()

    def needConversion(self) -> bool:
        return True


class AnyTimeType(DatetimeType):
    """A TIME type of any valid precision."""


class TimeType(AnyTimeType):
    """Time (datetime.time) data type, ``time(6)`` by default."""

    def __init__(self, precision: int = 6):
        self.precision = precision

    def needConversion(self) -> bool:
        return True

    def simpleString(self) -> str:
        return "time(%d)" % self.precision

    def jsonValue(self) -> str:
        return "time(%d)" % self.precision

    def __repr__(self) -> str:
        return "TimeType(%d)" % self.precision


class TimestampType(DatetimeType, metaclass=DataTypeSingleton):
    """Timestamp (datetime.datetime) data type, with the session time zone."""

    def needConversion(self) -> bool:
        return True


class TimestampNTZType(DatetimeType, metaclass=DataTypeSingleton):
    """Timestamp (datetime.datetime) data type without time zone."""

    def needConversion(self) -> bool:
        return True

    @classmethod
    def typeName(cls) -> str:
        return "timestamp_ntz"


class DecimalType(FractionalType):
    """Decimal (decimal.Decimal) data type: ``precision`` digits, ``scale`` after the dot.

    The default is ``decimal(10,0)``; values inferred from ``decimal.Decimal`` are
    ``decimal(38,18)``.
    """

    def __init__(self, precision: int = 10, scale: int = 0):
        self.precision = precision
        self.scale = scale
        self.hasPrecisionInfo = True

    def simpleString(self) -> str:
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def jsonValue(self) -> str:
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def __repr__(self) -> str:
        return "DecimalType(%d,%d)" % (self.precision, self.scale)


class DoubleType(FractionalType, metaclass=DataTypeSingleton):
    """Double data type: double precision floats."""


class FloatType(FractionalType, metaclass=DataTypeSingleton):
    """Float data type: single precision floats."""


class ByteType(IntegralType):
    """Byte data type: signed 8-bit integers."""

    def simpleString(self) -> str:
        return "tinyint"


class IntegerType(IntegralType):
    """Int data type: signed 32-bit integers."""

    def simpleString(self) -> str:
        return "int"


class LongType(IntegralType):
    """Long data type: signed 64-bit integers."""

    def simpleString(self) -> str:
        return "bigint"


class ShortType(IntegralType):
    """Short data type: signed 16-bit integers."""

    def simpleString(self) -> str:
        return "smallint"


class AnsiIntervalType(AtomicType):
    """The interval types of the ANSI SQL standard."""


class _IntervalFields:
    _fields: ClassVar[dict[int, str]] = {}
    startField: int
    endField: int

    def _init_fields(self, startField: int | None, endField: int | None, default: tuple) -> None:
        if startField is None and endField is None:
            startField, endField = default
        elif startField is not None and endField is None:
            endField = startField
        if startField not in self._fields or endField not in self._fields:
            raise PySparkRuntimeError(
                errorClass="INVALID_INTERVAL_CASTING",
                messageParameters={"start_field": str(startField), "end_field": str(endField)},
            )
        self.startField = startField  # type: ignore[assignment]
        self.endField = endField  # type: ignore[assignment]

    def _str_repr(self) -> str:
        start = self._fields[self.startField]
        end = self._fields[self.endField]
        if start == end:
            return "interval %s" % start
        return "interval %s to %s" % (start, end)

    def __repr__(self) -> str:
        return "%s(%d, %d)" % (type(self).__name__, self.startField, self.endField)


class DayTimeIntervalType(_IntervalFields, AnsiIntervalType):
    """Day-time interval (datetime.timedelta)."""

    DAY = 0
    HOUR = 1
    MINUTE = 2
    SECOND = 3

    _fields: ClassVar[dict[int, str]] = {
        DAY: "day",
        HOUR: "hour",
        MINUTE: "minute",
        SECOND: "second",
    }
    _inverted_fields: ClassVar[dict[str, int]] = {v: k for k, v in _fields.items()}

    def __init__(self, startField: int | None = None, endField: int | None = None):
        self._init_fields(startField, endField, (self.DAY, self.SECOND))

    def simpleString(self) -> str:
        return self._str_repr()

    def jsonValue(self) -> str:
        return self._str_repr()

    def needConversion(self) -> bool:
        return True


class YearMonthIntervalType(_IntervalFields, AnsiIntervalType):
    """Year-month interval. Like PySpark, values cannot be collected unless
    ``PYSPARK_YM_INTERVAL_LEGACY=1`` (then they come back as ``int`` months)."""

    YEAR = 0
    MONTH = 1

    _fields: ClassVar[dict[int, str]] = {YEAR: "year", MONTH: "month"}
    _inverted_fields: ClassVar[dict[str, int]] = {v: k for k, v in _fields.items()}

    def __init__(self, startField: int | None = None, endField: int | None = None):
        self._init_fields(startField, endField, (self.YEAR, self.MONTH))

    def simpleString(self) -> str:
        return self._str_repr()

    def jsonValue(self) -> str:
        return self._str_repr()

    def needConversion(self) -> bool:
        return os.environ.get("PYSPARK_YM_INTERVAL_LEGACY") != "1"


class CalendarIntervalType(DataType, metaclass=DataTypeSingleton):
    """Calendar intervals (months, days, microseconds); not collectable, as in PySpark."""

    @classmethod
    def typeName(cls) -> str:
        return "interval"

    def needConversion(self) -> bool:
        return True


class ArrayType(DataType):
    """Array data type.

    >>> ArrayType(StringType()) == ArrayType(StringType(), True)
    True
    >>> ArrayType(StringType(), False) == ArrayType(StringType())
    False
    """

    def __init__(self, elementType: DataType, containsNull: bool = True):
        assert isinstance(elementType, DataType), (
            f"elementType {elementType} should be an instance of {DataType}"
        )
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        return "array<%s>" % self.elementType.simpleString()

    def _as_nullable(self) -> ArrayType:
        return ArrayType(self.elementType._as_nullable(), containsNull=True)

    def toNullable(self) -> ArrayType:
        """The same type with every nullability flag set to true."""
        return self._as_nullable()

    def __repr__(self) -> str:
        return "ArrayType(%s, %s)" % (self.elementType, self.containsNull)

    def jsonValue(self) -> dict[str, Any]:
        return {
            "type": self.typeName(),
            "elementType": self.elementType.jsonValue(),
            "containsNull": self.containsNull,
        }

    @classmethod
    def fromJson(
        cls,
        json: dict[str, Any],
        fieldPath: str = "",
        collationsMap: dict[str, str] | None = None,
    ) -> ArrayType:
        path = "element" if fieldPath == "" else fieldPath + ".element"
        elementType = _parse_datatype_json_value(json["elementType"], path, collationsMap)
        return ArrayType(elementType, json["containsNull"])

    def needConversion(self) -> bool:
        return self.elementType.needConversion()

    def _build_formatted_string(self, prefix: str, out: list[str], maxDepth: int) -> None:
        if maxDepth > 0:
            out.append(
                f"{prefix}-- element: {_jvm_type_name(self.elementType)} "
                f"(containsNull = {str(self.containsNull).lower()})\n"
            )
            _tree_string_children(self.elementType, f"{prefix}    |", out, maxDepth)


class MapType(DataType):
    """Map data type; keys cannot be null.

    >>> MapType(StringType(), IntegerType()) == MapType(StringType(), IntegerType(), True)
    True
    """

    def __init__(self, keyType: DataType, valueType: DataType, valueContainsNull: bool = True):
        assert isinstance(keyType, DataType), (
            f"keyType {keyType} should be an instance of {DataType}"
        )
        assert isinstance(valueType, DataType), (
            f"valueType {valueType} should be an instance of {DataType}"
        )
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self) -> str:
        return "map<%s,%s>" % (self.keyType.simpleString(), self.valueType.simpleString())

    def _as_nullable(self) -> MapType:
        return MapType(
            self.keyType._as_nullable(), self.valueType._as_nullable(), valueContainsNull=True
        )

    def toNullable(self) -> MapType:
        """The same type with every nullability flag set to true."""
        return self._as_nullable()

    def __repr__(self) -> str:
        return "MapType(%s, %s, %s)" % (self.keyType, self.valueType, self.valueContainsNull)

    def jsonValue(self) -> dict[str, Any]:
        return {
            "type": self.typeName(),
            "keyType": self.keyType.jsonValue(),
            "valueType": self.valueType.jsonValue(),
            "valueContainsNull": self.valueContainsNull,
        }

    @classmethod
    def fromJson(
        cls,
        json: dict[str, Any],
        fieldPath: str = "",
        collationsMap: dict[str, str] | None = None,
    ) -> MapType:
        kpath = "key" if fieldPath == "" else fieldPath + ".key"
        vpath = "value" if fieldPath == "" else fieldPath + ".value"
        return MapType(
            _parse_datatype_json_value(json["keyType"], kpath, collationsMap),
            _parse_datatype_json_value(json["valueType"], vpath, collationsMap),
            json["valueContainsNull"],
        )

    def needConversion(self) -> bool:
        return self.keyType.needConversion() or self.valueType.needConversion()

    def _build_formatted_string(self, prefix: str, out: list[str], maxDepth: int) -> None:
        if maxDepth > 0:
            out.append(f"{prefix}-- key: {_jvm_type_name(self.keyType)}\n")
            _tree_string_children(self.keyType, f"{prefix}    |", out, maxDepth)
            out.append(
                f"{prefix}-- value: {_jvm_type_name(self.valueType)} "
                f"(valueContainsNull = {str(self.valueContainsNull).lower()})\n"
            )
            _tree_string_children(self.valueType, f"{prefix}    |", out, maxDepth)


_COLLATIONS_METADATA_KEY = "__COLLATIONS"


class StructField(DataType):
    """A field in a :class:`StructType`.

    >>> StructField("f1", StringType(), True) == StructField("f1", StringType(), True)
    True
    >>> StructField("f1", StringType(), True) == StructField("f2", StringType(), True)
    False
    """

    def __init__(
        self,
        name: str,
        dataType: DataType,
        nullable: bool = True,
        metadata: dict[str, Any] | None = None,
    ):
        assert isinstance(dataType, DataType), (
            f"dataType {dataType} should be an instance of {DataType}"
        )
        assert isinstance(name, str), f"field name {name} should be a string"
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self) -> str:
        return "%s:%s" % (self.name, self.dataType.simpleString())

    def __repr__(self) -> str:
        return "StructField('%s', %s, %s)" % (self.name, self.dataType, self.nullable)

    def jsonValue(self) -> dict[str, Any]:
        collations = self.getCollationMetadata()
        metadata = (
            self.metadata
            if not collations
            else {**self.metadata, _COLLATIONS_METADATA_KEY: collations}
        )
        dtype = self.dataType if not collations else _remove_collations(self.dataType)
        return {
            "name": self.name,
            "type": dtype.jsonValue(),
            "nullable": self.nullable,
            "metadata": metadata,
        }

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> StructField:
        metadata = json.get("metadata")
        collationsMap: dict[str, str] = {}
        if metadata and _COLLATIONS_METADATA_KEY in metadata:
            for key, value in metadata[_COLLATIONS_METADATA_KEY].items():
                parts = value.split(".")
                assert len(parts) == 2
                _assert_valid_collation_provider(parts[0])
                collationsMap[key] = parts[1]
            metadata = {k: v for k, v in metadata.items() if k != _COLLATIONS_METADATA_KEY}
        return StructField(
            json["name"],
            _parse_datatype_json_value(json["type"], json["name"], collationsMap),
            json.get("nullable", True),
            metadata,
        )

    def getCollationsMap(self, metadata: dict[str, Any]) -> dict[str, str]:
        if not metadata or _COLLATIONS_METADATA_KEY not in metadata:
            return {}
        result = {}
        for key, value in metadata[_COLLATIONS_METADATA_KEY].items():
            parts = value.split(".")
            assert len(parts) == 2
            _assert_valid_collation_provider(parts[0])
            result[key] = parts[1]
        return result

    def getCollationMetadata(self) -> dict[str, str]:
        found: dict[str, str] = {}

        def visit(dt: DataType, path: str) -> None:
            if isinstance(dt, StringType):
                if not dt.isUTF8BinaryCollation():
                    found[path] = self.schemaCollationValue(dt)
            elif isinstance(dt, ArrayType):
                visit(dt.elementType, path + ".element")
            elif isinstance(dt, MapType):
                visit(dt.keyType, path + ".key")
                visit(dt.valueType, path + ".value")

        visit(self.dataType, self.name)
        return found

    def schemaCollationValue(self, dt: DataType) -> str:
        assert isinstance(dt, StringType)
        return f"{StringType.collationProvider(dt.collation)}.{dt.collation}"

    def needConversion(self) -> bool:
        return self.dataType.needConversion()

    def toInternal(self, obj: Any) -> Any:
        return self.dataType.toInternal(obj)

    def fromInternal(self, obj: Any) -> Any:
        return self.dataType.fromInternal(obj)

    def typeName(self) -> str:  # type: ignore[override]
        raise PySparkTypeError(errorClass="INVALID_TYPENAME_CALL", messageParameters={})

    def _build_formatted_string(self, prefix: str, out: list[str], maxDepth: int) -> None:
        if maxDepth > 0:
            out.append(
                f"{prefix}-- {_escape_meta_characters(self.name)}: "
                f"{_jvm_type_name(self.dataType)} "
                f"(nullable = {str(self.nullable).lower()})\n"
            )
            _tree_string_children(self.dataType, f"{prefix}    |", out, maxDepth)


def _remove_collations(dt: DataType) -> DataType:
    """``dt`` without string collations (they live in the field metadata in JSON)."""
    if isinstance(dt, ArrayType):
        return ArrayType(_remove_collations(dt.elementType), dt.containsNull)
    if isinstance(dt, MapType):
        return MapType(
            _remove_collations(dt.keyType), _remove_collations(dt.valueType), dt.valueContainsNull
        )
    if isinstance(dt, StringType):
        return StringType()
    return dt


class StructType(DataType):
    """Struct type: a list of :class:`StructField`; the type of a :class:`Row`.

    >>> struct1 = StructType([StructField("f1", StringType(), True)])
    >>> struct1["f1"]
    StructField('f1', StringType(), True)
    >>> struct1[0]
    StructField('f1', StringType(), True)
    """

    def __init__(self, fields: list[StructField] | None = None):
        if not fields:
            self.fields = []
            self.names = []
        else:
            self.fields = fields
            self.names = [f.name for f in fields]
            assert all(isinstance(f, StructField) for f in fields), (
                "fields should be a list of StructField"
            )
        self._needConversion = [f.needConversion() for f in self]
        self._needSerializeAnyField = any(self._needConversion)

    def add(
        self,
        field: str | StructField,
        data_type: str | DataType | None = None,
        nullable: bool = True,
        metadata: dict[str, Any] | None = None,
    ) -> StructType:
        """Appends a field: a :class:`StructField`, or a name and a type (a
        :class:`DataType` or its JSON name such as ``"string"``), in place.

        >>> StructType().add("f1", StringType(), True).add("f2", "integer")
        StructType([StructField('f1', StringType(), True), StructField('f2', IntegerType(), True)])
        """
        if isinstance(field, StructField):
            self.fields.append(field)
            self.names.append(field.name)
        else:
            if isinstance(field, str) and data_type is None:
                raise PySparkValueError(
                    errorClass="ARGUMENT_REQUIRED",
                    messageParameters={
                        "arg_name": "data_type",
                        "condition": "passing name of struct_field to create",
                    },
                )
            if isinstance(data_type, str):
                data_type_f = _parse_datatype_json_value(data_type)
            else:
                data_type_f = data_type
            self.fields.append(StructField(field, data_type_f, nullable, metadata))  # type: ignore[arg-type]
            self.names.append(field)
        self._needConversion = [f.needConversion() for f in self]
        self._needSerializeAnyField = any(self._needConversion)
        return self

    def __iter__(self) -> Iterator[StructField]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, key: str | int | slice) -> Any:
        if isinstance(key, str):
            for field in self:
                if field.name == key:
                    return field
            raise PySparkKeyError(errorClass="KEY_NOT_EXISTS", messageParameters={"key": key})
        if isinstance(key, int):
            try:
                return self.fields[key]
            except IndexError:
                raise PySparkIndexError(
                    errorClass="INDEX_OUT_OF_RANGE",
                    messageParameters={"arg_name": "StructType", "index": str(key)},
                ) from None
        if isinstance(key, slice):
            return StructType(self.fields[key])
        raise PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={
                "expected_type": "int, slice or str",
                "arg_name": "key",
                "arg_type": type(key).__name__,
            },
        )

    def simpleString(self) -> str:
        return "struct<%s>" % ",".join(f.simpleString() for f in self)

    def _as_nullable(self) -> StructType:
        return StructType(
            [StructField(f.name, f.dataType._as_nullable(), True, f.metadata) for f in self.fields]
        )

    def toNullable(self) -> StructType:
        """The same type with every nullability flag set to true."""
        return self._as_nullable()

    def __repr__(self) -> str:
        return "StructType([%s])" % ", ".join(str(f) for f in self)

    def jsonValue(self) -> dict[str, Any]:
        return {"type": self.typeName(), "fields": [f.jsonValue() for f in self]}

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> StructType:
        """A :class:`StructType` from its JSON value (``{"fields": [...]}``)."""
        return StructType([StructField.fromJson(f) for f in json["fields"]])

    def fieldNames(self) -> list[str]:
        """All field names, in order.

        >>> StructType([StructField("f1", StringType(), True)]).fieldNames()
        ['f1']
        """
        return list(self.names)

    def needConversion(self) -> bool:
        return True

    def _build_formatted_string(self, prefix: str, out: list[str], maxDepth: int) -> None:
        for field in self.fields:
            field._build_formatted_string(prefix, out, maxDepth)

    def treeString(self, maxDepth: int | None = None, level: int | None = None) -> str:
        """The text ``printSchema`` prints (without its final newline), down to
        ``maxDepth`` (or ``level``) levels; all levels when it is None or < 1.

        >>> print(StructType().add("a", ArrayType(LongType())).treeString())
        root
         |-- a: array (nullable = true)
         |    |-- element: long (containsNull = true)
        <BLANKLINE>
        """
        depth = maxDepth if maxDepth is not None else level
        if depth is None or depth <= 0:
            depth = _JVM_INT_MAX
        out = ["root\n"]
        for field in self.fields:
            field._build_formatted_string(" |", out, depth)
        return "".join(out)

    def toDDL(self) -> str:
        """The schema as a DDL string.

        >>> _parse_datatype_string("a int not null comment 'x', `b c` array<string>").toDDL()
        "a INT NOT NULL COMMENT 'x',`b c` ARRAY<STRING>"
        """
        return ",".join(_field_ddl(f, " ") for f in self.fields)


_PLAIN_IDENTIFIER = re.compile(r"[a-zA-Z0-9_]+")


def _quote_if_needed(name: str) -> str:
    if _PLAIN_IDENTIFIER.fullmatch(name) and not name.isdigit():
        return name
    return "`%s`" % name.replace("`", "``")


def _field_ddl(f: StructField, sep: str) -> str:
    text = _quote_if_needed(f.name) + sep + _sql_type(f.dataType)
    if not f.nullable:
        text += " NOT NULL"
    comment = f.metadata.get("comment")
    if isinstance(comment, str):
        text += " COMMENT '%s'" % comment.replace("'", "\\'")
    return text


def _sql_type(dt: DataType) -> str:
    """Spark's ``DataType.sql``: the type as written in DDL."""
    if isinstance(dt, ArrayType):
        return "ARRAY<%s>" % _sql_type(dt.elementType)
    if isinstance(dt, MapType):
        return "MAP<%s, %s>" % (_sql_type(dt.keyType), _sql_type(dt.valueType))
    if isinstance(dt, StructType):
        return "STRUCT<%s>" % ", ".join(_field_ddl(f, ": ") for f in dt.fields)
    if isinstance(dt, StringType) and not dt.isUTF8BinaryCollation():
        return "STRING COLLATE " + dt.collation
    if isinstance(dt, UserDefinedType):
        return _sql_type(dt.sqlType())
    return dt.simpleString().upper()


class VariantType(AtomicType):
    """Variant data type: semi-structured values."""

    def needConversion(self) -> bool:
        return True

    def fromInternal(self, obj: Any) -> "VariantVal | None":
        if obj is None:
            return None
        metadata, value = obj
        return VariantVal(bytearray(value), bytearray(metadata))

    def toInternal(self, variant: Any) -> Any:
        if variant is None:
            return None
        assert isinstance(variant, VariantVal)
        return (bytes(variant.metadata), bytes(variant.value))


class UserDefinedType(DataType):
    """User-defined type (UDT); Spark internal use only."""

    @classmethod
    def typeName(cls) -> str:
        return cls.__name__.lower()

    @classmethod
    def sqlType(cls) -> DataType:
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "sqlType()"}
        )

    @classmethod
    def module(cls) -> str:
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "module()"}
        )

    @classmethod
    def scalaUDT(cls) -> str:
        return ""

    def needConversion(self) -> bool:
        return True

    @classmethod
    def _cachedSqlType(cls) -> DataType:
        if "_cached_sql_type" not in cls.__dict__:
            cls._cached_sql_type = cls.sqlType()  # type: ignore[attr-defined]
        return cls._cached_sql_type  # type: ignore[attr-defined]

    def serialize(self, obj: Any) -> Any:
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "toInternal()"}
        )

    def deserialize(self, datum: Any) -> Any:
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "fromInternal()"}
        )

    def simpleString(self) -> str:
        return "udt"

    def jsonValue(self) -> dict[str, Any]:
        schema = {
            "type": "udt",
            "pyClass": "%s.%s" % (self.module(), type(self).__name__),
            "sqlType": self.sqlType().jsonValue(),
        }
        if self.scalaUDT():
            schema["class"] = self.scalaUDT()
        return schema

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> UserDefinedType:
        pyUDT = str(json["pyClass"])
        split = pyUDT.rfind(".")
        module, name = pyUDT[:split], pyUDT[split + 1 :]
        m = __import__(module, globals(), locals(), [name])
        if not hasattr(m, name):
            raise PySparkValueError(
                errorClass="UNSUPPORTED_OPERATION",
                messageParameters={"operation": "unpickling user defined types"},
            )
        UDT = getattr(m, name)
        if not (isinstance(UDT, type) and issubclass(UDT, UserDefinedType)):
            raise PySparkTypeError(
                errorClass="FIELD_TYPE_MISMATCH",
                messageParameters={"obj": str(UDT), "data_type": "UserDefinedType"},
            )
        return UDT()


class VariantVal:
    """A Variant value: its ``value`` and ``metadata`` bytes."""

    def __init__(self, value: bytes, metadata: bytes):
        self.value = value
        self.metadata = metadata

    def __repr__(self) -> str:
        return "VariantVal(%r, %r)" % (self.value, self.metadata)

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, VariantVal):
            return NotImplemented
        return self.value == other.value and self.metadata == other.metadata

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.toJson()

    def toPython(self) -> Any:
        """The value as Python objects: dict, list, str, int, float,
        Decimal, bool, bytes, date, datetime or None."""
        from ember import _native

        return _native.variant_to_python(bytes(self.value), bytes(self.metadata))

    def toJson(self, zone_id: str = "UTC") -> str:
        """The variant as JSON text (object keys sorted, as Spark prints them)."""
        from ember import _native

        return _native.variant_to_json(bytes(self.value), bytes(self.metadata))

    @classmethod
    def parseJson(cls, json_str: str) -> "VariantVal":
        """JSON text as a VariantVal."""
        from ember import _native

        value, metadata = _native.variant_from_json(json_str)
        return VariantVal(bytearray(value), bytearray(metadata))


class _SpatialValue:
    def __init__(self, wkb: bytes, srid: int):
        self.wkb = wkb
        self.srid = srid

    def __repr__(self) -> str:
        return "%s(%r, %d)" % (type(self).__name__, self.wkb, self.srid)

    __str__ = __repr__

    def getSrid(self) -> int:
        """The SRID of the value."""
        return self.srid

    def getBytes(self) -> bytes:
        """The WKB of the value."""
        return self.wkb

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.wkb == other.wkb and self.srid == other.srid

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def fromWKB(cls, wkb: bytes, srid: int) -> Any:
        """A value from its WKB and SRID."""
        return cls(wkb, srid)


class Geography(_SpatialValue):
    """A GEOGRAPHY value (WKB bytes and an SRID)."""


class Geometry(_SpatialValue):
    """A GEOMETRY value (WKB bytes and an SRID)."""


class SpatialType(AtomicType):
    """Super class of GeographyType and GeometryType."""

    MIXED_SRID = -1
    MIXED_CRS = "SRID:ANY"
    _SRIDS: ClassVar[dict[int, str]] = {}
    _KIND = ""

    srid: int
    _crs: str

    def _set_srid(self, srid: int | str) -> None:
        if srid == "ANY":
            self.srid, self._crs = self.MIXED_SRID, self.MIXED_CRS
        elif isinstance(srid, int) and srid in self._SRIDS:
            self.srid, self._crs = srid, self._SRIDS[srid]
        else:
            from ember.errors import IllegalArgumentException

            raise IllegalArgumentException(
                errorClass="ST_INVALID_SRID_VALUE", messageParameters={"srid": str(srid)}
            )

    @classmethod
    def _srid_of_crs(cls, crs: str) -> int | str:
        if crs.lower() == cls.MIXED_CRS.lower():
            return "ANY"
        for srid, name in cls._SRIDS.items():
            if name == crs:
                return srid
        from ember.errors import IllegalArgumentException

        raise IllegalArgumentException(
            errorClass="ST_INVALID_CRS_VALUE", messageParameters={"crs": str(crs)}
        )

    def simpleString(self) -> str:
        if self.srid == self.MIXED_SRID:
            return f"{self._KIND}(any)"
        return f"{self._KIND}({self.srid})"

    def __repr__(self) -> str:
        if self.srid == self.MIXED_SRID:
            return f"{type(self).__name__}(ANY)"
        return f"{type(self).__name__}({self.srid})"

    def needConversion(self) -> bool:
        return True


class GeographyType(SpatialType):
    """GEOGRAPHY values: spatial objects with a geographic coordinate system."""

    DEFAULT_CRS = "OGC:CRS84"
    DEFAULT_ALG = "SPHERICAL"
    DEFAULT_SRID = 4326
    _SRIDS: ClassVar[dict[int, str]] = {4326: "OGC:CRS84"}
    _KIND = "geography"

    def __init__(self, srid: int | str):
        self._set_srid(srid)
        self._alg = self.DEFAULT_ALG

    def jsonValue(self) -> str:
        return f"geography({self._crs}, {self._alg})"


class GeometryType(SpatialType):
    """GEOMETRY values: spatial objects with a Cartesian coordinate system."""

    DEFAULT_CRS = "OGC:CRS84"
    DEFAULT_SRID = 4326
    _SRIDS: ClassVar[dict[int, str]] = {0: "SRID:0", 3857: "EPSG:3857", 4326: "OGC:CRS84"}
    _KIND = "geometry"

    def __init__(self, srid: int | str):
        self._set_srid(srid)

    def jsonValue(self) -> str:
        return f"geometry({self._crs})"


# ---------------------------------------------------------------------------
# Row
# ---------------------------------------------------------------------------


def _create_row(fields: Any, values: Iterable[Any]) -> Row:
    row = Row(*values)
    row.__fields__ = fields
    return row


class Row(tuple):
    """A row of a DataFrame; fields are reachable as ``row.key`` and ``row[key]``.

    Keyword construction keeps the given order; ``Row("a", "b")`` makes a
    factory that is called with the values later.

    >>> row = Row(name="Alice", age=11)
    >>> row
    Row(name='Alice', age=11)
    >>> row['name'], row.age, 'name' in row
    ('Alice', 11, True)
    >>> Person = Row("name", "age")
    >>> Person
    <Row('name', 'age')>
    >>> Person("Alice", 11)
    Row(name='Alice', age=11)
    >>> Row("Alice", 11) == Row(name="Alice", age=11)
    True
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Row:
        if args and kwargs:
            raise PySparkValueError(
                errorClass="CANNOT_SET_TOGETHER",
                messageParameters={"arg_list": "args and kwargs"},
            )
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    def asDict(self, recursive: bool = False) -> dict[str, Any]:
        """The row as a dict; with ``recursive``, nested Rows (also inside lists
        and dicts) become dicts too.

        >>> Row(key=1, value=Row(name='a', age=2)).asDict(True)
        {'key': 1, 'value': {'name': 'a', 'age': 2}}
        """
        if not hasattr(self, "__fields__"):
            raise PySparkTypeError(
                errorClass="CANNOT_CONVERT_TYPE",
                messageParameters={"from_type": "Row", "to_type": "dict"},
            )
        if recursive:

            def conv(obj: Any) -> Any:
                if isinstance(obj, Row):
                    return obj.asDict(True)
                if isinstance(obj, list):
                    return [conv(o) for o in obj]
                if isinstance(obj, dict):
                    return {k: conv(v) for k, v in obj.items()}
                return obj

            return dict(zip(self.__fields__, (conv(o) for o in self)))
        return dict(zip(self.__fields__, self))

    def __contains__(self, item: Any) -> bool:
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args: Any) -> Row:
        """Creates a Row with these values and this row's items as field names."""
        if len(args) > len(self):
            raise PySparkValueError(
                errorClass="TOO_MANY_VALUES",
                messageParameters={
                    "expected": str(len(self)),
                    "item": "fields",
                    "actual": str(len(args)),
                },
            )
        return _create_row(self, args)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            idx = self.__fields__.index(item)
            return super().__getitem__(idx)
        except IndexError:
            raise PySparkKeyError(
                errorClass="KEY_NOT_EXISTS", messageParameters={"key": str(item)}
            ) from None
        except ValueError:
            raise PySparkValueError(item) from None

    def __getattr__(self, item: str) -> Any:
        if item.startswith("__"):
            raise PySparkAttributeError(
                errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": item}
            )
        try:
            idx = self.__fields__.index(item)
            return self[idx]
        except (IndexError, ValueError):
            raise PySparkAttributeError(
                errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": item}
            ) from None

    def __setattr__(self, key: Any, value: Any) -> None:
        if key != "__fields__":
            raise PySparkRuntimeError(errorClass="READ_ONLY", messageParameters={"object": "Row"})
        self.__dict__[key] = value

    def __reduce__(self) -> str | tuple[Any, ...]:
        if hasattr(self, "__fields__"):
            return (_create_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self) -> str:
        if hasattr(self, "__fields__"):
            return "Row(%s)" % ", ".join(
                "%s=%r" % (k, v) for k, v in zip(self.__fields__, tuple(self))
            )
        return "<Row(%s)>" % ", ".join(repr(field) for field in self)


def _create_row_inbound_converter(dataType: DataType) -> Callable:
    return lambda *a: dataType.fromInternal(a)


# ---------------------------------------------------------------------------
# JSON schema parsing
# ---------------------------------------------------------------------------

_atomic_types: list[type[DataType]] = [
    StringType,
    CharType,
    VarcharType,
    BinaryType,
    BooleanType,
    DecimalType,
    FloatType,
    DoubleType,
    ByteType,
    ShortType,
    IntegerType,
    LongType,
    DateType,
    TimestampType,
    TimestampNTZType,
    NullType,
    VariantType,
    YearMonthIntervalType,
    DayTimeIntervalType,
]

_complex_types: list[type[DataType]] = [ArrayType, MapType, StructType]
_all_complex_types: dict[str, type[DataType]] = {
    "array": ArrayType,
    "map": MapType,
    "struct": StructType,
}

# Type names parsed by plain lookup in the JSON format.
_all_mappable_types: dict[str, type[DataType]] = {
    "string": StringType,
    "binary": BinaryType,
    "boolean": BooleanType,
    "decimal": DecimalType,
    "float": FloatType,
    "double": DoubleType,
    "byte": ByteType,
    "short": ShortType,
    "integer": IntegerType,
    "long": LongType,
    "date": DateType,
    "timestamp": TimestampType,
    "timestamp_ntz": TimestampNTZType,
    "void": NullType,
    "variant": VariantType,
    "interval": CalendarIntervalType,
}

_LENGTH_CHAR = re.compile(r"char\(\s*(\d+)\s*\)")
_LENGTH_VARCHAR = re.compile(r"varchar\(\s*(\d+)\s*\)")
_STRING_WITH_COLLATION = re.compile(r"string\s+collate\s+(\w+)")
_FIXED_DECIMAL = re.compile(r"decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)")
_INTERVAL_DAYTIME = re.compile(r"interval (day|hour|minute|second)( to (day|hour|minute|second))?")
_INTERVAL_YEARMONTH = re.compile(r"interval (year|month)( to (year|month))?")
_TIME = re.compile(r"time\(\s*(\d+)\s*\)")
_GEOMETRY_CRS = re.compile(r"geometry\(\s*([\w]+:-?[\w]+)\s*\)")
_GEOGRAPHY_CRS = re.compile(r"geography\(\s*([\w]+:-?[\w]+)\s*\)")
_GEOGRAPHY_CRS_ALG = re.compile(r"geography\(\s*([\w]+:-?[\w]+)\s*,\s*(\w+)\s*\)")
_GEOGRAPHY_ALG = re.compile(r"geography\(\s*(\w+)\s*\)")


def _parse_datatype_json_string(json_string: str) -> DataType:
    """Parses a data type from its JSON string (``DataType.json()``).

    >>> _parse_datatype_json_string('{"type":"array","elementType":"long","containsNull":true}')
    ArrayType(LongType(), True)
    """
    return _parse_datatype_json_value(json.loads(json_string))


def _geography_from_crs(crs: str, alg: str) -> GeographyType:
    if alg != GeographyType.DEFAULT_ALG:
        from ember.errors import IllegalArgumentException

        raise IllegalArgumentException(
            errorClass="ST_INVALID_ALGORITHM_VALUE", messageParameters={"alg": str(alg)}
        )
    g = GeographyType(GeographyType._srid_of_crs(crs))
    if g.srid != SpatialType.MIXED_SRID:
        g._crs = crs
    return g


def _geometry_from_crs(crs: str) -> GeometryType:
    g = GeometryType(GeometryType._srid_of_crs(crs))
    if g.srid != SpatialType.MIXED_SRID:
        g._crs = crs
    return g


def _parse_datatype_json_value(
    json_value: dict | str,
    fieldPath: str = "",
    collationsMap: dict[str, str] | None = None,
) -> DataType:
    """Parses a data type from its JSON value (``DataType.jsonValue()``)."""
    if not isinstance(json_value, dict):
        if json_value in _all_mappable_types:
            if collationsMap is not None and fieldPath in collationsMap:
                _assert_valid_type_for_collation(fieldPath, json_value, collationsMap)
                return StringType(collationsMap[fieldPath])
            return _all_mappable_types[json_value]()
        if m := _FIXED_DECIMAL.match(json_value):
            return DecimalType(int(m.group(1)), int(m.group(2)))
        if m := _TIME.match(json_value):
            return TimeType(int(m.group(1)))
        if m := _INTERVAL_DAYTIME.match(json_value):
            inv = DayTimeIntervalType._inverted_fields
            first, second = inv.get(m.group(1)), inv.get(m.group(3))  # type: ignore[arg-type]
            return DayTimeIntervalType(first, second)
        if m := _INTERVAL_YEARMONTH.match(json_value):
            inv = YearMonthIntervalType._inverted_fields
            first, second = inv.get(m.group(1)), inv.get(m.group(3))  # type: ignore[arg-type]
            return YearMonthIntervalType(first, second)
        if m := _STRING_WITH_COLLATION.match(json_value):
            return StringType(m.group(1))
        if m := _LENGTH_CHAR.match(json_value):
            return CharType(int(m.group(1)))
        if m := _LENGTH_VARCHAR.match(json_value):
            return VarcharType(int(m.group(1)))
        if json_value == "geometry":
            return _geometry_from_crs(GeometryType.DEFAULT_CRS)
        if m := _GEOMETRY_CRS.match(json_value):
            return _geometry_from_crs(m.group(1))
        if json_value == "geography":
            return _geography_from_crs(GeographyType.DEFAULT_CRS, GeographyType.DEFAULT_ALG)
        if m := _GEOGRAPHY_CRS.match(json_value):
            return _geography_from_crs(m.group(1), GeographyType.DEFAULT_ALG)
        if m := _GEOGRAPHY_CRS_ALG.match(json_value):
            return _geography_from_crs(m.group(1), m.group(2))
        if m := _GEOGRAPHY_ALG.match(json_value):
            return _geography_from_crs(GeographyType.DEFAULT_CRS, m.group(1))
        raise PySparkValueError(
            errorClass="CANNOT_PARSE_DATATYPE", messageParameters={"msg": str(json_value)}
        )
    tpe = json_value["type"]
    if tpe in _all_complex_types:
        if collationsMap is not None and fieldPath in collationsMap:
            _assert_valid_type_for_collation(fieldPath, tpe, collationsMap)
        if tpe == "array":
            return ArrayType.fromJson(json_value, fieldPath, collationsMap)
        if tpe == "map":
            return MapType.fromJson(json_value, fieldPath, collationsMap)
        return StructType.fromJson(json_value)
    if tpe == "udt":
        return UserDefinedType.fromJson(json_value)
    raise PySparkValueError(
        errorClass="UNSUPPORTED_DATA_TYPE", messageParameters={"data_type": str(tpe)}
    )


def _assert_valid_type_for_collation(
    fieldPath: str, fieldType: Any, collationMap: dict[str, str]
) -> None:
    if fieldPath in collationMap and fieldType != "string":
        raise PySparkTypeError(
            errorClass="INVALID_JSON_DATA_TYPE_FOR_COLLATIONS",
            messageParameters={"jsonType": fieldType},
        )


def _assert_valid_collation_provider(provider: str) -> None:
    if provider.lower() not in StringType.providers:
        raise PySparkValueError(
            errorClass="COLLATION_INVALID_PROVIDER",
            messageParameters={
                "provider": provider,
                "supportedProviders": ", ".join(StringType.providers),
            },
        )


def _drop_metadata(d: DataType) -> DataType:
    """``d`` with the metadata of every (nested) field removed."""
    if isinstance(d, StructField):
        return StructField(d.name, _drop_metadata(d.dataType), d.nullable, None)
    if isinstance(d, StructType):
        return StructType([_drop_metadata(f) for f in d.fields])  # type: ignore[misc]
    if isinstance(d, ArrayType):
        return ArrayType(_drop_metadata(d.elementType), d.containsNull)
    if isinstance(d, MapType):
        return MapType(_drop_metadata(d.keyType), _drop_metadata(d.valueType), d.valueContainsNull)
    return d


def _clone(dt: DataType) -> DataType:
    """A copy of ``dt`` sharing nothing mutable with it."""
    if isinstance(dt, StructType):
        return StructType(
            [
                StructField(f.name, _clone(f.dataType), f.nullable, dict(f.metadata))
                for f in dt.fields
            ]
        )
    if isinstance(dt, ArrayType):
        return ArrayType(_clone(dt.elementType), dt.containsNull)
    if isinstance(dt, MapType):
        return MapType(_clone(dt.keyType), _clone(dt.valueType), dt.valueContainsNull)
    return dt


# ---------------------------------------------------------------------------
# DDL parsing (Spark's ``DataType.fromDDL`` / ``PythonSQLUtils.ddlToJson``)
# ---------------------------------------------------------------------------


class _Tok:
    __slots__ = ("kind", "text", "value", "start", "line", "col")

    def __init__(self, kind: str, text: str, value: Any, start: int, line: int, col: int):
        self.kind = kind  # WORD, BQ, STR, INT, NUM, OP, EOF
        self.text = text  # source text
        self.value = value  # lower-cased word, identifier, unescaped string, int
        self.start = start
        self.line = line
        self.col = col

    def display(self) -> str:
        return "end of input" if self.kind == "EOF" else "'%s'" % self.text


class _DDLError(Exception):
    """Carries the error a DDL parse attempt raises."""

    def __init__(self, exc: BaseException):
        super().__init__(str(exc))
        self.exc = exc


_OPERATORS = (
    "<=>",
    "<>",
    "<=",
    ">=",
    "!=",
    "==",
    "=>",
    "->",
    "::",
    "||",
    "|>",
)
_SINGLE_OPS = set("<>=,:;.()[]{}+-*/%~&|^!?")
_NUMERIC_LITERAL = re.compile(r"\d+(L|S|Y|D|F|BD|E[+-]?\d+)", re.IGNORECASE)
_UNESCAPES = {
    "0": "\u0000",
    "'": "'",
    '"': '"',
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "Z": "\u001a",
    "\\": "\\",
    "%": "\\%",
    "_": "\\_",
}


def _unescape_sql_string(body: str, quote: str) -> str:
    """Spark's ``unescapeSQLString`` for the text between the quotes."""
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == quote and i + 1 < n and body[i + 1] == quote:
            out.append(quote)
            i += 2
        elif c == "\\" and i + 1 < n:
            nxt = body[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
            elif re.fullmatch(r"[0-3][0-7]{2}", body[i + 1 : i + 4]):
                out.append(chr(int(body[i + 1 : i + 4], 8)))
                i += 4
            else:
                out.append(_UNESCAPES.get(nxt, nxt))
                i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _is_ident_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _tokenize_ddl(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    line, line_start = 1, 0
    complex_level = 0  # Spark's lexer: '>>' is one token only outside complex types

    def add(kind: str, start: int, end: int, value: Any = None) -> None:
        toks.append(_Tok(kind, text[start:end], value, start, line, start - line_start))

    while i < n:
        c = text[i]
        if c == "\n":
            i += 1
            line, line_start = line + 1, i
            continue
        if c.isspace():
            i += 1
            continue
        if text.startswith("--", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("/*", i) and not text.startswith("/*+", i):
            depth, j = 0, i
            while j < n:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                    if depth == 0:
                        break
                else:
                    if text[j] == "\n":
                        line, line_start = line + 1, j + 1
                    j += 1
            if depth:
                raise _DDLError(
                    _parse_exception(
                        text,
                        "UNCLOSED_BRACKETED_COMMENT",
                        {},
                        "Found an unclosed bracketed comment. Please, append */ at the end "
                        "of the comment.",
                        "42601",
                    )
                )
            i = j
            continue
        start = i
        raw = c in "rR" and i + 1 < n and text[i + 1] in "'\""
        if c in "'\"" or raw:
            q_at = i + 1 if raw else i
            quote = text[q_at]
            j = q_at + 1
            while j < n:
                if text[j] == "\\" and not raw and j + 1 < n:
                    j += 2
                elif text[j] == quote:
                    if j + 1 < n and text[j + 1] == quote and not raw:
                        j += 2
                    else:
                        break
                else:
                    j += 1
            if j >= n:  # unterminated: Spark's lexer yields the quote as an unknown token
                add("OP", q_at, q_at + 1)
                toks[-1].col = q_at - line_start
                toks[-1].start = q_at
                i = q_at + 1
                continue
            body = text[q_at + 1 : j]
            value = body if raw else _unescape_sql_string(body, quote)
            add("STR", start, j + 1, value)
            for k in range(start, j + 1):
                if text[k] == "\n":
                    line, line_start = line + 1, k + 1
            i = j + 1
            continue
        if c == "`":
            j, parts = i + 1, []
            while j < n:
                if text[j] == "`":
                    if j + 1 < n and text[j + 1] == "`":
                        parts.append("`")
                        j += 2
                        continue
                    break
                parts.append(text[j])
                j += 1
            if j >= n:
                add("OP", i, i + 1)
                i += 1
                continue
            add("BQ", i, j + 1, "".join(parts))
            i = j + 1
            continue
        if _is_ident_char(c):
            j = i
            while j < n and _is_ident_char(text[j]):
                j += 1
            word = text[i:j]
            if word.isdigit():
                if j < n and text[j] == "." and j + 1 < n and text[j + 1].isdigit():
                    k = j + 1
                    while k < n and text[k].isdigit():
                        k += 1
                    add("NUM", i, k)
                    i = k
                    continue
                add("INT", i, j, int(word))
            elif word[0].isdigit() and _NUMERIC_LITERAL.fullmatch(word):
                add("NUM", i, j)
            else:
                lower = word.lower()
                add("WORD", i, j, lower)
                if lower in ("array", "map", "struct"):
                    complex_level += 1
            i = j
            continue
        if c == ">" and complex_level == 0:
            op = ">>>" if text.startswith(">>>", i) else ">>" if text.startswith(">>", i) else ""
            if op:
                add("OP", i, i + len(op))
                i += len(op)
                continue
        for op in _OPERATORS:
            if text.startswith(op, i):
                add("OP", i, i + len(op))
                i += len(op)
                break
        else:
            add("OP", i, i + 1)
            if c == ">" and complex_level > 0:
                complex_level -= 1
            i += 1
    toks.append(_Tok("EOF", "<EOF>", None, n, line, n - line_start))
    return toks


def _parse_exception(
    text: str,
    condition: str,
    params: dict[str, str],
    message: str,
    sqlstate: str,
    tok: _Tok | None = None,
) -> BaseException:
    """A ``ParseException`` with Spark's text: the message, then the SQL with a caret."""
    from ember.errors.exceptions.captured import ParseException

    body = f"\n[{condition}] {message} SQLSTATE: {sqlstate}"
    if tok is None:
        full = body + "\n== SQL ==\n" + text
    else:
        lines = text.split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        above, below = lines[: tok.line], lines[tok.line :]
        full = (
            body
            + f" (line {tok.line}, pos {tok.col})\n\n== SQL ==\n"
            + "".join(s + "\n" for s in above)
            + "-" * tok.col
            + "^^^\n"
            + "".join(s + "\n" for s in below)
        )
    return ParseException(
        message=full, errorClass=condition, messageParameters=params, sqlState=sqlstate
    )


_TRIVIAL_TYPES: dict[str, Callable[[], DataType]] = {
    "boolean": BooleanType,
    "tinyint": ByteType,
    "byte": ByteType,
    "smallint": ShortType,
    "short": ShortType,
    "int": IntegerType,
    "integer": IntegerType,
    "bigint": LongType,
    "long": LongType,
    "float": FloatType,
    "real": FloatType,
    "double": DoubleType,
    "date": DateType,
    "binary": BinaryType,
    "void": NullType,
    "variant": VariantType,
}
_PARAM_TYPES = {
    "string",
    "char",
    "character",
    "varchar",
    "decimal",
    "dec",
    "numeric",
    "interval",
    "timestamp",
    "timestamp_ltz",
    "timestamp_ntz",
    "time",
    "geography",
    "geometry",
}
_COMPLEX_TYPES = {"array", "map", "struct"}
_TYPE_KEYWORDS = set(_TRIVIAL_TYPES) | _PARAM_TYPES | _COMPLEX_TYPES
_YM_FIELDS = ("year", "month")
_DT_FIELDS = ("day", "hour", "minute", "second")
_INCOMPLETE = {
    "array": (
        'Incomplete complex type: The definition of "ARRAY" type is incomplete. You must '
        'provide an element type. For example: "ARRAY<INT>".',
        {"elementType": "<INT>"},
    ),
    "map": (
        'Incomplete complex type: The definition of "MAP" type is incomplete. You must '
        'provide a key type and a value type. For example: "MAP<TIMESTAMP, INT>".',
        {},
    ),
    "struct": (
        'Incomplete complex type: The definition of "STRUCT" type is incomplete. You must '
        'provide at least one field type. For example: "STRUCT<name STRING, phone '
        'DECIMAL(10, 0)>".',
        {},
    ),
}
_INVALID_IDENTIFIER_MSG = (
    "The unquoted identifier {0} is invalid and must be back quoted as: `{0}`.\n"
    "Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits "
    "('0' - '9'), and underbar ('_').\n"
    "Unquoted identifiers must also not start with a digit.\n"
    "Different data sources and meta stores may impose additional restrictions on valid "
    "identifiers."
)


def _normalize_collation(name: str) -> str:
    upper = name.upper()
    if upper.startswith(("UTF8", "UNICODE")):
        return upper
    return name


class _DDLParser:
    """Recursive descent over Spark's ``colTypeList`` / ``dataType`` rules.

    Syntax errors are raised where ANTLR reports them in the common cases
    (offending token, ``extra input`` / ``missing`` hints); errors found while
    building types (unsupported type, missing length, ...) are reported only
    when the whole text parses, first one first, as Spark's visitor does.
    """

    def __init__(self, text: str):
        self.text = text
        self.toks = _tokenize_ddl(text)
        self.i = 0
        self.semantic: BaseException | None = None
        self.depth = 0  # nesting inside array<...>, map<...>, struct<...>
        self.pending_ident: BaseException | None = None

    # -- helpers -----------------------------------------------------------------------

    def peek(self, k: int = 0) -> _Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def advance(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_word(self, tok: _Tok, *words: str) -> bool:
        return tok.kind == "WORD" and tok.value in words

    def is_op(self, tok: _Tok, op: str) -> bool:
        return tok.kind == "OP" and tok.text == op

    def syntax_error(self, tok: _Tok, hint: str = "") -> _DDLError:
        return _DDLError(
            _parse_exception(
                self.text,
                "PARSE_SYNTAX_ERROR",
                {"error": tok.display(), "hint": hint},
                f"Syntax error at or near {tok.display()}{hint}.",
                "42601",
                tok,
            )
        )

    def semantic_error(self, exc: BaseException) -> None:
        if self.semantic is None:
            self.semantic = exc

    def semantic_parse_error(
        self, condition: str, params: dict[str, str], message: str, sqlstate: str, tok: _Tok
    ) -> None:
        if self.semantic is None:
            self.semantic = _parse_exception(self.text, condition, params, message, sqlstate, tok)

    def finish(self, result: DataType) -> DataType:
        if self.semantic is not None:
            raise _DDLError(self.semantic)
        return result

    # -- grammar -----------------------------------------------------------------------

    def parse_table_schema(self) -> DataType:
        fields = []
        while True:
            name = self.parse_identifier()
            dt, bare = self.parse_data_type()
            nullable, metadata, plain = self.parse_column_options()
            fields.append(StructField(name, dt, nullable, metadata))
            tok = self.peek()
            if self.is_op(tok, ","):
                self.advance()
                continue
            if tok.kind == "EOF":
                break
            if bare and plain:
                raise self.syntax_error(tok)
            self.raise_extra_input(tok)
        return self.finish(StructType(fields))

    def parse_single_type(self) -> DataType:
        dt, bare = self.parse_data_type()
        tok = self.peek()
        if tok.kind != "EOF":
            if bare:
                raise self.syntax_error(tok)
            self.raise_extra_input(tok)
        return self.finish(dt)

    def raise_extra_input(self, tok: _Tok) -> None:
        if self.peek(1).kind == "EOF":
            raise self.syntax_error(tok, f": extra input {tok.display()}")
        raise self.syntax_error(tok)

    def parse_identifier(self) -> str:
        tok = self.peek()
        if tok.kind == "BQ":
            self.advance()
            return tok.value
        if tok.kind != "WORD":
            raise self.syntax_error(tok)
        self.advance()
        if not tok.text.isascii():
            self.ident_error(tok.text, tok)
        if self.is_op(self.peek(), "-") and self.peek(1).kind in ("WORD", "BQ"):
            parts, dash = [tok.text], self.peek()
            while self.is_op(self.peek(), "-") and self.peek(1).kind in ("WORD", "BQ"):
                self.advance()
                parts.append(self.advance().text)
            self.ident_error("-".join(parts), dash)
        return tok.text

    def ident_error(self, ident: str, tok: _Tok) -> None:
        exc = _parse_exception(
            self.text,
            "INVALID_IDENTIFIER",
            {"ident": ident},
            _INVALID_IDENTIFIER_MSG.format(ident),
            "42602",
            tok,
        )
        if self.depth == 0:
            raise _DDLError(exc)
        if self.pending_ident is None:
            self.pending_ident = exc

    def parse_column_options(self) -> tuple[bool, dict[str, Any], bool]:
        """``[NOT NULL] [COMMENT 'text']``; the last item is True when neither is there."""
        nullable, metadata, plain = True, {}, True
        if self.is_word(self.peek(), "not"):
            plain = False
            self.advance()
            tok = self.peek()
            if self.is_word(tok, "null"):
                self.advance()
            elif self.is_word(self.peek(1), "null"):
                raise self.syntax_error(tok, f": extra input {tok.display()}")
            elif self.is_word(tok, "comment") or self.is_op(tok, ",") or tok.kind == "EOF":
                raise self.syntax_error(tok, ": missing 'NULL'")
            else:
                raise self.syntax_error(tok)
            nullable = False
        if self.is_word(self.peek(), "comment"):
            plain = False
            self.advance()
            metadata = {"comment": self.parse_string()}
        return nullable, metadata, plain

    def parse_string(self) -> str:
        tok = self.peek()
        if tok.kind != "STR":
            raise self.syntax_error(tok)
        parts = []
        while self.peek().kind == "STR":
            parts.append(self.advance().value)
        return "".join(parts)

    def parse_int_params(self) -> list[_Tok]:
        """``'(' INT (',' INT)* ')'``, at the '('."""
        self.advance()
        params = []
        while True:
            tok = self.peek()
            if tok.kind != "INT":
                raise self.syntax_error(tok)
            params.append(self.advance())
            tok = self.peek()
            if self.is_op(tok, ","):
                self.advance()
                continue
            if self.is_op(tok, ")"):
                self.advance()
                return params
            raise self.syntax_error(tok)

    def unsupported(self, start: _Tok, name: str, params: list[_Tok]) -> DataType:
        text = name
        if params:
            text += "(" + ",".join(str(p.value) for p in params) + ")"
        type_name = '"%s"' % text.upper()
        self.semantic_parse_error(
            "UNSUPPORTED_DATATYPE",
            {"typeName": type_name},
            f"Unsupported data type {type_name}.",
            "0A000",
            start,
        )
        return NullType()

    def parse_data_type(self) -> tuple[DataType, bool]:
        """A data type and whether it is a bare type keyword (which ANTLR could
        also read as an identifier, so that errors after it carry no hint)."""
        tok = self.peek()
        if tok.kind == "BQ":
            self.advance()
            params = self.parse_int_params() if self.is_op(self.peek(), "(") else []
            return self.unsupported(tok, tok.value, params), False
        if tok.kind != "WORD":
            raise self.syntax_error(tok)
        word = tok.value
        if word in _COMPLEX_TYPES:
            return self.parse_complex(tok)
        self.advance()
        if word in _TRIVIAL_TYPES:
            if self.is_op(self.peek(), "("):
                return self.unsupported(tok, tok.text, self.parse_int_params()), False
            return _TRIVIAL_TYPES[word](), True
        if word in _PARAM_TYPES:
            return self.parse_param_type(tok)
        params = self.parse_int_params() if self.is_op(self.peek(), "(") else []
        return self.unsupported(tok, tok.text, params), False

    def parse_param_type(self, tok: _Tok) -> tuple[DataType, bool]:
        word = tok.value
        if word in ("geography", "geometry") and self.match_ops_any():
            return (GeographyType if word == "geography" else GeometryType)("ANY"), False
        params: list[_Tok] = []
        if self.is_op(self.peek(), "("):
            params = self.parse_int_params()
        bare = not params
        if word == "string":
            if params:
                return self.unsupported(tok, tok.text, params), False
            if self.is_word(self.peek(), "collate"):
                return StringType(self.parse_collate()), False
            return StringType(), True
        if word in ("char", "character", "varchar"):
            if len(params) > 1:
                return self.unsupported(tok, tok.text, params), False
            if self.is_word(self.peek(), "collate"):
                self.parse_collate()
                bare = False
            if not params:
                type_name = '"%s"' % tok.text.upper()
                self.semantic_parse_error(
                    "DATATYPE_MISSING_SIZE",
                    {"type": type_name},
                    f"DataType {type_name} requires a length parameter, for example "
                    f"{type_name}(10). Please specify the length.",
                    "42K01",
                    tok,
                )
                return NullType(), bare
            length = params[0].value
            return (CharType(length) if word != "varchar" else VarcharType(length)), False
        if word in ("decimal", "dec", "numeric"):
            if len(params) > 2:
                return self.unsupported(tok, tok.text, params), False
            if not params:
                return DecimalType(10, 0), True
            precision = params[0].value
            scale = params[1].value if len(params) > 1 else 0
            return self.make_decimal(precision, scale), False
        if word == "interval":
            if params:
                return self.unsupported(tok, tok.text, params), False
            return self.parse_interval(tok)
        if word in ("timestamp", "timestamp_ltz", "timestamp_ntz"):
            if len(params) > 1:
                return self.unsupported(tok, tok.text, params), False
            ntz = word == "timestamp_ntz"
            if word == "timestamp":
                if self.match_words("with", "local", "time", "zone"):
                    bare = False
                elif self.match_words("without", "time", "zone"):
                    ntz, bare = True, False
            if params and params[0].value != 6:
                self.semantic_error(self.timestamp_precision_error(params[0].value, ntz))
            return (TimestampNTZType() if ntz else TimestampType()), bare
        if word == "time":
            if len(params) > 1:
                return self.unsupported(tok, tok.text, params), False
            if self.match_words("without", "time", "zone"):
                bare = False
            precision = params[0].value if params else 6
            if precision > 9:
                self.semantic_error(
                    _unknown_error(
                        "UNSUPPORTED_TIME_PRECISION",
                        {"precision": str(precision)},
                        f"The seconds precision {precision} of the TIME data type is out of "
                        "the supported range [0, 9].",
                        "0A001",
                    )
                )
            return TimeType(precision), bare
        # geography / geometry: only the parameterized forms are types
        if len(params) == 1:
            cls = GeographyType if word == "geography" else GeometryType
            try:
                return cls(params[0].value), False
            except Exception as exc:  # invalid SRID
                self.semantic_error(exc)
                return NullType(), False
        return self.unsupported(tok, tok.text, params), False

    def timestamp_precision_error(self, precision: int, ntz: bool) -> BaseException:
        name = "TIMESTAMP_NTZ" if ntz else "TIMESTAMP_LTZ"
        return _unknown_error(
            "INVALID_TIMESTAMP_PRECISION",
            {"precision": str(precision), "type": name},
            f"The seconds precision {precision} of {name} is invalid. Expected an integer in "
            f"[7, 9] for nanosecond precision; use precision 6 or parameterless {name} for "
            "the standard microsecond type.",
            "22023",
        )

    def match_ops_any(self) -> bool:
        """Consumes ``(ANY)``."""
        if (
            self.is_op(self.peek(), "(")
            and self.is_word(self.peek(1), "any")
            and self.is_op(self.peek(2), ")")
        ):
            self.i += 3
            return True
        return False

    def match_words(self, *words: str) -> bool:
        """Consumes ``words`` if the next tokens are exactly these keywords."""
        for k, w in enumerate(words):
            if not self.is_word(self.peek(k), w):
                return False
        self.i += len(words)
        return True

    def parse_collate(self) -> str:
        self.advance()
        parts = [self.parse_identifier()]
        while self.is_op(self.peek(), "."):
            self.advance()
            parts.append(self.parse_identifier())
        return _normalize_collation(parts[-1])

    def make_decimal(self, precision: int, scale: int) -> DataType:
        if scale > precision:
            self.semantic_error(
                _parse_exception(
                    self.text,
                    "DECIMAL_SCALE_EXCEEDS_PRECISION",
                    {"scale": str(scale), "precision": str(precision)},
                    f"Decimal scale ({scale}) cannot be greater than precision ({precision}).",
                    "22003",
                )
            )
        elif precision > 38:
            from ember.errors.exceptions.captured import ArithmeticException

            self.semantic_error(
                ArithmeticException(
                    message=(
                        "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision "
                        f"{precision} exceeds max precision 38. SQLSTATE: 22003"
                    ),
                    errorClass="DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                    messageParameters={"precision": str(precision), "maxPrecision": "38"},
                    sqlState="22003",
                )
            )
        return DecimalType(precision, scale)

    def parse_interval(self, tok: _Tok) -> tuple[DataType, bool]:
        nxt = self.peek()
        if nxt.kind != "WORD" or nxt.value not in _YM_FIELDS + _DT_FIELDS:
            return CalendarIntervalType(), True
        self.advance()
        start = nxt.value
        end = None
        allowed = ("month",) if start in _YM_FIELDS else ("hour", "minute", "second")
        if self.is_word(self.peek(), "to") and self.is_word(self.peek(1), *allowed):
            self.advance()
            end = self.advance().value
        if start in _YM_FIELDS:
            cls: Any = YearMonthIntervalType
            fields = YearMonthIntervalType._inverted_fields
        else:
            cls = DayTimeIntervalType
            fields = DayTimeIntervalType._inverted_fields
        if end is None:
            return cls(fields[start]), False
        if fields[end] <= fields[start]:
            self.semantic_parse_error(
                "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION",
                {"input": "", "from": start, "to": end},
                "Error parsing '' to interval. Please ensure that the value provided is in a "
                "valid format for defining an interval. You can reference the documentation "
                f"for the correct format. Cannot support (interval '' {start} to {end}) "
                "expression.",
                "22006",
                tok,
            )
            return NullType(), False
        return cls(fields[start], fields[end]), False

    def parse_complex(self, tok: _Tok) -> tuple[DataType, bool]:
        self.advance()
        word = tok.value
        nxt = self.peek()
        if self.is_op(nxt, "("):
            return self.unsupported(tok, tok.text, self.parse_int_params()), False
        if word == "struct" and self.is_op(nxt, "<>"):
            self.advance()
            return StructType(), False
        if not self.is_op(nxt, "<"):
            message, params = _INCOMPLETE[word]
            self.semantic_parse_error(
                f"INCOMPLETE_TYPE_DEFINITION.{word.upper()}", params, message, "42K01", tok
            )
            return NullType(), True
        outermost = self.depth == 0
        self.depth += 1
        try:
            self.advance()
            if word == "array":
                element, _ = self.parse_data_type()
                self.expect(">")
                result: DataType = ArrayType(element)
            elif word == "map":
                key, _ = self.parse_data_type()
                self.expect(",")
                value, _ = self.parse_data_type()
                self.expect(">")
                result = MapType(key, value)
            else:
                result = StructType(self.parse_struct_fields())
        except _DDLError as err:
            # ANTLR falls back to reading the keyword as a (bad) type name, so the
            # error is at the '<' after it.
            if outermost and isinstance(err.exc, _parse_exception_class()):
                if err.exc.getCondition() == "PARSE_SYNTAX_ERROR":
                    raise self.syntax_error(nxt) from None
            raise
        finally:
            self.depth -= 1
        if outermost and self.pending_ident is not None:
            raise _DDLError(self.pending_ident)
        return result, False

    def expect(self, op: str) -> None:
        tok = self.peek()
        if not self.is_op(tok, op):
            raise self.syntax_error(tok)
        self.advance()

    def parse_struct_fields(self) -> list[StructField]:
        fields: list[StructField] = []
        if self.is_op(self.peek(), ">"):
            self.advance()
            return fields
        while True:
            name = self.parse_identifier()
            if self.is_op(self.peek(), ":"):
                self.advance()
            dt, _ = self.parse_data_type()
            nullable, metadata, _ = self.parse_column_options()
            fields.append(StructField(name, dt, nullable, metadata))
            tok = self.peek()
            if self.is_op(tok, ","):
                self.advance()
                continue
            self.expect(">")
            return fields


def _parse_exception_class() -> type:
    from ember.errors.exceptions.captured import ParseException

    return ParseException


def _unknown_error(condition: str, params: dict[str, str], message: str, sqlstate: str) -> Any:
    from ember.errors.exceptions.captured import UnknownException

    return UnknownException(
        message=f"[{condition}] {message} SQLSTATE: {sqlstate}",
        errorClass=condition,
        messageParameters=params,
        sqlState=sqlstate,
    )


def _try_parse(text: str, single_type: bool) -> DataType:
    parser = _DDLParser(text)
    if single_type:
        return parser.parse_single_type()
    return parser.parse_table_schema()


@functools.lru_cache(maxsize=512)
def _parse_ddl_cached(s: str) -> DataType | BaseException:
    # Spark tries a table schema ("a INT, b STRING"), then a single type ("int",
    # "struct<a:int>"), then the legacy "a: int, b: string" as struct<...>. A
    # failure of the later attempts reports the first attempt's error, unless it
    # is not a parse error.
    try:
        return _try_parse(s, single_type=False)
    except _DDLError as err:
        first = err.exc
    parse_exc = _parse_exception_class()
    for text in (s, f"struct<{s.strip()}>"):
        try:
            return _try_parse(text, single_type=True)
        except _DDLError as err:
            if not isinstance(err.exc, parse_exc):
                return err.exc
    return first


def _parse_datatype_string(s: str) -> DataType:
    """Parses a DDL string: a table schema, a type (``simpleString`` form), or the
    legacy ``"a: int, b: string"``; case-insensitive.

    >>> _parse_datatype_string("int ")
    IntegerType()
    >>> _parse_datatype_string("a: byte, b: decimal(  16 , 8   ) ")
    StructType([StructField('a', ByteType(), True), StructField('b', DecimalType(16,8), True)])
    >>> _parse_datatype_string("a DOUBLE, b CHAR( 50 )")
    StructType([StructField('a', DoubleType(), True), StructField('b', CharType(50), True)])
    >>> _parse_datatype_string(" map<string , string > ")
    MapType(StringType(), StringType(), True)
    """
    result = _parse_ddl_cached(s)
    if isinstance(result, BaseException):
        raise result.with_traceback(None)
    return _clone(result)


# ---------------------------------------------------------------------------
# Schema inference and merging
# ---------------------------------------------------------------------------

# Python type -> Spark type (exact type match, as in PySpark)
_type_mappings: dict[type, type[DataType]] = {
    type(None): NullType,
    Geometry: GeometryType,
    Geography: GeographyType,
    bool: BooleanType,
    int: LongType,
    float: DoubleType,
    str: StringType,
    bytearray: BinaryType,
    decimal.Decimal: DecimalType,
    datetime.date: DateType,
    datetime.datetime: TimestampType,
    datetime.time: TimeType,
    datetime.timedelta: DayTimeIntervalType,
    bytes: BinaryType,
}


def _int_size_to_type(size: int) -> type[DataType] | None:
    """The integral type holding signed integers of ``size`` bits."""
    if size <= 8:
        return ByteType
    if size <= 16:
        return ShortType
    if size <= 32:
        return IntegerType
    if size <= 64:
        return LongType
    return None


# array.array typecode -> Spark element type
_array_type_mappings: dict[str, type[DataType]] = {"f": FloatType, "d": DoubleType}
for _code, _ctype in {
    "b": ctypes.c_byte,
    "h": ctypes.c_short,
    "i": ctypes.c_int,
    "l": ctypes.c_long,
}.items():
    _dt = _int_size_to_type(ctypes.sizeof(_ctype) * 8)
    if _dt is not None:
        _array_type_mappings[_code] = _dt
for _code, _ctype in {
    "B": ctypes.c_ubyte,
    "H": ctypes.c_ushort,
    "I": ctypes.c_uint,
    "L": ctypes.c_ulong,
}.items():
    _dt = _int_size_to_type(ctypes.sizeof(_ctype) * 8 + 1)  # unsigned needs one more bit
    if _dt is not None:
        _array_type_mappings[_code] = _dt
if sys.version_info[0] < 4:
    _array_type_mappings["u"] = StringType


def _from_numpy_type(nt: Any) -> DataType | None:
    """The Spark type of a NumPy dtype, or None."""
    import numpy as np

    mapping = {
        np.dtype("bool"): BooleanType,
        np.dtype("int8"): ByteType,
        np.dtype("int16"): ShortType,
        np.dtype("int32"): IntegerType,
        np.dtype("int64"): LongType,
        np.dtype("float32"): FloatType,
        np.dtype("float64"): DoubleType,
    }
    for k, v in mapping.items():
        if nt == k:
            return v()
    if nt.type == np.dtype("str"):
        return StringType()
    return None


def _infer_type(
    obj: Any,
    infer_dict_as_struct: bool = False,
    infer_array_from_first_element: bool = False,
    infer_map_from_first_pair: bool = False,
    prefer_timestamp_ntz: bool = False,
) -> DataType:
    """The Spark type of a Python value.

    >>> _infer_type(1), _infer_type([1.5, None]), _infer_type({"a": "x"})
    (LongType(), ArrayType(DoubleType(), True), MapType(StringType(), StringType(), True))
    """
    if obj is None:
        return NullType()
    if hasattr(obj, "__UDT__"):
        return obj.__UDT__
    dataType = _type_mappings.get(type(obj))
    if dataType is not None:
        if dataType is DecimalType:
            return DecimalType(38, 18)
        if dataType is TimestampType and prefer_timestamp_ntz and obj.tzinfo is None:
            return TimestampNTZType()
        if dataType is GeographyType or dataType is GeometryType:
            return dataType(obj.getSrid())  # type: ignore[call-arg]
        return dataType()

    def infer(v: Any) -> DataType:
        return _infer_type(
            v,
            infer_dict_as_struct,
            infer_array_from_first_element,
            infer_map_from_first_pair,
            prefer_timestamp_ntz,
        )

    if isinstance(obj, dict):
        if infer_dict_as_struct:
            struct = StructType()
            for key, value in obj.items():
                if key is not None and value is not None:
                    struct.add(key, infer(value), True)
            return struct
        if infer_map_from_first_pair:
            for key, value in obj.items():
                if key is not None and value is not None:
                    return MapType(infer(key), infer(value), True)
            return MapType(NullType(), NullType(), True)
        key_type: DataType = NullType()
        value_type: DataType = NullType()
        for key, value in obj.items():
            if key is not None:
                key_type = _merge_type(key_type, infer(key))
            if value is not None:
                value_type = _merge_type(value_type, infer(value))
        return MapType(key_type, value_type, True)
    if isinstance(obj, list):
        if not obj:
            return ArrayType(NullType(), True)
        if infer_array_from_first_element:
            return ArrayType(infer(obj[0]), True)
        return ArrayType(reduce(_merge_type, (infer(v) for v in obj)), True)
    if isinstance(obj, array):
        if obj.typecode in _array_type_mappings:
            return ArrayType(_array_type_mappings[obj.typecode](), False)
        raise PySparkTypeError(
            errorClass="UNSUPPORTED_DATA_TYPE",
            messageParameters={"data_type": f"array({obj.typecode})"},
        )
    if isinstance(obj, VariantVal):
        return VariantType()
    try:
        return _infer_schema(
            obj,
            infer_dict_as_struct=infer_dict_as_struct,
            infer_array_from_first_element=infer_array_from_first_element,
            infer_map_from_first_pair=infer_map_from_first_pair,
            prefer_timestamp_ntz=prefer_timestamp_ntz,
        )
    except TypeError:
        raise PySparkTypeError(
            errorClass="UNSUPPORTED_DATA_TYPE",
            messageParameters={"data_type": type(obj).__name__},
        ) from None


def _infer_schema(
    row: Any,
    names: list[str] | None = None,
    infer_dict_as_struct: bool = False,
    infer_array_from_first_element: bool = False,
    infer_map_from_first_pair: bool = False,
    prefer_timestamp_ntz: bool = False,
) -> StructType:
    """The schema of one row: a dict (keys sorted), Row, namedtuple, tuple/list
    (fields ``_1``, ``_2``, ... unless ``names``) or object (its ``__dict__``).

    >>> _infer_schema((1, "x"))
    StructType([StructField('_1', LongType(), True), StructField('_2', StringType(), True)])
    """
    items: Iterable[tuple[str, Any]]
    if isinstance(row, dict):
        items = sorted(row.items())
    elif isinstance(row, (tuple, list)):
        if hasattr(row, "__fields__"):  # Row
            items = zip(row.__fields__, tuple(row))
        elif hasattr(row, "_fields"):  # namedtuple
            items = zip(row._fields, tuple(row))
        else:
            if names is None:
                names = ["_%d" % i for i in range(1, len(row) + 1)]
            elif len(names) < len(row):
                names = list(names) + ["_%d" % i for i in range(len(names) + 1, len(row) + 1)]
            items = zip(names, row)
    elif hasattr(row, "__dict__"):  # object
        items = sorted(row.__dict__.items())
    else:
        raise PySparkTypeError(
            errorClass="CANNOT_INFER_SCHEMA_FOR_TYPE",
            messageParameters={"data_type": type(row).__name__},
        )
    fields = []
    for k, v in items:
        try:
            dt = _infer_type(
                v,
                infer_dict_as_struct,
                infer_array_from_first_element,
                infer_map_from_first_pair,
                prefer_timestamp_ntz,
            )
        except TypeError:
            raise PySparkTypeError(
                errorClass="CANNOT_INFER_TYPE_FOR_FIELD", messageParameters={"field_name": k}
            ) from None
        fields.append(StructField(k, dt, True))
    return StructType(fields)


def _has_nulltype(dt: DataType) -> bool:
    """Whether there is a NullType anywhere in ``dt``."""
    if isinstance(dt, StructType):
        return any(_has_nulltype(f.dataType) for f in dt.fields)
    if isinstance(dt, ArrayType):
        return _has_nulltype(dt.elementType)
    if isinstance(dt, MapType):
        return _has_nulltype(dt.keyType) or _has_nulltype(dt.valueType)
    return isinstance(dt, NullType)


def _has_type(dt: DataType, dts: type | tuple[type, ...]) -> bool:
    """Whether ``dt`` is or contains a type of class ``dts``."""
    if isinstance(dt, dts):
        return True
    if isinstance(dt, StructType):
        return any(_has_type(f.dataType, dts) for f in dt.fields)
    if isinstance(dt, ArrayType):
        return _has_type(dt.elementType, dts)
    if isinstance(dt, MapType):
        return _has_type(dt.keyType, dts) or _has_type(dt.valueType, dts)
    if isinstance(dt, UserDefinedType):
        return _has_type(dt.sqlType(), dts)
    return False


def _merge_type(a: DataType, b: DataType, name: str | None = None) -> DataType:
    """The common type of two inferred types: None merges with anything, any
    atomic type with a string gives a string, structs merge by field name.

    >>> _merge_type(LongType(), NullType()), _merge_type(LongType(), StringType())
    (LongType(), StringType())
    """
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    if isinstance(a, TimestampType) and isinstance(b, TimestampNTZType):
        return a
    if isinstance(a, TimestampNTZType) and isinstance(b, TimestampType):
        return b
    if isinstance(a, GeometryType) and isinstance(b, GeometryType) and a.srid != b.srid:
        return GeometryType("ANY")
    if isinstance(a, GeographyType) and isinstance(b, GeographyType) and a.srid != b.srid:
        return GeographyType("ANY")
    if isinstance(a, AtomicType) and isinstance(b, StringType):
        return b
    if isinstance(a, StringType) and isinstance(b, AtomicType):
        return a
    if type(a) is not type(b):
        raise PySparkTypeError(
            errorClass="CANNOT_MERGE_TYPE",
            messageParameters={"data_type1": type(a).__name__, "data_type2": type(b).__name__},
        )
    if isinstance(a, StructType):
        assert isinstance(b, StructType)
        nfs = {f.name: f.dataType for f in b.fields}

        def field_name(n: str) -> str:
            return "field %s" % n if name is None else "field %s in %s" % (n, name)

        fields = [
            StructField(
                f.name,
                _merge_type(f.dataType, nfs.get(f.name, NullType()), name=field_name(f.name)),
            )
            for f in a.fields
        ]
        seen = {f.name for f in fields}
        for n, t in nfs.items():
            if n not in seen:
                fields.append(StructField(n, t))
        return StructType(fields)
    if isinstance(a, ArrayType):
        assert isinstance(b, ArrayType)
        return ArrayType(
            _merge_type(a.elementType, b.elementType, name="element in array %s" % name), True
        )
    if isinstance(a, MapType):
        assert isinstance(b, MapType)
        return MapType(
            _merge_type(a.keyType, b.keyType, name="key of map %s" % name),
            _merge_type(a.valueType, b.valueType, name="value of map %s" % name),
            True,
        )
    return a


_FLAT_PYTHON_TYPES = frozenset(t for t in _type_mappings if t not in (Geometry, Geography))


def _row_shape(row: Any) -> tuple | None:
    """What determines the inferred schema of a row whose values are all flat
    (None, bool, int, float, str, bytes, decimal, date, datetime, ...), else None."""
    cls = type(row)
    if cls is tuple or cls is list:
        types = tuple(map(type, row))
        names: Any = None
    elif cls is dict:
        names = tuple(row)
        types = tuple(map(type, row.values()))
    elif cls is Row and "__fields__" in row.__dict__:
        names = tuple(row.__fields__)
        types = tuple(map(type, row))
    else:
        return None
    if not _FLAT_PYTHON_TYPES.issuperset(types):
        return None
    return (cls, names, types)


def _infer_schema_from_list(
    data: list[Any], names: list[str] | None = None, prefer_timestamp_ntz: bool = False
) -> StructType:
    """The schema of local rows, merged over all of them (``createDataFrame``)."""
    if not data:
        raise PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    schema: DataType | None = None
    seen: set[tuple] = set()
    for row in data:
        # Merging is idempotent, so a row shaped like an earlier one (same kind,
        # names and flat value types) cannot change the schema: skip it.
        key = None if prefer_timestamp_ntz else _row_shape(row)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        inferred = _infer_schema(row, names, prefer_timestamp_ntz=prefer_timestamp_ntz)
        schema = inferred if schema is None else _merge_type(schema, inferred)
    assert schema is not None
    if _has_nulltype(schema):
        raise PySparkValueError(errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    return schema  # type: ignore[return-value]


# ---------------------------------------------------------------------------
# Verification of values against a schema
# ---------------------------------------------------------------------------

_acceptable_types: dict[type, tuple[type, ...]] = {
    BooleanType: (bool,),
    ByteType: (int,),
    ShortType: (int,),
    IntegerType: (int,),
    LongType: (int,),
    FloatType: (float,),
    DoubleType: (float,),
    DecimalType: (decimal.Decimal,),
    StringType: (str,),
    CharType: (str,),
    VarcharType: (str,),
    BinaryType: (bytearray, bytes),
    DateType: (datetime.date, datetime.datetime),
    TimeType: (datetime.time,),
    TimestampType: (datetime.datetime,),
    TimestampNTZType: (datetime.datetime,),
    DayTimeIntervalType: (datetime.timedelta,),
    ArrayType: (list, tuple, array),
    MapType: (dict,),
    StructType: (tuple, list, dict),
    GeometryType: (Geometry,),
    GeographyType: (Geography,),
    VariantType: (
        bool,
        int,
        float,
        decimal.Decimal,
        str,
        bytearray,
        bytes,
        datetime.date,
        datetime.datetime,
        datetime.timedelta,
        tuple,
        list,
        dict,
        array,
    ),
}

_INT_BOUNDS: dict[type, tuple[int, int]] = {
    ByteType: (-128, 127),
    ShortType: (-32768, 32767),
    IntegerType: (-2147483648, 2147483647),
    LongType: (-9223372036854775808, 9223372036854775807),
}


def _make_type_verifier(
    dataType: DataType, nullable: bool = True, name: str | None = None
) -> Callable[[Any], None]:
    """A function raising PySpark's errors when a value does not fit ``dataType``.

    >>> _make_type_verifier(LongType())(0)
    >>> _make_type_verifier(ByteType())(1234)
    Traceback (most recent call last):
        ...
    ember.errors.exceptions.base.PySparkValueError: [VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -128 and 127 (inclusive), got 1234
    """

    def new_msg(msg: str) -> str:
        return msg if name is None else "%s: %s" % (name, msg)

    def new_name(n: str) -> str:
        return "field %s" % n if name is None else "field %s in %s" % (n, name)

    def unacceptable(obj: Any) -> PySparkTypeError:
        params = {"data_type": str(dataType), "obj": repr(obj), "obj_type": str(type(obj))}
        if name is not None:
            return PySparkTypeError(
                errorClass="FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                messageParameters={"field_name": str(name), **params},
            )
        return PySparkTypeError(errorClass="FIELD_DATA_TYPE_UNACCEPTABLE", messageParameters=params)

    _type = type(dataType)
    acceptable = _acceptable_types.get(_type)

    def check_type(obj: Any) -> None:
        if acceptable is None:
            raise AssertionError(new_msg("unknown datatype: %s for object %r" % (dataType, obj)))
        if type(obj) not in acceptable:
            raise unacceptable(obj)

    verify_value: Callable[[Any], None]
    if isinstance(dataType, (StringType, CharType, VarcharType, VariantType)):

        def verify_value(obj: Any) -> None:
            pass

    elif isinstance(dataType, UserDefinedType):
        sql_verifier = _make_type_verifier(dataType.sqlType(), name=name)

        def verify_value(obj: Any) -> None:
            if not (hasattr(obj, "__UDT__") and obj.__UDT__ == dataType):
                params = {"obj": str(obj), "data_type": str(dataType)}
                if name is not None:
                    raise PySparkValueError(
                        errorClass="FIELD_TYPE_MISMATCH_WITH_NAME",
                        messageParameters={"field_name": str(name), **params},
                    )
                raise PySparkValueError(errorClass="FIELD_TYPE_MISMATCH", messageParameters=params)
            sql_verifier(dataType.serialize(obj))

    elif _type in _INT_BOUNDS:
        lower, upper = _INT_BOUNDS[_type]

        def verify_value(obj: Any) -> None:
            check_type(obj)
            if obj < lower or obj > upper:
                raise PySparkValueError(
                    errorClass="VALUE_OUT_OF_BOUNDS",
                    messageParameters={
                        "arg_name": "obj",
                        "lower_bound": str(lower),
                        "upper_bound": str(upper),
                        "actual": str(obj),
                    },
                )

    elif isinstance(dataType, ArrayType):
        element_verifier = _make_type_verifier(
            dataType.elementType, dataType.containsNull, name="element in array %s" % name
        )

        def verify_value(obj: Any) -> None:
            check_type(obj)
            for i in obj:
                element_verifier(i)

    elif isinstance(dataType, MapType):
        key_verifier = _make_type_verifier(dataType.keyType, False, name="key of map %s" % name)
        value_verifier = _make_type_verifier(
            dataType.valueType, dataType.valueContainsNull, name="value of map %s" % name
        )

        def verify_value(obj: Any) -> None:
            check_type(obj)
            for k, v in obj.items():
                key_verifier(k)
                value_verifier(v)

    elif isinstance(dataType, StructType):
        verifiers = [
            (f.name, _make_type_verifier(f.dataType, f.nullable, name=new_name(f.name)))
            for f in dataType.fields
        ]

        def verify_value(obj: Any) -> None:
            if isinstance(obj, dict):
                for f, verifier in verifiers:
                    verifier(obj.get(f))
            elif isinstance(obj, (tuple, list)):
                if len(obj) != len(verifiers):
                    params = {"object_length": str(len(obj)), "field_length": str(len(verifiers))}
                    if name is not None:
                        raise PySparkValueError(
                            errorClass="FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME",
                            messageParameters={"field_name": str(name), **params},
                        )
                    raise PySparkValueError(
                        errorClass="FIELD_STRUCT_LENGTH_MISMATCH", messageParameters=params
                    )
                for v, (_, verifier) in zip(obj, verifiers):
                    verifier(v)
            elif hasattr(obj, "__dict__"):
                d = obj.__dict__
                for f, verifier in verifiers:
                    verifier(d.get(f))
            else:
                raise unacceptable(obj)

    else:

        def verify_value(obj: Any) -> None:
            check_type(obj)

    def verify(obj: Any) -> None:
        if obj is None or (isinstance(obj, decimal.Decimal) and obj.is_nan()):
            # NaN decimals become null, as in Spark
            if nullable:
                return
            if name is not None:
                raise PySparkValueError(
                    errorClass="FIELD_NOT_NULLABLE_WITH_NAME",
                    messageParameters={"field_name": str(name)},
                )
            raise PySparkValueError(errorClass="FIELD_NOT_NULLABLE", messageParameters={})
        verify_value(obj)

    return verify


# ---------------------------------------------------------------------------
# Python values -> internal values
# ---------------------------------------------------------------------------

_EPOCH_ORDINAL = DateType.EPOCH_ORDINAL
_EPOCH_NAIVE = datetime.datetime(1970, 1, 1)
_DECIMAL_CONTEXT = decimal.Context(prec=100, rounding=decimal.ROUND_HALF_UP)


def _need_converter(dataType: DataType) -> bool:
    """Whether PySpark's tuple conversion touches values of ``dataType``."""
    if isinstance(dataType, (StructType, NullType, StringType)):
        return True
    if isinstance(dataType, ArrayType):
        return _need_converter(dataType.elementType)
    if isinstance(dataType, MapType):
        return _need_converter(dataType.keyType) or _need_converter(dataType.valueType)
    return False


def _to_str(value: Any) -> Any:
    if value is None or type(value) is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _decimal_to_unscaled(value: decimal.Decimal, precision: int, scale: int) -> int | None:
    """The unscaled integer of ``value`` rounded half up to ``scale``; an error when it
    does not fit ``precision`` digits, as Spark raises."""
    if value.is_nan():
        return None
    if value.is_infinite():
        rounded = None
    else:
        rounded = value.quantize(decimal.Decimal(1).scaleb(-scale), context=_DECIMAL_CONTEXT)
        if rounded.adjusted() < precision - scale or rounded.is_zero():
            return int(rounded.scaleb(scale, context=_DECIMAL_CONTEXT))
    from ember.errors.exceptions.captured import ArithmeticException

    rounded_text = str(value) if rounded is None else format(rounded, "f")
    params = {
        "roundedValue": rounded_text,
        "originalValue": str(value),
        "precision": str(precision),
        "scale": str(scale),
    }
    raise ArithmeticException(
        message=(
            "[NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION]  The %s rounded half up from %s "
            "cannot be represented as Decimal(%d, %d). SQLSTATE: 22003"
        )
        % (rounded_text, value, precision, scale),
        errorClass="NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION",
        messageParameters=params,
        sqlState="22003",
    )


def _timestamp_to_micros(dt: datetime.datetime) -> int:
    # a naive datetime is local time, as in PySpark's TimestampType.toInternal
    seconds = calendar.timegm(dt.utctimetuple()) if dt.tzinfo else time.mktime(dt.timetuple())
    return int(seconds) * 1000000 + dt.microsecond


def _timestamp_ntz_to_micros(dt: datetime.datetime) -> int:
    return calendar.timegm(dt.timetuple()) * 1000000 + dt.microsecond


def _time_to_micros(t: datetime.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000000 + t.microsecond


def _timedelta_to_micros(td: datetime.timedelta) -> int:
    return ((td.days * 86400) + td.seconds) * 1000000 + td.microseconds


def _wrap_int(bits: int) -> Callable[[Any], Any]:
    lo, hi = -(1 << 63), (1 << 63) - 1
    mod, half = 1 << bits, 1 << (bits - 1)

    def conv(v: Any) -> Any:
        # the JVM takes Python ints up to 64 bits and narrows them; others give null
        if type(v) is not int or v < lo or v > hi:
            return None
        if -half <= v < half:
            return v
        return (v + half) % mod - half

    return conv


def _struct_length_mismatch(expected: int, actual: int) -> BaseException:
    from ember.errors.exceptions.captured import IllegalArgumentException

    return IllegalArgumentException(
        message=(
            "[STRUCT_ARRAY_LENGTH_MISMATCH] Input row doesn't have expected number of values "
            f"required by the schema. {expected} fields are required while {actual} values are "
            "provided. SQLSTATE: 2201E"
        ),
        errorClass="STRUCT_ARRAY_LENGTH_MISMATCH",
        messageParameters={"expected": str(expected), "actual": str(actual)},
        sqlState="2201E",
    )


def _build_to_internal(
    dt: DataType, lenient: bool, names: list[str] | None = None
) -> Callable[[Any], Any] | None:
    """The converter to internal values for ``dt``, or None for values passed as is.

    ``lenient`` follows the JVM's handling of unverified data: a value of the
    wrong Python type becomes None, integers are narrowed. ``names`` (structs
    only) are the names dict and object rows are read with.
    """
    if isinstance(dt, (StringType, CharType, VarcharType)):
        return _to_str
    if isinstance(dt, NullType):
        return lambda v: None
    if isinstance(dt, BooleanType):
        if not lenient:
            return None
        return lambda v: v if type(v) is bool else None
    if isinstance(dt, IntegralType):
        if not lenient:
            return None
        bits = {ByteType: 8, ShortType: 16, IntegerType: 32}.get(type(dt), 64)
        return _wrap_int(bits)
    if isinstance(dt, (FloatType, DoubleType)):
        if not lenient:
            return None
        return lambda v: v if type(v) is float else None
    if isinstance(dt, DecimalType):
        precision, scale = dt.precision, dt.scale

        def conv_decimal(v: Any) -> Any:
            if not isinstance(v, decimal.Decimal):
                return None
            return _decimal_to_unscaled(v, precision, scale)

        return conv_decimal
    if isinstance(dt, BinaryType):

        def conv_binary(v: Any) -> Any:
            if type(v) is bytes or v is None:
                return v
            if isinstance(v, (bytes, bytearray)):
                return bytes(v)
            if isinstance(v, str):
                return v.encode("utf-8")
            return None

        return conv_binary
    if isinstance(dt, DateType):
        return lambda v: None if v is None else v.toordinal() - _EPOCH_ORDINAL
    if isinstance(dt, TimestampType):
        return lambda v: None if v is None else _timestamp_to_micros(v)
    if isinstance(dt, TimestampNTZType):
        return lambda v: None if v is None else _timestamp_ntz_to_micros(v)
    if isinstance(dt, TimeType):
        return lambda v: None if v is None else _time_to_micros(v)
    if isinstance(dt, DayTimeIntervalType):
        return lambda v: None if v is None else _timedelta_to_micros(v)
    if isinstance(dt, (YearMonthIntervalType, CalendarIntervalType)):
        feature = type(dt).__name__ + ".toInternal"

        def conv_unsupported(v: Any) -> Any:
            if v is None:
                return None
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature}
            )

        return conv_unsupported
    if isinstance(dt, VariantType):

        def conv_variant(v: Any) -> Any:
            if v is None:
                return None
            if isinstance(v, VariantVal):
                return {"value": v.value, "metadata": v.metadata}
            raise PySparkValueError(
                errorClass="UNSUPPORTED_DATA_TYPE",
                messageParameters={"data_type": type(v).__name__},
            )

        return conv_variant
    if isinstance(dt, SpatialType):
        return lambda v: None if v is None else {"srid": v.srid, "wkb": v.wkb}
    if isinstance(dt, UserDefinedType):
        udt = dt
        inner = _build_to_internal(udt.sqlType(), lenient)

        def conv_udt(v: Any) -> Any:
            if v is None:
                return None
            s = udt.serialize(v)
            return s if inner is None else inner(s)

        return conv_udt
    if isinstance(dt, ArrayType):
        elem = _build_to_internal(dt.elementType, lenient)

        iterate_any = lenient and _need_converter(dt.elementType)

        def conv_array(v: Any) -> Any:
            if v is None:
                return None
            if not isinstance(v, (list, tuple, array)):
                # PySpark's string conversion walks any iterable (even a str)
                if not (iterate_any and isinstance(v, Iterable)):
                    return None
            if elem is None:
                return list(v)
            return [elem(x) for x in v]

        return conv_array
    if isinstance(dt, MapType):
        kconv = _build_to_internal(dt.keyType, lenient)
        vconv = _build_to_internal(dt.valueType, lenient)

        def conv_map(v: Any) -> Any:
            if v is None:
                return None
            if not isinstance(v, dict):
                return None
            if kconv is None and vconv is None:
                return dict(v)
            kc = kconv or (lambda x: x)
            vc = vconv or (lambda x: x)
            return {kc(k): vc(x) for k, x in v.items()}

        return conv_map
    if isinstance(dt, StructType):
        return _build_struct_to_internal(dt, lenient, names)
    return None


def _build_struct_to_internal(
    st: StructType, lenient: bool, names: list[str] | None = None
) -> Callable[[Any], Any]:
    field_names = list(st.names if names is None else names)
    n = len(st.fields)
    convs = [_build_to_internal(f.dataType, lenient) for f in st.fields]
    active = [(i, c) for i, c in enumerate(convs) if c is not None]

    def convert(obj: Any) -> Any:
        if obj is None:
            return None
        if isinstance(obj, (tuple, list)):
            if len(obj) != n:
                raise _struct_length_mismatch(n, len(obj))
            if not active:
                return tuple(obj)
            values = list(obj)
        elif isinstance(obj, dict):
            values = [obj.get(k) for k in field_names]
        elif hasattr(obj, "__dict__"):
            d = obj.__dict__
            values = [d.get(k) for k in field_names]
        else:
            raise PySparkTypeError(
                errorClass="UNSUPPORTED_DATA_TYPE",
                messageParameters={"data_type": type(obj).__name__},
            )
        for i, c in active:
            values[i] = c(values[i])
        return tuple(values)

    return convert


def _to_internal_converter(dataType: DataType) -> Callable[[Any], Any] | None:
    """The converter from (verified) Python values to internal values, or None
    when they are the same. Strings are stringified as PySpark does (``True`` ->
    ``'true'``), decimals become unscaled ints, dates days, timestamps microseconds,
    structs tuples (from tuples, lists, dicts, Rows, namedtuples or objects).

    >>> _to_internal_converter(DecimalType(10, 2))(decimal.Decimal("1.50"))
    150
    >>> _to_internal_converter(LongType()) is None
    True
    """
    return _build_to_internal(dataType, lenient=False)


# ---------------------------------------------------------------------------
# The createDataFrame data path
# ---------------------------------------------------------------------------


def _prepare_local_data(
    data: Iterable[Any],
    schema: DataType | str | list[str] | tuple[str, ...] | None = None,
    samplingRatio: float | None = None,
    verifySchema: bool = True,
) -> tuple[StructType, list[tuple]]:
    """The schema and internal rows of ``spark.createDataFrame(data, schema)``.

    ``schema`` is None (inferred), a list of column names (inferred types), a
    :class:`StructType`, another :class:`DataType` (one column ``value``) or a
    DDL string. Explicit schemas are verified when ``verifySchema``.

    >>> _prepare_local_data([(1, "x"), (None, "y")])
    (StructType([StructField('_1', LongType(), True), StructField('_2', StringType(), True)]), [(1, 'x'), (None, 'y')])
    >>> _prepare_local_data([1, 2], "int")
    (StructType([StructField('value', IntegerType(), True)]), [(1,), (2,)])
    """
    if isinstance(schema, str):
        schema = _parse_datatype_string(schema)
    if not isinstance(data, list):
        data = list(data)
    if any(isinstance(d, VariantVal) for d in data):
        raise PySparkValueError("Rows cannot be of type VariantVal")

    if isinstance(schema, StructType):
        if verifySchema:
            verify = _make_type_verifier(schema)
            for row in data:
                verify(row)
        convert = _build_struct_to_internal(schema, lenient=not verifySchema)
        return schema, [convert(row) for row in data]

    if isinstance(schema, DataType):
        if verifySchema:
            verify = _make_type_verifier(schema, name="field value")
            for value in data:
                verify(value)
        struct = StructType().add("value", schema)
        conv = _build_to_internal(schema, lenient=not verifySchema)
        if conv is None:
            return struct, [(v,) for v in data]
        return struct, [(conv(v),) for v in data]

    if schema is None or isinstance(schema, (list, tuple)):
        names = None if schema is None else list(schema)
        struct = _infer_schema_from_list(data, names=names)
        # dict and object rows are read by the inferred names, before renaming
        convert = _build_struct_to_internal(struct, lenient=True, names=list(struct.names))
        if names is not None:
            for i, n in enumerate(names):
                struct.fields[i].name = n
                struct.names[i] = n
        return struct, [convert(row) for row in data]

    raise PySparkTypeError(
        errorClass="NOT_EXPECTED_TYPE",
        messageParameters={
            "arg_name": "schema",
            "expected_type": "list, None or StructType",
            "arg_type": type(schema).__name__,
        },
    )


# ---------------------------------------------------------------------------
# Internal values -> Python values (collect)
# ---------------------------------------------------------------------------


def _date_from_internal(v: Any) -> Any:
    return None if v is None else datetime.date.fromordinal(v + _EPOCH_ORDINAL)


def _timestamp_from_internal(v: Any) -> Any:
    if v is None:
        return None
    return datetime.datetime.fromtimestamp(v // 1000000).replace(microsecond=v % 1000000)


def _timestamp_ntz_from_internal(v: Any) -> Any:
    if v is None:
        return None
    return _EPOCH_NAIVE + datetime.timedelta(microseconds=v)


def _time_from_internal(v: Any) -> Any:
    if v is None:
        return None
    seconds, micros = divmod(v, 1000000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return datetime.time(hour, minute, second, micros)


def _timedelta_from_internal(v: Any) -> Any:
    return None if v is None else datetime.timedelta(microseconds=v)


def _variant_from_internal(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, dict):
        return VariantVal(bytearray(v["value"]), bytearray(v["metadata"]))
    metadata, value = v  # the engine's (metadata, value) pair
    return VariantVal(bytearray(value), bytearray(metadata))


def _decimal_from_internal(scale: int) -> Callable[[Any], Any]:
    def conv(v: Any) -> Any:
        if v is None or type(v) is decimal.Decimal:
            return v
        if isinstance(v, str):
            return decimal.Decimal(v)
        if isinstance(v, int):  # unscaled
            return decimal.Decimal(v).scaleb(-scale)
        return decimal.Decimal(v)

    return conv


def _from_internal_converter(dataType: DataType) -> Callable[[Any], Any] | None:
    """The converter from internal values to what PySpark's ``collect()`` returns,
    or None when the values are already that (booleans, numbers, strings, bytes,
    and arrays of them).

    Structs arrive as tuples and become :class:`Row`; maps arrive as lists of
    ``(key, value)`` pairs (or dicts) and become dicts; decimals arrive as
    strings and become ``decimal.Decimal``.

    >>> _from_internal_converter(DateType())(19723)
    datetime.date(2024, 1, 1)
    >>> _from_internal_converter(ArrayType(LongType())) is None
    True
    """
    dt = dataType
    if isinstance(dt, DateType):
        return _date_from_internal
    if isinstance(dt, TimestampType):
        return _timestamp_from_internal
    if isinstance(dt, TimestampNTZType):
        return _timestamp_ntz_from_internal
    if isinstance(dt, TimeType):
        return _time_from_internal
    if isinstance(dt, DayTimeIntervalType):
        return _timedelta_from_internal
    if isinstance(dt, DecimalType):
        return _decimal_from_internal(dt.scale)
    if isinstance(dt, YearMonthIntervalType):
        if not dt.needConversion():  # PYSPARK_YM_INTERVAL_LEGACY=1: the months as an int
            return None
        return _not_collectable("YearMonthIntervalType.fromInternal")
    if isinstance(dt, CalendarIntervalType):
        return _not_collectable("CalendarIntervalType.fromInternal")
    if isinstance(dt, VariantType):
        return _variant_from_internal
    if isinstance(dt, SpatialType):
        cls = Geography if isinstance(dt, GeographyType) else Geometry

        def conv_spatial(v: Any) -> Any:
            if v is None or not all(k in v for k in ("srid", "wkb")):
                return None
            return cls(v["wkb"], v["srid"])

        return conv_spatial
    if isinstance(dt, UserDefinedType):
        udt = dt
        inner = _from_internal_converter(udt.sqlType())

        def conv_udt(v: Any) -> Any:
            if inner is not None:
                v = inner(v)
            return None if v is None else udt.deserialize(v)

        return conv_udt
    if isinstance(dt, ArrayType):
        elem = _from_internal_converter(dt.elementType)
        if elem is None:
            return None

        def conv_array(v: Any) -> Any:
            if v is None:
                return None
            return [elem(x) for x in v]

        return conv_array
    if isinstance(dt, MapType):
        kconv = _from_internal_converter(dt.keyType)
        vconv = _from_internal_converter(dt.valueType)

        def conv_map(v: Any) -> Any:
            if v is None:
                return None
            pairs = v.items() if isinstance(v, dict) else v
            if kconv is None and vconv is None:
                return dict(pairs)
            kc = kconv or (lambda x: x)
            vc = vconv or (lambda x: x)
            return {kc(k): vc(x) for k, x in pairs}

        return conv_map
    if isinstance(dt, StructType):
        make_row = _make_row_factory(dt)

        def conv_struct(v: Any) -> Any:
            if v is None or isinstance(v, Row):
                return v
            return make_row(v)

        return conv_struct
    return None


def _not_collectable(feature: str) -> Callable[[Any], Any]:
    def conv(v: Any) -> Any:
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature}
        )

    return conv


def _make_row_factory(schema: StructType) -> Callable[[Any], Row]:
    """A function making a :class:`Row` of ``schema`` from a tuple of internal values.

    All Rows share the schema's name list, as in PySpark; a flat schema of
    plain types costs one tuple allocation per row.

    >>> _make_row_factory(StructType().add("a", LongType()).add("d", DateType()))((1, 0))
    Row(a=1, d=datetime.date(1970, 1, 1))
    """
    names = schema.names
    convs = [(i, _from_internal_converter(f.dataType)) for i, f in enumerate(schema.fields)]
    active = [(i, c) for i, c in convs if c is not None]
    new = tuple.__new__

    if not active:

        def make_flat(values: Any) -> Row:
            row = new(Row, values)
            row.__dict__["__fields__"] = names
            return row

        return make_flat

    if len(active) == 1:
        (idx, conv) = active[0]

        def make_one(values: Any) -> Row:
            values = list(values)
            values[idx] = conv(values[idx])
            row = new(Row, values)
            row.__dict__["__fields__"] = names
            return row

        return make_one

    def make(values: Any) -> Row:
        values = list(values)
        for i, c in active:
            values[i] = c(values[i])
        row = new(Row, values)
        row.__dict__["__fields__"] = names
        return row

    return make


# PySpark-compatible names for the Python-side tuple conversion


def _create_converter(dataType: DataType) -> Callable[[Any], Any]:
    """Rows (tuples, dicts, objects) to tuples with strings stringified, as
    PySpark's ``_create_converter``; other values unchanged."""
    if not _need_converter(dataType):
        return lambda x: x
    if isinstance(dataType, StructType):
        return _build_struct_to_internal(_strings_only(dataType), lenient=False)  # type: ignore[arg-type]
    conv = _build_to_internal(_strings_only(dataType), lenient=False)
    return conv if conv is not None else (lambda x: x)


def _strings_only(dt: DataType) -> DataType:
    """``dt`` with every type that is not a string, null or container made opaque."""
    if isinstance(dt, StructType):
        return StructType(
            [StructField(f.name, _strings_only(f.dataType), f.nullable) for f in dt.fields]
        )
    if isinstance(dt, ArrayType):
        return ArrayType(_strings_only(dt.elementType), dt.containsNull)
    if isinstance(dt, MapType):
        return MapType(_strings_only(dt.keyType), _strings_only(dt.valueType), dt.valueContainsNull)
    if isinstance(dt, (StringType, NullType)):
        return dt
    return _Opaque()


class _Opaque(DataType):
    """A type whose values pass through conversion unchanged."""
