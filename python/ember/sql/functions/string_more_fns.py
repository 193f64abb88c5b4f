"""More string functions: base 32, Jaro–Winkler similarity, sentences,
all regex matches, lenient binary decoding, collations and the SQL path."""

from __future__ import annotations

from typing import Any, Optional, Union

from ember.sql.column import Column
from ember.sql.functions._args import _binary, _fn, _nullary, _unary
from ember.sql.functions.builtin import lit

__all__ = [
    "collate", "collation", "current_path", "from_base32", "jaro_winkler_similarity",
    "regexp_extract_all", "sentences", "to_base32", "to_char", "to_number", "to_varchar",
    "try_to_binary", "try_to_number",
]  # fmt: skip


to_base32 = _unary("to_base32", "The RFC 4648 base 32 text of a binary.", "col")
from_base32 = _unary("from_base32", "The binary a base 32 text encodes.", "col")
collation = _unary("collation", "The collation name of a string.", "col")
current_path = _nullary("current_path", "The SQL path: the schemas names are looked up in.")
jaro_winkler_similarity = _binary(
    "jaro_winkler_similarity",
    "The Jaro-Winkler similarity of two strings, from 0.0 to 1.0.",
    ("left", "right"),
)


def sentences(string: Any, language: Optional[Any] = None, country: Optional[Any] = None) -> Column:
    """A string split into sentences, each an array of words."""
    if language is None:
        language = lit("")
    if country is None:
        country = lit("")
    return _fn("sentences", string, language, country)


def regexp_extract_all(str: Any, regexp: Any, idx: Optional[Union[int, Column]] = None) -> Column:
    """The ``idx``-th group of every match of ``regexp`` in ``str``."""
    if idx is None:
        return _fn("regexp_extract_all", str, regexp)
    return _fn("regexp_extract_all", str, regexp, lit(idx))


def try_to_binary(col: Any, format: Optional[Any] = None) -> Column:
    """``to_binary``, NULL where the text cannot be decoded."""
    if format is None:
        return _fn("try_to_binary", col)
    return _fn("try_to_binary", col, format)


def collate(col: Any, collation: str) -> Column:
    """The string marked with a collation."""
    return _fn("collate", col, lit(collation))


to_char = _binary(
    "to_char", "A number (by a number format), datetime or binary as text.", ("col", "format")
)
to_varchar = _binary(
    "to_varchar", "A number (by a number format), datetime or binary as text.", ("col", "format")
)
to_number = _binary("to_number", "Text read as a decimal by a number format.", ("col", "format"))
try_to_number = _binary(
    "try_to_number", "``to_number``, NULL where the text does not match.", ("col", "format")
)
