"""The offline gazetteer: places by name, countries, demonyms, capitals and US states."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sqlite3
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from geodata.records import Place
from geodata.text import normalize

__all__ = ["Gazetteer", "load_gazetteer", "normalize"]

SCALE = 100_000
MAX_INPUT_CHARS = 1_000
_REGION_SUFFIX = re.compile(r"^(.+) (?:region|oblast|province|governorate)$")
_COLUMNS = "idx, id, gid, name, kind, lat, lon, country, admin1, population, feature_code"


class Gazetteer:
    """Read-only access to the compiled gazetteer: a SQLite index plus small in-memory tables."""

    def __init__(self, database: Path, tables: dict[str, Any]) -> None:
        """Open the database read-only; ``tables`` is the parsed ``tables.json``."""
        uri = f"{database.resolve().as_uri()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._countries: dict[str, dict[str, Any]] = tables["countries"]
        self._aliases: dict[str, str] = tables["aliases"]
        self._demonyms: dict[str, str] = tables["demonyms"]
        self._us_states: dict[str, str] = tables["us_states"]
        self._admin1: dict[str, str] = tables["admin1"]
        self._admin1_rows: dict[str, int] = tables.get("admin1_rows", {})
        self.members: dict[str, list[str]] = tables["members"]
        meta = dict(self._db.execute("SELECT name, value FROM meta"))
        self.max_tokens: int = int(meta["max_tokens"])
        self.candidates = functools.lru_cache(maxsize=200_000)(self._candidates)
        self.is_prefix = functools.lru_cache(maxsize=200_000)(self._is_prefix)
        self._place = functools.lru_cache(maxsize=100_000)(self._load_place)

    # -- raw access for the extractor --------------------------------------------------

    def _rows(self, key: str) -> list[int]:
        """Return the ranked row numbers stored under a key."""
        with self._lock:
            row = self._db.execute("SELECT places FROM names WHERE key = ?", (key,)).fetchone()
        return [int(index) for index in row[0].split()] if row else []

    def _candidates(self, key: str) -> tuple[Place, ...]:
        """Return the entries of an already-normalized key, best first (cached)."""
        rows = self._rows(key)
        if not rows:
            return self._region_of_city(key)
        return tuple(self._place(index) for index in rows)

    def _region_of_city(self, key: str) -> tuple[Place, ...]:
        """Resolve "Kharkov region" to the admin-1 area around the city that "Kharkov" names."""
        match = _REGION_SUFFIX.match(key)
        if match is None:
            return ()
        suffix = key[len(match.group(1)) :]
        for index in self._rows(match.group(1))[:5]:
            with self._lock:
                row = self._db.execute(
                    "SELECT kind, admin1, name FROM places WHERE idx = ?", (index,)
                ).fetchone()
            if not row or row[0] != "city":
                continue
            # "Kiev region": the city's own name may have the form ("Kyiv region").
            own = self._rows(normalize(row[2]) + suffix)
            if own:
                return (self._place(own[0]),)
            if row[1] and row[1].startswith("@"):
                area = self._admin1_rows.get(row[1][1:])
                return (self._place(area),) if area is not None else ()
        return ()

    def _is_prefix(self, key: str) -> bool:
        """Tell whether some longer name key starts with ``key`` followed by a word break."""
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM names WHERE key > ? AND key < ? LIMIT 1", (key + " ", key + "!")
            ).fetchone()
        if row is not None:
            return True
        # Any city name may be followed by "region"/"oblast" (see _region_of_city).
        return any(place.kind == "city" for place in self.candidates(key)[:5])

    def _load_place(self, index: int) -> Place:
        """Read one entry by its row number."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM places WHERE idx = ?", (index,)
            ).fetchone()
        return self._to_place(row)

    def _to_place(self, row: tuple[Any, ...]) -> Place:
        """Turn a database row into a Place."""
        _, pid, gid, name, kind, lat, lon, country, admin1, population, code = row
        if admin1 and admin1.startswith("@"):
            admin1 = self._admin1.get(admin1[1:])
        return Place(
            id=pid if pid is not None else f"gn:{gid}",
            name=name,
            kind=kind,
            lat=lat / SCALE,
            lon=lon / SCALE,
            country=country,
            admin1=admin1,
            population=population,
            feature_code=code,
        )

    # -- lookups ---------------------------------------------------------------------

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[Place]:
        """Return the places a name may refer to, best first; [] for anything unusable."""
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_INPUT_CHARS:
            return []
        if limit <= 0:
            return []
        places: Iterable[Place] = self.candidates(normalize(name))
        if not places and name.rstrip().endswith(("'s", "\u2019s")):
            places = self.candidates(normalize(name.rstrip()[:-2]))
        if country is not None:
            code = self._country_filter(country)
            places = [place for place in places if place.country == code]
        return list(places)[:limit]

    def _country_filter(self, country: str) -> str | None:
        """Accept an ISO alpha-2 code or a country name for the ``country`` filter."""
        if len(country) == 2 and country.isalpha():
            return country.upper()
        return self.country_code(country)

    def country(self, cc: str) -> Place | None:
        """Return the country entry for an ISO alpha-2 code."""
        row = self._countries.get(cc.upper()) if isinstance(cc, str) else None
        return self._place(row["place"]) if row else None

    def capital(self, cc: str) -> Place | None:
        """Return the capital city of a country (ISO alpha-2), if known."""
        row = self._countries.get(cc.upper()) if isinstance(cc, str) else None
        if not row or row.get("capital") is None:
            return None
        return self._place(row["capital"])

    def country_code(self, name: str) -> str | None:
        """Resolve a country name or alias as news writes it ("the U.S.", "Holland") to ISO."""
        if not isinstance(name, str) or len(name) > MAX_INPUT_CHARS:
            return None
        return self._aliases.get(normalize(name))

    def demonym(self, word: str) -> str | None:
        """Resolve a demonym or alliance ("Russian", "North Korean", "NATO") to its code."""
        if not isinstance(word, str) or len(word) > MAX_INPUT_CHARS:
            return None
        key = normalize(word)
        code = self._demonyms.get(key)
        if code is None and key.endswith("s") and len(key) > 3:
            code = self._demonyms.get(key[:-1])  # "Ukrainians", "Israelis"
        if code is None and key.endswith("ese") is False and key.endswith("men"):
            code = self._demonyms.get(key[:-3] + "man")
        return code

    def us_state(self, abbreviation: str) -> str | None:
        """Map a US state name or abbreviation ("N.C.", "Calif.", "W.Va.", "NC") to postal code."""
        if not isinstance(abbreviation, str) or len(abbreviation) > 100:
            return None
        return self._us_states.get(normalize(abbreviation))

    def countries(self) -> list[str]:
        """Return the ISO alpha-2 codes of every country the gazetteer knows."""
        return sorted(self._countries)

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()


_EXIT = contextlib.ExitStack()


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Return the process-wide gazetteer built from the package's data files."""
    data = resources.files("geodata") / "data"
    tables = json.loads((data / "tables.json").read_text(encoding="utf-8"))
    database = _EXIT.enter_context(resources.as_file(data / "gazetteer.sqlite"))
    return Gazetteer(Path(database), tables)
