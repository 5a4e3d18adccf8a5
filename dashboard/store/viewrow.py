"""A story's light extraction as one compact row, written when the story is stored.

The map, the filters and the event list read a fifth of each story's extraction (its events,
the sentences they cite, its resolved places; see ``serialize.view_extraction``). Parsing the
whole extraction JSON of 6,000 stories to keep that fifth took most of a fresh server's first
map; this row holds just that part, each record as the list of its fields, every place once
per story and named by position, as are an event's sentence and places. Equal records read
back as one shared object (records are frozen). Texts are kept whole, so reading needs no
story text. A row written for other record fields (``LAYOUT``) is not read: the store then
reads the story's extraction instead.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import fields
from typing import Any

from shapely.geometry.base import BaseGeometry

from dashboard.records import Article, Event, Extraction, Force, Mention, Place, Sentence

__all__ = ["LAYOUT", "decode_view", "encode_view", "light_parts"]

# The record fields this layout lists, in order: a change to any record gives another value.
LAYOUT = zlib.crc32(
    "|".join(",".join(f.name for f in fields(record))
             for record in (Article, Sentence, Mention, Force, Event, Place)).encode()
)
# Places are shared across stories too; the table is bounded like serialize's.
_PLACES: dict[tuple[Any, ...], Place] = {}
_MAX_PLACES = 200_000


def light_parts(ex: Extraction) -> tuple[tuple[Sentence, ...], tuple[Mention, ...]]:
    """The sentences the events cite (by their index in the story) and the resolved place
    mentions: what a light extraction keeps besides its events."""
    shared = {e.sentence.index for e in ex.events
              if 0 <= e.sentence.index < len(ex.sentences)
              and ex.sentences[e.sentence.index] == e.sentence}
    mentions = tuple(m for m in ex.mentions
                     if m is not None and m.role == "place" and m.place is not None)
    return tuple(ex.sentences[i] for i in sorted(shared)), mentions


class _Pool:
    """Records listed once each, by value, named by their position."""

    def __init__(self, encode: Callable[[Any], list[Any]]) -> None:
        self.rows: list[list[Any]] = []
        self._index: dict[Hashable, int] = {}
        self._encode = encode

    def add(self, record: Any) -> int | None:
        """The position of ``record`` (listed now if new); None for None."""
        if record is None:
            return None
        found = self._index.get(record)
        if found is None:
            found = self._index[record] = len(self.rows)
            self.rows.append(self._encode(record))
        return found


def _date(value: dt.date | None) -> str | None:
    """ISO date, or None."""
    return value.isoformat() if value is not None else None


def encode_view(ex: Extraction) -> str:
    """The compact row of an extraction's light part (events without their geometries)."""
    aid = ex.article.id
    places = _Pool(lambda p: [getattr(p, f.name) for f in fields(Place)])
    sentences = _Pool(lambda s: [None if s.article_id == aid else s.article_id, s.index,
                                 s.start, s.end, s.text])
    mentions = _Pool(lambda m: [None if m.article_id == aid else m.article_id, m.start, m.end,
                                m.text, places.add(m.place), m.role])
    cited, named = light_parts(ex)
    light = ([sentences.add(s) for s in cited], [mentions.add(m) for m in named])
    events = [_event_row(e, aid, sentences, mentions) for e in ex.events]
    a = ex.article
    row = [LAYOUT, [a.id, a.title, _date(a.date), a.source, a.url, a.path], places.rows,
           sentences.rows, mentions.rows, *light, events]
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _event_row(e: Event, aid: str, sentences: _Pool, mentions: _Pool) -> list[Any]:
    """An event as the list of its fields, its sentence and places by position."""
    f = e.force
    force = None if f is None else [f.start, f.end, f.text, f.count, f.count_text, f.count_min,
                                    f.count_max, f.personnel, f.unit, list(f.equipment), f.actor]
    return [e.id, None if e.article_id == aid else e.article_id, e.type, e.modality,
            sentences.add(e.sentence), e.actor, force, mentions.add(e.origin),
            mentions.add(e.destination), mentions.add(e.location), e.extent,
            list(e.border_side), e.border_with, e.person, _date(e.date), _date(e.date_end),
            e.date_text, e.summary]


def _place(row: list[Any]) -> Place:
    """A place from its row, one shared object for equal rows."""
    key = tuple(row)
    place = _PLACES.get(key)
    if place is None:
        if len(_PLACES) >= _MAX_PLACES:
            _PLACES.clear()
        place = _PLACES[key] = Place(*row)
    return place


def decode_view(encoded: str, geometries: Mapping[str, BaseGeometry]) -> Extraction | None:
    """The light extraction of a compact row (geometries by event id), or None when the row
    was written for other record fields."""
    row = json.loads(encoded)
    if row[0] != LAYOUT:
        return None
    _, (aid, title, date, source, url, path), place_rows, sentence_rows, mention_rows, \
        cited, named, event_rows = row
    day = dt.date.fromisoformat
    places = [_place(p) for p in place_rows]
    sentences = [Sentence(aid if a is None else a, i, s, e, t) for a, i, s, e, t in sentence_rows]
    mentions = [Mention(aid if a is None else a, s, e, t, None if p is None else places[p], r)
                for a, s, e, t, p, r in mention_rows]
    events = []
    for (ident, a, kind, modality, sentence, actor, f, origin, destination, location, extent,
         side, border, person, date_, end, said, summary) in event_rows:
        force = None if f is None else Force(*f[:9], tuple(f[9]), f[10])
        events.append(Event(
            ident, aid if a is None else a, kind, modality, sentences[sentence], actor, force,
            None if origin is None else mentions[origin],
            None if destination is None else mentions[destination],
            None if location is None else mentions[location],
            extent, tuple(side), border, person, None if date_ is None else day(date_),
            None if end is None else day(end), said, geometries.get(ident), summary))
    return Extraction(
        article=Article(aid, "", title, None if date is None else day(date), source, url, path),
        sentences=tuple(sentences[i] for i in cited),
        mentions=tuple(mentions[i] for i in named),
        events=tuple(events),
    )
