"""Geospatial values from WKB: GEOGRAPHY and GEOMETRY, their SRIDs and
their WKB."""

from __future__ import annotations

from typing import Any, Optional, Union

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _unary
from ember.sql.functions.builtin import lit

__all__ = ["st_asbinary", "st_geogfromwkb", "st_geomfromwkb", "st_setsrid", "st_srid"]


st_geogfromwkb = _unary("st_geogfromwkb", "The GEOGRAPHY value (SRID 4326) of a WKB.", "wkb")
st_srid = _unary("st_srid", "The SRID of a GEOGRAPHY or GEOMETRY value.", "geo")


def st_asbinary(geo: Any, endianness: Optional[Any] = None) -> Column:
    """The WKB of a GEOGRAPHY or GEOMETRY ('NDR' little-endian, or 'XDR')."""
    if endianness is None:
        return _fn("st_asbinary", geo)
    return _fn("st_asbinary", geo, lit(endianness) if isinstance(endianness, str) else endianness)


def st_geomfromwkb(wkb: Any, srid: Optional[Union[Any, int]] = None) -> Column:
    """The GEOMETRY value of a WKB, with an SRID (0 unless given)."""
    if srid is None:
        return _fn("st_geomfromwkb", wkb)
    return _fn("st_geomfromwkb", wkb, lit(srid) if isinstance(srid, int) else srid)


def st_setsrid(geo: Any, srid: Union[Any, int]) -> Column:
    """The GEOGRAPHY or GEOMETRY value with another SRID."""
    return _fn("st_setsrid", geo, lit(srid) if isinstance(srid, int) else srid)
