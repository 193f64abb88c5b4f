"""Tests of ``ember.sql.types``; every expected value was produced by PySpark 4.3."""

import collections
import datetime
import decimal
import os
import pickle
import time
from array import array

import pytest
from ember.errors import (
    AnalysisException,
    ArithmeticException,
    IllegalArgumentException,
    ParseException,
    PySparkAttributeError,
    PySparkIndexError,
    PySparkKeyError,
    PySparkNotImplementedError,
    PySparkRuntimeError,
    PySparkTypeError,
    PySparkValueError,
)
from ember.sql.types import (
    ArrayType,
    AtomicType,
    BinaryType,
    BooleanType,
    ByteType,
    CalendarIntervalType,
    CharType,
    DataType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
    GeographyType,
    GeometryType,
    IntegerType,
    IntegralType,
    LongType,
    MapType,
    NullType,
    NumericType,
    Row,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    TimeType,
    VarcharType,
    VariantType,
    YearMonthIntervalType,
    _from_internal_converter,
    _infer_schema,
    _infer_type,
    _make_row_factory,
    _make_type_verifier,
    _merge_type,
    _parse_datatype_json_string,
    _parse_datatype_json_value,
    _parse_datatype_string,
    _prepare_local_data,
    _to_internal_converter,
)

D = decimal.Decimal


@pytest.fixture
def utc():
    """Run with the process in UTC, as the oracle did (naive timestamps are local)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def error_of(thunk):
    with pytest.raises(Exception) as info:
        thunk()
    return info.value


def describe(e):
    return (type(e).__name__, e.getCondition(), e.getSqlState(), str(e))


def collect(data, schema=None, verifySchema=True):
    """What ``createDataFrame(...).collect()`` returns, without the engine."""
    struct, rows = _prepare_local_data(data, schema, verifySchema=verifySchema)
    make = _make_row_factory(struct)
    return [make(r) for r in rows]


def dtypes(data, schema=None):
    struct, _ = _prepare_local_data(data, schema)
    return [(f.name, f.dataType.simpleString()) for f in struct.fields]


# --- data types ---------------------------------------------------------------------------

GUIDE_DDL = (
    "id bigint not null, tags array<string>, m map<string,int>, "
    "st struct<x:int not null, y:array<struct<z:double>>>, d decimal(10,2), s smallint, t tinyint"
)


def test_all_matches_pyspark():
    import ember.sql.types as T

    assert sorted(T.__all__) == sorted(
        [
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
    )


def test_schema_repr_simple_string_and_dtypes():
    schema = _parse_datatype_string(GUIDE_DDL)
    assert schema.simpleString() == (
        "struct<id:bigint,tags:array<string>,m:map<string,int>,"
        "st:struct<x:int,y:array<struct<z:double>>>,d:decimal(10,2),s:smallint,t:tinyint>"
    )
    assert [(f.name, f.dataType.simpleString()) for f in schema] == [
        ("id", "bigint"),
        ("tags", "array<string>"),
        ("m", "map<string,int>"),
        ("st", "struct<x:int,y:array<struct<z:double>>>"),
        ("d", "decimal(10,2)"),
        ("s", "smallint"),
        ("t", "tinyint"),
    ]
    assert repr(_parse_datatype_string("a int not null, b array<string>, c decimal(10,2)")) == (
        "StructType([StructField('a', IntegerType(), False), "
        "StructField('b', ArrayType(StringType(), True), True), "
        "StructField('c', DecimalType(10,2), True)])"
    )


@pytest.mark.parametrize(
    "dt, rep, simple, type_name, js, need",
    [
        (LongType(), "LongType()", "bigint", "long", '"long"', False),
        (IntegerType(), "IntegerType()", "int", "integer", '"integer"', False),
        (ShortType(), "ShortType()", "smallint", "short", '"short"', False),
        (ByteType(), "ByteType()", "tinyint", "byte", '"byte"', False),
        (FloatType(), "FloatType()", "float", "float", '"float"', False),
        (DoubleType(), "DoubleType()", "double", "double", '"double"', False),
        (BooleanType(), "BooleanType()", "boolean", "boolean", '"boolean"', False),
        (BinaryType(), "BinaryType()", "binary", "binary", '"binary"', False),
        (StringType(), "StringType()", "string", "string", '"string"', False),
        (DateType(), "DateType()", "date", "date", '"date"', True),
        (TimestampType(), "TimestampType()", "timestamp", "timestamp", '"timestamp"', True),
        (
            TimestampNTZType(),
            "TimestampNTZType()",
            "timestamp_ntz",
            "timestamp_ntz",
            '"timestamp_ntz"',
            True,
        ),
        (TimeType(3), "TimeType(3)", "time(3)", "time", '"time(3)"', True),
        (TimeType(), "TimeType(6)", "time(6)", "time", '"time(6)"', True),
        (NullType(), "NullType()", "void", "void", '"void"', False),
        (VariantType(), "VariantType()", "variant", "variant", '"variant"', True),
        (
            DecimalType(10, 2),
            "DecimalType(10,2)",
            "decimal(10,2)",
            "decimal",
            '"decimal(10,2)"',
            False,
        ),
        (DecimalType(), "DecimalType(10,0)", "decimal(10,0)", "decimal", '"decimal(10,0)"', False),
        (CharType(3), "CharType(3)", "char(3)", "char", '"char(3)"', False),
        (VarcharType(4), "VarcharType(4)", "varchar(4)", "varchar", '"varchar(4)"', False),
        (
            DayTimeIntervalType(),
            "DayTimeIntervalType(0, 3)",
            "interval day to second",
            "daytimeinterval",
            '"interval day to second"',
            True,
        ),
        (
            DayTimeIntervalType(1),
            "DayTimeIntervalType(1, 1)",
            "interval hour",
            "daytimeinterval",
            '"interval hour"',
            True,
        ),
        (
            YearMonthIntervalType(0, 0),
            "YearMonthIntervalType(0, 0)",
            "interval year",
            "yearmonthinterval",
            '"interval year"',
            True,
        ),
        (
            CalendarIntervalType(),
            "CalendarIntervalType()",
            "interval",
            "interval",
            '"interval"',
            True,
        ),
        (
            ArrayType(StringType(), False),
            "ArrayType(StringType(), False)",
            "array<string>",
            "array",
            '{"containsNull":false,"elementType":"string","type":"array"}',
            False,
        ),
        (
            MapType(StringType(), DateType()),
            "MapType(StringType(), DateType(), True)",
            "map<string,date>",
            "map",
            '{"keyType":"string","type":"map","valueContainsNull":true,"valueType":"date"}',
            True,
        ),
    ],
)
def test_atomic_and_nested_type_strings(dt, rep, simple, type_name, js, need):
    assert repr(dt) == rep
    assert dt.simpleString() == simple
    assert dt.typeName() == type_name
    assert dt.json() == js
    assert dt.needConversion() is need
    assert _parse_datatype_json_string(dt.json()) == dt


def test_collated_string():
    s = StringType("UTF8_LCASE")
    assert (repr(s), s.simpleString(), s.json(), s.typeName()) == (
        "StringType('UTF8_LCASE')",
        "string collate UTF8_LCASE",
        '"string collate UTF8_LCASE"',
        "string",
    )
    assert StringType() != s
    assert StructField("a", s, metadata={"k": 1}).jsonValue() == {
        "name": "a",
        "type": "string",
        "nullable": True,
        "metadata": {"k": 1, "__COLLATIONS": {"a": "spark.UTF8_LCASE"}},
    }
    nested = StructField("a", ArrayType(MapType(StringType("UNICODE"), StringType("UTF8_LCASE"))))
    assert nested.jsonValue()["metadata"] == {
        "__COLLATIONS": {"a.element.key": "icu.UNICODE", "a.element.value": "spark.UTF8_LCASE"}
    }
    back = _parse_datatype_json_string(StructType([nested]).json())
    assert repr(back) == (
        "StructType([StructField('a', ArrayType(MapType(StringType('UNICODE'), "
        "StringType('UTF8_LCASE'), True), True), True)])"
    )


def test_geo_types():
    assert repr(GeometryType(4326)) == "GeometryType(4326)"
    assert GeometryType("ANY").simpleString() == "geometry(any)"
    assert GeometryType(4326).json() == '"geometry(OGC:CRS84)"'
    assert GeographyType(4326).json() == '"geography(OGC:CRS84, SPHERICAL)"'
    assert _parse_datatype_json_string('"geometry(EPSG:3857)"') == GeometryType(3857)


def test_singletons_equality_and_hash():
    assert LongType() is LongType()
    assert NullType() is NullType()
    assert DecimalType(10, 2) == DecimalType(10, 2)
    assert DecimalType(10, 2) != DecimalType(10, 3)
    assert hash(DecimalType(10, 2)) == hash(DecimalType(10, 2))
    assert ArrayType(IntegerType()) == ArrayType(IntegerType(), True)
    assert ArrayType(StringType(), False) != ArrayType(StringType())
    assert MapType(StringType(), IntegerType(), False) != MapType(StringType(), FloatType())
    assert str(LongType()) == "LongType()"
    assert [c.__name__ for c in type(ByteType()).__mro__] == [
        "ByteType",
        "IntegralType",
        "NumericType",
        "AtomicType",
        "DataType",
        "object",
    ]
    assert isinstance(DoubleType(), NumericType) and isinstance(StringType(), AtomicType)
    assert isinstance(LongType(), IntegralType)
    assert (DataType().typeName(), DataType().simpleString(), repr(AtomicType())) == (
        "data",
        "data",
        "AtomicType()",
    )


def test_interval_fields_are_checked():
    e = error_of(lambda: DayTimeIntervalType(5))
    assert isinstance(e, PySparkRuntimeError)
    assert str(e) == "[INVALID_INTERVAL_CASTING] Interval 5 to 5 is invalid."


def test_struct_field():
    f = StructField("a", IntegerType(), False, {"comment": "c"})
    assert repr(f) == "StructField('a', IntegerType(), False)"
    assert f.simpleString() == "a:int"
    assert f.jsonValue() == {
        "name": "a",
        "type": "integer",
        "nullable": False,
        "metadata": {"comment": "c"},
    }
    e = error_of(lambda: f.typeName())
    assert isinstance(e, PySparkTypeError)
    assert str(e) == (
        "[INVALID_TYPENAME_CALL] StructField does not have typeName. "
        "Use typeName on its type explicitly instead."
    )


def test_struct_type_add_forms():
    s = (
        StructType()
        .add("a", "integer")
        .add("b", "decimal(10, 2)")
        .add(StructField("c", LongType(), False))
        .add("d", ArrayType(StringType()), False, {"x": 1})
    )
    assert repr(s) == (
        "StructType([StructField('a', IntegerType(), True), StructField('b', DecimalType(10,2), "
        "True), StructField('c', LongType(), False), StructField('d', ArrayType(StringType(), "
        "True), False)])"
    )
    assert s.names == ["a", "b", "c", "d"]
    assert s["d"].metadata == {"x": 1}
    e = error_of(lambda: StructType().add("a", "int"))
    assert isinstance(e, PySparkValueError)
    assert str(e) == "[CANNOT_PARSE_DATATYPE] Unable to parse datatype. int."
    e = error_of(lambda: StructType().add("a"))
    assert str(e) == (
        "[ARGUMENT_REQUIRED] Argument `data_type` is required when passing name of "
        "struct_field to create."
    )


def test_struct_type_access():
    s = StructType([StructField("a", IntegerType()), StructField("b", StringType())])
    assert s["a"] == StructField("a", IntegerType(), True)
    assert s[1] == s[-1] == StructField("b", StringType(), True)
    assert s[0:1] == StructType([StructField("a", IntegerType(), True)])
    assert s.fieldNames() == ["a", "b"] and len(s) == 2
    assert [f.name for f in s] == ["a", "b"]
    e = error_of(lambda: s["z"])
    assert isinstance(e, PySparkKeyError) and str(e) == "[KEY_NOT_EXISTS] Key `z` does not exist."
    e = error_of(lambda: s[5])
    assert isinstance(e, PySparkIndexError)
    assert str(e) == "[INDEX_OUT_OF_RANGE] StructType index out of range, got '5'."
    e = error_of(lambda: s[1.5])
    assert describe(e) == (
        "PySparkTypeError",
        "NOT_EXPECTED_TYPE",
        "42K09",
        "[NOT_EXPECTED_TYPE] Argument `key` should be int, slice or str, got float.",
    )


def test_struct_type_json_and_nullable():
    s = StructType([StructField("a", StructType([StructField("b", IntegerType(), False)]), False)])
    assert repr(s.toNullable()) == (
        "StructType([StructField('a', StructType([StructField('b', IntegerType(), True)]), True)])"
    )
    assert s.json() == (
        '{"fields":[{"metadata":{},"name":"a","nullable":false,"type":{"fields":[{"metadata":{},'
        '"name":"b","nullable":false,"type":"integer"}],"type":"struct"}}],"type":"struct"}'
    )
    assert StructType.fromJson({"fields": [{"name": "a", "type": "long"}]}) == StructType(
        [StructField("a", LongType(), True)]
    )
    guide = _parse_datatype_string(GUIDE_DDL)
    assert _parse_datatype_string(guide.simpleString()) == guide.toNullable()
    assert _parse_datatype_string(guide.simpleString()) != guide


def test_json_values():
    assert _parse_datatype_json_value("decimal") == DecimalType(10, 0)
    assert _parse_datatype_json_value("decimal( 5 , 2 )") == DecimalType(5, 2)
    assert _parse_datatype_json_value("interval hour to second") == DayTimeIntervalType(1, 3)
    assert _parse_datatype_json_value("interval month") == YearMonthIntervalType(1, 1)
    assert _parse_datatype_json_value("char(3)") == CharType(3)
    assert _parse_datatype_json_value("time(3)") == TimeType(3)
    assert _parse_datatype_json_value("string collate UTF8_LCASE") == StringType("UTF8_LCASE")
    arr = {"type": "array", "elementType": "long", "containsNull": False}
    assert _parse_datatype_json_value(arr) == ArrayType(LongType(), False)
    e = error_of(lambda: _parse_datatype_json_value({"type": "foo"}))
    assert str(e) == "[UNSUPPORTED_DATA_TYPE] Unsupported DataType `foo`."
    e = error_of(lambda: _parse_datatype_json_string('"int"'))
    assert str(e) == "[CANNOT_PARSE_DATATYPE] Unable to parse datatype. int."


def test_from_ddl():
    assert repr(DataType.fromDDL("b string, a int")) == (
        "StructType([StructField('b', StringType(), True), StructField('a', IntegerType(), True)])"
    )
    assert DataType.fromDDL("decimal(10,10)") == DecimalType(10, 10)


def test_to_ddl():
    ddl = (
        "a int not null comment 'x', `b c` array<struct<d:decimal(10,2) not null comment 'y'>>, "
        "m map<string, timestamp_ntz>, i interval day, y interval year to month, t time(3), "
        's string collate utf8_lcase, ch char(3), `we``ird` string comment "it\'s"'
    )
    assert _parse_datatype_string(ddl).toDDL() == (
        "a INT NOT NULL COMMENT 'x',`b c` ARRAY<STRUCT<d: DECIMAL(10,2) NOT NULL COMMENT 'y'>>,"
        "m MAP<STRING, TIMESTAMP_NTZ>,i INTERVAL DAY,y INTERVAL YEAR TO MONTH,t TIME(3),"
        "s STRING COLLATE UTF8_LCASE,ch CHAR(3),`we``ird` STRING COMMENT 'it\\'s'"
    )
    assert StructType().toDDL() == ""


def test_types_pickle():
    schema = _parse_datatype_string(BIG_DDL)
    assert pickle.loads(pickle.dumps(schema)) == schema
    assert pickle.loads(pickle.dumps(LongType())) == LongType()


# --- treeString (printSchema) -----------------------------------------------------------

GUIDE_TREE = """root
 |-- id: long (nullable = false)
 |-- tags: array (nullable = true)
 |    |-- element: string (containsNull = true)
 |-- m: map (nullable = true)
 |    |-- key: string
 |    |-- value: integer (valueContainsNull = true)
 |-- st: struct (nullable = true)
 |    |-- x: integer (nullable = false)
 |    |-- y: array (nullable = true)
 |    |    |-- element: struct (containsNull = true)
 |    |    |    |-- z: double (nullable = true)
 |-- d: decimal(10,2) (nullable = true)
 |-- s: short (nullable = true)
 |-- t: byte (nullable = true)
"""

BIG_DDL = (
    "id bigint not null, tags array<string>, m map<struct<k:int>,array<map<string,int>>>, "
    "st struct<x:int not null, y:array<struct<z:double>>>, i interval day to second, "
    "ym interval year, tm time(3), tn timestamp_ntz, vv variant, `we.ird` string, n void, "
    "aa array<array<int>>"
)


def test_tree_string_matches_print_schema():
    assert _parse_datatype_string(GUIDE_DDL).treeString() == GUIDE_TREE


def test_tree_string_levels():
    s = _parse_datatype_string(BIG_DDL)
    full = (
        "root\n |-- id: long (nullable = false)\n |-- tags: array (nullable = true)\n"
        " |    |-- element: string (containsNull = true)\n |-- m: map (nullable = true)\n"
        " |    |-- key: struct\n |    |    |-- k: integer (nullable = true)\n"
        " |    |-- value: array (valueContainsNull = true)\n"
        " |    |    |-- element: map (containsNull = true)\n"
        " |    |    |    |-- key: string\n"
        " |    |    |    |-- value: integer (valueContainsNull = true)\n"
        " |-- st: struct (nullable = true)\n |    |-- x: integer (nullable = false)\n"
        " |    |-- y: array (nullable = true)\n"
        " |    |    |-- element: struct (containsNull = true)\n"
        " |    |    |    |-- z: double (nullable = true)\n"
        " |-- i: interval day to second (nullable = true)\n"
        " |-- ym: interval year (nullable = true)\n |-- tm: time(3) (nullable = true)\n"
        " |-- tn: timestamp_ntz (nullable = true)\n |-- vv: variant (nullable = true)\n"
        " |-- we.ird: string (nullable = true)\n |-- n: void (nullable = true)\n"
        " |-- aa: array (nullable = true)\n |    |-- element: array (containsNull = true)\n"
        " |    |    |-- element: integer (containsNull = true)\n"
    )
    assert s.treeString() == full
    assert s.treeString(0) == full
    assert s.treeString(-1) == full
    assert s.treeString(level=1) == (
        "root\n |-- id: long (nullable = false)\n |-- tags: array (nullable = true)\n"
        " |-- m: map (nullable = true)\n |-- st: struct (nullable = true)\n"
        " |-- i: interval day to second (nullable = true)\n"
        " |-- ym: interval year (nullable = true)\n |-- tm: time(3) (nullable = true)\n"
        " |-- tn: timestamp_ntz (nullable = true)\n |-- vv: variant (nullable = true)\n"
        " |-- we.ird: string (nullable = true)\n |-- n: void (nullable = true)\n"
        " |-- aa: array (nullable = true)\n"
    )
    assert s.treeString(2) == (
        "root\n |-- id: long (nullable = false)\n |-- tags: array (nullable = true)\n"
        " |    |-- element: string (containsNull = true)\n |-- m: map (nullable = true)\n"
        " |    |-- key: struct\n |    |-- value: array (valueContainsNull = true)\n"
        " |-- st: struct (nullable = true)\n |    |-- x: integer (nullable = false)\n"
        " |    |-- y: array (nullable = true)\n"
        " |-- i: interval day to second (nullable = true)\n"
        " |-- ym: interval year (nullable = true)\n |-- tm: time(3) (nullable = true)\n"
        " |-- tn: timestamp_ntz (nullable = true)\n |-- vv: variant (nullable = true)\n"
        " |-- we.ird: string (nullable = true)\n |-- n: void (nullable = true)\n"
        " |-- aa: array (nullable = true)\n |    |-- element: array (containsNull = true)\n"
    )


def test_tree_string_details():
    assert StructType().treeString() == "root\n"
    assert StructType([StructField("a\nb", IntegerType())]).treeString() == (
        "root\n |-- a\\nb: integer (nullable = true)\n"
    )
    s = StructType(
        [
            StructField("c", CharType(3)),
            StructField("v", VarcharType(4), False),
            StructField("s", StringType("UTF8_LCASE"), False),
            StructField("a", ArrayType(StringType("UNICODE"), False), False),
        ]
    )
    # printSchema (the JVM) shows collations
    assert s.treeString() == (
        "root\n |-- c: char(3) (nullable = true)\n |-- v: varchar(4) (nullable = false)\n"
        " |-- s: string collate UTF8_LCASE (nullable = false)\n"
        " |-- a: array (nullable = false)\n"
        " |    |-- element: string collate UNICODE (containsNull = false)\n"
    )


# --- Row ------------------------------------------------------------------------------------


def test_row_keyword_construction_keeps_order():
    r = Row(b=1, a="x")
    assert repr(r) == "Row(b=1, a='x')" and str(Row(a="x")) == "Row(a='x')"
    assert (r.a, r["b"], r[0], r[-1], r[0:1]) == ("x", 1, 1, "x", (1,))
    assert ("a" in r, "z" in r, 1 in r) == (True, False, False)
    assert r.asDict() == {"b": 1, "a": "x"}
    assert tuple(r) == (1, "x") and len(r) == 2
    assert hash(r) == hash((1, "x"))
    assert r.__fields__ == ["b", "a"]


def test_row_positional_and_factory():
    assert repr(Row(1, "x")) == "<Row(1, 'x')>"
    assert repr(Row()) == "<Row()>"
    Person = Row("name", "age")
    assert repr(Person) == "<Row('name', 'age')>"
    assert repr(Person("Al", 3)) == "Row(name='Al', age=3)"
    assert repr(Person("Al")) == "Row(name='Al')"
    assert "name" in Person
    assert repr(Row("a")("x").__fields__) == "<Row('a')>"
    assert repr(Row(a=1)(5)) == "Row(1=5)"
    assert Row("Alice", 11) == Row(name="Alice", age=11)
    assert Row(a=1) == Row(b=1) and Row(a=1) == (1,)
    assert Row(a=1, b=2).count(1) == 1


def test_row_nested_repr_and_as_dict():
    r = Row(a=Row(b=[Row(c=1)], d={"k": Row(e=2)}))
    assert repr(r) == "Row(a=Row(b=[Row(c=1)], d={'k': Row(e=2)}))"
    assert r.asDict(True) == {"a": {"b": [{"c": 1}], "d": {"k": {"e": 2}}}}
    assert r.asDict() == {"a": Row(b=[Row(c=1)], d={"k": Row(e=2)})}
    guide = Row(a=1, b="x", c=None, d=[1, 2], e=Row(f=1.5))
    assert repr(guide) == "Row(a=1, b='x', c=None, d=[1, 2], e=Row(f=1.5))"


def test_row_errors():
    r = Row(b=1, a="x")
    e = error_of(lambda: r.zz)
    assert isinstance(e, PySparkAttributeError) and isinstance(e, AttributeError)
    assert str(e) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `zz` is not supported."
    e = error_of(lambda: r["zz"])
    assert isinstance(e, PySparkValueError) and e.getCondition() is None and str(e) == "zz"
    assert isinstance(error_of(lambda: r[5]), IndexError)
    e = error_of(lambda: r.__foo__)
    assert str(e) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `__foo__` is not supported."
    e = error_of(lambda: setattr(r, "a", 2))
    assert isinstance(e, PySparkRuntimeError) and str(e) == "[READ_ONLY] Row is read-only."
    e = error_of(lambda: Row("name", "age")("a", 1, 2))
    assert str(e) == "[TOO_MANY_VALUES] Expected 2 values for `fields`, got 3."
    e = error_of(lambda: Row(1, a=2))
    assert str(e) == "[CANNOT_SET_TOGETHER] args and kwargs should not be set together."
    e = error_of(lambda: Row(1, "x").asDict())
    assert str(e) == "[CANNOT_CONVERT_TYPE] Cannot convert Row into dict."


def test_row_pickles():
    for r in (Row(a=1, b="x"), Row(1, "x"), Row("name", "age")):
        back = pickle.loads(pickle.dumps(r))
        assert repr(back) == repr(r) and back == r
    assert pickle.loads(pickle.dumps(Row(a=1))).__fields__ == ["a"]


# --- DDL parsing ------------------------------------------------------------------------------


def test_ddl_basic_forms():
    assert _parse_datatype_string("int") == IntegerType()
    assert _parse_datatype_string("a INT, b STRING") == _parse_datatype_string("a: int, b: string")
    assert _parse_datatype_string("struct<a:int,b:string>") == StructType(
        [StructField("a", IntegerType()), StructField("b", StringType())]
    )
    assert _parse_datatype_string("decimal") == DecimalType(10, 0)
    assert _parse_datatype_string("interval day to second") == DayTimeIntervalType(0, 3)
    assert _parse_datatype_string("interval year to month") == YearMonthIntervalType(0, 1)
    assert _parse_datatype_string("timestamp_ltz") == TimestampType()
    s = _parse_datatype_string("`a b` int NOT NULL COMMENT 'x', `c``d` string comment 'it''s'")
    assert [(f.name, f.nullable, f.metadata) for f in s] == [
        ("a b", False, {"comment": "x"}),
        ("c`d", True, {"comment": "it's"}),
    ]


def test_ddl_results_are_fresh_objects():
    s = _parse_datatype_string("a int")
    s.add("b", LongType())
    assert _parse_datatype_string("a int") == StructType([StructField("a", IntegerType())])


def test_ddl_table_matches_spark():
    mismatches = []
    for case in DDL_OK:
        ddl, expected = case[0], case[1]
        got = _parse_datatype_string(ddl)
        meta = (
            [(f.nullable, f.metadata) for f in got.fields] if isinstance(got, StructType) else None
        )
        if meta is not None and all(m == (True, {}) for m in meta):
            meta = None
        want_meta = case[2] if len(case) > 2 else None
        if repr(got) != expected or meta != want_meta:
            mismatches.append((ddl, repr(got), meta))
    assert mismatches == []


def test_ddl_errors_match_spark():
    mismatches = []
    for ddl, cls, condition, line in DDL_ERRORS:
        with pytest.raises(Exception) as info:
            _parse_datatype_string(ddl)
        e = info.value
        text = str(e)
        got_line = text.split("\n")[1] if text.startswith("\n") else text
        if (type(e).__name__, e.getCondition(), got_line) != (cls, condition, line):
            mismatches.append((ddl, type(e).__name__, e.getCondition(), got_line))
    assert mismatches == []


def test_ddl_parse_exception_full_text():
    e = error_of(lambda: _parse_datatype_string("a int not"))
    assert isinstance(e, ParseException) and isinstance(e, AnalysisException)
    assert e.getSqlState() == "42601"
    assert e.getMessageParameters() == {"error": "end of input", "hint": ": missing 'NULL'"}
    assert str(e) == (
        "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing 'NULL'. "
        "SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\na int not\n---------^^^\n"
    )
    e = error_of(lambda: _parse_datatype_string("a int,\n  b foo,\n c int"))
    assert describe(e) == (
        "ParseException",
        "UNSUPPORTED_DATATYPE",
        "0A000",
        '\n[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 2, pos 4)'
        "\n\n== SQL ==\na int,\n  b foo,\n----^^^\n c int\n",
    )
    assert e.getMessageParameters() == {"typeName": '"FOO"'}
    e = error_of(lambda: _parse_datatype_string("x int, y decimal(3,4)"))
    assert str(e) == (
        "\n[DECIMAL_SCALE_EXCEEDS_PRECISION] Decimal scale (4) cannot be greater than "
        "precision (3). SQLSTATE: 22003\n== SQL ==\nx int, y decimal(3,4)"
    )
    e = error_of(lambda: _parse_datatype_string("a decimal(40,2)"))
    assert isinstance(e, ArithmeticException)
    assert str(e) == (
        "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max "
        "precision 38. SQLSTATE: 22003"
    )
    e = error_of(lambda: _parse_datatype_string("a array<int>>"))
    assert e.getMessageParameters() == {"error": "'>'", "hint": ": extra input '>'"}
    e = error_of(lambda: _parse_datatype_string("a-b int"))
    assert str(e).endswith("SQLSTATE: 42602 (line 1, pos 1)\n\n== SQL ==\na-b int\n-^^^\n")
    assert e.getMessageParameters() == {"ident": "a-b"}


# --- inference and merging --------------------------------------------------------------------


def test_inference_guide_examples():
    row = (
        1,
        1.5,
        True,
        "s",
        datetime.date(2024, 1, 2),
        datetime.datetime(2024, 1, 2, 3, 4, 5),
        D("1.50"),
        b"ab",
        [1, None],
        {"k": 1},
        Row(x=1, y="a"),
    )
    assert dtypes([row], list("abcdefghijk")) == [
        ("a", "bigint"),
        ("b", "double"),
        ("c", "boolean"),
        ("d", "string"),
        ("e", "date"),
        ("f", "timestamp"),
        ("g", "decimal(38,18)"),
        ("h", "binary"),
        ("i", "array<bigint>"),
        ("j", "map<string,bigint>"),
        ("k", "struct<x:bigint,y:string>"),
    ]
    assert dtypes([(1,), ("x",)], ["a"]) == [("a", "string")]
    assert dtypes([([1, "x"], {"a": 1, "b": "x"})], ["a", "b"]) == [
        ("a", "array<string>"),
        ("b", "map<string,string>"),
    ]
    assert dtypes([{"b": 1, "a": "x"}]) == [("a", "string"), ("b", "bigint")]
    assert dtypes([(1, None), (None, "x")]) == [("_1", "bigint"), ("_2", "string")]
    assert collect([Row(a=1, b=2), Row(b=3, a=4)]) == [Row(a=1, b=2), Row(a=3, b=4)]
    assert repr(collect([Row(a=1, b=2), Row(b=3, a=4)])) == "[Row(a=1, b=2), Row(a=3, b=4)]"


def test_inference_of_other_python_types():
    assert dtypes([(datetime.time(1, 2, 3, 4),)]) == [("_1", "time(6)")]
    assert dtypes([(datetime.timedelta(days=1),)]) == [("_1", "interval day to second")]
    assert dtypes([((1, 2),)]) == [("_1", "struct<_1:bigint,_2:bigint>")]
    assert dtypes([(array("i", [1, 2]),)]) == [("_1", "array<int>")]
    assert dtypes([([],), ([1],)]) == [("_1", "array<bigint>")]
    assert dtypes([({1: 1, "b": 2},)]) == [("_1", "map<string,bigint>")]
    naive, aware = (
        datetime.datetime(2020, 1, 1),
        datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc),
    )
    assert dtypes([(naive, aware)]) == [("_1", "timestamp"), ("_2", "timestamp")]
    Pt = collections.namedtuple("Pt", "y x")
    assert repr(collect([Pt(1, 2)])) == "[Row(y=1, x=2)]"

    class Obj:
        def __init__(self):
            self.b = 1
            self.a = "x"

    assert repr(collect([Obj()])) == "[Row(a='x', b=1)]"
    assert repr(collect([(1, 2, 3)], ["a"])) == "[Row(a=1, _2=2, _3=3)]"
    assert repr(collect([(1, 2)], ["a", "a"])) == "[Row(a=1, a=2)]"
    assert repr(collect([{"a": 1}, {"b": 2}])) == "[Row(a=1, b=None), Row(a=None, b=2)]"
    assert repr(collect(iter([(1,), (2,)]))) == "[Row(_1=1), Row(_1=2)]"


def test_infer_type_and_schema_functions():
    assert _infer_type({"a": 1}, infer_dict_as_struct=True) == StructType(
        [StructField("a", LongType(), True)]
    )
    assert (
        _infer_type(datetime.datetime(2020, 1, 1), prefer_timestamp_ntz=True) == TimestampNTZType()
    )
    assert repr(_infer_schema((1, "x"), names=["p"])) == (
        "StructType([StructField('p', LongType(), True), StructField('_2', StringType(), True)])"
    )
    assert repr(_infer_schema({"b": 1, "a": 2})) == (
        "StructType([StructField('a', LongType(), True), StructField('b', LongType(), True)])"
    )
    e = error_of(lambda: _infer_schema(5))
    assert str(e) == "[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: `int`."


def test_values_mixed_with_strings_are_stringified():
    assert repr(collect([(1, "x"), ("y", 2.5)])) == "[Row(_1='1', _2='x'), Row(_1='y', _2='2.5')]"
    assert repr(collect([(True,), ("x",)])) == "[Row(_1='true'), Row(_1='x')]"
    assert repr(collect([(datetime.date(2020, 1, 2),), ("x",)])) == (
        "[Row(_1='2020-01-02'), Row(_1='x')]"
    )
    assert repr(collect([(D("1.5"),), ("x",)])) == "[Row(_1='1.5'), Row(_1='x')]"
    assert repr(collect([(b"ab",), ("x",)])) == "[Row(_1=\"b'ab'\"), Row(_1='x')]"
    assert repr(collect([([1, "x", True, 2.5],)])) == "[Row(_1=['1', 'x', 'true', '2.5'])]"
    assert repr(collect([({"a": 1, "b": "x", "c": False},)])) == (
        "[Row(_1={'a': '1', 'b': 'x', 'c': 'false'})]"
    )


@pytest.mark.parametrize(
    "data, expected",
    [
        ([(1,), (2.5,)], "Can not merge type `LongType` and `DoubleType`."),
        ([(True,), (1,)], "Can not merge type `BooleanType` and `LongType`."),
        (
            [(datetime.date(2020, 1, 1),), (datetime.datetime(2020, 1, 1),)],
            "Can not merge type `DateType` and `TimestampType`.",
        ),
        ([(1,), (D(1),)], "Can not merge type `LongType` and `DecimalType`."),
        ([([1],), ("x",)], "Can not merge type `ArrayType` and `StringType`."),
        ([({"a": 1},), (Row(a=1),)], "Can not merge type `MapType` and `StructType`."),
        ([(Row(x=1),), (Row(x=2.5),)], "Can not merge type `LongType` and `DoubleType`."),
        ([({"k": [1]},), ({"k": [2.5]},)], "Can not merge type `LongType` and `DoubleType`."),
    ],
)
def test_merge_errors(data, expected):
    e = error_of(lambda: _prepare_local_data(data, ["a"]))
    assert isinstance(e, PySparkTypeError) and isinstance(e, TypeError)
    assert (e.getCondition(), e.getSqlState(), str(e)) == (
        "CANNOT_MERGE_TYPE",
        "42K09",
        "[CANNOT_MERGE_TYPE] " + expected,
    )


@pytest.mark.parametrize(
    "value",
    [[1, 2.5], {"a": 1, "b": 2.5}, [[1], [2.5]], {1}, object()],
)
def test_cannot_infer_type_for_field(value):
    e = error_of(lambda: _prepare_local_data([(value,)], ["a"]))
    assert describe(e) == (
        "PySparkTypeError",
        "CANNOT_INFER_TYPE_FOR_FIELD",
        "42K09",
        "[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field `a`.",
    )


@pytest.mark.parametrize("value", [None, [], {}, [None]])
def test_cannot_determine_type(value):
    e = error_of(lambda: _prepare_local_data([(value,)], ["a"]))
    assert describe(e) == (
        "PySparkValueError",
        "CANNOT_DETERMINE_TYPE",
        None,
        "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring.",
    )


def test_merge_type_function():
    s = _merge_type(
        StructType([StructField("x", LongType()), StructField("y", LongType(), False)]),
        StructType([StructField("z", DoubleType()), StructField("x", LongType(), False)]),
    )
    assert repr(s) == (
        "StructType([StructField('x', LongType(), True), StructField('y', LongType(), True), "
        "StructField('z', DoubleType(), True)])"
    )
    assert _merge_type(ArrayType(LongType(), False), ArrayType(NullType(), False)) == ArrayType(
        LongType(), True
    )
    assert _merge_type(DecimalType(10, 2), DecimalType(38, 18)) == DecimalType(10, 2)
    assert _merge_type(LongType(), StringType()) == StringType()
    assert _merge_type(TimestampNTZType(), TimestampType()) == TimestampType()
    e = error_of(lambda: _merge_type(StringType(), ArrayType(LongType())))
    assert str(e) == "[CANNOT_MERGE_TYPE] Can not merge type `StringType` and `ArrayType`."


def test_empty_and_bad_schemas():
    e = error_of(lambda: _prepare_local_data([]))
    assert describe(e) == (
        "PySparkValueError",
        "CANNOT_INFER_EMPTY_SCHEMA",
        "42K09",
        "[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset.",
    )
    assert isinstance(error_of(lambda: _prepare_local_data([], ["a"])), PySparkValueError)
    assert _prepare_local_data([], "a int") == (StructType([StructField("a", IntegerType())]), [])
    e = error_of(lambda: _prepare_local_data([(1,)], 5))
    assert str(e) == (
        "[NOT_EXPECTED_TYPE] Argument `schema` should be list, None or StructType, got int."
    )
    e = error_of(lambda: _prepare_local_data([1, 2]))
    assert str(e) == "[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: `int`."
    assert isinstance(error_of(lambda: _prepare_local_data([(1,)], ["a", "b"])), IndexError)


# --- verification -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, schema, expected",
    [
        (
            [("x",)],
            "a int",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: IntegerType() can not accept "
                "object 'x' in type <class 'str'>.",
            ),
        ),
        (
            [(1,)],
            "a double",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: DoubleType() can not accept "
                "object 1 in type <class 'int'>.",
            ),
        ),
        (
            [(None,)],
            "a int not null",
            (
                "PySparkValueError",
                "FIELD_NOT_NULLABLE_WITH_NAME",
                "[FIELD_NOT_NULLABLE_WITH_NAME] field a: This field is not nullable, but got None.",
            ),
        ),
        (
            [(1, 2)],
            "a int",
            (
                "PySparkValueError",
                "FIELD_STRUCT_LENGTH_MISMATCH",
                "[FIELD_STRUCT_LENGTH_MISMATCH] Length of object (2) does not match with length "
                "of fields (1).",
            ),
        ),
        (
            ["x"],
            "int",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field value: IntegerType() can not "
                "accept object 'x' in type <class 'str'>.",
            ),
        ),
        (
            [1, 2],
            "a int",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE",
                "[FIELD_DATA_TYPE_UNACCEPTABLE] StructType([StructField('a', IntegerType(), "
                "True)]) can not accept object 1 in type <class 'int'>.",
            ),
        ),
        (
            [(300,)],
            "a tinyint",
            (
                "PySparkValueError",
                "VALUE_OUT_OF_BOUNDS",
                "[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -128 and 127 (inclusive), "
                "got 300",
            ),
        ),
        (
            [(True,)],
            "a int",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: IntegerType() can not accept "
                "object True in type <class 'bool'>.",
            ),
        ),
        (
            [(1.5,)],
            "a decimal(10,2)",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: DecimalType(10,2) can not "
                "accept object 1.5 in type <class 'float'>.",
            ),
        ),
        (
            [(datetime.date(2024, 1, 2),)],
            "a timestamp",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field a: TimestampType() can not accept "
                "object datetime.date(2024, 1, 2) in type <class 'datetime.date'>.",
            ),
        ),
        (
            [(Row(y="x", x=1),)],
            "a struct<x:int, y:string>",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x in field a: IntegerType() can "
                "not accept object 'x' in type <class 'str'>.",
            ),
        ),
        (
            [(1, [1, 2])],
            "a long, b array<double>",
            (
                "PySparkTypeError",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
                "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] element in array field b: DoubleType() "
                "can not accept object 1 in type <class 'int'>.",
            ),
        ),
        (
            [(2**63,)],
            "a long",
            (
                "PySparkValueError",
                "VALUE_OUT_OF_BOUNDS",
                "[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -9223372036854775808 and "
                "9223372036854775807 (inclusive), got 9223372036854775808",
            ),
        ),
    ],
)
def test_create_data_frame_verification(data, schema, expected):
    e = error_of(lambda: _prepare_local_data(data, schema))
    assert (type(e).__name__, e.getCondition(), str(e)) == expected
    assert e.getSqlState() is None


def test_verifier_function():
    V = _make_type_verifier
    assert V(StructType([]))(None) is None
    assert V(LongType())(0) is None
    assert V(MapType(StringType(), IntegerType()))({}) is None
    assert V(DateType())(datetime.datetime(2020, 1, 1)) is None
    assert V(DecimalType())(D("NaN")) is None
    cases = [
        (
            lambda: V(ArrayType(StringType()))(set()),
            "[FIELD_DATA_TYPE_UNACCEPTABLE] ArrayType(StringType(), True) can not accept object "
            "set() in type <class 'set'>.",
        ),
        (
            lambda: V(StructType([]))([1]),
            "[FIELD_STRUCT_LENGTH_MISMATCH] Length of object (1) does not match with length of "
            "fields (0).",
        ),
        (
            lambda: V(ByteType(), False)(None),
            "[FIELD_NOT_NULLABLE] Field is not nullable, but got None.",
        ),
        (
            lambda: V(DecimalType(), False)(D("NaN")),
            "[FIELD_NOT_NULLABLE] Field is not nullable, but got None.",
        ),
        (
            lambda: V(ArrayType(ShortType(), False))([1, None]),
            "[FIELD_NOT_NULLABLE_WITH_NAME] element in array None: This field is not nullable, "
            "but got None.",
        ),
        (
            lambda: V(MapType(StringType(), IntegerType()))({None: 1}),
            "[FIELD_NOT_NULLABLE_WITH_NAME] key of map None: This field is not nullable, but got "
            "None.",
        ),
        (
            lambda: V(StructType().add("a", IntegerType()).add("b", StringType(), False))(
                (1, None)
            ),
            "[FIELD_NOT_NULLABLE_WITH_NAME] field b: This field is not nullable, but got None.",
        ),
        (
            lambda: V(StructType().add("a", StructType().add("b", IntegerType())), name="x")(
                ((1, 2),)
            ),
            "[FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME] field a in x: Length of object (2) does "
            "not match with length of fields (1).",
        ),
        (
            lambda: V(MapType(StringType(), IntegerType()), name="field m")({"a": "x"}),
            "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] value of map field m: IntegerType() can not "
            "accept object 'x' in type <class 'str'>.",
        ),
        (
            lambda: V(BooleanType())(1),
            "[FIELD_DATA_TYPE_UNACCEPTABLE] BooleanType() can not accept object 1 in type "
            "<class 'int'>.",
        ),
        (
            lambda: V(BinaryType())("x"),
            "[FIELD_DATA_TYPE_UNACCEPTABLE] BinaryType() can not accept object 'x' in type "
            "<class 'str'>.",
        ),
        (
            lambda: V(FloatType())(1),
            "[FIELD_DATA_TYPE_UNACCEPTABLE] FloatType() can not accept object 1 in type "
            "<class 'int'>.",
        ),
    ]
    for thunk, expected in cases:
        assert str(error_of(thunk)) == expected
    e = error_of(lambda: V(NullType())(1))
    assert isinstance(e, AssertionError) and str(e) == "unknown datatype: NullType() for object 1"
    e = error_of(lambda: _prepare_local_data([(1,)], "a interval year to month"))
    assert str(e) == "field a: unknown datatype: YearMonthIntervalType(0, 1) for object 1"


# --- createDataFrame data path ----------------------------------------------------------------


def test_explicit_schemas():
    assert collect([1, 2], "int") == [Row(value=1), Row(value=2)]
    assert repr(collect([1, None], IntegerType())) == "[Row(value=1), Row(value=None)]"
    struct, rows = _prepare_local_data([1, 2], "int")
    assert struct == StructType([StructField("value", IntegerType(), True)]) and rows == [
        (1,),
        (2,),
    ]
    assert repr(collect([("a", 1)], "x string, y string")) == "[Row(x='a', y='1')]"
    row = (1, True, 1.5, [1, 2], {"a": 1}, datetime.date(2020, 1, 1), D("1.5"), b"ab")
    ddl = ", ".join("%s string" % c for c in "abcdefgh")
    assert repr(collect([row], ddl)) == (
        "[Row(a='1', b='true', c='1.5', d='[1, 2]', e=\"{'a': 1}\", f='2020-01-01', g='1.5', "
        "h=\"b'ab'\")]"
    )
    schema = StructType([StructField("a", LongType(), False), StructField("b", StringType())])
    struct, rows = _prepare_local_data([(1, "a")], schema)
    assert struct is schema and rows == [(1, "a")]


def test_rows_dicts_and_objects_with_a_schema():
    assert repr(collect([Row(y="x", x=1)], "y string, x int")) == "[Row(y='x', x=1)]"
    e = error_of(lambda: collect([Row(y="x", x=1)], "x int, y string"))  # by position
    assert str(e).startswith("[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x:")
    assert repr(collect([{"y": "x", "x": 1, "z": 5}], "x int, y string")) == "[Row(x=1, y='x')]"
    assert repr(collect([{"y": "x"}], "x int, y string")) == "[Row(x=None, y='x')]"
    Pt = collections.namedtuple("Pt", "y x")
    assert repr(collect([Pt(1, 2)], "x int, y int")) == "[Row(x=1, y=2)]"

    class Obj:
        def __init__(self):
            self.b = 1
            self.a = "x"

    assert repr(collect([Obj()], "a string, b int")) == "[Row(a='x', b=1)]"
    assert repr(collect([((1, "x"),)], "a struct<x:int, y:string>")) == "[Row(a=Row(x=1, y='x'))]"
    assert repr(collect([({"y": "x", "x": 1},)], "a struct<x:int, y:string>")) == (
        "[Row(a=Row(x=1, y='x'))]"
    )
    assert repr(collect([((1, 2),)], "a array<int>")) == "[Row(a=[1, 2])]"


def test_length_mismatch_in_inferred_rows():
    e = error_of(lambda: _prepare_local_data([(1, 2), (1,)]))
    assert isinstance(e, IllegalArgumentException)
    assert describe(e) == (
        "IllegalArgumentException",
        "STRUCT_ARRAY_LENGTH_MISMATCH",
        "2201E",
        "[STRUCT_ARRAY_LENGTH_MISMATCH] Input row doesn't have expected number of values "
        "required by the schema. 2 fields are required while 1 values are provided. "
        "SQLSTATE: 2201E",
    )


def test_unverified_values_follow_the_jvm():
    assert repr(collect([(1,)], "a double", verifySchema=False)) == "[Row(a=None)]"
    assert repr(collect([(1.7,)], "a int", verifySchema=False)) == "[Row(a=None)]"
    assert repr(collect([("x",)], "a int", verifySchema=False)) == "[Row(a=None)]"
    assert repr(collect([(300,)], "a tinyint", verifySchema=False)) == "[Row(a=44)]"
    assert repr(collect([("ab",)], "a binary", verifySchema=False)) == "[Row(a=b'ab')]"
    assert repr(collect([("ab",)], "a array<string>", verifySchema=False)) == "[Row(a=['a', 'b'])]"
    assert repr(collect([(2**63,)])) == "[Row(_1=None)]"
    assert repr(collect([Row(a=1, b=None), Row(b="x", a=None)])) == (
        "[Row(a=1, b=None), Row(a=None, b=None)]"
    )
    e = error_of(lambda: collect([5], "a int", verifySchema=False))
    assert str(e) == "[UNSUPPORTED_DATA_TYPE] Unsupported DataType `int`."


@pytest.mark.parametrize(
    "value, schema, expected",
    [
        (D("1.555"), "a decimal(10,2)", "Decimal('1.56')"),
        (D("1.545"), "a decimal(10,2)", "Decimal('1.55')"),
        (D("-1.555"), "a decimal(10,2)", "Decimal('-1.56')"),
        (D("12345678.5"), "a decimal(10,2)", "Decimal('12345678.50')"),
        (D("NaN"), "a decimal(10,2)", "None"),
        (D("1.1234567890123456789012"), None, "Decimal('1.123456789012345679')"),
        (D("-0.001"), "a decimal(2,2)", "Decimal('0.00')"),
    ],
)
def test_decimal_rounding(value, schema, expected):
    (row,) = collect([(value,)], schema)
    assert repr(row[0]) == expected


def test_decimal_overflow():
    e = error_of(lambda: _prepare_local_data([(D("123456789.5"),)], "a decimal(10,2)"))
    assert isinstance(e, ArithmeticException)
    assert describe(e) == (
        "ArithmeticException",
        "NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION",
        "22003",
        "[NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION]  The 123456789.50 rounded half up from "
        "123456789.5 cannot be represented as Decimal(10, 2). SQLSTATE: 22003",
    )
    assert e.getMessageParameters() == {
        "roundedValue": "123456789.50",
        "originalValue": "123456789.5",
        "precision": "10",
        "scale": "2",
    }
    e = error_of(lambda: _prepare_local_data([(D("1E+20"),)]))
    assert str(e) == (
        "[NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION]  The "
        "100000000000000000000.000000000000000000 rounded half up from 1E+20 cannot be "
        "represented as Decimal(38, 18). SQLSTATE: 22003"
    )
    e = error_of(lambda: _prepare_local_data([(D("0.999"),)], "a decimal(2,2)"))
    assert e.getMessageParameters()["roundedValue"] == "1.00"


def test_datetime_values(utc):
    tz2 = datetime.timezone(datetime.timedelta(hours=2))
    cases = [
        (datetime.datetime(2024, 1, 2, 3, 4, 5, 6), "a date", "datetime.date(2024, 1, 2)"),
        (
            datetime.datetime(2024, 1, 2, 3, 4, 5, 123456),
            "a timestamp",
            "datetime.datetime(2024, 1, 2, 3, 4, 5, 123456)",
        ),
        (
            datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=tz2),
            "a timestamp",
            "datetime.datetime(2024, 1, 2, 1, 4, 5, 123456)",
        ),
        (
            datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=tz2),
            "a timestamp_ntz",
            "datetime.datetime(2024, 1, 2, 3, 4, 5, 123456)",
        ),
        (
            datetime.datetime(1960, 1, 2, 3, 4, 5, 123456),
            "a timestamp_ntz",
            "datetime.datetime(1960, 1, 2, 3, 4, 5, 123456)",
        ),
        (
            datetime.datetime(1960, 1, 2, 3, 4, 5, 123456),
            None,
            "datetime.datetime(1960, 1, 2, 3, 4, 5, 123456)",
        ),
        (datetime.date(1900, 3, 4), None, "datetime.date(1900, 3, 4)"),
        (datetime.time(1, 2, 3, 4), None, "datetime.time(1, 2, 3, 4)"),
        (
            datetime.timedelta(days=1, seconds=3, microseconds=5),
            None,
            "datetime.timedelta(days=1, seconds=3, microseconds=5)",
        ),
        (
            datetime.timedelta(days=-1, seconds=3, microseconds=5),
            "a interval day to second",
            "datetime.timedelta(days=-1, seconds=3, microseconds=5)",
        ),
        (b"ab", None, "b'ab'"),
        (bytearray(b"cd"), None, "b'cd'"),
    ]
    for value, schema, expected in cases:
        (row,) = collect([(value,)], schema)
        assert repr(row[0]) == expected, (value, schema)


def test_internal_values(utc):
    dt = datetime.datetime
    schema = (
        "d decimal(10,2), dt date, ts timestamp, ntz timestamp_ntz, t time, i interval day to "
        "second, b binary, a array<date>, m map<string,decimal(5,1)>, s struct<x:int,y:date>"
    )
    row = (
        D("1.50"),
        datetime.date(2024, 1, 2),
        dt(2024, 1, 2, 3, 4, 5, 6),
        dt(1969, 12, 31, 23, 59, 59, 999999),
        datetime.time(1, 2, 3, 4),
        datetime.timedelta(days=1, microseconds=5),
        bytearray(b"ab"),
        [datetime.date(1970, 1, 2), None],
        {"k": D("2.25")},
        {"y": datetime.date(1970, 1, 1), "x": 7},
    )
    struct, rows = _prepare_local_data([row], schema)
    assert rows == [
        (
            150,
            19724,
            1704164645000006,
            -1,
            3723000004,
            86400000005,
            b"ab",
            [1, None],
            {"k": 23},
            (7, 0),
        )
    ]
    # what the engine sends back: decimals as strings, maps as pairs, structs as tuples
    make = _make_row_factory(struct)
    back = make(
        (
            "1.50",
            19724,
            1704164645000006,
            -1,
            3723000004,
            86400000005,
            b"ab",
            [1, None],
            [("k", "2.3")],
            (7, 0),
        )
    )
    assert repr(back) == (
        "Row(d=Decimal('1.50'), dt=datetime.date(2024, 1, 2), ts=datetime.datetime(2024, 1, 2, 3, "
        "4, 5, 6), ntz=datetime.datetime(1969, 12, 31, 23, 59, 59, 999999), t=datetime.time(1, 2, "
        "3, 4), i=datetime.timedelta(days=1, microseconds=5), b=b'ab', a=[datetime.date(1970, 1, "
        "2), None], m={'k': Decimal('2.3')}, s=Row(x=7, y=datetime.date(1970, 1, 1)))"
    )


def test_converters():
    assert _to_internal_converter(LongType()) is None
    assert _to_internal_converter(ArrayType(DoubleType())) is not None
    assert _to_internal_converter(DecimalType(10, 2))(D("1.50")) == 150
    assert _to_internal_converter(StringType())(True) == "true"
    assert _to_internal_converter(DateType())(datetime.date(2024, 1, 1)) == 19723
    assert _to_internal_converter(TimeType())(datetime.time(0, 0, 1)) == 1000000
    assert _to_internal_converter(StructType().add("a", LongType()))({"a": 1}) == (1,)
    assert _from_internal_converter(LongType()) is None
    assert _from_internal_converter(ArrayType(LongType())) is None
    assert _from_internal_converter(BinaryType()) is None
    assert _from_internal_converter(DateType())(19723) == datetime.date(2024, 1, 1)
    assert _from_internal_converter(DecimalType(5, 2))("1.50") == D("1.50")
    assert _from_internal_converter(DecimalType(5, 2))(150) == D("1.50")
    assert _from_internal_converter(MapType(StringType(), LongType()))([("b", 1), ("a", 2)]) == {
        "b": 1,
        "a": 2,
    }
    assert _from_internal_converter(TimeType())(None) is None
    conv = _from_internal_converter(ArrayType(StructType().add("q", LongType())))
    assert repr(conv([(1,), None])) == "[Row(q=1), None]"
    assert DateType().toInternal(datetime.date(1970, 1, 11)) == 10
    assert DateType().fromInternal(10) == datetime.date(1970, 1, 11)


def test_intervals_that_pyspark_cannot_collect():
    e = error_of(lambda: _from_internal_converter(YearMonthIntervalType())(14))
    assert isinstance(e, PySparkNotImplementedError)
    assert str(e) == "[NOT_IMPLEMENTED] YearMonthIntervalType.fromInternal is not implemented."
    e = error_of(lambda: _from_internal_converter(CalendarIntervalType())(None))
    assert str(e) == "[NOT_IMPLEMENTED] CalendarIntervalType.fromInternal is not implemented."


def test_row_factory_shares_names_and_is_fast():
    schema = StructType().add("a", LongType()).add("b", StringType()).add("c", DoubleType())
    make = _make_row_factory(schema)
    rows = [make((i, "x", 1.5)) for i in range(3)]
    assert repr(rows[0]) == "Row(a=0, b='x', c=1.5)"
    assert rows[0].__fields__ is rows[1].__fields__
    assert rows[2].a == 2 and rows[2]["c"] == 1.5
    data = [(i, "x", 1.5) for i in range(10)]
    start = time.perf_counter()
    for _ in range(1000):
        [make(t) for t in data]
    assert time.perf_counter() - start < 0.5  # 10 rows in well under 500 microseconds


# --- literal tables produced by PySpark 4.3 (_parse_datatype_string) --------------------------
# DDL_OK: (ddl, repr, [(nullable, metadata)] when not all (True, {}))
# DDL_ERRORS: (ddl, exception class, condition, first message line)

# fmt: off
DDL_OK = [('int', 'IntegerType()'),
 ('INT ', 'IntegerType()'),
 ('a INT, b STRING',
  "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
 ('a: int, b: string',
  "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
 ('struct<a:int,b:string>',
  "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
 ('array<int>', 'ArrayType(IntegerType(), True)'),
 ('map<string,int>', 'MapType(StringType(), IntegerType(), True)'),
 ('decimal(10,2)', 'DecimalType(10,2)'),
 ('decimal', 'DecimalType(10,0)'),
 ('dec(5,1)', 'DecimalType(5,1)'),
 ('numeric(7,3)', 'DecimalType(7,3)'),
 ('bigint', 'LongType()'),
 ('long', 'LongType()'),
 ('integer', 'IntegerType()'),
 ('smallint', 'ShortType()'),
 ('short', 'ShortType()'),
 ('tinyint', 'ByteType()'),
 ('byte', 'ByteType()'),
 ('float', 'FloatType()'),
 ('real', 'FloatType()'),
 ('double', 'DoubleType()'),
 ('boolean', 'BooleanType()'),
 ('string', 'StringType()'),
 ('binary', 'BinaryType()'),
 ('date', 'DateType()'),
 ('timestamp', 'TimestampType()'),
 ('timestamp_ntz', 'TimestampNTZType()'),
 ('timestamp_ltz', 'TimestampType()'),
 ('interval day to second', 'DayTimeIntervalType(0, 3)'),
 ('interval year to month', 'YearMonthIntervalType(0, 1)'),
 ('interval day', 'DayTimeIntervalType(0, 0)'),
 ('interval hour to minute', 'DayTimeIntervalType(1, 2)'),
 ('interval month', 'YearMonthIntervalType(1, 1)'),
 ('interval', 'CalendarIntervalType()'),
 ('`a b` int, `c``d` string',
  "StructType([StructField('a b', IntegerType(), True), StructField('c`d', StringType(), "
  'True)])'),
 ("a int not null, b string comment 'hi there'",
  "StructType([StructField('a', IntegerType(), False), StructField('b', StringType(), True)])",
  [(False, {}), (True, {'comment': 'hi there'})]),
 ("a int NOT NULL COMMENT 'x'",
  "StructType([StructField('a', IntegerType(), False)])",
  [(False, {'comment': 'x'})]),
 ('struct<a:int not null, b: array<struct<c:double>>>',
  "StructType([StructField('a', IntegerType(), False), StructField('b', "
  "ArrayType(StructType([StructField('c', DoubleType(), True)]), True), True)])",
  [(False, {}), (True, {})]),
 ('a array<map<string,array<int>>>',
  "StructType([StructField('a', ArrayType(MapType(StringType(), ArrayType(IntegerType(), "
  'True), True), True), True)])'),
 ('char(5)', 'CharType(5)'),
 ('varchar(10)', 'VarcharType(10)'),
 ('a char(3), b varchar(4)',
  "StructType([StructField('a', CharType(3), True), StructField('b', VarcharType(4), True)])"),
 ('time', 'TimeType(6)'),
 ('time(3)', 'TimeType(3)'),
 ('variant', 'VariantType()'),
 ('void', 'NullType()'),
 ('string collate UTF8_LCASE', "StringType('UTF8_LCASE')"),
 ('a: array< short>', "StructType([StructField('a', ArrayType(ShortType(), True), True)])"),
 (' map<string , string > ', 'MapType(StringType(), StringType(), True)'),
 ('a: byte, b: decimal(  16 , 8   ) ',
  "StructType([StructField('a', ByteType(), True), StructField('b', DecimalType(16,8), "
  'True)])'),
 ('struct<>', 'StructType([])'),
 ('struct<a int, b string>',
  "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
 ("struct<a: int COMMENT 'c'>",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'c'})]),
 ('a int, b struct<c int>',
  "StructType([StructField('a', IntegerType(), True), StructField('b', "
  "StructType([StructField('c', IntegerType(), True)]), True)])"),
 ('decimal(38)', 'DecimalType(38,0)'),
 ('DECIMAL(10, 2)', 'DecimalType(10,2)'),
 ('Array<Int>', 'ArrayType(IntegerType(), True)'),
 ('MAP<INT,STRING>', 'MapType(IntegerType(), StringType(), True)'),
 ('value int', "StructType([StructField('value', IntegerType(), True)])"),
 ('a int, a int',
  "StructType([StructField('a', IntegerType(), True), StructField('a', IntegerType(), True)])"),
 ('', 'StructType([])'),
 ('a: int not null', "StructType([StructField('a', IntegerType(), False)])", [(False, {})]),
 ("struct<a:int comment 'x'>",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'x'})]),
 ('a int comment "dq"',
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'dq'})]),
 ("a int comment 'it''s'",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': "it's"})]),
 ("a int comment 'a\\'b'",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': "a'b"})]),
 ('timestamp without time zone', 'TimestampNTZType()'),
 ('timestamp with local time zone', 'TimestampType()'),
 ('a STRING COLLATE UNICODE_CI',
  "StructType([StructField('a', StringType('UNICODE_CI'), True)])"),
 ('string collate utf8_lcase', "StringType('UTF8_LCASE')"),
 ('a int -- comment', "StructType([StructField('a', IntegerType(), True)])"),
 ('a int /* c */, b int',
  "StructType([StructField('a', IntegerType(), True), StructField('b', IntegerType(), True)])"),
 ('1a int', "StructType([StructField('1a', IntegerType(), True)])"),
 ("a int comment 'x' 'y'",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'xy'})]),
 ('a struct<>', "StructType([StructField('a', StructType([]), True)])"),
 ("a struct<b int not null comment 'c'>",
  "StructType([StructField('a', StructType([StructField('b', IntegerType(), False)]), True)])"),
 ('a STRUCT<x: INT, y: STRING>',
  "StructType([StructField('a', StructType([StructField('x', IntegerType(), True), "
  "StructField('y', StringType(), True)]), True)])"),
 ('a int  ', "StructType([StructField('a', IntegerType(), True)])"),
 ('  ', 'StructType([])'),
 ('a interval hour to second',
  "StructType([StructField('a', DayTimeIntervalType(1, 3), True)])"),
 ('a char(0)', "StructType([StructField('a', CharType(0), True)])"),
 ('a decimal(0)', "StructType([StructField('a', DecimalType(0,0), True)])"),
 ('from int', "StructType([StructField('from', IntegerType(), True)])"),
 ('a geometry(4326)', "StructType([StructField('a', GeometryType(4326), True)])"),
 ("a int comment 'a\\nb\\tc\\\\d\\u0041'",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'a\nb\tc\\dA'})]),
 ('A Int', "StructType([StructField('A', IntegerType(), True)])"),
 ("a int comment r'x\\n'",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'x\\n'})]),
 ('a: array<int>, b: map<string, struct<c: int>>',
  "StructType([StructField('a', ArrayType(IntegerType(), True), True), StructField('b', "
  "MapType(StringType(), StructType([StructField('c', IntegerType(), True)]), True), True)])"),
 ('struct<a int>', "StructType([StructField('a', IntegerType(), True)])"),
 ('a dec(5)', "StructType([StructField('a', DecimalType(5,0), True)])"),
 ('a int  not  null', "StructType([StructField('a', IntegerType(), False)])", [(False, {})]),
 ('`a-b` int', "StructType([StructField('a-b', IntegerType(), True)])"),
 ('a char(3) collate utf8_lcase', "StructType([StructField('a', CharType(3), True)])"),
 ('a string collate utf8_lcase',
  "StructType([StructField('a', StringType('UTF8_LCASE'), True)])"),
 ('a string collate UNICODE', "StructType([StructField('a', StringType('UNICODE'), True)])"),
 ('a string collate unicode_ci',
  "StructType([StructField('a', StringType('UNICODE_CI'), True)])"),
 ('a int comment \'x\' \'y\' "z"',
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'xyz'})]),
 ('a timestamp(6)', "StructType([StructField('a', TimestampType(), True)])"),
 ('a timestamp_ntz(6)', "StructType([StructField('a', TimestampNTZType(), True)])"),
 ('a timestamp_ltz(6)', "StructType([StructField('a', TimestampType(), True)])"),
 ('a time(6) without time zone', "StructType([StructField('a', TimeType(6), True)])"),
 ("a int comment 'x\\\\y\\%z\\_w\\0'",
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'x\\y\\%z\\_w\x00'})]),
 ('a int comment "a\\"b" ',
  "StructType([StructField('a', IntegerType(), True)])",
  [(True, {'comment': 'a"b'})]),
 ('a string collate system.builtin.utf8_lcase',
  "StructType([StructField('a', StringType('UTF8_LCASE'), True)])"),
 ('a int\n', "StructType([StructField('a', IntegerType(), True)])"),
 ('a Array<Struct<x:Int>>',
  "StructType([StructField('a', ArrayType(StructType([StructField('x', IntegerType(), True)]), "
  'True), True)])'),
 ("a map<string,int> not null comment 'm'",
  "StructType([StructField('a', MapType(StringType(), IntegerType(), True), False)])",
  [(False, {'comment': 'm'})]),
 ('a tinyint, b smallint, c bigint, d float, e double, f boolean, g binary, h date, i '
  'timestamp, j string, k decimal(5), l interval month',
  "StructType([StructField('a', ByteType(), True), StructField('b', ShortType(), True), "
  "StructField('c', LongType(), True), StructField('d', FloatType(), True), StructField('e', "
  "DoubleType(), True), StructField('f', BooleanType(), True), StructField('g', BinaryType(), "
  "True), StructField('h', DateType(), True), StructField('i', TimestampType(), True), "
  "StructField('j', StringType(), True), StructField('k', DecimalType(5,0), True), "
  "StructField('l', YearMonthIntervalType(1, 1), True)])")]

DDL_ERRORS = [('bool',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 4)'),
 ('int,string',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ','. SQLSTATE: 42601 (line 1, pos 3)"),
 ('a int,',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)'),
 ('blabla',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)'),
 ('array<int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('map<int, boolean>>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 3)"),
 ('a int b int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'b'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a decimal(40,2)',
  'ArithmeticException',
  'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
  '[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max precision 38. '
  'SQLSTATE: 22003'),
 ('decimal(5,6)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '('. SQLSTATE: 42601 (line 1, pos 7)"),
 ('char',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 4)'),
 ('x.y int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '.'. SQLSTATE: 42601 (line 1, pos 1)"),
 ('interval second to day',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'to'. SQLSTATE: 42601 (line 1, pos 16)"),
 ('a int default 5',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'default'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('double precision',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "PRECISION". SQLSTATE: 0A000 (line 1, pos 7)'),
 ('map<string, int not null>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 3)"),
 ('array<int not null>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('a array<int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 7)"),
 ('a array<int>>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '>': extra input '>'. SQLSTATE: 42601 (line 1, "
  'pos 12)'),
 ('a int)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('a int not',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing 'NULL'. SQLSTATE: 42601 "
  '(line 1, pos 9)'),
 ('a int comment',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos '
  '13)'),
 ('a int,, b int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ','. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a map<int>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('a struct<b int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 8)"),
 ('a struct<b:>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 8)"),
 ('a decimal(10',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos '
  '12)'),
 ('a decimal(10,2',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos '
  '14)'),
 ('a decimal(a)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'a'. SQLSTATE: 42601 (line 1, pos 10)"),
 ('a char',
  'ParseException',
  'DATATYPE_MISSING_SIZE',
  '[DATATYPE_MISSING_SIZE] DataType "CHAR" requires a length parameter, for example '
  '"CHAR"(10). Please specify the length. SQLSTATE: 42K01 (line 1, pos 2)'),
 ('a array',
  'ParseException',
  'INCOMPLETE_TYPE_DEFINITION.ARRAY',
  '[INCOMPLETE_TYPE_DEFINITION.ARRAY] Incomplete complex type: The definition of "ARRAY" type '
  'is incomplete. You must provide an element type. For example: "ARRAY<INT>". SQLSTATE: 42K01 '
  '(line 1, pos 2)'),
 ('a foo(3)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO(3)". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a foo',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a int, b',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 8)'),
 ('a int NOT NULL NOT NULL',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'NOT'. SQLSTATE: 42601 (line 1, pos 15)"),
 (':int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 0)"),
 ('a int;',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ';'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('a interval year to day',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'to'. SQLSTATE: 42601 (line 1, pos 16)"),
 ('a interval month to year',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'to'. SQLSTATE: 42601 (line 1, pos 17)"),
 ('a decimal(5,6)',
  'ParseException',
  'DECIMAL_SCALE_EXCEEDS_PRECISION',
  '[DECIMAL_SCALE_EXCEEDS_PRECISION] Decimal scale (6) cannot be greater than precision (5). '
  'SQLSTATE: 22003'),
 ("a 'x'",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ''x''. SQLSTATE: 42601 (line 1, pos 2)"),
 ('`a',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '`'. SQLSTATE: 42601 (line 1, pos 0)"),
 ("a int comment 'x",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '''. SQLSTATE: 42601 (line 1, pos 14)"),
 ('a\nint,\nb foo',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 3, pos 2)'),
 ('a b c',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c': extra input 'c'. SQLSTATE: 42601 (line 1, "
  'pos 4)'),
 ('a int,\nb in t',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 't': extra input 't'. SQLSTATE: 42601 (line 2, "
  'pos 5)'),
 ('struct<a:int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a: int, b: string,',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 1)"),
 ('a: foo',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 1)"),
 ('a varchar',
  'ParseException',
  'DATATYPE_MISSING_SIZE',
  '[DATATYPE_MISSING_SIZE] DataType "VARCHAR" requires a length parameter, for example '
  '"VARCHAR"(10). Please specify the length. SQLSTATE: 42K01 (line 1, pos 2)'),
 ('a decimal(10,2,3)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "DECIMAL(10,2,3)". SQLSTATE: 0A000 (line 1, '
  'pos 2)'),
 ('a decimal(-1,2)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '-'. SQLSTATE: 42601 (line 1, pos 10)"),
 ("a int comment 'x' not null",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'not'. SQLSTATE: 42601 (line 1, pos 18)"),
 ('a array<>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<>'. SQLSTATE: 42601 (line 1, pos 7)"),
 ('a int,\n  b foo,\n c int',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 2, pos 4)'),
 ('a map<string,int,int>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('a timestamp with time zone',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'with'. SQLSTATE: 42601 (line 1, pos 12)"),
 ('a interval day to day',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'to'. SQLSTATE: 42601 (line 1, pos 15)"),
 ('select',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)'),
 ('a select',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "SELECT". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('struct<a:int>,b:int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a int c',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a int(3)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "INT(3)". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a int )',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a string c',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. SQLSTATE: 42601 (line 1, pos 9)"),
 ('a b )',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')': extra input ')'. SQLSTATE: 42601 (line 1, "
  'pos 4)'),
 ('a decimal(10,2) x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 16)'),
 ('a decimal(10,2))',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')': extra input ')'. SQLSTATE: 42601 (line 1, "
  'pos 15)'),
 ('a array<int> x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 13)'),
 ('a array<int>)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')': extra input ')'. SQLSTATE: 42601 (line 1, "
  'pos 12)'),
 ('a int not x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'. SQLSTATE: 42601 (line 1, pos 10)"),
 ("a int not comment 'x'",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'comment': missing 'NULL'. SQLSTATE: 42601 "
  '(line 1, pos 10)'),
 ('a int comment 5',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '5'. SQLSTATE: 42601 (line 1, pos 14)"),
 ('a-b int',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier a-b is invalid and must be back quoted as: '
  '`a-b`.'),
 ('a int, b-c int',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier b-c is invalid and must be back quoted as: '
  '`b-c`.'),
 ('a struct<b int> x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 16)'),
 ('int(3)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '('. SQLSTATE: 42601 (line 1, pos 3)"),
 ("a int comment 'x' y",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'y': extra input 'y'. SQLSTATE: 42601 (line 1, "
  'pos 18)'),
 ('a int not null x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 15)'),
 ('a int not null)',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')': extra input ')'. SQLSTATE: 42601 (line 1, "
  'pos 14)'),
 ('a b c d',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. SQLSTATE: 42601 (line 1, pos 4)"),
 ('a int x y',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a int, b int c',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. SQLSTATE: 42601 (line 1, pos 13)"),
 ('a int , , b',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ','. SQLSTATE: 42601 (line 1, pos 8)"),
 ('a map<int,int> )',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')': extra input ')'. SQLSTATE: 42601 (line 1, "
  'pos 15)'),
 ('a interval year x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 16)'),
 ('a interval x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'. SQLSTATE: 42601 (line 1, pos 11)"),
 ('a timestamp x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'. SQLSTATE: 42601 (line 1, pos 12)"),
 ('a int\n c',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. SQLSTATE: 42601 (line 2, pos 1)"),
 ("a int comment 'x' )",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ')': extra input ')'. SQLSTATE: 42601 (line 1, "
  'pos 18)'),
 ('a int not null comment',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos '
  '22)'),
 ('a array<int>>>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '>>': extra input '>>'. SQLSTATE: 42601 (line "
  '1, pos 12)'),
 ('a array<array<int>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 7)"),
 ('a struct<b: int, c>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 8)"),
 ('a struct<b int>>',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '>': extra input '>'. SQLSTATE: 42601 (line 1, "
  'pos 15)'),
 ('a, b',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ','. SQLSTATE: 42601 (line 1, pos 1)"),
 ('a int b',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'b'. SQLSTATE: 42601 (line 1, pos 6)"),
 ('a bigint long',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'long'. SQLSTATE: 42601 (line 1, pos 9)"),
 ('a double precision',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'precision'. SQLSTATE: 42601 (line 1, pos 9)"),
 ('a binary(3)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "BINARY(3)". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a array(3)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "ARRAY(3)". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a string(3)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "STRING(3)". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a char(3, 4)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "CHAR(3,4)". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a interval year to month to day',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'to'. SQLSTATE: 42601 (line 1, pos 25)"),
 ('a time(3) x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 10)'),
 ('a time with time zone',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'with'. SQLSTATE: 42601 (line 1, pos 7)"),
 ("a int NOT NULL COMMENT 'x' COMMENT 'y'",
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'COMMENT'. SQLSTATE: 42601 (line 1, pos 27)"),
 ('a int:',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 5)"),
 ('a int, b-c-d int',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier b-c-d is invalid and must be back quoted as: '
  '`b-c-d`.'),
 ('a map',
  'ParseException',
  'INCOMPLETE_TYPE_DEFINITION.MAP',
  '[INCOMPLETE_TYPE_DEFINITION.MAP] Incomplete complex type: The definition of "MAP" type is '
  'incomplete. You must provide a key type and a value type. For example: "MAP<TIMESTAMP, '
  'INT>". SQLSTATE: 42K01 (line 1, pos 2)'),
 ('a struct',
  'ParseException',
  'INCOMPLETE_TYPE_DEFINITION.STRUCT',
  '[INCOMPLETE_TYPE_DEFINITION.STRUCT] Incomplete complex type: The definition of "STRUCT" '
  'type is incomplete. You must provide at least one field type. For example: "STRUCT<name '
  'STRING, phone DECIMAL(10, 0)>". SQLSTATE: 42K01 (line 1, pos 2)'),
 ('a interval minute to hour',
  'ParseException',
  'INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION',
  "[INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION] Error parsing '' to interval. "
  'Please ensure that the value provided is in a valid format for defining an interval. You '
  "can reference the documentation for the correct format. Cannot support (interval '' minute "
  'to hour) expression. SQLSTATE: 22006 (line 1, pos 2)'),
 ('a interval month to month',
  'ParseException',
  'INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION',
  "[INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION] Error parsing '' to interval. "
  'Please ensure that the value provided is in a valid format for defining an interval. You '
  "can reference the documentation for the correct format. Cannot support (interval '' month "
  'to month) expression. SQLSTATE: 22006 (line 1, pos 2)'),
 ('a interval hour to hour',
  'ParseException',
  'INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION',
  "[INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION] Error parsing '' to interval. "
  'Please ensure that the value provided is in a valid format for defining an interval. You '
  "can reference the documentation for the correct format. Cannot support (interval '' hour to "
  'hour) expression. SQLSTATE: 22006 (line 1, pos 2)'),
 ('a array<map>',
  'ParseException',
  'INCOMPLETE_TYPE_DEFINITION.MAP',
  '[INCOMPLETE_TYPE_DEFINITION.MAP] Incomplete complex type: The definition of "MAP" type is '
  'incomplete. You must provide a key type and a value type. For example: "MAP<TIMESTAMP, '
  'INT>". SQLSTATE: 42K01 (line 1, pos 8)'),
 ('a array<foo>',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 1, pos 8)'),
 ('a struct<x foo(1,2)>',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO(1,2)". SQLSTATE: 0A000 (line 1, pos 11)'),
 ('a int, b array',
  'ParseException',
  'INCOMPLETE_TYPE_DEFINITION.ARRAY',
  '[INCOMPLETE_TYPE_DEFINITION.ARRAY] Incomplete complex type: The definition of "ARRAY" type '
  'is incomplete. You must provide an element type. For example: "ARRAY<INT>". SQLSTATE: 42K01 '
  '(line 1, pos 9)'),
 ('x int, y decimal(3,4)',
  'ParseException',
  'DECIMAL_SCALE_EXCEEDS_PRECISION',
  '[DECIMAL_SCALE_EXCEEDS_PRECISION] Decimal scale (4) cannot be greater than precision (3). '
  'SQLSTATE: 22003'),
 ('x decimal(3,4), y foo',
  'ParseException',
  'DECIMAL_SCALE_EXCEEDS_PRECISION',
  '[DECIMAL_SCALE_EXCEEDS_PRECISION] Decimal scale (4) cannot be greater than precision (3). '
  'SQLSTATE: 22003'),
 ('x foo, y decimal(3,4)',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a-b-c',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier a-b-c is invalid and must be back quoted as: '
  '`a-b-c`.'),
 ('a decimal(39)',
  'ArithmeticException',
  'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
  '[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 39 exceeds max precision 38. '
  'SQLSTATE: 22003'),
 ('a varchar(3) x',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. SQLSTATE: 42601 (line 1, "
  'pos 13)'),
 ('é int',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier é is invalid and must be back quoted as: `é`.'),
 ('a interval year to',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'to': extra input 'to'. SQLSTATE: 42601 (line "
  '1, pos 16)'),
 ('a ! null',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '!'. SQLSTATE: 42601 (line 1, pos 2)"),
 ('a - int',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier a-int is invalid and must be back quoted as: '
  '`a-int`.'),
 ('a -',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '-'. SQLSTATE: 42601 (line 1, pos 2)"),
 ('a int,\n',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 2, pos 0)'),
 ('a `int`',
  'ParseException',
  'UNSUPPORTED_DATATYPE',
  '[UNSUPPORTED_DATATYPE] Unsupported data type "INT". SQLSTATE: 0A000 (line 1, pos 2)'),
 ('a int /* x',
  'ParseException',
  'UNCLOSED_BRACKETED_COMMENT',
  '[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed comment. Please, append */ at the '
  'end of the comment. SQLSTATE: 42601'),
 ('a struct<b-c int>',
  'ParseException',
  'INVALID_IDENTIFIER',
  '[INVALID_IDENTIFIER] The unquoted identifier b-c is invalid and must be back quoted as: '
  '`b-c`.'),
 ('a struct<b-c int',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 8)"),
 ('a int default',
  'ParseException',
  'PARSE_SYNTAX_ERROR',
  "[PARSE_SYNTAX_ERROR] Syntax error at or near 'default'. SQLSTATE: 42601 (line 1, pos 6)")]
# fmt: on


def test_variant_to_python_gives_pyspark_values(spark):
    import datetime
    from decimal import Decimal

    from ember.sql import functions as F

    df = spark.createDataFrame(
        [{"json": '{"a": 1, "b": [1.5, "x", null, true], "c": {"d": 12345678901234567890}}'}]
    )
    v = df.select(F.parse_json(df.json).alias("var")).head().var
    assert v.toPython() == {
        "a": 1,
        "b": [Decimal("1.5"), "x", None, True],
        "c": {"d": Decimal("12345678901234567890")},
    }
    w = (
        spark.sql(
            "select to_variant_object(named_struct('d', date'2020-01-02', "
            "'t', timestamp_ntz'2020-01-02 03:04:05', 'b', x'0102', 'f', cast(1.5 as float))) as v"
        )
        .head()
        .v
    )
    assert w.toPython() == {
        "b": b"\x01\x02",
        "d": datetime.date(2020, 1, 2),
        "f": 1.5,
        "t": datetime.datetime(2020, 1, 2, 3, 4, 5),
    }
