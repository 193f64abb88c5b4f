"""String functions: lengths, case, padding and trimming, searching,
replacing, encodings, URLs."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _num, _opt, _unary, _value
from ember.sql.functions.builtin import lit

__all__ = [
    "format_number", "mask",
    "regexp_count", "regexp_extract", "regexp_instr", "regexp_replace", "regexp_substr",
    "split",
    "concat", "contains", "endswith", "like", "quote", "regexp", "regexp_like", "rlike",
    "startswith", "substr",
    "ascii", "base64", "bit_length", "btrim", "char", "char_length", "character_length",
    "chr", "concat_ws", "elt", "find_in_set", "format_string", "ilike", "initcap", "instr",
    "is_valid_utf8", "lcase", "left", "length", "levenshtein", "locate", "lpad", "ltrim",
    "make_valid_utf8", "octet_length", "overlay", "parse_url", "position", "printf",
    "repeat", "replace", "reverse", "right", "rpad", "rtrim", "soundex", "split_part",
    "substring_index", "translate", "trim", "try_parse_url", "try_url_decode", "ucase",
    "unbase64", "url_decode", "url_encode",
]  # fmt: skip


ascii = _unary("ascii", "The code point of the first character.", "col")
base64 = _unary("base64", "Base64 text of a binary (or string).", "col")
unbase64 = _unary("unbase64", "The binary a base64 text encodes.", "col")
bit_length = _unary("bit_length", "Length in bits.", "col")
octet_length = _unary("octet_length", "Length in bytes.", "col")
char = _unary("char", "The character of a code point (modulo 256).", "col")
chr = _unary("chr", "The character of a code point (modulo 256).", "n")
char_length = _unary("char_length", "Length in characters.", "str")
character_length = _unary("character_length", "Length in characters.", "str")
length = _unary("length", "Length in characters (bytes for binaries).", "col")
initcap = _unary("initcap", "Each word capitalised, the rest lower case.", "col")
lcase = _unary("lcase", "Lower case.", "str")
ucase = _unary("ucase", "Upper case.", "str")
reverse = _unary("reverse", "A string, or an array, reversed.", "col")
soundex = _unary("soundex", "The Soundex code.", "col")
is_valid_utf8 = _unary("is_valid_utf8", "Whether a string is valid UTF-8.", "str")
make_valid_utf8 = _unary("make_valid_utf8", "Invalid UTF-8 replaced by U+FFFD.", "str")
url_encode = _unary("url_encode", "``application/x-www-form-urlencoded`` text.", "str")
url_decode = _unary("url_decode", "A URL-encoded text decoded.", "str")
try_url_decode = _unary("try_url_decode", "``url_decode``, NULL on bad input.", "str")


def ltrim(col: Any, trim: Optional[Any] = None) -> Column:
    """Leading spaces (or the characters of ``trim``) removed."""
    return _fn("ltrim", col, *_opt(trim))


def rtrim(col: Any, trim: Optional[Any] = None) -> Column:
    """Trailing spaces removed."""
    return _fn("rtrim", col, *_opt(trim))


def trim(col: Any, trim: Optional[Any] = None) -> Column:
    """Leading and trailing spaces removed."""
    return _fn("trim", col, *_opt(trim))


def btrim(str: Any, trim: Optional[Any] = None) -> Column:
    """Leading and trailing spaces (or the characters of ``trim``) removed."""
    return _fn("btrim", str, *_opt(trim))


def concat_ws(sep: str, *cols: Any) -> Column:
    """The strings joined by ``sep``, NULLs skipped."""
    return _fn("concat_ws", lit(sep), *cols)


def elt(*inputs: Any) -> Column:
    """The n-th of the inputs (1-based), n being the first."""
    return _fn("elt", *inputs)


def format_string(format: str, *cols: Any) -> Column:
    """printf-style formatting."""
    return _fn("format_string", lit(format), *cols)


def printf(format: Any, *cols: Any) -> Column:
    """printf-style formatting."""
    return _fn("printf", format, *cols)


def instr(str: Any, substr: Any, start: Any = None, occurrence: Any = None) -> Column:
    """1-based position of the first ``substr`` in ``str``; 0 if absent."""
    if start is not None or occurrence is not None:
        from ember.errors import PySparkNotImplementedError

        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "instr with start or occurrence"},
        )
    return _fn("instr", str, _value(substr))


def left(str: Any, len: Any) -> Column:
    """The leftmost ``len`` characters."""
    return _fn("left", str, len)


def right(str: Any, len: Any) -> Column:
    """The rightmost ``len`` characters."""
    return _fn("right", str, len)


def levenshtein(left: Any, right: Any, threshold: Optional[int] = None) -> Column:
    """The Levenshtein distance; -1 beyond ``threshold``."""
    return _fn("levenshtein", left, right, *[lit(t) for t in _opt(threshold)])


def locate(substr: str, str: Any, pos: int = 1) -> Column:
    """1-based position of ``substr`` in ``str`` at or after ``pos``; 0 if absent."""
    return _fn("locate", lit(substr), str, lit(pos))


def position(substr: Any, str: Any, start: Optional[Any] = None) -> Column:
    """1-based position of ``substr`` in ``str`` at or after ``start``."""
    return _fn("position", substr, str, *_opt(start))


def lpad(col: Any, len: Any, pad: Any) -> Column:
    """Left-padded (or cut) to ``len`` characters."""
    return _fn("lpad", col, _value(len), _value(pad))


def rpad(col: Any, len: Any, pad: Any) -> Column:
    """Right-padded (or cut) to ``len`` characters."""
    return _fn("rpad", col, _value(len), _value(pad))


def overlay(src: Any, replace: Any, pos: Any, len: Any = -1) -> Column:
    """``src`` with ``len`` characters from ``pos`` replaced by ``replace``."""
    return _fn("overlay", src, replace, _num(pos), _num(len))


def repeat(col: Any, n: Any) -> Column:
    """The string repeated ``n`` times."""
    return _fn("repeat", col, _num(n))


def replace(src: Any, search: Any, replace: Optional[Any] = None) -> Column:
    """Every ``search`` replaced by ``replace`` (removed without it)."""
    return _fn("replace", src, search, *_opt(replace))


def split_part(src: Any, delimiter: Any, partNum: Any) -> Column:
    """The ``partNum``-th part (1-based, negative from the end); '' beyond."""
    return _fn("split_part", src, delimiter, partNum)


def substring_index(str: Any, delim: str, count: int) -> Column:
    """The text before the ``count``-th ``delim`` (after it, counting from the end)."""
    return _fn("substring_index", str, lit(delim), lit(count))


def translate(srcCol: Any, matching: str, replace: str) -> Column:
    """Each character of ``matching`` replaced by the one at its place in ``replace``."""
    return _fn("translate", srcCol, lit(matching), lit(replace))


def find_in_set(str: Any, str_array: Any) -> Column:
    """1-based index of ``str`` in the comma-separated list; 0 if absent."""
    return _fn("find_in_set", str, str_array)


def ilike(str: Any, pattern: Any, escapeChar: Optional[Column] = None) -> Column:
    """Case-insensitive LIKE."""
    if escapeChar is not None:
        return _fn("ilike", str, pattern, escapeChar)
    return _fn("ilike", str, pattern)


def parse_url(url: Any, partToExtract: Any, key: Optional[Any] = None) -> Column:
    """A part of a URL (HOST, PATH, QUERY, REF, PROTOCOL, FILE, AUTHORITY, USERINFO)."""
    return _fn("parse_url", url, partToExtract, *_opt(key))


def try_parse_url(url: Any, partToExtract: Any, key: Optional[Any] = None) -> Column:
    """``parse_url``, NULL for an invalid URL."""
    return _fn("try_parse_url", url, partToExtract, *_opt(key))


quote = _unary("quote", "The string in single quotes, quotes inside escaped.", "str")


def concat(*cols: Any) -> Column:
    """Strings (or arrays) concatenated; NULL if any is NULL."""
    return _fn("concat", *cols)


def contains(left: Any, right: Any) -> Column:
    """Whether ``right`` occurs in ``left``."""
    return _fn("contains", left, right)


def startswith(str: Any, prefix: Any) -> Column:
    """Whether ``str`` starts with ``prefix``."""
    return _fn("startswith", str, prefix)


def endswith(str: Any, suffix: Any) -> Column:
    """Whether ``str`` ends with ``suffix``."""
    return _fn("endswith", str, suffix)


def rlike(str: Any, regexp: Any) -> Column:
    """Whether the regular expression matches somewhere in ``str``."""
    return _fn("rlike", str, regexp)


def regexp(str: Any, regexp: Any) -> Column:
    """Whether the regular expression matches somewhere in ``str``."""
    return _fn("regexp", str, regexp)


def regexp_like(str: Any, regexp: Any) -> Column:
    """Whether the regular expression matches somewhere in ``str``."""
    return _fn("regexp_like", str, regexp)


def like(str: Any, pattern: Any, escapeChar: Optional[Column] = None) -> Column:
    """SQL LIKE (``%`` any text, ``_`` one character)."""
    if escapeChar is not None:
        return _fn("like", str, pattern, escapeChar)
    return _fn("like", str, pattern)


def substr(str: Any, pos: Any, len: Optional[Any] = None) -> Column:
    """The substring from the 1-based ``pos``, of ``len`` characters."""
    return _fn("substr", str, pos, *_opt(len))


def regexp_extract(str: Any, pattern: str, idx: int) -> Column:
    """The ``idx``-th group of the first match of ``pattern``; '' when none."""
    return _fn("regexp_extract", str, lit(pattern), lit(idx))


def regexp_replace(string: Any, pattern: Any, replacement: Any, position: Any = None) -> Column:
    """Every match of ``pattern`` replaced (``$1`` refers to a group)."""
    args = [string, _value(pattern), _value(replacement)]
    return _fn("regexp_replace", *args, *[_value(p) for p in _opt(position)])


def regexp_count(str: Any, regexp: Any) -> Column:
    """The number of matches of ``regexp``."""
    return _fn("regexp_count", str, regexp)


def regexp_instr(str: Any, regexp: Any, idx: Any = None) -> Column:
    """1-based position of the first match; 0 when none."""
    return _fn("regexp_instr", str, regexp, *[_value(i) for i in _opt(idx)])


def regexp_substr(str: Any, regexp: Any) -> Column:
    """The first match of ``regexp``; NULL when none."""
    return _fn("regexp_substr", str, regexp)


def split(str: Any, pattern: Any, limit: Any = -1) -> Column:
    """The parts of ``str`` around matches of ``pattern`` (at most ``limit``)."""
    return _fn("split", str, _value(pattern), _num(limit))


def format_number(col: Any, d: int) -> Column:
    """The number as ``#,###,###.##`` text with ``d`` decimals."""
    return _fn("format_number", col, lit(d))


def mask(
    col: Any,
    upperChar: Any = None,
    lowerChar: Any = None,
    digitChar: Any = None,
    otherChar: Any = None,
) -> Column:
    """Upper-case letters as X, lower-case as x, digits as n (configurable)."""
    given = [upperChar, lowerChar, digitChar, otherChar]
    defaults = ["X", "x", "n", None]
    args = [_value(g if g is not None else d) for g, d in zip(given, defaults)]
    return _fn("mask", col, *args)
