"""Rank each name key's entries and write the compact files the gazetteer loads."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from geodata.builder.places import WEAK, Collection
from geodata.records import Place
from geodata.text import tokens

__all__ = ["rank_key", "write_database", "write_json", "MAX_PER_KEY", "SCALE"]

MAX_PER_KEY = 40
SCALE = 100_000
# Hand-curated entries first: they are there because news names them ("the Sahel").
_KIND_ORDER = {
    "country": 0,
    "region": 1,
    "conflict_area": 2,
    "sea": 3,
    "installation": 4,
    "island": 4,
    "admin1": 5,
    "admin2": 6,
    "city": 7,
}

SCHEMA = """
CREATE TABLE places (
    idx INTEGER PRIMARY KEY,
    id TEXT, -- NULL for GeoNames entries: their id is "gn:" + gid
    gid INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat INTEGER NOT NULL, -- degrees times 100,000
    lon INTEGER NOT NULL,
    country TEXT,
    admin1 TEXT, -- a key of tables.json "admin1" when it starts with "@"
    population INTEGER,
    feature_code TEXT
);
CREATE TABLE names (key TEXT PRIMARY KEY, places TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


def rank_key(place: Place, quality: int) -> tuple[int, int, float, int]:
    """Default order: countries, then areas and installations, then cities by population."""
    population = float(place.population or 0)
    if quality >= WEAK:
        return (3, quality, -population, _KIND_ORDER[place.kind])
    if place.kind == "country":
        return (0, quality, -population, 0)
    if place.kind == "city":
        # An alternate name of a big city beats the primary name of a hamlet.
        return (2, 0, -(population if quality == 0 else population * 0.2), quality)
    return (1, quality, float(_KIND_ORDER[place.kind]), -int(population))


def _row(index: int, place: Place, admin1_codes: dict[str, str]) -> tuple[Any, ...]:
    """Return the compact database row of a place."""
    gid = int(place.id[3:]) if place.id.startswith("gn:") and place.id[3:].isdigit() else None
    admin1 = place.admin1
    if place.kind == "city" and admin1 is not None:
        admin1 = admin1_codes.get(admin1, admin1)
    return (
        index,
        None if gid is not None else place.id,
        gid,
        place.name,
        place.kind,
        round(place.lat * SCALE),
        round(place.lon * SCALE),
        place.country,
        admin1,
        place.population,
        place.feature_code,
    )


def write_database(out: Collection, path: Path, admin1_codes: dict[str, str]) -> dict[str, int]:
    """Write places and ranked name keys to a fresh SQLite file; return row counts."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (_row(i, p, admin1_codes) for i, p in enumerate(out.places)),
    )
    rows = []
    max_tokens = 0
    for key in sorted(out.names):
        slot = out.names[key]
        if not slot:
            continue
        order = sorted(slot, key=lambda i: (rank_key(out.places[i], slot[i]), i))
        rows.append((key, " ".join(str(i) for i in order[:MAX_PER_KEY])))
        max_tokens = max(max_tokens, tokens(key))
    db.executemany("INSERT INTO names VALUES (?,?)", rows)
    meta = {"max_tokens": str(max_tokens), "places": str(len(out.places)), "keys": str(len(rows))}
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.commit()
    db.execute("VACUUM")
    db.close()
    return {"places": len(out.places), "keys": len(rows), "max_tokens": max_tokens}


def write_json(data: Any, path: Path) -> None:
    """Write JSON deterministically (sorted keys, no spaces, trailing newline)."""
    path.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
