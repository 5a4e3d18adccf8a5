"""What the event tables share: place specs, field-by-field checks and readable listings.

A place spec is a name ("Kyiv"), an ISO alpha-2 code ("LT": the place lies in that country),
alternatives separated by "|", and optionally "/CC" (the place must lie in country CC) or
"@kind" (the gazetteer entry must be of that kind). An expectation is any object with the
fields ``modality``, ``actor``, ``count``, ``origin``, ``destination``, ``location``,
``extent``, ``date`` and ``date_end`` (``unit`` too, where it has one), each None when the
row does not care; a field may list alternatives as a tuple, a count or date a (low, high)
range.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest

from dashboard.records import Event, Mention

Choice = str | tuple[str, ...]
Count = int | tuple[int, int]
DateSpec = dt.date | tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True, kw_only=True)
class Expectation:
    """The fields an event table may ask of an event, each None when the row does not care
    (keyword-only, so that each table puts its own fields first)."""

    modality: Choice | None = None
    actor: Choice | None = None
    count: Count | None = None
    unit: str | None = None
    origin: str | None = None
    destination: str | None = None
    location: str | None = None
    extent: str | None = None
    date: DateSpec | None = None
    date_end: dt.date | None = None


_GENERIC = re.compile(r"\s+(?:region|province|oblast|state|peninsula|city)$")
ROLES = ("origin", "destination", "location")


def _norm(name: str) -> str:
    """A name as compared: lower case, without a leading "the" or a trailing "'s"."""
    name = name.casefold().strip().replace("\u2019", "'")
    return _GENERIC.sub("", name.removeprefix("the ").removesuffix("'s"))


def place_matches(mention: Mention | None, spec: str) -> bool:
    """Whether a mention fits a place spec such as "Kyiv/UA@city", "LT" or "A|B"."""
    return mention is not None and any(
        _one_matches(mention, alternative) for alternative in spec.split("|")
    )


def _one_matches(mention: Mention, spec: str) -> bool:
    """One alternative of a place spec."""
    spec, _, kind = spec.partition("@")
    spec, _, country = spec.partition("/")
    place = mention.place
    if kind and (place is None or place.kind != kind):
        return False
    if len(spec) == 2 and spec.isupper():
        return place is not None and place.country == spec
    names = {_norm(mention.text)} | ({_norm(place.name)} if place else set())
    return _norm(spec) in names and (
        not country or (place is not None and place.country == country)
    )


def at(event: Event, spec: str | None) -> bool:
    """Whether any of the event's places fits the spec (any event when None)."""
    return spec is None or any(place_matches(getattr(event, role), spec) for role in ROLES)


def choices(value: str | tuple[str, ...]) -> tuple[str, ...]:
    """A field's alternatives."""
    return (value,) if isinstance(value, str) else value


def within(got: Any, want: Any) -> bool:
    """Whether a count or date is the wanted one, or within the wanted (low, high) range."""
    if got is None:
        return False
    return got == want if not isinstance(want, tuple) else want[0] <= got <= want[1]


def mismatches(event: Event, row: Expectation) -> list[str]:
    """The fields of ``row`` that ``event`` gets wrong."""
    wrong = []
    for name in ("modality", "actor"):
        want = getattr(row, name)
        if want is not None and getattr(event, name) not in choices(want):
            wrong.append(f"{name} {getattr(event, name)!r} not in {choices(want)}")
    force = event.force
    count = force.count if force else None
    if count is None and force is not None and isinstance(row.count, tuple):
        count = force.count_min  # a vague count ("several thousand") by its lower bound
    if row.count is not None and not within(count, row.count):
        wrong.append(f"count {count} != {row.count}")
    unit = row.unit
    if unit is not None and unit.casefold() not in ((force.unit or "") if force else "").casefold():
        wrong.append(f"unit {force.unit if force else None!r} lacks {unit!r}")
    for role in ROLES:
        spec = getattr(row, role)
        if spec is not None and not place_matches(getattr(event, role), spec):
            wrong.append(f"{role} does not match {spec!r}")
    if row.extent is not None and event.extent != row.extent:
        wrong.append(f"extent {event.extent!r} != {row.extent!r}")
    if row.date is not None and not within(event.date, row.date):
        wrong.append(f"date {event.date} != {row.date}")
    if row.date_end is not None and event.date_end != row.date_end:
        wrong.append(f"date_end {event.date_end} != {row.date_end}")
    return wrong


def describe(event: Event) -> str:
    """One line a person can read when a row fails."""

    def name(mention: Mention | None) -> str | None:
        if mention is None:
            return None
        place = mention.place
        if place is None:
            return f"{mention.text!r}(unresolved)"
        return f"{mention.text!r}={place.name}/{place.country}@{place.kind}"

    force = event.force
    return (
        f"{event.type} {event.modality} actor={event.actor} "
        f"count={force.count if force else None} unit={force.unit if force else None} "
        f"origin={name(event.origin)} destination={name(event.destination)} "
        f"location={name(event.location)} extent={event.extent} date={event.date} "
        f"date_end={event.date_end} << {event.sentence.text[:90]!r}"
    )


def listing(events: tuple[Event, ...]) -> str:
    """Every event, one per line."""
    return "\n".join("  " + describe(e) for e in events) or "  (no events)"


def fits(events: tuple[Event, ...], types: tuple[str, ...], place: str | None,
         row: Expectation) -> str:
    """Why no event of ``types`` at ``place`` fits ``row``, or "" when one does."""
    candidates = [e for e in events if e.type in types and at(e, place)]
    if not candidates:
        return f"no {types} event at {place!r}; got:\n{listing(events)}"
    problems = [mismatches(e, row) for e in candidates]
    if any(not p for p in problems):
        return ""
    return f"no {types} event at {place!r} fits:\n" + "\n".join(
        f"  {describe(e)}\n    -> {'; '.join(p)}" for e, p in zip(candidates, problems, strict=True)
    )


def marked(table: dict[str, Any], gaps: dict[str, str]) -> list[Any]:
    """The rows of a table as test parameters, the known failures marked as expected with
    their reason (strict: the day one comes out right its test fails)."""
    return [
        pytest.param(row, id=name, marks=pytest.mark.xfail(reason=gaps[name], strict=True))
        if name in gaps else pytest.param(row, id=name)
        for name, row in table.items()
    ]
