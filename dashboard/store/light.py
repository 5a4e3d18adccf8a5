"""Stories read back from the store's rows: light extractions for the map, whole ones for
the evidence panel.

An event's geometry is kept once, in the events layer (GeoPackage binary); the stored
extraction JSON leaves out every geometry the layer holds exactly (see ``writer``), so that
18,000 events of 6,000 stories are not 18,000 country outlines as JSON (126 of 139 MB, read
and parsed on every opening). Geometries are decoded from the layer in one vectorised call,
each distinct one once and shared by the events that have it (geometries are immutable).
The map's light extractions come from each story's compact row (``viewrow``), written when
the story was stored: 8.5 MB for those 6,000 stories instead of 24 MB of extraction JSON.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.records import Extraction
from dashboard.store.gpkg import wkb_of_gpkg_blob
from dashboard.store.serialize import extraction_from_dict, view_extraction
from dashboard.store.viewrow import decode_view

__all__ = ["view_extractions", "whole_extractions"]

log = logging.getLogger(__name__)

# SQLite limits the number of bound values; ids are asked for in parts.
_PART = 500
_DAMAGED = (ValueError, KeyError, TypeError, AttributeError, IndexError)


def decode_geometries(rows: Iterable[tuple[str, bytes | None]]) -> dict[str, BaseGeometry]:
    """Geometries by event id from (event id, GeoPackage blob) rows; equal blobs give one
    shared object, all of them decoded by one call."""
    index: dict[bytes, int] = {}
    ids: list[str] = []
    which: list[int] = []
    for event_id, blob in rows:
        if blob is None:
            continue
        ids.append(event_id)
        which.append(index.setdefault(bytes(blob), len(index)))
    if not ids:
        return {}
    shapes = shapely.from_wkb(np.array([wkb_of_gpkg_blob(b) for b in index], dtype=object))
    return dict(zip(ids, shapes[which].tolist(), strict=True))


def _rows_where_in(conn: sqlite3.Connection, sql: str, column: str, keys: Iterable[Any]
                   ) -> list[tuple]:
    """The rows of ``sql`` whose ``column`` is one of ``keys``, asked for in parts."""
    ordered, rows = sorted(keys), []
    for i in range(0, len(ordered), _PART):
        part = ordered[i : i + _PART]
        rows += conn.execute(f"{sql} WHERE {column} IN ({', '.join('?' * len(part))})", part)
    return rows


def _story_rows(conn: sqlite3.Connection, ids: set[str] | None) -> list[tuple]:
    """(row number, id, text, extraction JSON) of every story or of the stories ``ids``."""
    sql = "SELECT fid, id, text, extraction FROM stories"
    if ids is None:
        return conn.execute(sql + " ORDER BY fid").fetchall()
    return sorted(_rows_where_in(conn, sql, "id", ids))


def _layer_geometries(conn: sqlite3.Connection, ids: set[str] | None
                      ) -> dict[str, BaseGeometry]:
    """The events layer's geometries by event id, of every story or of the stories ``ids``."""
    sql = "SELECT event_id, geom FROM events"
    if ids is None:
        return decode_geometries(conn.execute(sql))
    return decode_geometries(_rows_where_in(conn, sql, "story_id", ids))


def _read(story_id: str, text: str, encoded: str,
          make: Callable[[dict[str, Any], str], Extraction]) -> Extraction | None:
    """An extraction from a story's JSON, or None with a warning when the story is damaged
    (one damaged story must not hide the rest of the corpus)."""
    try:
        return make(json.loads(encoded), text)
    except _DAMAGED:
        log.warning("story %s is damaged and was skipped", story_id)
        return None


def view_extractions(conn: sqlite3.Connection) -> list[Extraction]:
    """Every story's light extraction, in the order the stories were added: from its compact
    row (``viewrow``), or from its whole extraction JSON (``serialize.view_extraction``)
    when the row is missing, damaged or written for other records."""
    geometries = _layer_geometries(conn, None)
    found: dict[int, Extraction | None] = {}
    for fid, story_id, encoded in conn.execute("SELECT fid, id, view FROM stories ORDER BY fid"):
        try:
            found[fid] = None if encoded is None else decode_view(encoded, geometries)
        except _DAMAGED:
            log.info("story %s: its compact row is damaged, its extraction is read", story_id)
            found[fid] = None
    missing = [fid for fid, ex in found.items() if ex is None]
    sql = "SELECT fid, id, text, extraction FROM stories"
    for fid, story_id, text, encoded in _rows_where_in(conn, sql, "fid", missing):
        found[fid] = _read(story_id, text, encoded,
                           lambda data, text: view_extraction(data, text, geometries))
    return [ex for ex in found.values() if ex is not None]


def whole_extractions(conn: sqlite3.Connection, ids: Iterable[str] | None = None
                      ) -> list[Extraction]:
    """Every stored extraction (or those of the stories ``ids``) as it was extracted, in the
    order the stories were added; geometries the JSON leaves out come from the layer."""
    wanted = None if ids is None else set(ids)
    geometries = _layer_geometries(conn, wanted)

    def make(data: dict[str, Any], text: str) -> Extraction:
        if data["article"]["text"] is None:
            data["article"]["text"] = text
        return extraction_from_dict(data, geometries)

    read = (_read(story_id, text, encoded, make)
            for _, story_id, text, encoded in _story_rows(conn, wanted))
    return [ex for ex in read if ex is not None]
