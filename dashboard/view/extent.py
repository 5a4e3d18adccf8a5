"""Where events are on the map: their ends, their bounds, and the view a map opens on.

The map opens on the densest group of places where things happen (destinations and
locations), not on the box around everything, so that one far origin does not shrink
every other event to a dot; the full extent stays one click away.
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
    "focus_bounds",
    "view_of",
]

LatLon = tuple[float, float]
Bounds = tuple[LatLon, LatLon]
FOCUS_RADIUS_KM = 2000.0
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


def full_bounds(refs: Sequence[EventRef], places: Sequence[PlaceTally] = ()) -> Bounds | None:
    """The box around everything the events draw (or, without events, around the places)."""
    corners = [c for b in (event_bounds(r) for r in refs) if b for c in b]
    if not corners:
        corners = [(t.place.lat, t.place.lon) for t in places]
    return _box(corners)


def _focus_point(ref: EventRef) -> LatLon | None:
    """Where an event happens: a movement's destination, else its place."""
    if ref.event.type in MOVES and (ends := endpoints(ref)) is not None:
        return ends[1]
    return point_of(ref)


def _km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in km."""
    lat0, lon0, lat1, lon1 = map(math.radians, (*a, *b))
    h = math.sin((lat1 - lat0) / 2) ** 2
    h += math.cos(lat0) * math.cos(lat1) * math.sin((lon1 - lon0) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def densest_group(points: Sequence[LatLon], radius_km: float = FOCUS_RADIUS_KM) -> list[LatLon]:
    """The points within ``radius_km`` of the point that has the most such neighbours."""
    if not points:
        return []

    def near(p: LatLon) -> list[LatLon]:
        return [q for q in points if _km(p, q) <= radius_km]

    groups = [near(p) for p in points]
    return max(groups, key=len)  # the first of equals: stable for a given input


def focus_bounds(
    refs: Sequence[EventRef],
    places: Sequence[PlaceTally] = (),
    radius_km: float = FOCUS_RADIUS_KM,
) -> Bounds | None:
    """The box around the densest group of destinations and locations (far origins left out)."""
    points = [p for p in (_focus_point(r) for r in refs) if p]
    if not points:
        points = [(t.place.lat, t.place.lon) for t in places]
    return _box(densest_group(points, radius_km))


def view_of(bounds: Bounds) -> tuple[LatLon, int]:
    """Center and a zoom that shows the bounds in a map about 700 pixels wide."""
    (s, w), (n, e) = bounds
    # A point (an event at a country's or a city's point) is shown with its surroundings.
    span = max(n - s, (e - w) * math.cos(math.radians((n + s) / 2)), 4.0)
    zoom = int(max(2, min(7, math.floor(math.log2(500 / span)))))
    return ((s + n) / 2, (w + e) / 2), zoom
