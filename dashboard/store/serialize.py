"""Records to JSON-safe dicts and back, and events to flat map/table properties.

``extraction_from_dict(extraction_to_dict(ex)) == ex`` for every extraction. To keep stored
JSON small, a span's ``text`` is left out when it equals the slice of the article text it
points at, and an event's sentence is written as an index when it is one of the
extraction's sentences; both are restored on reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from dashboard.records import Actor, Article, Event, Extraction, Force, Mention, Place, Sentence

__all__ = [
    "extraction_to_dict",
    "extraction_from_dict",
    "event_properties",
    "geometry_to_dict",
    "geometry_from_dict",
    "PROPERTY_NAMES",
    "view_extraction",
]

FORMAT_VERSION = 1

# The flat properties every exported event carries, in column order.
PROPERTY_NAMES: tuple[str, ...] = (
    "id", "type", "modality", "actor", "count", "count_text", "count_min", "count_max",
    "unit", "personnel", "equipment", "force_text", "person",
    "origin", "origin_place", "origin_country", "destination", "destination_place",
    "destination_country", "location", "location_place", "location_country", "extent",
    "border_side", "date", "date_end", "date_text", "article", "title", "source", "publisher",
    "url", "article_date", "sentence", "start", "end", "summary",
)  # fmt: skip
# SQLite, GeoPackage and pandas' Int64 hold signed 64-bit integers; a larger one is no count.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def _bounded(value: int | None) -> int | None:
    """An integer a store or table column can hold, else None (the words stay in the text)."""
    return value if value is None or _INT_MIN <= value <= _INT_MAX else None


def _date_to_str(value: dt.date | None) -> str | None:
    """ISO date string, or None."""
    return value.isoformat() if value is not None else None


def _date_from_str(value: str | None) -> dt.date | None:
    """Date from an ISO string, or None."""
    return dt.date.fromisoformat(value) if value is not None else None


def geometry_to_dict(geometry: BaseGeometry | None) -> dict[str, Any] | None:
    """GeoJSON mapping (lon, lat) of a shapely geometry, with lists instead of tuples."""
    if geometry is None:
        return None
    return _lists(mapping(geometry))


def geometry_from_dict(data: dict[str, Any] | None) -> BaseGeometry | None:
    """Shapely geometry from a GeoJSON mapping, or None."""
    return shape(data) if data is not None else None


def _lists(value: Any) -> Any:
    """Turn nested tuples into lists so the value is plain JSON."""
    if isinstance(value, (tuple, list)):
        return [_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    return value


def _place_to_dict(place: Place | None) -> dict[str, Any] | None:
    """Plain dict of a Place."""
    if place is None:
        return None
    return {f.name: getattr(place, f.name) for f in fields(Place)}


def _place_from_dict(data: dict[str, Any] | None) -> Place | None:
    """Place from its dict; a store names the same places thousands of times, so equal
    places are built once and shared (they are frozen)."""
    if data is None:
        return None
    key = tuple(data.items())
    place = _PLACES.get(key)
    if place is None:
        if len(_PLACES) >= _MAX_PLACES:
            _PLACES.clear()
        place = _PLACES[key] = Place(**data)
    return place


_PLACES: dict[tuple[tuple[str, Any], ...], Place] = {}
_MAX_PLACES = 200_000


def _span_text(data: dict[str, Any], record: Any, text: str) -> None:
    """Store ``record.text`` only when it differs from the article slice it points at."""
    if text[record.start : record.end] != record.text:
        data["text"] = record.text


def _restore_text(data: dict[str, Any], text: str) -> str:
    """The span text: stored explicitly, or sliced from the article text."""
    stored = data.get("text")
    return stored if stored is not None else text[data["start"] : data["end"]]


def _sentence_to_dict(sentence: Sentence, text: str, article_id: str) -> dict[str, Any]:
    """Compact dict of a Sentence."""
    data: dict[str, Any] = {"index": sentence.index, "start": sentence.start, "end": sentence.end}
    if sentence.article_id != article_id:
        data["article_id"] = sentence.article_id
    _span_text(data, sentence, text)
    return data


def _sentence_from_dict(data: dict[str, Any], text: str, article_id: str) -> Sentence:
    """Sentence from its compact dict."""
    return Sentence(
        article_id=data.get("article_id", article_id),
        index=data["index"],
        start=data["start"],
        end=data["end"],
        text=_restore_text(data, text),
    )


def _mention_to_dict(mention: Mention | None, text: str, article_id: str) -> Any:
    """Compact dict of a Mention."""
    if mention is None:
        return None
    data: dict[str, Any] = {"start": mention.start, "end": mention.end, "role": mention.role}
    if mention.article_id != article_id:
        data["article_id"] = mention.article_id
    if mention.place is not None:
        data["place"] = _place_to_dict(mention.place)
    _span_text(data, mention, text)
    return data


def _mention_from_dict(data: Any, text: str, article_id: str) -> Mention | None:
    """Mention from its compact dict."""
    if data is None:
        return None
    return Mention(
        article_id=data.get("article_id", article_id),
        start=data["start"],
        end=data["end"],
        text=_restore_text(data, text),
        place=_place_from_dict(data.get("place")),
        role=data["role"],
    )


def _actor_to_dict(actor: Actor, text: str) -> dict[str, Any]:
    """Compact dict of an Actor."""
    data: dict[str, Any] = {"code": actor.code, "start": actor.start, "end": actor.end}
    _span_text(data, actor, text)
    return data


def _actor_from_dict(data: dict[str, Any], text: str) -> Actor:
    """Actor from its compact dict."""
    return Actor(data["code"], data["start"], data["end"], _restore_text(data, text))


def _force_to_dict(force: Force | None, text: str) -> dict[str, Any] | None:
    """Compact dict of a Force."""
    if force is None:
        return None
    data = {f.name: getattr(force, f.name) for f in fields(Force) if f.name != "text"}
    data["equipment"] = list(force.equipment)
    _span_text(data, force, text)
    return data


def _force_from_dict(data: dict[str, Any] | None, text: str) -> Force | None:
    """Force from its compact dict."""
    if data is None:
        return None
    values = dict(data)
    values["text"] = _restore_text(data, text)
    values["equipment"] = tuple(data["equipment"])
    return Force(**values)


def _article_to_dict(article: Article) -> dict[str, Any]:
    """Plain dict of an Article."""
    data = {f.name: getattr(article, f.name) for f in fields(Article)}
    data["date"] = _date_to_str(article.date)
    return data


def _article_from_dict(data: dict[str, Any]) -> Article:
    """Article from its dict."""
    values = dict(data)
    values["date"] = _date_from_str(data.get("date"))
    return Article(**values)


def _event_to_dict(event: Event, ex: Extraction) -> dict[str, Any]:
    """Compact dict of an Event; its sentence becomes an index when it is shared."""
    text, aid = ex.article.text, ex.article.id
    data: dict[str, Any] = {
        "id": event.id,
        "type": event.type,
        "modality": event.modality,
        "actor": event.actor,
        "force": _force_to_dict(event.force, text),
        "origin": _mention_to_dict(event.origin, text, aid),
        "destination": _mention_to_dict(event.destination, text, aid),
        "location": _mention_to_dict(event.location, text, aid),
        "extent": event.extent,
        "border_side": list(event.border_side),
        "border_with": event.border_with,
        "person": event.person,
        "date": _date_to_str(event.date),
        "date_end": _date_to_str(event.date_end),
        "date_text": event.date_text,
        "geometry": geometry_to_dict(event.geometry),
        "summary": event.summary,
    }
    if event.article_id != aid:
        data["article_id"] = event.article_id
    index = event.sentence.index
    if 0 <= index < len(ex.sentences) and ex.sentences[index] == event.sentence:
        data["sentence"] = index
    else:
        data["sentence"] = _sentence_to_dict(event.sentence, text, aid)
    return data


def _event_from_dict(data: dict[str, Any], article: Article,
                     sentences: Sequence[Sentence] | Mapping[int, Sentence],
                     geometry: BaseGeometry | None = None) -> Event:
    """Event from its compact dict; ``geometry``, when given, instead of the stored one."""
    text, aid = article.text, article.id
    sentence = data["sentence"]
    if geometry is None:
        geometry = geometry_from_dict(data.get("geometry"))
    return Event(
        id=data["id"],
        article_id=data.get("article_id", aid),
        type=data["type"],
        modality=data["modality"],
        sentence=(
            sentences[sentence]
            if isinstance(sentence, int)
            else _sentence_from_dict(sentence, text, aid)
        ),
        actor=data["actor"],
        force=_force_from_dict(data["force"], text),
        origin=_mention_from_dict(data["origin"], text, aid),
        destination=_mention_from_dict(data["destination"], text, aid),
        location=_mention_from_dict(data["location"], text, aid),
        extent=data["extent"],
        border_side=tuple(data["border_side"]),
        border_with=data.get("border_with"),
        person=data["person"],
        date=_date_from_str(data["date"]),
        date_end=_date_from_str(data["date_end"]),
        date_text=data["date_text"],
        geometry=geometry,
        summary=data["summary"],
    )


def extraction_to_dict(ex: Extraction) -> dict[str, Any]:
    """JSON-safe dict of an extraction (dates ISO, geometry GeoJSON, places nested)."""
    text, aid = ex.article.text, ex.article.id
    return {
        "format": FORMAT_VERSION,
        "article": _article_to_dict(ex.article),
        "sentences": [_sentence_to_dict(s, text, aid) for s in ex.sentences],
        "mentions": [_mention_to_dict(m, text, aid) for m in ex.mentions],
        "actors": [_actor_to_dict(a, text) for a in ex.actors],
        "forces": [_force_to_dict(f, text) for f in ex.forces],
        "events": [_event_to_dict(e, ex) for e in ex.events],
        "warnings": list(ex.warnings),
    }


def extraction_from_dict(data: dict[str, Any],
                         geometries: Mapping[str, BaseGeometry] | None = None) -> Extraction:
    """Extraction from the dict ``extraction_to_dict`` made; an event whose geometry the dict
    leaves out takes its geometry from ``geometries`` (by event id), if given."""
    article = _article_from_dict(data["article"])
    text, aid = article.text, article.id
    sentences = tuple(_sentence_from_dict(s, text, aid) for s in data["sentences"])
    return Extraction(
        article=article,
        sentences=sentences,
        mentions=tuple(
            m for m in (_mention_from_dict(d, text, aid) for d in data["mentions"]) if m
        ),
        actors=tuple(_actor_from_dict(a, text) for a in data["actors"]),
        forces=tuple(f for f in (_force_from_dict(d, text) for d in data["forces"]) if f),
        events=tuple(_event_from_dict(e, article, sentences, _left_out(e, geometries))
                     for e in data["events"]),
        warnings=tuple(data["warnings"]),
    )


def _left_out(event: dict[str, Any], geometries: Mapping[str, BaseGeometry] | None
              ) -> BaseGeometry | None:
    """The geometry of an event from ``geometries`` when its dict leaves its own out."""
    if geometries is None or event.get("geometry") is not None:
        return None
    return geometries.get(event["id"])


def _mention_properties(prefix: str, mention: Mention | None) -> dict[str, Any]:
    """Name as written, resolved place name and its country for one event role."""
    place = mention.place if mention is not None else None
    return {
        prefix: mention.text if mention is not None else None,
        f"{prefix}_place": place.name if place is not None else None,
        f"{prefix}_country": place.country if place is not None else None,
    }


def event_properties(event: Event, article: Article | None) -> dict[str, Any]:
    """Flat, JSON-safe properties of one event for maps, tables and exports."""
    force = event.force
    props: dict[str, Any] = {
        "id": event.id,
        "type": event.type,
        "modality": event.modality,
        "actor": event.actor if event.actor is not None else (force.actor if force else None),
        "count": _bounded(force.count) if force else None,
        "count_text": force.count_text if force else None,
        "count_min": _bounded(force.count_min) if force else None,
        "count_max": _bounded(force.count_max) if force else None,
        "unit": force.unit if force else None,
        "personnel": force.personnel if force else None,
        "equipment": ", ".join(force.equipment) if force and force.equipment else None,
        "force_text": force.text if force else None,
        "person": event.person,
    }
    for role in ("origin", "destination", "location"):
        props.update(_mention_properties(role, getattr(event, role)))
    props.update(
        extent=event.extent,
        border_side=", ".join(event.border_side) if event.border_side else None,
        date=_date_to_str(event.date),
        date_end=_date_to_str(event.date_end),
        date_text=event.date_text,
        article=event.article_id,
        title=article.title if article else None,
        # Which file the event came from ("pasted" for pasted text); the publisher apart.
        source=article.path if article else None,
        publisher=article.source if article else None,
        url=article.url if article else None,
        article_date=_date_to_str(article.date) if article else None,
        sentence=event.sentence.text,
        start=_bounded(event.sentence.start),
        end=_bounded(event.sentence.end),
        summary=event.summary or None,
    )
    return props


def view_extraction(data: dict[str, Any], text: str,
                    geometries: Mapping[str, BaseGeometry | None]) -> Extraction:
    """A light extraction: what the map, the filters and the event list read, and no more.

    ``data`` is the stored extraction (its events' geometries may be left out), ``text`` the
    story's text (to restore spans with it), ``geometries`` each event's geometry by event id
    (those not given are read from ``data``). The article's text is left out (""), and so
    are the actors, the forces, the mentions that are not resolved places and the sentences
    no event cites: the evidence panel reads the whole extraction of the stories it shows.
    """
    article = _article_from_dict(data["article"])
    aid = article.id
    stored = data["sentences"]
    cited = sorted({e["sentence"] for e in data["events"] if isinstance(e["sentence"], int)})
    sentences = {i: _sentence_from_dict(stored[i], text, aid) for i in cited}
    mentions = (_mention_from_dict(m, text, aid) for m in data["mentions"]
                if m is not None and m.get("role") == "place" and m.get("place") is not None)
    full = replace(article, text=text)
    events = tuple(_event_from_dict(e, full, sentences, geometries.get(e["id"]))
                   for e in data["events"])
    return Extraction(
        article=replace(article, text=""),
        sentences=tuple(sentences.values()),
        mentions=tuple(m for m in mentions if m is not None),
        events=events,
    )
