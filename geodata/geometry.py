"""Country and admin-1 polygons, point location, land borders and border bands (lazy)."""

from __future__ import annotations

import functools
import json
import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry

from geodata.codec import decode
from geodata.records import Place

__all__ = [
    "Boundaries",
    "load_boundaries",
    "country_shape",
    "shape_of",
    "locate",
    "land_border",
    "border_segment",
    "border_band",
    "geodesic_length_km",
    "SIDES",
]

# Compass sides as bearings in degrees; a side covers 45 degrees either way.
SIDES = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
BORDER_SNAP = 0.02  # degrees: how far apart two countries' simplified edges may lie
COAST_SNAP = 0.1  # degrees: coastal points that simplification left just offshore
_GEOD = Geod(ellps="WGS84")
_EMPTY = Polygon()


def geodesic_length_km(geometry: BaseGeometry) -> float:
    """Return the length of a (multi)line on the WGS84 ellipsoid, in kilometres."""
    return float(_GEOD.geometry_length(geometry)) / 1000.0 if not geometry.is_empty else 0.0


class Boundaries:
    """Read-only access to the compiled polygons; each shape is decoded on first use."""

    def __init__(self, database: Path, members: dict[str, list[str]]) -> None:
        """Open the shapes database; ``members`` maps region ids to member codes."""
        uri = f"{database.resolve().as_uri()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._members = members
        with self._lock:
            rows = self._db.execute("SELECT layer, code, country, name, iso FROM shapes").fetchall()
        self._admin1_codes = [
            (code, cc, name) for layer, code, cc, name, _ in rows if layer == "admin1"
        ]
        self._country_codes = sorted(code for layer, code, *_ in rows if layer == "country")
        self._iso = {iso: code for layer, code, _, _, iso in rows if layer == "admin1" and iso}
        self._admin1_names = {code: name for code, _, name in self._admin1_codes}
        self._admin1_country = {code: cc for code, cc, _ in self._admin1_codes}

    # -- shapes -------------------------------------------------------------------------

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one instance per process
    def _shape(self, layer: str, code: str) -> BaseGeometry | None:
        """Decode one stored shape."""
        with self._lock:
            row = self._db.execute(
                "SELECT shape FROM shapes WHERE layer = ? AND code = ?", (layer, code)
            ).fetchone()
        if row is None:
            return None
        geometry = decode(row[0])
        shapely.prepare(geometry)
        return geometry

    def country_shape(self, cc: str) -> BaseGeometry | None:
        """Return a country's polygon (Natural Earth 10 m, simplified) by ISO alpha-2."""
        return self._shape("country", cc.upper()) if isinstance(cc, str) else None

    def admin1_shape(self, code: str) -> BaseGeometry | None:
        """Return an admin-1 polygon by gazetteer id ("gn:703883") or ISO 3166-2 ("UA-43")."""
        return self._shape("admin1", self._iso.get(code, code))

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one instance per process
    def _member_union(self, place_id: str) -> BaseGeometry | None:
        """Union the shapes of a region's member countries or admin-1 areas."""
        shapes = []
        for code in self._members.get(place_id, []):
            shape = self.country_shape(code) if len(code) == 2 else self.admin1_shape(code)
            if shape is not None:
                shapes.append(shape)
        if not shapes:
            return None
        union = shapely.union_all(shapes)
        shapely.prepare(union)
        return union

    def shape_of(self, place: Place) -> BaseGeometry | None:
        """Return the area of a place where one is known: country, admin-1 or region."""
        if place.kind == "country" and place.country:
            return self.country_shape(place.country)
        if place.kind == "admin1":
            return self.admin1_shape(place.id)
        if place.kind in ("region", "conflict_area", "sea"):
            return self._shape("area", place.id) or self._member_union(place.id)
        return None

    # -- point location -------------------------------------------------------------------

    @functools.cached_property
    def _country_tree(self) -> tuple[shapely.STRtree, list[str], list[BaseGeometry]]:
        """Build the spatial index of all countries on first use."""
        codes = list(self._country_codes)
        shapes = [self.country_shape(cc) for cc in codes]
        return shapely.STRtree(shapes), codes, shapes

    @functools.cached_property
    def _admin1_tree(self) -> tuple[shapely.STRtree, list[str], list[BaseGeometry]]:
        """Build the spatial index of all admin-1 areas on first use."""
        codes = [code for code, _, _ in self._admin1_codes]
        shapes = [self._shape("admin1", code) for code in codes]
        return shapely.STRtree(shapes), codes, shapes

    @staticmethod
    def _hit(
        tree: tuple[shapely.STRtree, list[str], list[BaseGeometry]], x: float, y: float
    ) -> str | None:
        """Return the code of the shape containing a point, else of the nearest one close by."""
        index, codes, shapes = tree
        point = shapely.Point(x, y)
        for i in sorted(int(i) for i in index.query(point)):  # bounding boxes first
            if shapely.contains_xy(shapes[i], x, y):  # prepared polygons: fast
                return codes[i]
        near = index.query_nearest(point, max_distance=COAST_SNAP)
        return codes[int(near[0])] if len(near) else None

    def locate(self, lon: float, lat: float) -> tuple[str | None, str | None]:
        """Return (ISO alpha-2, admin-1 name) of the area a point lies in; None when unknown."""
        try:
            lon, lat = float(lon), float(lat)
        except (TypeError, ValueError):
            return None, None
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
            return None, None
        cc = self._hit(self._country_tree, lon, lat)
        code = self._hit(self._admin1_tree, lon, lat)
        if code is None or self._admin1_country.get(code) != cc:
            return cc, None
        return cc, self._admin1_names.get(code)

    # -- borders --------------------------------------------------------------------------

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one instance per process
    def neighbours(self, cc: str) -> tuple[str, ...]:
        """Return the countries that share a land border with a country."""
        shape = self.country_shape(cc)
        if shape is None:
            return ()
        index, codes, _ = self._country_tree
        hits = index.query(shape.buffer(BORDER_SNAP), predicate="intersects")
        found = sorted({codes[int(i)] for i in hits} - {cc.upper()})
        return tuple(other for other in found if not self.land_border(cc, other).is_empty)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one instance per process
    def land_border(self, cc1: str, cc2: str) -> BaseGeometry:
        """Return the land border two countries share, as a (Multi)LineString (may be empty)."""
        first, second = self.country_shape(cc1), self.country_shape(cc2)
        if first is None or second is None or cc1.upper() == cc2.upper():
            return MultiLineString()
        shared = first.boundary.intersection(second.buffer(BORDER_SNAP))
        lines = [g for g in shapely.get_parts(shared) if g.geom_type == "LineString"]
        lines = [g for g in lines if g.length > BORDER_SNAP]
        return shapely.line_merge(shapely.union_all(lines)) if lines else MultiLineString()

    def border_segment(
        self, cc: str, sides: Sequence[str] = (), neighbour: str | None = None
    ) -> BaseGeometry:
        """Return the part of a country's land border facing ``sides`` or along ``neighbour``."""
        cc = cc.upper()
        others = [neighbour.upper()] if neighbour else list(self.neighbours(cc))
        lines = [self.land_border(cc, other) for other in others]
        lines = [line for line in lines if not line.is_empty]
        if not lines:
            return MultiLineString()
        border = shapely.line_merge(shapely.union_all(lines))
        wanted = [SIDES[side.lower()] for side in sides if side.lower() in SIDES]
        if not wanted:
            return border
        shape = self.country_shape(cc)
        assert shape is not None
        centre = shape.centroid
        return _facing(border, centre.x, centre.y, wanted)

    def border_band(
        self,
        cc: str,
        width_km: float = 50.0,
        sides: Sequence[str] = (),
        neighbour: str | None = None,
        within: str | None = None,
    ) -> BaseGeometry:
        """Return the area within ``width_km`` of a border segment, optionally inside ``within``."""
        segment = self.border_segment(cc, sides=sides, neighbour=neighbour)
        if segment.is_empty or width_km <= 0:
            return _EMPTY
        centre = segment.centroid
        projection = f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m"
        forward = Transformer.from_crs("EPSG:4326", projection, always_xy=True)
        backward = Transformer.from_crs(projection, "EPSG:4326", always_xy=True)
        local = shapely.transform(segment, lambda xy: _project(forward, xy))
        band = shapely.transform(local.buffer(width_km * 1000.0), lambda xy: _project(backward, xy))
        band = shapely.make_valid(band)
        if within:
            area = self.country_shape(within)
            if area is None:
                return _EMPTY
            band = band.intersection(area)
        return band

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()


def _project(transformer: Transformer, xy: np.ndarray) -> np.ndarray:
    """Apply a pyproj transformer to an (N, 2) coordinate array."""
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _bearing(x0: float, y0: float, x: float, y: float) -> float:
    """Return the compass bearing from one lon/lat point to another, flat-earth approximation."""
    dx = (x - x0) * math.cos(math.radians(y0))
    return math.degrees(math.atan2(dx, y - y0)) % 360.0


def _facing(border: BaseGeometry, x0: float, y0: float, bearings: Iterable[float]) -> BaseGeometry:
    """Keep the pieces of a border whose bearing from the centre lies within 45° of a side."""
    targets = list(bearings)
    kept: list[LineString] = []
    for line in shapely.get_parts(border):
        run: list[tuple[float, float]] = []
        coords = list(line.coords)
        for a, b in zip(coords, coords[1:], strict=False):
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            bearing = _bearing(x0, y0, mx, my)
            if any(abs((bearing - t + 180.0) % 360.0 - 180.0) <= 45.0 for t in targets):
                run = run or [a]
                run.append(b)
            elif run:
                kept.append(LineString(run))
                run = []
        if len(run) > 1:
            kept.append(LineString(run))
    return shapely.line_merge(MultiLineString(kept)) if kept else MultiLineString()


@functools.cache
def load_boundaries() -> Boundaries:
    """Return the process-wide boundaries, opened from the package's data files."""
    data = resources.files("geodata") / "data"
    tables = json.loads((data / "tables.json").read_text(encoding="utf-8"))
    from geodata.gazetteer import _EXIT  # one exit stack keeps extracted files alive

    database = _EXIT.enter_context(resources.as_file(data / "shapes.sqlite"))
    return Boundaries(Path(database), tables["members"])


def country_shape(cc: str) -> BaseGeometry | None:
    """Return a country's polygon by ISO alpha-2."""
    return load_boundaries().country_shape(cc)


def shape_of(place: Place) -> BaseGeometry | None:
    """Return the polygon of a country, admin-1 area or region place, if known."""
    return load_boundaries().shape_of(place)


def locate(lon: float, lat: float) -> tuple[str | None, str | None]:
    """Return (ISO alpha-2, admin-1 name) for a point."""
    return load_boundaries().locate(lon, lat)


def land_border(cc1: str, cc2: str) -> BaseGeometry:
    """Return the shared land border of two countries."""
    return load_boundaries().land_border(cc1, cc2)


def border_segment(
    cc: str, sides: Sequence[str] = (), neighbour: str | None = None
) -> BaseGeometry:
    """Return the part of a country's land border facing ``sides`` or shared with ``neighbour``."""
    return load_boundaries().border_segment(cc, sides=sides, neighbour=neighbour)


def border_band(
    cc: str,
    width_km: float = 50.0,
    sides: Sequence[str] = (),
    neighbour: str | None = None,
    within: str | None = None,
) -> BaseGeometry:
    """Return a band of ``width_km`` along a country's border (optionally clipped to a country)."""
    return load_boundaries().border_band(
        cc, width_km=width_km, sides=sides, neighbour=neighbour, within=within
    )
