"""The stories as the map reads them: light extractions straight from the store's rows.

Loading every whole extraction made a large store slow to open and heavy to hold: 18,000
events of 6,000 stories carried 18,000 country outlines as JSON (a few dozen distinct ones),
and every sentence, actor and force of every story. Here SQLite strips the events' geometries
out of each stored extraction before Python parses it, and the geometries are read from the
events layer as binary instead, each distinct one built once and shared by the events that
have it (geometries are immutable; the layer holds them in 2-D, as the map draws them).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator

from shapely.geometry.base import BaseGeometry

from dashboard.records import Extraction
from dashboard.store.gpkg import from_gpkg_blob
from dashboard.store.serialize import view_extraction

__all__ = ["view_extractions"]

log = logging.getLogger(__name__)

# json_remove ignores paths that are not there: the geometries of a story's first events are
# stripped in SQLite; those of a story with more events are parsed and then replaced.
_STRIPPED = 64
_STORIES = (
    "SELECT fid, id, text, json_remove(extraction, "
    + ", ".join(f"'$.events[{i}].geometry'" for i in range(_STRIPPED))
    + ") FROM stories {where} ORDER BY fid"
)


def _geometries(conn: sqlite3.Connection) -> dict[str, BaseGeometry | None]:
    """Every event's geometry by event id, from the events layer; equal ones are one
    shared object."""
    shapes: dict[bytes, BaseGeometry | None] = {}
    found: dict[str, BaseGeometry | None] = {}
    for event_id, blob in conn.execute("SELECT event_id, geom FROM events"):
        if blob is None:
            continue
        shape = shapes.get(blob)
        if shape is None:
            shape = shapes[blob] = from_gpkg_blob(blob)
        found[event_id] = shape
    return found


def _build(rows: Iterator[tuple], geometries: dict[str, BaseGeometry | None]
           ) -> list[Extraction]:
    """Light extractions from (row number, id, text, light JSON) rows, a row at a time."""
    out = []
    for _, story_id, text, light in rows:
        try:
            out.append(view_extraction(json.loads(light), text, geometries))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            log.warning("story %s is damaged and was skipped", story_id)
    return out


def view_extractions(conn: sqlite3.Connection) -> list[Extraction]:
    """Every story's light extraction (see ``serialize.view_extraction``), in the order the
    stories were added; a damaged story is skipped with a warning, as ``Store.extractions``
    does."""
    geometries = _geometries(conn)
    try:
        return _build(conn.execute(_STORIES.format(where="")), geometries)
    except sqlite3.OperationalError:  # an extraction that is not JSON stops SQLite's reading
        damaged = "SELECT id FROM stories WHERE NOT json_valid(extraction)"
        for (story_id,) in conn.execute(damaged):
            log.warning("story %s is damaged and was skipped", story_id)
        where = "WHERE json_valid(extraction)"
        return _build(conn.execute(_STORIES.format(where=where)), geometries)
