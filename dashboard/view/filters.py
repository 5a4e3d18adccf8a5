"""Which events and places to show: filtering by actor, type, modality, story, date and place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from dashboard.records import MODALITIES, Event, Extraction, Mention, Place

__all__ = [
    "SHOWN_MODALITIES",
    "HIDDEN_MODALITIES",
    "EventFilter",
    "EventRef",
    "PlaceTally",
    "FilterOptions",
    "all_events",
    "by_story",
    "event_actor",
    "event_date",
    "filter_events",
    "filter_options",
    "tally_places",
    "find_places",
    "narrows",
    "tally_with_stories",
    "with_stories",
]

# Negated, hypothetical and demanded events did not happen: hidden unless asked for.
SHOWN_MODALITIES: tuple[str, ...] = ("asserted", "planned")
HIDDEN_MODALITIES: tuple[str, ...] = tuple(m for m in MODALITIES if m not in SHOWN_MODALITIES)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the reader asked to see; an empty tuple means "any"."""

    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = SHOWN_MODALITIES
    stories: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class EventRef:
    """One event together with the extraction (article, sentences, mentions) it came from."""

    event: Event
    extraction: Extraction


@dataclass(frozen=True, slots=True, eq=False)
class PlaceTally:
    """A gazetteer place and every mention of it, with the extraction of each mention."""

    place: Place
    mentions: tuple[tuple[Mention, Extraction], ...]

    @property
    def count(self) -> int:
        """How many times the place is mentioned."""
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """The values a reader can choose from, as found in the corpus."""

    actors: tuple[str, ...]
    types: tuple[str, ...]
    stories: tuple[tuple[str, str], ...]  # (article id, title)
    date_min: dt.date | None
    date_max: dt.date | None


def all_events(extractions: Iterable[Extraction]) -> list[EventRef]:
    """Every event of every extraction, in corpus order."""
    return [EventRef(ev, ex) for ex in extractions for ev in ex.events]


def event_actor(event: Event) -> str | None:
    """The event's actor, falling back to its force's actor."""
    if event.actor is not None:
        return event.actor
    return event.force.actor if event.force is not None else None


def event_date(ref: EventRef) -> dt.date | None:
    """When the event happened, else when its story was published."""
    return ref.event.date if ref.event.date is not None else ref.extraction.article.date


def _mentions_of(event: Event) -> list[Mention]:
    """The origin, destination and location mentions the event has."""
    return [m for m in (event.origin, event.destination, event.location) if m is not None]


def _matches_place(event: Event, query: str) -> bool:
    """Whether any place of the event contains the query (case-insensitive)."""
    needle = query.casefold()
    for mention in _mentions_of(event):
        names = [mention.text] + ([mention.place.name] if mention.place else [])
        if any(needle in name.casefold() for name in names):
            return True
    return False


def _keep(ref: EventRef, flt: EventFilter) -> bool:
    """Whether one event passes the filter."""
    event = ref.event
    checks = (
        (flt.actors, event_actor(event)),
        (flt.types, event.type),
        (flt.modalities, event.modality),
        (flt.stories, ref.extraction.article.id),
    )
    if any(allowed and value not in allowed for allowed, value in checks):
        return False
    if flt.date_from is not None or flt.date_to is not None:
        when = event_date(ref)
        if when is None:
            return False
        if flt.date_from is not None and when < flt.date_from:
            return False
        if flt.date_to is not None and when > flt.date_to:
            return False
    return not flt.place or _matches_place(event, flt.place)


def narrows(flt: EventFilter) -> bool:
    """Whether the filter may keep only some reports of a movement (by actor, type, story,
    date or place); modalities never split one (each modality class fuses apart)."""
    return bool(flt.actors or flt.types or flt.stories or flt.place
                or flt.date_from is not None or flt.date_to is not None)


def filter_events(extractions: Iterable[Extraction], flt: EventFilter) -> list[EventRef]:
    """The events that pass the filter, in corpus order."""
    return [ref for ref in all_events(extractions) if _keep(ref, flt)]


def by_story(refs: Iterable[EventRef]) -> list[Extraction]:
    """The stories of the events, each holding only those events (for the exports)."""
    kept: dict[str, Extraction] = {}
    for ref in refs:
        ex = kept.get(ref.extraction.article.id, replace(ref.extraction, events=()))
        kept[ex.article.id] = replace(ex, events=ex.events + (ref.event,))
    return list(kept.values())


def filter_options(extractions: Sequence[Extraction]) -> FilterOptions:
    """Actors, types, stories and the date span present in the corpus."""
    # Read straight from the events (no EventRef each): a fresh server's first page waits
    # for this on 18,000 events.
    actors = sorted({a for ex in extractions for ev in ex.events
                     if (a := event_actor(ev)) is not None})
    types = sorted({ev.type for ex in extractions for ev in ex.events})
    stories = tuple(
        (ex.article.id, ex.article.title or ex.article.path or ex.article.id) for ex in extractions
    )
    dates = [d for ex in extractions for ev in ex.events
             if (d := ev.date if ev.date is not None else ex.article.date) is not None]
    return FilterOptions(
        actors=tuple(actors),
        types=tuple(types),
        stories=stories,
        date_min=min(dates) if dates else None,
        date_max=max(dates) if dates else None,
    )


def tally_places(
    extractions: Iterable[Extraction], stories: Sequence[str] = ()
) -> list[PlaceTally]:
    """Every resolved place mentioned as a location, most mentioned first."""
    found: dict[str, list[tuple[Mention, Extraction]]] = {}
    places: dict[str, Place] = {}
    for ex in extractions:
        if stories and ex.article.id not in stories:
            continue
        for mention in ex.mentions:
            if mention.place is None or mention.role != "place":
                continue
            places.setdefault(mention.place.id, mention.place)
            found.setdefault(mention.place.id, []).append((mention, ex))
    tallies = [PlaceTally(places[pid], tuple(found[pid])) for pid in found]
    tallies.sort(key=lambda t: (-t.count, t.place.name))
    return tallies


def find_places(tallies: Sequence[PlaceTally], query: str, limit: int = 10) -> list[PlaceTally]:
    """Mentioned places whose name or written form contains the query, best first."""
    needle = query.strip().casefold()
    if not needle:
        return []

    def rank(tally: PlaceTally) -> tuple[int, int]:
        name = tally.place.name.casefold()
        return (0 if name.startswith(needle) else 1, -tally.count)

    hits = [
        t
        for t in tallies
        if needle in t.place.name.casefold()
        or any(needle in m.text.casefold() for m, _ in t.mentions)
    ]
    return sorted(hits, key=rank)[:limit]


def with_stories(refs: Iterable[EventRef], stories: Mapping[str, Extraction]) -> list[EventRef]:
    """The events with their stories' whole extractions (``stories``, by article id) in place
    of the light ones the map is built from; an event whose story is not given is kept."""
    return [EventRef(r.event, stories.get(r.extraction.article.id, r.extraction)) for r in refs]


def tally_with_stories(tally: PlaceTally, stories: Mapping[str, Extraction]) -> PlaceTally:
    """The place's mentions with their stories' whole extractions where ``stories`` has them."""
    return PlaceTally(tally.place, tuple((m, stories.get(ex.article.id, ex))
                                         for m, ex in tally.mentions))
