"""Tests for ember.errors; expected values were taken from PySpark 4.3."""

import pickle
import warnings

import ember.errors as E
import pytest
from ember.errors.error_conditions import ERROR_CONDITIONS
from ember.errors.exceptions import base, captured
from ember.errors.exceptions.captured import _from_native

PYSPARK_ALL = [
    "PySparkException",
    "AnalysisException",
    "SessionNotSameException",
    "TempTableAlreadyExistsException",
    "ParseException",
    "IllegalArgumentException",
    "ArithmeticException",
    "UnsupportedOperationException",
    "ArrayIndexOutOfBoundsException",
    "DateTimeException",
    "NumberFormatException",
    "StreamingQueryException",
    "QueryExecutionException",
    "PythonException",
    "UnknownException",
    "SparkRuntimeException",
    "SparkUpgradeException",
    "SparkNoSuchElementException",
    "PySparkTypeError",
    "PySparkValueError",
    "PySparkImportError",
    "PySparkIndexError",
    "PySparkAttributeError",
    "PySparkRuntimeError",
    "PySparkAssertionError",
    "PySparkNotImplementedError",
    "PySparkPicklingError",
    "PySparkKeyError",
    "QueryContext",
    "QueryContextType",
    "StreamingPythonRunnerInitializationException",
    "PickleException",
]


def test_all_matches_pyspark():
    assert sorted(E.__all__) == sorted(PYSPARK_ALL)
    for name in PYSPARK_ALL:
        assert getattr(E, name) is getattr(base, name)


@pytest.mark.parametrize(
    ("cls", "parents"),
    [
        ("PySparkTypeError", (E.PySparkException, TypeError)),
        ("PySparkValueError", (E.PySparkException, ValueError)),
        ("PySparkIndexError", (E.PySparkException, IndexError)),
        ("PySparkKeyError", (E.PySparkException, KeyError)),
        ("PySparkAttributeError", (E.PySparkException, AttributeError)),
        ("PySparkRuntimeError", (E.PySparkException, RuntimeError)),
        ("PySparkAssertionError", (E.PySparkException, AssertionError)),
        ("PySparkNotImplementedError", (E.PySparkException, NotImplementedError)),
        ("PySparkPicklingError", (E.PySparkException, pickle.PicklingError)),
        ("PySparkImportError", (E.PySparkException, ImportError)),
        ("ParseException", (E.AnalysisException,)),
        ("TempTableAlreadyExistsException", (E.AnalysisException,)),
        ("NumberFormatException", (E.IllegalArgumentException,)),
        ("AnalysisException", (E.PySparkException, Exception)),
        ("SparkRuntimeException", (E.PySparkException,)),
        ("PickleException", (E.PySparkException,)),
    ],
)
def test_hierarchy(cls, parents):
    for parent in parents:
        assert issubclass(getattr(E, cls), parent)


def test_hierarchy_negative():
    assert not issubclass(E.AnalysisException, ValueError)
    assert not issubclass(E.ArithmeticException, ArithmeticError)
    assert not issubclass(E.IllegalArgumentException, E.AnalysisException)
    assert [m.name for m in E.QueryContextType] == ["SQL", "DataFrame"]
    assert E.QueryContextType.DataFrame.value == 1


# (class, condition, parameters, str(), getSqlState()) as rendered by PySpark 4.3.
PYSPARK_RENDERED = [
    (
        "PySparkTypeError",
        "CANNOT_MERGE_TYPE",
        {"data_type1": "LongType", "data_type2": "DoubleType"},
        "[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`.",
        "42K09",
    ),
    (
        "PySparkTypeError",
        "NOT_EXPECTED_TYPE",
        {"arg_name": "col", "expected_type": "Column or str", "arg_type": "int"},
        "[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got int.",
        "42K09",
    ),
    (
        "PySparkValueError",
        "CANNOT_INFER_EMPTY_SCHEMA",
        {},
        "[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset.",
        "42K09",
    ),
    (
        "PySparkTypeError",
        "CANNOT_INFER_TYPE_FOR_FIELD",
        {"field_name": "a"},
        "[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field `a`.",
        "42K09",
    ),
    (
        "PySparkTypeError",
        "FIELD_DATA_TYPE_UNACCEPTABLE",
        {"data_type": "IntegerType()", "obj": "'a'", "obj_type": "<class 'str'>"},
        (
            "[FIELD_DATA_TYPE_UNACCEPTABLE] IntegerType() can not accept object 'a' "
            "in type <class 'str'>."
        ),
        None,
    ),
    (
        "PySparkValueError",
        "FIELD_NOT_NULLABLE_WITH_NAME",
        {"field_name": "x"},
        "[FIELD_NOT_NULLABLE_WITH_NAME] x: This field is not nullable, but got None.",
        None,
    ),
    (
        "PySparkValueError",
        "FIELD_STRUCT_LENGTH_MISMATCH",
        {"object_length": "2", "field_length": "3"},
        (
            "[FIELD_STRUCT_LENGTH_MISMATCH] Length of object (2) does not match with "
            "length of fields (3)."
        ),
        None,
    ),
    (
        "PySparkValueError",
        "CANNOT_CONVERT_COLUMN_INTO_BOOL",
        {"column": "a"},
        (
            "[CANNOT_CONVERT_COLUMN_INTO_BOOL] Cannot convert column into bool "
            "(offending column: a): please use '&' for 'and', '|' for 'or', '~' for "
            "'not' when building DataFrame boolean expressions."
        ),
        None,
    ),
    (
        "PySparkNotImplementedError",
        "NOT_IMPLEMENTED",
        {"feature": "foo"},
        "[NOT_IMPLEMENTED] foo is not implemented.",
        "0A000",
    ),
    (
        "PySparkAttributeError",
        "ATTRIBUTE_NOT_SUPPORTED",
        {"attr_name": "bar"},
        "[ATTRIBUTE_NOT_SUPPORTED] Attribute `bar` is not supported.",
        "0A000",
    ),
    (
        "PySparkIndexError",
        "INDEX_OUT_OF_RANGE",
        {"arg_name": "i", "index": "5"},
        "[INDEX_OUT_OF_RANGE] i index out of range, got '5'.",
        None,
    ),
    (
        "PySparkRuntimeError",
        "SESSION_ALREADY_EXIST",
        {},
        (
            "[SESSION_ALREADY_EXIST] Cannot start a remote Spark session because there "
            "is a regular Spark session already running."
        ),
        "08002",
    ),
    (
        "PySparkValueError",
        "VALUE_NOT_POSITIVE",
        {"arg_name": "n", "arg_value": "-1"},
        "[VALUE_NOT_POSITIVE] Value for `n` must be positive, got '-1'.",
        None,
    ),
    (
        "PySparkAssertionError",
        "DIFFERENT_SCHEMA",
        {"error_msg": "E1\nE2"},
        "[DIFFERENT_SCHEMA] Schemas do not match.\n--- actual\n+++ expected\nE1\nE2",
        None,
    ),
    (
        "PySparkAssertionError",
        "DIFFERENT_ROWS",
        {"error_msg": "zz"},
        "[DIFFERENT_ROWS] zz",
        None,
    ),
    (
        "PySparkValueError",
        "NEAREST_BY_JOIN.UNSUPPORTED_MODE",
        {"mode": "m", "supported": "s"},
        (
            "[NEAREST_BY_JOIN.UNSUPPORTED_MODE] Invalid nearest-by join. Unsupported "
            "nearest-by join mode 'm'. Supported modes include: s."
        ),
        "42604",
    ),
    (
        "PySparkKeyError",
        "KEY_NOT_EXISTS",
        {"key": "a"},
        "[KEY_NOT_EXISTS] Key `a` does not exist.",
        None,
    ),
]


@pytest.mark.parametrize(("cls", "cond", "params", "text", "state"), PYSPARK_RENDERED)
def test_rendering_matches_pyspark(cls, cond, params, text, state):
    exc = getattr(E, cls)(errorClass=cond, messageParameters=params)
    assert str(exc) == text
    assert exc.getMessage() == text
    assert exc.getSqlState() == state
    assert exc.getCondition() == cond
    assert exc.getMessageParameters() == params
    assert exc.getQueryContext() == []
    with pytest.raises(getattr(E, cls)):
        raise exc


def test_plain_message():
    exc = E.PySparkException("plain")
    assert str(exc) == "plain"
    assert exc.getMessage() == "[None] plain"
    assert exc.getCondition() is None
    assert exc.getSqlState() is None
    assert exc.getMessageParameters() is None
    assert exc.args == ("plain",)
    assert repr(exc) == "PySparkException('plain')"


def test_explicit_message_with_condition():
    exc = E.PySparkException("m", "NOT_IMPLEMENTED", {"feature": "x"})
    assert str(exc) == "[NOT_IMPLEMENTED] m"
    assert exc.args == ("m", "NOT_IMPLEMENTED", {"feature": "x"})
    assert exc.getSqlState() == "0A000"


def test_get_error_class_is_deprecated():
    exc = E.PySparkTypeError(
        errorClass="CANNOT_MERGE_TYPE",
        messageParameters={"data_type1": "a", "data_type2": "b"},
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert exc.getErrorClass() == "CANNOT_MERGE_TYPE"
    assert caught[0].category is FutureWarning


def test_invalid_condition_or_parameters():
    with pytest.raises(ValueError, match="Cannot find main error class 'NOPE_X'"):
        E.PySparkException(errorClass="NOPE_X", messageParameters={})
    with pytest.raises(AssertionError, match="Undefined error message parameter"):
        E.PySparkException(errorClass="CANNOT_MERGE_TYPE", messageParameters={"a": "b"})


def test_assertion_error_data():
    exc = E.PySparkAssertionError(
        errorClass="DIFFERENT_ROWS", messageParameters={"error_msg": "zz"}, data=[1]
    )
    assert exc.data == [1]
    assert str(exc) == "[DIFFERENT_ROWS] zz"


def test_pickle_roundtrip():
    exc = E.PySparkTypeError(
        errorClass="CANNOT_MERGE_TYPE",
        messageParameters={"data_type1": "LongType", "data_type2": "DoubleType"},
    )
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is E.PySparkTypeError
    assert str(copy) == str(exc)
    assert copy.getSqlState() == "42K09"


def test_required_conditions_present():
    for cond in [
        "CANNOT_MERGE_TYPE",
        "CANNOT_INFER_TYPE_FOR_FIELD",
        "CANNOT_DETERMINE_TYPE",
        "CANNOT_INFER_SCHEMA_FOR_TYPE",
        "CANNOT_INFER_EMPTY_SCHEMA",
        "FIELD_DATA_TYPE_UNACCEPTABLE",
        "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
        "FIELD_NOT_NULLABLE",
        "FIELD_NOT_NULLABLE_WITH_NAME",
        "FIELD_STRUCT_LENGTH_MISMATCH",
        "FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME",
        "LENGTH_SHOULD_BE_THE_SAME",
        "NOT_EXPECTED_TYPE",
        "NOT_IMPLEMENTED",
        "ATTRIBUTE_NOT_SUPPORTED",
        "CANNOT_CONVERT_COLUMN_INTO_BOOL",
        "UNSUPPORTED_DATA_TYPE",
        "INVALID_TYPE",
        "VALUE_NOT_POSITIVE",
        "INDEX_OUT_OF_RANGE",
        "DIFFERENT_ROWS",
        "DIFFERENT_SCHEMA",
        "DIFFERENT_PANDAS_DATAFRAME",
        "UNSUPPORTED_OPERATION",
        "INVALID_ITEM_FOR_CONTAINER",
        "SESSION_ALREADY_EXIST",
    ]:
        assert "message" in ERROR_CONDITIONS[cond], cond
    assert len(ERROR_CONDITIONS) == 223


# ---------------------------------------------------------------- captured


@pytest.mark.parametrize(
    "name",
    [
        "AnalysisException",
        "ParseException",
        "IllegalArgumentException",
        "StreamingQueryException",
        "QueryExecutionException",
        "PythonException",
        "ArithmeticException",
        "UnsupportedOperationException",
        "ArrayIndexOutOfBoundsException",
        "DateTimeException",
        "NumberFormatException",
        "SparkRuntimeException",
        "SparkUpgradeException",
        "SparkNoSuchElementException",
        "UnknownException",
    ],
)
def test_captured_subclasses_base(name):
    cls = getattr(captured, name)
    assert issubclass(cls, captured.CapturedException)
    assert issubclass(cls, getattr(E, name))
    assert cls is not getattr(E, name)


def test_captured_hierarchy():
    assert issubclass(captured.ParseException, captured.AnalysisException)
    assert issubclass(captured.ParseException, E.ParseException)
    assert issubclass(captured.NumberFormatException, captured.IllegalArgumentException)
    assert issubclass(captured.NumberFormatException, E.IllegalArgumentException)


DIVIDE_BY_ZERO = (
    "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 "
    'and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" '
    "to bypass this error. SQLSTATE: 22012"
)


def test_from_native_arithmetic():
    text = DIVIDE_BY_ZERO + "\n== SQL (line 1, position 8) ==\nselect 1/0\n       ^^^\n"
    params = {"config": '"spark.sql.ansi.enabled"'}
    exc = _from_native("ArithmeticException", "DIVIDE_BY_ZERO", "22012", params, text)
    assert type(exc) is captured.ArithmeticException
    assert isinstance(exc, E.ArithmeticException)
    assert isinstance(exc, E.PySparkException)
    assert str(exc) == text
    assert exc.getMessage() == DIVIDE_BY_ZERO
    assert exc.getCondition() == "DIVIDE_BY_ZERO"
    assert exc.getSqlState() == "22012"
    assert exc.getMessageParameters() == params
    with pytest.raises(E.ArithmeticException):
        raise exc


def test_from_native_parse():
    text = (
        "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'selec'. SQLSTATE: 42601 "
        "(line 1, pos 0)\n\n== SQL ==\nselec 1\n^^^\n"
    )
    params = {"error": "'selec'", "hint": ""}
    exc = _from_native("ParseException", "PARSE_SYNTAX_ERROR", "42601", params, text)
    assert isinstance(exc, E.ParseException)
    assert isinstance(exc, E.AnalysisException)
    assert isinstance(exc, captured.AnalysisException)
    assert str(exc) == text
    assert exc.getMessage() == (
        "[PARSE_SYNTAX_ERROR] Syntax error at or near 'selec'. SQLSTATE: 42601"
    )


def test_from_native_analysis_with_context():
    text = (
        "[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function "
        "parameter with name `nope` cannot be resolved.  SQLSTATE: 42703; line 1 pos 7;"
        "\n'Project ['nope]\n+- OneRowRelation\n"
    )
    ctx = {
        "contextType": "SQL",
        "fragment": "nope",
        "startIndex": 7,
        "stopIndex": 10,
        "summary": "== SQL (line 1, position 8) ==\nselect nope\n       ^^^^\n",
    }
    exc = _from_native(
        "AnalysisException",
        "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
        "42703",
        {"objectName": "`nope`"},
        text,
        contexts=[ctx],
    )
    assert type(exc) is captured.AnalysisException
    assert str(exc) == text
    assert exc.getMessage() == (
        "[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function "
        "parameter with name `nope` cannot be resolved.  SQLSTATE: 42703"
    )
    (q,) = exc.getQueryContext()
    assert isinstance(q, E.QueryContext)
    assert q.contextType() is E.QueryContextType.SQL
    assert (q.fragment(), q.startIndex(), q.stopIndex()) == ("nope", 7, 10)
    assert q.objectType() == ""
    assert q.summary().startswith("== SQL")


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        ("NumberFormatException", captured.NumberFormatException),
        ("SparkNumberFormatException", captured.NumberFormatException),
        ("SparkArithmeticException", captured.ArithmeticException),
        ("SparkDateTimeException", captured.DateTimeException),
        ("DateTimeException", captured.DateTimeException),
        ("ArrayIndexOutOfBoundsException", captured.ArrayIndexOutOfBoundsException),
        ("IllegalArgumentException", captured.IllegalArgumentException),
        ("SparkRuntimeException", captured.SparkRuntimeException),
        ("UnsupportedOperationException", captured.UnsupportedOperationException),
        ("PythonException", captured.PythonException),
        ("SparkNoSuchElementException", captured.SparkNoSuchElementException),
        ("SparkUpgradeException", captured.SparkUpgradeException),
        ("StreamingQueryException", captured.StreamingQueryException),
        ("QueryExecutionException", captured.QueryExecutionException),
        ("org.apache.spark.sql.AnalysisException", captured.AnalysisException),
        ("NoSuchTableException", captured.AnalysisException),
        ("UnknownException", captured.UnknownException),
        ("WhatIsThisException", captured.UnknownException),
    ],
)
def test_from_native_kinds(kind, cls):
    exc = _from_native(kind, "SOME_CONDITION", "XX000", {"a": "1"}, "[SOME_CONDITION] x")
    assert type(exc) is cls
    assert str(exc) == "[SOME_CONDITION] x"
    assert exc.getCondition() == "SOME_CONDITION"
    assert exc.getSqlState() == "XX000"
    assert exc.getMessageParameters() == {"a": "1"}


def test_from_native_without_condition():
    exc = _from_native("UnknownException", None, None, {}, "java.lang.Oops: boom")
    assert type(exc) is captured.UnknownException
    assert str(exc) == "java.lang.Oops: boom"
    assert exc.getCondition() is None
    assert exc.getSqlState() is None
    assert exc.getMessageParameters() == {}
    assert exc.getMessage() == ""
    assert exc.getQueryContext() == []


def test_from_native_python_exception_like_pyspark():
    tb = "Traceback (most recent call last):\n  ...\nValueError: boom\n"
    params = {"msg": "An exception was thrown from the Python worker", "traceback": tb}
    text = f"[PYTHON_EXCEPTION] {params['msg']}: {tb} SQLSTATE: 38000"
    exc = _from_native("PythonException", "PYTHON_EXCEPTION", "38000", params, text)
    assert str(exc) == (
        "An exception was thrown from the Python worker:\n"
        "Traceback (most recent call last):\n  ...\nValueError: boom"
    )
    assert exc.getMessage() == text
    plain = _from_native("PythonException", None, None, {}, "worker died")
    assert str(plain) == "worker died"


def test_captured_constructible_from_python():
    exc = captured.AnalysisException("boom")
    assert str(exc) == "boom"
    assert exc.getCondition() is None
    exc = captured.AnalysisException(
        message="[X] msg SQLSTATE: 42000",
        errorClass="X",
        messageParameters={},
        sqlState="42000",
    )
    assert (str(exc), exc.getSqlState(), exc.getMessage()) == (
        "[X] msg SQLSTATE: 42000",
        "42000",
        "[X] msg SQLSTATE: 42000",
    )
    exc = captured.IllegalArgumentException(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "f"}
    )
    assert str(exc) == "[NOT_IMPLEMENTED] f is not implemented. SQLSTATE: 0A000"
    assert exc.getSqlState() == "0A000"
    assert isinstance(exc, E.IllegalArgumentException)


def test_captured_pickle_and_cause():
    cause = ValueError("inner")
    exc = _from_native("DateTimeException", "C", "22000", {"p": "v"}, "[C] t", cause=cause)
    assert exc.__cause__ is cause
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is captured.DateTimeException
    assert (str(copy), copy.getCondition(), copy.getSqlState()) == (
        "[C] t",
        "C",
        "22000",
    )
    assert copy.getMessageParameters() == {"p": "v"}
