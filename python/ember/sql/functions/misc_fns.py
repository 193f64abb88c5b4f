"""Hashes, null handling, bit functions and session information."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _nullary, _num, _unary
from ember.sql.functions.builtin import lit

__all__ = [
    "call_function", "current_catalog", "current_user", "decode", "encode", "session_user", "to_binary",
    "try_validate_utf8", "user", "validate_utf8",
    "assert_true", "raise_error",
    "try_add", "try_divide", "try_mod", "try_multiply", "try_subtract",
    "hash", "current_database", "current_schema", "isnotnull",
    "bit_count", "bit_get", "bitmap_bit_position", "bitmap_bucket_number", "bitmap_count", "bitwiseNOT", "bitwise_not", "crc32", "equal_null", "getbit",
    "greatest", "ifnull", "least", "md5", "nanvl", "nullif", "nullifzero", "nvl", "nvl2",
    "sha", "sha1", "sha2", "shiftLeft", "shiftRight", "shiftRightUnsigned", "shiftleft",
    "shiftright", "shiftrightunsigned", "typeof", "uuid", "version", "width_bucket",
    "xxhash64", "zeroifnull",
]  # fmt: skip


md5 = _unary("md5", "MD5 digest, as hex text.")
sha = _unary("sha", "SHA-1 digest, as hex text.")
sha1 = _unary("sha1", "SHA-1 digest, as hex text.")
crc32 = _unary("crc32", "CRC-32 checksum, as a bigint.")
bit_count = _unary("bit_count", "Number of bits set.")
bitmap_bit_position = _unary("bitmap_bit_position", "The bit of a value in its bitmap bucket.")
bitmap_bucket_number = _unary("bitmap_bucket_number", "The bitmap bucket of a value.")
bitmap_count = _unary("bitmap_count", "The number of bits set in a bitmap.")
bitwise_not = _unary("~", "Bitwise NOT.", public="bitwise_not")
bitwiseNOT = _unary("~", "Bitwise NOT (an old name of ``bitwise_not``).", public="bitwiseNOT")
typeof = _unary("typeof", "The DDL name of the value's type.")
zeroifnull = _unary("zeroifnull", "0 for NULL, else the value.")
nullifzero = _unary("nullifzero", "NULL for 0, else the value.")


def sha2(col: Any, numBits: int) -> Column:
    """SHA-2 digest (224, 256, 384 or 512 bits; 0 means 256), as hex text."""
    return _fn("sha2", col, lit(numBits))


def xxhash64(*cols: Any) -> Column:
    """64-bit xxHash of the values, seed 42, as Spark computes it."""
    return _fn("xxhash64", *cols)


def nullif(col1: Any, col2: Any) -> Column:
    """NULL when col1 equals col2, else col1."""
    return _fn("nullif", col1, col2)


def nvl(col1: Any, col2: Any) -> Column:
    """col2 where col1 is NULL."""
    return _fn("nvl", col1, col2)


def ifnull(col1: Any, col2: Any) -> Column:
    """col2 where col1 is NULL."""
    return _fn("ifnull", col1, col2)


def nvl2(col1: Any, col2: Any, col3: Any) -> Column:
    """col2 where col1 is not NULL, else col3."""
    return _fn("nvl2", col1, col2, col3)


def nanvl(col1: Any, col2: Any) -> Column:
    """col2 where col1 is NaN."""
    return _fn("nanvl", col1, col2)


def equal_null(col1: Any, col2: Any) -> Column:
    """Equality where two NULLs are equal (``<=>``)."""
    return _fn("equal_null", col1, col2)


def greatest(*cols: Any) -> Column:
    """The largest non-null value across the columns."""
    _at_least_two("greatest", cols)
    return _fn("greatest", *cols)


def least(*cols: Any) -> Column:
    """The smallest non-null value across the columns."""
    _at_least_two("least", cols)
    return _fn("least", *cols)


def _at_least_two(name: str, cols: tuple) -> None:
    if len(cols) < 2:
        from ember.errors import PySparkValueError

        raise PySparkValueError(
            errorClass="WRONG_NUM_COLUMNS",
            messageParameters={"func_name": name, "num_cols": "2"},
        )


def bit_get(col: Any, pos: Any) -> Column:
    """The bit (0 or 1) at position ``pos`` (0 = least significant)."""
    return _fn("bit_get", col, _num(pos))


def getbit(col: Any, pos: Any) -> Column:
    """The bit (0 or 1) at position ``pos`` (0 = least significant)."""
    return _fn("getbit", col, _num(pos))


def shiftleft(col: Any, numBits: int) -> Column:
    """Bitwise shift left."""
    return _fn("shiftleft", col, lit(numBits))


def shiftright(col: Any, numBits: int) -> Column:
    """Bitwise (signed) shift right."""
    return _fn("shiftright", col, lit(numBits))


def shiftrightunsigned(col: Any, numBits: int) -> Column:
    """Bitwise unsigned shift right."""
    return _fn("shiftrightunsigned", col, lit(numBits))


shiftLeft = shiftleft
shiftRight = shiftright
shiftRightUnsigned = shiftrightunsigned


def width_bucket(v: Any, min: Any, max: Any, numBucket: Any) -> Column:
    """The bucket of ``v`` among ``numBucket`` equal buckets over [min, max)."""
    return _fn("width_bucket", v, min, max, _num(numBucket))


def uuid(seed: Optional[Any] = None) -> Column:
    """A random UUID string per row."""
    if seed is not None:
        from ember.errors import PySparkNotImplementedError

        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "uuid with a seed"}
        )
    return _fn("uuid")


def version() -> Column:
    """The Spark version Ember implements, and Ember's own version."""
    return _fn("version")


isnotnull = _unary("isnotnull", "Whether the value is not NULL.")


def current_database() -> Column:
    """The current database."""
    return _fn("current_database")


def current_schema() -> Column:
    """The current database."""
    return _fn("current_schema")


def hash(*cols: Any) -> Column:
    """Spark's Murmur3 hash of the values, as an int."""
    return _fn("hash", *cols)


def try_add(left: Any, right: Any) -> Column:
    """left + right; NULL where integers overflow."""
    return _fn("try_add", left, right)


def try_subtract(left: Any, right: Any) -> Column:
    """left - right; NULL where integers overflow."""
    return _fn("try_subtract", left, right)


def try_multiply(left: Any, right: Any) -> Column:
    """left * right; NULL where integers overflow."""
    return _fn("try_multiply", left, right)


def try_divide(left: Any, right: Any) -> Column:
    """left / right; NULL for a zero divisor."""
    return _fn("try_divide", left, right)


def try_mod(left: Any, right: Any) -> Column:
    """The remainder of left / right; NULL for a zero divisor."""
    return _fn("try_mod", left, right)


def assert_true(col: Any, errMsg: Any = None) -> Column:
    """NULL where ``col`` is true; an error (``errMsg``) otherwise."""
    from ember.sql.functions.builtin import lit

    if errMsg is None:
        return _fn("assert_true", col)
    return _fn("assert_true", col, errMsg if isinstance(errMsg, Column) else lit(errMsg))


def raise_error(errMsg: Any) -> Column:
    """An error with the message ``errMsg`` when evaluated."""
    from ember.sql.functions.builtin import lit

    return _fn("raise_error", errMsg if isinstance(errMsg, Column) else lit(errMsg))


current_catalog = _nullary("current_catalog", "The current catalog (spark_catalog).")
current_user = _nullary("current_user", "The user running the session.")
user = _nullary("user", "The user running the session.")
session_user = _nullary("session_user", "The user running the session.")


def encode(col: Any, charset: str) -> Column:
    """The string as bytes in ``charset`` (UTF-8)."""
    from ember.sql.functions.builtin import lit

    return _fn("encode", col, lit(charset))


def decode(col: Any, charset: str) -> Column:
    """The bytes as a string in ``charset`` (UTF-8)."""
    from ember.sql.functions.builtin import lit

    return _fn("decode", col, lit(charset))


def to_binary(col: Any, format: Optional[Any] = None) -> Column:
    """The string as bytes, read as ``format``: hex (default), utf-8 or base64."""
    return _fn("to_binary", col, *([] if format is None else [format]))


def validate_utf8(str: Any) -> Column:
    """The string, which is valid UTF-8."""
    return _fn("validate_utf8", str)


def try_validate_utf8(str: Any) -> Column:
    """The string, which is valid UTF-8."""
    return _fn("try_validate_utf8", str)


def call_function(funcName: str, *cols: Any) -> Column:
    """The built-in function ``funcName`` called on the columns."""
    from ember.sql.column import _to_col_jc
    from ember.sql.functions.builtin import _N

    return Column(_N.call(funcName, [_to_col_jc(c) for c in cols]))
