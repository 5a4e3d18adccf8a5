"""Fused movements: the events that report the same thing, as one record with all its reports.

News repeats itself: one deployment is told by many wires over several days, and one story
may tell a visit twice ("Germany" in one sentence, "Scholz" in the next). ``fuse`` groups such
events into a ``Movement`` and keeps every member event as evidence.

The rule. Two events are reports of the same movement when they have

- the same actor: the country code (a person counts as their country: Scholz is ``DE``); an
  event with neither country nor person never fuses with another;
- the same type;
- compatible modality: asserted and planned reports fuse (a visit is announced, then made);
  negated, hypothetical and demanded ones only with reports of the same modality;
- the same origin, destination and location: the gazetteer place id when the mention is
  resolved, else the text as written (case and a leading "the" ignored); "along the border of
  X" is a different location from "in X". A report without an origin joins the reports with
  the same destination when they all name one origin (when they name several, it stays apart);
- dates that chain: sorted by date, each report within ``window_days`` of the previous one.
  An undated report joins the dated group of its key with the most reports (ties: the newest).
  This is where the rule is weakest (an undated story of another year's exercise joins this
  year's), so a movement says how many of its reports are ``undated``.

Counts do not split a movement. Reports of one deployment give "about 3,000", "several
thousand" and "2,000 more"; splitting on them would scatter one arrow into many, and the
other keys already separate different movements. The movement keeps every distinct count,
takes the most reported one as its count (ties: the larger) and lists the counts under
``disagreements["count"]`` when they differ by more than ``count_tolerance``, so the evidence
panel can show the conflict.

``fuse`` is O(n log n): one dict pass groups events by key, then each group is sorted by date
and cut into windows. It depends only on the set of events (not their order), puts every event
in exactly one movement, and fusing the events of any one movement again gives that movement.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from dashboard.describe import force_label, route, with_modality
from dashboard.records import MODALITIES, Event, Extraction, Force, Mention

__all__ = ["COUNT_TOLERANCE", "WINDOW_DAYS", "Fuser", "Movement", "fuse", "fuse_extractions",
           "label", "movement_index", "with_corpus_ids"]

WINDOW_DAYS = 7
COUNT_TOLERANCE = 0.1  # counts within 10% of each other (1,700 and 1,750) do not disagree
_FACTUAL = frozenset({"asserted", "planned"})
_UNDATED = dt.date.min  # sorts undated reports after dated ones when newest come first

# (actor, type, modality class, destination, location): what must be equal before dates and
# the origin are looked at.
Family = tuple[str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class Movement:
    """A group of events that report the same movement, with what the reports say and where
    they disagree. ``events`` are newest first (by story date, then event date)."""

    id: str  # stable: derived from the key and the first date, not from input order
    type: str
    actor: str | None  # ISO alpha-2 or alliance; None when only a person is known
    modality: str  # "asserted" if any report asserts it, else the reports' shared modality
    origin: Mention | None
    destination: Mention | None
    location: Mention | None
    extent: str
    events: tuple[Event, ...]
    count: int | None  # the most reported count; ties -> the larger
    counts: tuple[int, ...]  # every distinct count reported, ascending
    first_date: dt.date | None
    last_date: dt.date | None
    reports: int  # member events
    stories: int  # distinct articles among them
    undated: int = 0  # reports without a date: they joined on their other keys alone
    persons: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    # e.g. {"count": (2000, 20000), "date": (date(2022, 2, 3), date(2022, 2, 4))}
    disagreements: Mapping[str, tuple[object, ...]] = field(default_factory=dict)

    def __hash__(self) -> int:
        """Hash by id: the mapping field would make the generated hash fail."""
        return hash(self.id)


def _normalise(text: str) -> str:
    """Text as a comparison key: case-folded, spaces collapsed, a leading "the" dropped."""
    words = text.casefold().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def place_key(mention: Mention | None) -> str:
    """Which place a mention names: the gazetteer id, else its normalised text; "" for none."""
    if mention is None:
        return ""
    if mention.place is not None:
        return mention.place.id
    return "text:" + _normalise(mention.text)


def actor_key(event: Event) -> str:
    """Who acts: the country code, else the person, else the event itself (never fuses)."""
    if event.actor:
        return event.actor
    if event.person:
        return "person:" + _normalise(event.person)
    return "event:" + event.id


def family_of(event: Event) -> Family:
    """The keys that must be equal for two events to fuse, apart from origin and date."""
    modality = "factual" if event.modality in _FACTUAL else event.modality
    location = place_key(event.location)
    if location and event.extent == "border":
        location += "|border"
    return (actor_key(event), event.type, modality, place_key(event.destination), location)


def _origins(family: Family, events: list[Event]) -> dict[str, list[Event]]:
    """Events by origin; reports without one join the single origin the others name."""
    by_origin: dict[str, list[Event]] = {}
    for event in events:
        by_origin.setdefault(place_key(event.origin), []).append(event)
    known = [key for key in by_origin if key]
    if family[3] and "" in by_origin and len(known) == 1:
        by_origin[known[0]] += by_origin.pop("")
    return by_origin


def _windows(events: list[Event], window_days: int) -> list[list[Event]]:
    """Dated events chained by date gaps of at most ``window_days``; undated ones join the
    group with the most reports (ties: the newest), or form one group if none is dated."""
    dated = sorted((e for e in events if e.date is not None), key=lambda e: (e.date, e.id))
    undated = [e for e in events if e.date is None]
    groups: list[list[Event]] = []
    last = _UNDATED
    for event in dated:
        when = event.date or _UNDATED
        if not groups or (when - last).days > window_days:
            groups.append([])
        groups[-1].append(event)
        last = when
    if undated and groups:
        max(groups, key=lambda group: (len(group), group[-1].date)).extend(undated)
    elif undated:
        groups.append(undated)
    return groups


def _newest_first(events: list[Event], story_dates: Mapping[str, dt.date]) -> tuple[Event, ...]:
    """Events newest first by story date, then event date; ties in document order."""
    ordered = sorted(events, key=lambda e: (e.article_id, e.sentence.start, e.id))
    ordered.sort(
        key=lambda e: (story_dates.get(e.article_id) or e.date or _UNDATED, e.date or _UNDATED),
        reverse=True,
    )
    return tuple(ordered)


def _best_count(counts: Counter[int]) -> int | None:
    """The most reported count; ties -> the larger."""
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0] if counts else None


def _disagreements(events: tuple[Event, ...], counts: tuple[int, ...], persons: tuple[str, ...],
                   modalities: tuple[str, ...], tolerance: float) -> dict[str, tuple[object, ...]]:
    """Where the reports differ: counts beyond the tolerance, dates stated in the sentences
    (not taken from the story's date), persons and modalities."""
    found: dict[str, tuple[object, ...]] = {}
    if counts and counts[-1] > counts[0] * (1 + tolerance):
        found["count"] = counts
    stated = sorted({e.date for e in events if e.date is not None and e.date_text})
    if len(stated) > 1:
        found["date"] = tuple(stated)
    if len(persons) > 1:
        found["person"] = persons
    if len(modalities) > 1:
        found["modality"] = modalities
    return found


def _first(mentions: Iterable[Mention | None]) -> Mention | None:
    """The first mention given, if any."""
    return next((m for m in mentions if m is not None), None)


def _movement_id(family: Family, origin: str, first_date: dt.date | None) -> str:
    """A stable id from the movement's key and the date its window starts."""
    key = "\x1f".join((*family, origin, first_date.isoformat() if first_date else "undated"))
    return "mv-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _build(family: Family, members: list[Event], story_dates: Mapping[str, dt.date],
           tolerance: float) -> Movement:
    """One movement from its member events."""
    events = _newest_first(members, story_dates)
    # From the members, not the group: a window may hold only the reports without an origin.
    origin = next((place_key(e.origin) for e in events if e.origin is not None), "")
    tally = Counter(e.force.count for e in events if e.force is not None and e.force.count)
    counts = tuple(sorted(tally))
    dates = sorted(e.date for e in events if e.date is not None)
    persons = tuple(sorted({e.person for e in events if e.person}))
    said = {e.modality for e in events}
    modalities = tuple(m for m in MODALITIES if m in said)
    return Movement(
        id=_movement_id(family, origin, dates[0] if dates else None),
        type=family[1],
        actor=next((e.actor for e in events if e.actor), None),
        modality="asserted" if "asserted" in modalities else modalities[0],
        origin=_first(e.origin for e in events if place_key(e.origin) == origin),
        destination=_first(e.destination for e in events),
        location=_first(e.location for e in events),
        extent="border" if family[4].endswith("|border") else events[0].extent,
        events=events,
        count=_best_count(tally),
        counts=counts,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        reports=len(events),
        stories=len({e.article_id for e in events}),
        undated=sum(1 for e in events if e.date is None),
        persons=persons,
        modalities=modalities,
        disagreements=_disagreements(events, counts, persons, modalities, tolerance),
    )


def _strongest_first(movements: Iterable[Movement]) -> list[Movement]:
    """Most reports first, then the most recent, then by id (a total, input-free order)."""
    ordered = sorted(movements, key=lambda m: m.id)
    ordered.sort(key=lambda m: (m.reports, m.last_date or _UNDATED), reverse=True)
    return ordered


class Fuser:
    """Movements kept up to date as events arrive: only the families new events touch are
    fused again, so adding a story costs about its own events, not the corpus."""

    def __init__(self, *, window_days: int = WINDOW_DAYS,
                 count_tolerance: float = COUNT_TOLERANCE) -> None:
        """An empty fuser with the date window and the count tolerance it applies."""
        self.window_days = window_days
        self.count_tolerance = count_tolerance
        self._events: dict[Family, dict[str, Event]] = {}
        self._movements: dict[Family, list[Movement]] = {}
        self._story_dates: dict[str, dt.date] = {}

    def add(self, events: Iterable[Event],
            story_dates: Mapping[str, dt.date | None] | None = None) -> list[Movement]:
        """Add events (an event id seen before is ignored) and return the movements of the
        families they touched, as they are now."""
        self._story_dates.update({k: v for k, v in (story_dates or {}).items() if v})
        touched: set[Family] = set()
        for event in events:
            family = family_of(event)
            members = self._events.setdefault(family, {})
            if event.id not in members:
                members[event.id] = event
                touched.add(family)
        for family in touched:
            self._movements[family] = self._fuse_family(family)
        return _strongest_first(m for family in touched for m in self._movements[family])

    def _fuse_family(self, family: Family) -> list[Movement]:
        """The movements of one family, from all its events so far."""
        movements = []
        for events in _origins(family, list(self._events[family].values())).values():
            for window in _windows(events, self.window_days):
                movements.append(
                    _build(family, window, self._story_dates, self.count_tolerance))
        return movements

    def movements(self) -> list[Movement]:
        """Every movement, most reported first."""
        return _strongest_first(m for group in self._movements.values() for m in group)


def fuse(events: Iterable[Event], *, story_dates: Mapping[str, dt.date | None] | None = None,
         window_days: int = WINDOW_DAYS,
         count_tolerance: float = COUNT_TOLERANCE) -> list[Movement]:
    """Group events that report the same movement; most reported movements first.

    ``story_dates`` (article id -> publication date) orders each movement's reports newest
    first; without it the event dates do.
    """
    fuser = Fuser(window_days=window_days, count_tolerance=count_tolerance)
    fuser.add(events, story_dates)
    return fuser.movements()


def fuse_extractions(extractions: Iterable[Extraction], **options: int | float) -> list[Movement]:
    """``fuse`` over the events of extractions, with their stories' dates."""
    extractions = list(extractions)
    dates = {ex.article.id: ex.article.date for ex in extractions}
    return fuse((e for ex in extractions for e in ex.events), story_dates=dates,
                **options)  # type: ignore[arg-type]


def movement_index(movements: Iterable[Movement]) -> dict[str, str]:
    """Event id -> the id of the movement it belongs to."""
    return {event.id: movement.id for movement in movements for event in movement.events}


def with_corpus_ids(movements: Sequence[Movement], corpus: Mapping[str, str]) -> list[Movement]:
    """The movements named by the corpus movements their reports belong to (``corpus``: event
    id -> id, see ``movement_index``), so that a selection (``mv:<id>``) names the same
    movement whatever a filter leaves of it: a date filter that drops its first reports
    changes the date its id is made from. Reports of one corpus movement that a filter splits
    in two keep the id on the stronger part; the other gets "-2" after it (then "-3"...)."""
    taken: set[str] = set()
    named = []
    for movement in movements:  # strongest first: the stronger part keeps the plain id
        votes = Counter(corpus[e.id] for e in movement.events if e.id in corpus)
        if not votes:
            named.append(movement)
            continue
        base = min(votes, key=lambda ident: (-votes[ident], ident))
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        named.append(movement if ident == movement.id else replace(movement, id=ident))
    return named


def _count_text(movement: Movement) -> str | None:
    """How the reports giving the best count wrote it: the shortest wording ("2,000" over
    "another 2,000" or "about 2,000"), then the most common."""
    words = Counter(e.force.count_text for e in movement.events if e.force is not None
                    and e.force.count == movement.count and e.force.count_text)
    if not words:
        return None
    return min(words.items(), key=lambda item: (len(item[0]), -item[1], item[0]))[0]


def _force_of(movement: Movement) -> Force | None:
    """The force to describe: the newest report's with the best count, else the newest one."""
    forces = [e.force for e in movement.events if e.force is not None]
    best = next((f for f in forces if f.count == movement.count), None)
    if best is not None:
        return replace(best, count_text=_count_text(movement))
    return forces[0] if forces else None


def label(movement: Movement) -> str:
    """One line for a map label: "2,000 US troops → Poland · 14 reports"."""
    force = _force_of(movement)
    newest = movement.events[0]
    shown = replace(newest, origin=movement.origin, destination=movement.destination,
                    location=movement.location, extent=movement.extent,
                    modality=movement.modality, force=force)
    if force is not None:
        who = force_label(force, movement.actor)
    elif movement.persons:
        names = ", ".join(movement.persons)
        who = f"{names} ({movement.actor})" if movement.actor else names
    else:
        who = movement.actor or "unknown actor"
    where = route(shown, verbs=shown.destination is None)
    gap = ", " if movement.origin and movement.destination else " "
    text = with_modality(who + (gap + where if where else ""), shown)
    return f"{text} · {movement.reports} report{'s' if movement.reports != 1 else ''}"
