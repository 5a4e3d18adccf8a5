"""Give each event a shapely geometry: a point for a place, a line from origin to
destination, an area for a country or region, a band along a border."""

from __future__ import annotations

import logging
import sqlite3

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from dashboard.records import Mention
from geodata import geometry as geo

log = logging.getLogger(__name__)

BORDER_BAND_KM = 60.0
# Missing or damaged boundary data degrades an area to a point, never fails extraction.
_GEODATA_ERRORS = (KeyError, ValueError, OSError, sqlite3.Error)


def point_of(mention: Mention | None) -> Point | None:
    """The (lon, lat) point of a resolved mention."""
    if mention is None or mention.place is None:
        return None
    return Point(mention.place.lon, mention.place.lat)


def event_geometry(origin: Mention | None, destination: Mention | None,
                   location: Mention | None, extent: str, border_side: tuple[str, ...],
                   actor: str | None, border_with: str | None = None) -> BaseGeometry | None:
    """The geometry an event is drawn with."""
    start, end = point_of(origin), point_of(destination)
    if start is not None and end is not None and not start.equals(end):
        return LineString([start, end])
    if end is not None:
        return end
    if location is None or location.place is None:
        return start
    if extent == "border":
        band = _border_band(location, border_side, border_with or actor)
        if band is not None:
            return band
    if extent in ("area", "border"):
        shape = _shape(location)
        if shape is not None:
            return shape
    return point_of(location)


def _border_band(location: Mention, sides: tuple[str, ...], actor: str | None
                 ) -> BaseGeometry | None:
    """A band along the border of the location's country, facing the actor if it is a
    neighbour ("Russian troops on Ukraine's borders"), else on the named sides."""
    place = location.place
    if place is None or place.country is None:
        return None
    neighbour = actor if actor and len(actor) == 2 and actor != place.country else None
    try:
        if neighbour and not sides:
            band = geo.border_band(place.country, width_km=BORDER_BAND_KM, neighbour=neighbour)
            if band is not None and not band.is_empty:
                return band
        band = geo.border_band(place.country, width_km=BORDER_BAND_KM, sides=sides)
    except _GEODATA_ERRORS as error:
        log.debug("no border band for %s: %s", place.country, error)
        return None
    return band if band is not None and not band.is_empty else None


def _shape(location: Mention) -> BaseGeometry | None:
    """The polygon of a country, subdivision or region, when geodata has one."""
    if location.place is None or location.place.kind == "city":
        return None
    try:
        shape = geo.shape_of(location.place)
    except _GEODATA_ERRORS:
        return None
    return shape if shape is not None and not shape.is_empty else None
