"""Assemble gazetteer entries and their name keys from the sources, before ranking."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

from geodata.builder import sources
from geodata.records import Place
from geodata.text import is_latin, normalize

__all__ = ["Collection", "PRIMARY", "ALTERNATE", "WEAK"]

log = logging.getLogger(__name__)

PRIMARY, ALTERNATE, WEAK = 0, 1, 2
BIG_CITY = 100_000
# Alternate names of hamlets are mostly other languages' spellings that news never uses.
MIN_POPULATION_FOR_ALTERNATES = 5_000
_TYPE_WORDS = re.compile(
    r"\s+(oblast|oblast'|region|province|governorate|krai|kray|voivodeship|prefecture|"
    r"autonomous okrug|okrug|vilayeti|muhafazah|county|state|district)$",
    re.IGNORECASE,
)
_REGION_WORDS = ("region", "province", "oblast", "governorate")


def usable_alternate(name: str) -> bool:
    """Keep Latin-script alternate names that are not codes, numbers or prose."""
    if not name or len(name) > 60 or not is_latin(name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and ISO codes
        return False
    key = normalize(name)
    return len(key) >= 3 and any(ch.isalpha() for ch in key)


def _plain_exonym(name: str) -> bool:
    """Keep a hamlet's alternate only if written like an English exonym ("Stepanakert")."""
    return name.isascii() and name[:1].isupper() and len(name) >= 5 and "'" not in name


@dataclass
class Collection:
    """Gazetteer entries with their name keys and name quality, in insertion order."""

    places: list[Place] = field(default_factory=list)
    names: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    members: dict[str, list[str]] = field(default_factory=dict)
    iso: dict[str, str] = field(default_factory=dict)  # admin-1 entry id -> ISO 3166-2
    admin1_rows: dict[str, int] = field(default_factory=dict)  # "UA.11" -> admin-1 row

    def add(self, place: Place, primary: str, alternates: tuple[str, ...] = ()) -> int:
        """Add a place under its primary name and alternates; return its row index."""
        index = len(self.places)
        self.places.append(place)
        self.name(index, primary, PRIMARY)
        for alternate in alternates:
            self.name(index, alternate, ALTERNATE)
        return index

    def name(self, index: int, name: str, quality: int) -> None:
        """Register one more name of an entry, keeping the best quality per key."""
        key = normalize(name)
        if not key:
            return
        slot = self.names[key]
        slot[index] = min(slot.get(index, quality), quality)


def add_cities(out: Collection, cities: list[sources.City], admin1: dict[str, str]) -> None:
    """Add GeoNames populated places with their Latin-script alternate names."""
    for city in sorted(cities, key=lambda c: c.geonameid):
        alternates = tuple(name for name in city.alternates if usable_alternate(name))
        if city.population < MIN_POPULATION_FOR_ALTERNATES:
            alternates = tuple(name for name in alternates if _plain_exonym(name))
        place = Place(
            id=f"gn:{city.geonameid}",
            name=city.name,
            kind="city",
            lat=round(city.lat, 5),
            lon=round(city.lon, 5),
            country=city.country or None,
            admin1=admin1.get(f"{city.country}.{city.admin1code}"),
            population=city.population or None,
            feature_code="PPL",
        )
        out.add(place, city.name, alternates)


def admin1_points(cities: list[sources.City]) -> dict[str, tuple[float, float]]:
    """Approximate each admin-1 area's point by the mean of its populated places."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        acc = sums[f"{city.country}.{city.admin1code}"]
        acc[0] += city.lat
        acc[1] += city.lon
        acc[2] += 1
    return {code: (lat / n, lon / n) for code, (lat, lon, n) in sums.items()}


def _stems(sub: sources.Subdivision, biggest: list[sources.City]) -> set[str]:
    """Find the short names a subdivision goes by in news ("Kursk" for Kurskaya oblast')."""
    stems = set()
    for name in (sub.name, *sub.alternates):
        match = _TYPE_WORDS.search(name)
        if match and is_latin(name):
            stems.add(name[: match.start()].strip())
    first = normalize(sub.name).split(" ")[0]
    for city in biggest[:5]:
        key = normalize(city.name)
        if len(key) >= 4 and (first[:5] == key[:5] or first.startswith(key)):
            stems.add(city.name)
            break
    own = normalize(sub.name)
    # A city-level area ("Kyiv") must not take "Kyiv region", which means the oblast around it.
    return {stem for stem in stems if len(normalize(stem)) >= 3 and normalize(stem) != own}


def add_subdivisions(
    out: Collection,
    subdivisions: list[sources.Subdivision],
    cities: list[sources.City],
    points: dict[str, tuple[float, float]],
) -> None:
    """Add first-level subdivisions with "X region/oblast/province" forms of their names."""
    by_area: dict[str, list[sources.City]] = defaultdict(list)
    for city in sorted(cities, key=lambda c: (-c.population, c.geonameid)):
        by_area[f"{city.country}.{city.admin1code}"].append(city)
    skipped = 0
    for sub in sorted(subdivisions, key=lambda s: s.geonames_code):
        point = points.get(sub.geonames_code)
        if point is None:
            skipped += 1
            continue
        country = sub.geonames_code.split(".")[0]
        place = Place(
            id=f"gn:{sub.geonameid}" if sub.geonameid else f"a1:{sub.geonames_code}",
            name=sub.name,
            kind="admin1",
            lat=round(point[0], 4),
            lon=round(point[1], 4),
            country=country,
            admin1=sub.name,
            feature_code="ADM1",
        )
        alternates = [name for name in sub.alternates if usable_alternate(name)]
        for stem in sorted(_stems(sub, by_area.get(sub.geonames_code, []))):
            alternates += [f"{stem} {word}" for word in _REGION_WORDS]
        out.admin1_rows[sub.geonames_code] = out.add(place, sub.name, tuple(alternates))
        if sub.iso_code:
            out.iso[place.id] = sub.iso_code
    log.info("subdivisions without populated places (skipped): %d", skipped)


def demote_city_like_names(out: Collection) -> None:
    """Rank admin-1 names that are also a big city's name ("Gaza", "Kyiv") after the city."""
    big: set[str] = set()
    by_index = out.places
    for key, slot in out.names.items():
        for index in slot:
            place = by_index[index]
            if place.kind == "city" and (place.population or 0) >= BIG_CITY:
                big.add(key)
    for key, slot in out.names.items():
        if key not in big:
            continue
        for index in slot:
            if by_index[index].kind == "admin1":
                slot[index] = WEAK


def add_us_counties(
    out: Collection,
    counties: list[dict[str, str]],
    states: dict[str, dict[str, object]],
    points: list[dict[str, str]],
) -> None:
    """Add US counties and parishes, placed at geoBoundaries' point for the unit."""
    state_code = {str(row["name"]): code for code, row in states.items()}
    located: dict[tuple[str, str], dict[str, str]] = {}
    for row in points:
        if row["admin1"] == "United States" and row["admin2"] in state_code:
            located[(state_code[row["admin2"]], normalize(row["name"]))] = row
    suffix = re.compile(r"\s+(county|parish|borough|census area|municipality)$", re.I)
    for county in sorted(counties, key=lambda c: c["fips"]):
        stem = suffix.sub("", county["name"])
        found = located.get((county["state"], normalize(stem)))
        if found is None or stem == county["name"]:
            continue
        row = found
        state = states.get(county["state"], {})
        place = Place(
            id=f"us:{county['fips']}",
            name=county["name"],
            kind="admin2",
            lat=round(float(row["lat"]), 4),
            lon=round(float(row["lon"]), 4),
            country="US",
            admin1=str(state.get("name") or county["state"]),
            feature_code="ADM2",
        )
        out.add(place, county["name"], (f"{county['name']}, {county['state']}",))


def add_curated(out: Collection, rows: list[dict[str, str]]) -> None:
    """Add the hand-written regions, conflict areas, seas and installations."""
    for row in rows:
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] or None,
            admin1=row["admin1"] or None,
            feature_code=None,
        )
        index = out.add(place, row["name"])
        for alias in row["aliases"].split("|"):
            out.name(index, alias, PRIMARY)  # chosen by hand for news usage: rank as a name
        if row["members"]:
            out.members[row["id"]] = row["members"].split("|")


def add_continents(out: Collection, continents: dict[str, dict[str, object]]) -> None:
    """Add the continents as regions at GeoNames' points."""
    for _code, row in sorted(continents.items()):
        name = str(row["name"])
        place = Place(
            id=f"gn:{row['geonameId']}",
            name=name,
            kind="region",
            lat=float(str(row["lat"])),
            lon=float(str(row["lng"])),
            population=int(str(row.get("population") or 0)) or None,
            feature_code="CONT",
        )
        out.add(place, name)
