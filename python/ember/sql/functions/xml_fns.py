"""XML functions: XPath 1.0 queries of XML text."""

from __future__ import annotations

from ember.sql.functions._args import _binary

__all__ = [
    "xpath", "xpath_boolean", "xpath_double", "xpath_float", "xpath_int", "xpath_long",
    "xpath_number", "xpath_short", "xpath_string",
]  # fmt: skip

_P = ("xml", "path")
xpath = _binary("xpath", "The values of the nodes an XPath selects, as strings.", _P)
xpath_boolean = _binary("xpath_boolean", "Whether an XPath is true or finds a node.", _P)
xpath_double = _binary("xpath_double", "An XPath's value as a double (NaN if not a number).", _P)
xpath_number = _binary("xpath_number", "An XPath's value as a double (NaN if not a number).", _P)
xpath_float = _binary("xpath_float", "An XPath's value as a float (NaN if not a number).", _P)
xpath_int = _binary("xpath_int", "An XPath's value as an int (0 if not a number).", _P)
xpath_long = _binary("xpath_long", "An XPath's value as a bigint (0 if not a number).", _P)
xpath_short = _binary("xpath_short", "An XPath's value as a smallint (0 if not a number).", _P)
xpath_string = _binary("xpath_string", "The text of the first node an XPath selects.", _P)
