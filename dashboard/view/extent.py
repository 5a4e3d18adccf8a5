"""Where events are on the map: their ends, their bounds, and the view a map opens on.

The map fits itself to the box around everything the events draw (areas included, and the
bend of every arc), never closer than a country's scale, so that no drawn feature is left
outside the view after a filter changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from shapely.geometry import LineString, Point

from dashboard.view.filters import EventRef, PlaceTally

__all__ = [
    "LatLon",
    "Bounds",
    "latlon",
    "endpoints",
    "point_of",
    "event_bounds",
    "full_bounds",
    "view_of",
]

LatLon = tuple[float, float]
Bounds = tuple[LatLon, LatLon]
MOVES = ("deployment", "withdrawal", "arms_transfer", "diplomatic_visit")


def latlon(x: float, y: float) -> LatLon:
    """Shapely/GeoJSON (lon, lat) to folium (lat, lon): the one place that swaps them."""
    return (y, x)


def _mention_latlon(mention) -> LatLon | None:
    """A mention's resolved place as (lat, lon)."""
    if mention is None or mention.place is None:
        return None
    return (mention.place.lat, mention.place.lon)


def endpoints(ref: EventRef) -> tuple[LatLon, LatLon] | None:
    """Origin and destination of a movement, from its geometry or its mentions."""
    geom = ref.event.geometry
    if isinstance(geom, LineString) and len(geom.coords) >= 2:
        return latlon(*geom.coords[0][:2]), latlon(*geom.coords[-1][:2])
    a, b = _mention_latlon(ref.event.origin), _mention_latlon(ref.event.destination)
    return (a, b) if a and b and a != b else None


def point_of(ref: EventRef) -> LatLon | None:
    """Where a single-place event is: its point geometry, or its best mention."""
    event, geom = ref.event, ref.event.geometry
    if isinstance(geom, Point):
        return latlon(geom.x, geom.y)
    if geom is not None and not geom.is_empty:
        rp = geom.representative_point()
        return latlon(rp.x, rp.y)
    for mention in (event.location, event.destination, event.origin):
        if (at := _mention_latlon(mention)) is not None:
            return at
    return None


def event_bounds(ref: EventRef) -> Bounds | None:
    """South-west and north-east corners of what the event draws."""
    geom = ref.event.geometry
    if geom is not None and not geom.is_empty:
        x0, y0, x1, y1 = geom.bounds
        return latlon(x0, y0), latlon(x1, y1)
    ends = endpoints(ref)
    pts = list(ends) if ends else [p for p in [point_of(ref)] if p]
    return _box(pts)


def _box(points: Sequence[LatLon]) -> Bounds | None:
    """The smallest lat/lon box around the points, or None without points."""
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (min(lats), min(lons)), (max(lats), max(lons))


def _drawn_points(ref: EventRef) -> list[LatLon]:
    """Corners of what an event draws: its area's box, or its curved arc, or its point."""
    from dashboard.view.curves import curve_points  # curves needs this module's LatLon

    ends = endpoints(ref)
    if ends is not None and ref.event.type in MOVES:
        return curve_points(*ends)
    return [c for c in event_bounds(ref) or () if c]


def full_bounds(refs: Sequence[EventRef], places: Sequence[PlaceTally] = ()) -> Bounds | None:
    """The box around everything the events draw: areas, arcs with their bend, circles.

    Without events it is the box around the places; places are left out otherwise, so that
    a capital named in passing does not shrink every event to a dot.
    """
    corners = [c for r in refs for c in _drawn_points(r)]
    if not corners:
        corners = [(t.place.lat, t.place.lon) for t in places]
    return _box(corners)


def view_of(bounds: Bounds) -> tuple[LatLon, int]:
    """Center and a zoom that shows the bounds in a map about 700 pixels wide."""
    (s, w), (n, e) = bounds
    # A point (an event at a country's or a city's point) is shown with its surroundings.
    span = max(n - s, (e - w) * math.cos(math.radians((n + s) / 2)), 4.0)
    zoom = int(max(2, min(7, math.floor(math.log2(500 / span)))))
    return ((s + n) / 2, (w + e) / 2), zoom
