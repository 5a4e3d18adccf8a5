"""The stories as the map reads them: light extractions straight from the store's rows.

Loading every whole extraction made a large store slow to open and heavy to hold: 18,000
events of 6,000 stories carried 18,000 country outlines (a few dozen distinct ones), and every
sentence, actor and force of every story. Here SQLite picks out of each stored extraction only
the article, the sentences, the mentions and each event without its geometry; each distinct
geometry is built once and shared by the events that have it (geometries are immutable).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from typing import Any

from shapely.geometry.base import BaseGeometry

from dashboard.records import Extraction
from dashboard.store.serialize import geometry_from_dict, view_extraction

__all__ = ["view_extractions"]

log = logging.getLogger(__name__)

_STORIES = """
SELECT fid, id, text, json_extract(extraction, '$.article', '$.sentences', '$.mentions')
FROM stories WHERE json_valid(extraction) ORDER BY fid
"""
_EVENTS = """
SELECT s.fid, e.key, json_remove(e.value, '$.geometry'), json_extract(e.value, '$.geometry')
FROM stories AS s, json_each(s.extraction, '$.events') AS e
WHERE json_valid(s.extraction) ORDER BY s.fid
"""


def _events_by_story(conn: sqlite3.Connection) -> dict[int, list[tuple[dict, BaseGeometry | None]]]:
    """Each story's events (by the story's row number) without their geometry, each with its
    geometry; equal geometries are one shared object."""
    shapes: dict[str, BaseGeometry | None] = {}
    found: dict[int, list[tuple[int, dict, BaseGeometry | None]]] = {}
    for fid, key, event, geometry in conn.execute(_EVENTS):  # a row at a time, not all
        shape = None
        if geometry is not None:
            shape = shapes.get(geometry)
            if shape is None:
                shape = shapes[geometry] = geometry_from_dict(json.loads(geometry))
        found.setdefault(fid, []).append((key, json.loads(event), shape))
    # json_each gives an array's items in order; sorting by index costs little and is sure.
    return {fid: [(event, shape) for _, event, shape in sorted(items, key=lambda i: i[0])]
            for fid, items in found.items()}


def _stories(conn: sqlite3.Connection) -> Iterator[tuple[int, str, str, list[Any]]]:
    """Row number, id, text and [article, sentences, mentions] of every readable story."""
    for fid, story_id, text, parts in conn.execute(_STORIES):
        yield fid, story_id, text, json.loads(parts)


def view_extractions(conn: sqlite3.Connection) -> list[Extraction]:
    """Every story's light extraction (see ``serialize.view_extraction``), in the order the
    stories were added; a damaged story is skipped with a warning, as ``Store.extractions``
    does."""
    for (story_id,) in conn.execute("SELECT id FROM stories WHERE NOT json_valid(extraction)"):
        log.warning("story %s is damaged and was skipped", story_id)
    events = _events_by_story(conn)
    out = []
    for fid, story_id, text, parts in _stories(conn):
        try:
            out.append(view_extraction(parts, text, events.get(fid, [])))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            log.warning("story %s is damaged and was skipped", story_id)
    return out
