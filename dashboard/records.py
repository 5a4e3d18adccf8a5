"""Typed records that cross module boundaries: articles, sentences, mentions, forces, events.

Every extracted fact keeps its evidence: the article id and character offsets into
``Article.text``. ``None`` always means "not known".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from shapely.geometry.base import BaseGeometry

from geodata.records import Place

__all__ = [
    "Article",
    "Sentence",
    "Mention",
    "Actor",
    "Force",
    "Event",
    "Extraction",
    "Place",
    "EventType",
    "Modality",
    "EVENT_TYPES",
    "MODALITIES",
]

EventType = Literal[
    "deployment",  # forces sent/moved from an origin to a destination
    "presence",  # forces at, near or along a place (build-up, stationing)
    "withdrawal",  # forces leaving a place
    "exercise",  # drills and exercises
    "arms_transfer",  # weapons supplied by one actor to another
    "diplomatic_visit",  # a leader or official travelling somewhere
    "meeting",  # leaders meeting at a place
]
EVENT_TYPES: tuple[str, ...] = (
    "deployment",
    "presence",
    "withdrawal",
    "exercise",
    "arms_transfer",
    "diplomatic_visit",
    "meeting",
)

Modality = Literal["asserted", "planned", "hypothetical", "demanded", "negated"]
MODALITIES: tuple[str, ...] = ("asserted", "planned", "hypothetical", "demanded", "negated")


@dataclass(frozen=True, slots=True)
class Article:
    """One news story: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, as offsets into ``Article.text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym in the text, resolved to a gazetteer place or explicitly unresolved.

    ``role`` is ``"place"`` when the text speaks of a location, ``"actor"`` when a place
    name stands for a government ("Moscow is preparing") and ``"demonym"`` for an adjective
    of nationality ("Russian"); only ``"place"`` mentions become event locations.
    """

    article_id: str
    start: int
    end: int
    text: str
    place: Place | None
    role: Literal["place", "actor", "demonym"] = "place"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a phrase is about: a country (ISO alpha-2) or an alliance, with its evidence."""

    code: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Force:
    """A military force: how many, of what, belonging to whom, with its evidence span."""

    start: int
    end: int
    text: str
    count: int | None = None  # best single figure ("about 1,700" -> 1700)
    count_text: str | None = None  # the words of the count ("several thousand")
    count_min: int | None = None
    count_max: int | None = None
    personnel: str | None = None  # troops, soldiers, marines ...
    unit: str | None = None  # "82nd Airborne Division"
    equipment: tuple[str, ...] = ()
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something forces or leaders did, where and when, with the sentence it came from.

    A movement to several destinations becomes one event per destination.
    ``location`` is where a presence, exercise or meeting happens; ``extent`` says how the
    location should be drawn: ``"point"``, ``"area"`` (a country or region) or
    ``"border"`` (a band along a country's border, on ``border_side`` compass sides or facing
    the neighbour ``border_with``).
    """

    id: str
    article_id: str
    type: str
    modality: str
    sentence: Sentence
    actor: str | None = None
    force: Force | None = None
    origin: Mention | None = None
    destination: Mention | None = None
    location: Mention | None = None
    extent: str = "point"
    border_side: tuple[str, ...] = ()
    border_with: str | None = None  # ISO alpha-2 of the neighbour across the border
    person: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str | None = None
    geometry: BaseGeometry | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    forces: tuple[Force, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())
