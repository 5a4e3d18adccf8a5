"""Fusing events into movements: the rule case by case, its properties, and the seed corpus."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.records import Event, Extraction, Force, Mention, Place, Sentence
from dashboard.view.fusion import Fuser, Movement, family_of, fuse, fuse_extractions, label

POLAND = Place("cc:PL", "Poland", "country", 52.0, 19.0, "PL")
ROMANIA = Place("cc:RO", "Romania", "country", 46.0, 25.0, "RO")
GERMANY = Place("cc:DE", "Germany", "country", 51.0, 10.0, "DE")
USA = Place("cc:US", "United States", "country", 39.0, -98.0, "US")
UKRAINE = Place("cc:UA", "Ukraine", "country", 49.0, 32.0, "UA")
PLACES = {"Poland": POLAND, "Romania": ROMANIA, "Germany": GERMANY, "United States": USA,
          "Ukraine": UKRAINE}
DAY0 = dt.date(2022, 2, 1)
_ids = itertools.count()


def mention(name: str | None, article: str = "a1") -> Mention | None:
    """A mention of a test place; a name not in PLACES stays unresolved."""
    if name is None:
        return None
    return Mention(article, 0, len(name), name, PLACES.get(name))


def event(actor: str | None = "US", *, type: str = "deployment", modality: str = "asserted",
          origin: str | None = None, destination: str | None = "Poland",
          location: str | None = None, extent: str = "point", day: int | None = 0,
          stated: bool = False, count: int | None = None, count_text: str | None = None,
          person: str | None = None, article: str = "a1", id: str | None = None) -> Event:
    """A hand-built event; ``day`` counts from DAY0 (None: undated)."""
    eid = id or f"{article}-e{next(_ids)}"
    text = f"Sentence of {eid}."
    force = None
    if count is not None or count_text is not None:
        force = Force(0, 5, "force", count=count, personnel="troops",
                      count_text=count_text or (f"{count:,}" if count else None), actor=actor)
    when = None if day is None else DAY0 + dt.timedelta(days=day)
    return Event(eid, article, type, modality, Sentence(article, 0, 0, len(text), text),
                 actor=actor, force=force, origin=mention(origin, article),
                 destination=mention(destination, article), location=mention(location, article),
                 extent=extent, person=person, date=when, date_text="stated" if stated else None)


def groups(movements: list[Movement]) -> set[frozenset[str]]:
    """The movements as sets of event ids."""
    return {frozenset(e.id for e in m.events) for m in movements}


def fused_together(*events: Event, **options: int | float) -> bool:
    """Whether the events fuse into a single movement."""
    return len(fuse(events, **options)) == 1  # type: ignore[arg-type]


# -- the rule, case by case ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        ({}, {}, True),
        ({}, {"actor": "RU"}, False),
        ({"actor": "DE", "person": None}, {"actor": "DE", "person": "Scholz"}, True),
        ({"actor": None, "person": "Scholz"}, {"actor": None, "person": "scholz"}, True),
        ({"actor": None}, {"actor": None}, False),  # no known actor: never fused
        ({}, {"destination": "Romania"}, False),
        ({}, {"type": "withdrawal"}, False),
        ({"origin": "Germany"}, {"origin": "United States"}, False),
        ({"origin": "Germany"}, {"origin": None}, True),  # the one origin the others name
        ({"destination": "the Donbas"}, {"destination": "Donbas"}, True),  # unresolved text
        ({"destination": "Donbas"}, {"destination": "Donetsk"}, False),
        ({"destination": "Donbas"}, {"destination": "Poland"}, False),
        ({"destination": None, "location": "Ukraine", "type": "presence", "extent": "border"},
         {"destination": None, "location": "Ukraine", "type": "presence", "extent": "area"},
         False),
        ({"day": 0}, {"day": 7}, True),
        ({"day": 0}, {"day": 8}, False),
        ({"day": 0}, {"day": None}, True),
        ({"day": None}, {"day": None}, True),
        ({"count": 2000}, {"count": 20000}, True),  # counts conflict, everything else matches
        ({"count": 2000}, {"count": None}, True),
        ({"modality": "asserted"}, {"modality": "planned"}, True),
        ({"modality": "asserted"}, {"modality": "negated"}, False),
        ({"modality": "planned"}, {"modality": "hypothetical"}, False),
        ({"modality": "hypothetical"}, {"modality": "demanded"}, False),
        ({"modality": "negated"}, {"modality": "negated"}, True),
        ({"article": "a1"}, {"article": "a2"}, True),
    ],
)
def test_rule(first: dict, second: dict, together: bool) -> None:
    assert fused_together(event(**first), event(**second)) is together


def test_dates_chain_within_the_window() -> None:
    days = [event(day=d) for d in (0, 5, 10, 15)]
    assert fused_together(*days)
    assert len(fuse(days, window_days=4)) == 4


def test_an_undated_report_joins_the_group_with_most_reports() -> None:
    early = [event(day=0), event(day=1)]
    late = [event(day=30)]
    undated = event(day=None)
    movements = fuse([*early, *late, undated])
    assert groups(movements) == {frozenset(e.id for e in [*early, undated]),
                                 frozenset({late[0].id})}
    assert sorted(m.undated for m in movements) == [0, 1]


def test_a_report_without_origin_stays_apart_when_the_others_name_two() -> None:
    events = [event(origin="Germany"), event(origin="United States"), event(origin=None)]
    assert len(fuse(events)) == 3


def test_counts_best_distinct_and_disagreement() -> None:
    events = [event(count=2000), event(count=2000), event(count=20000), event(count=None)]
    (movement,) = fuse(events)
    assert movement.count == 2000  # the most reported
    assert movement.counts == (2000, 20000)
    assert movement.disagreements["count"] == (2000, 20000)
    (tie,) = fuse([event(count=2000), event(count=3000)])
    assert tie.count == 3000  # ties: the larger


def test_counts_within_the_tolerance_do_not_disagree() -> None:
    (movement,) = fuse([event(count=1700), event(count=1750)])
    assert movement.counts == (1700, 1750)
    assert "count" not in movement.disagreements


def test_stated_dates_persons_and_modalities_disagree() -> None:
    events = [event("DE", day=0, stated=True, person="Scholz"),
              event("DE", day=2, stated=True, modality="planned", person="Baerbock"),
              event("DE", day=3)]  # its date is only the story's: no claim about the date
    (movement,) = fuse(events)
    assert movement.disagreements["date"] == (DAY0, DAY0 + dt.timedelta(days=2))
    assert movement.disagreements["person"] == ("Baerbock", "Scholz")
    assert movement.disagreements["modality"] == ("asserted", "planned")
    assert movement.modality == "asserted"
    assert (movement.first_date, movement.last_date) == (DAY0, DAY0 + dt.timedelta(days=3))


def test_reports_newest_first_by_story_date_then_event_date() -> None:
    old = event(article="old", day=3)
    new_late, new_early = event(article="new", day=2), event(article="new", day=1)
    (movement,) = fuse([old, new_early, new_late],
                       story_dates={"old": DAY0, "new": DAY0 + dt.timedelta(days=2)})
    assert [e.id for e in movement.events] == [new_late.id, new_early.id, old.id]
    assert (movement.reports, movement.stories) == (3, 2)


def test_a_repeated_event_counts_once() -> None:
    one = event()
    (movement,) = fuse([one, one])
    assert movement.reports == 1


def test_label() -> None:
    events = [event(count=2000, count_text="another 2,000", article=f"s{i}") for i in range(13)]
    events.append(event(count=2000, article="s13"))
    (movement,) = fuse(events)
    assert label(movement) == "2,000 US troops → Poland · 14 reports"
    (visit,) = fuse([event("DE", type="diplomatic_visit", modality="planned",
                           destination="Moscow", person="Scholz")])
    assert label(visit) == "Scholz (DE) → Moscow (planned) · 1 report"
    (route,) = fuse([event(origin="Germany", destination="Romania", count=1000)])
    assert label(route) == "1,000 US troops, Germany → Romania · 1 report"
    (border,) = fuse([event("RU", type="presence", destination=None, location="Ukraine",
                            extent="border")])
    assert label(border) == "RU along the border of Ukraine · 1 report"


def test_fuser_adds_incrementally() -> None:
    fuser = Fuser()
    first = event(day=0)
    assert [m.reports for m in fuser.add([first])] == [1]
    changed = fuser.add([event(day=3), event("RU", day=3)])
    assert sorted(m.reports for m in changed) == [1, 2]
    fuser.add([first])  # seen before: nothing changes
    assert sorted(m.reports for m in fuser.movements()) == [1, 2]


# -- properties ------------------------------------------------------------------------------

_events = st.lists(
    st.builds(
        event,
        actor=st.sampled_from(["US", "RU", "DE", None]),
        type=st.sampled_from(["deployment", "presence"]),
        modality=st.sampled_from(["asserted", "planned", "negated", "demanded"]),
        origin=st.sampled_from([None, "Germany", "United States", "Donbas"]),
        destination=st.sampled_from([None, "Poland", "the Donbas", "Donbas"]),
        location=st.sampled_from([None, "Ukraine"]),
        extent=st.sampled_from(["point", "border"]),
        day=st.one_of(st.none(), st.integers(0, 40)),
        stated=st.booleans(),
        count=st.sampled_from([None, 1000, 2000, 20000]),
        person=st.sampled_from([None, "Scholz"]),
        article=st.sampled_from(["a1", "a2", "a3"]),
    ),
    max_size=40,
)
_STORY_DATES = {"a1": DAY0, "a2": DAY0 + dt.timedelta(days=9), "a3": None}


@settings(max_examples=200, deadline=None)
@given(_events)
def test_every_event_is_in_exactly_one_movement(events: list[Event]) -> None:
    movements = fuse(events, story_dates=_STORY_DATES)
    members = [e.id for m in movements for e in m.events]
    assert sorted(members) == sorted(e.id for e in events)
    assert len({m.id for m in movements}) == len(movements)
    for movement in movements:
        assert len({family_of(e) for e in movement.events}) == 1  # actor, type, places
        assert movement.reports == len(movement.events)


@settings(max_examples=200, deadline=None)
@given(_events, st.randoms(use_true_random=False))
def test_fusing_is_order_independent(events: list[Event], random) -> None:
    shuffled = list(events)
    random.shuffle(shuffled)
    assert fuse(shuffled, story_dates=_STORY_DATES) == fuse(events, story_dates=_STORY_DATES)


@settings(max_examples=200, deadline=None)
@given(_events)
def test_fusing_is_idempotent(events: list[Event]) -> None:
    movements = fuse(events, story_dates=_STORY_DATES)
    again = fuse([e for m in movements for e in m.events], story_dates=_STORY_DATES)
    assert again == movements
    for movement in movements:
        assert fuse(movement.events, story_dates=_STORY_DATES) == [movement]


@settings(max_examples=100, deadline=None)
@given(_events, st.integers(1, 5))
def test_adding_in_batches_gives_the_same_movements(events: list[Event], batches: int) -> None:
    fuser = Fuser()
    for start in range(batches):
        fuser.add(events[start::batches], _STORY_DATES)
    assert fuser.movements() == fuse(events, story_dates=_STORY_DATES)


# -- the seed corpus -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_extractions() -> list[Extraction]:
    """The seed corpus, extracted."""
    from dashboard.extract import extract_article
    from dashboard.ingest import read_path, seed_dir
    from geodata import load_gazetteer

    gazetteer = load_gazetteer()
    return [extract_article(article, gazetteer)
            for path in sorted(seed_dir().glob("*.txt")) for article in read_path(path)]


def _the(movements: list[Movement], type: str, actor: str, destination: str) -> Movement:
    """The one movement of an actor and type to a destination."""
    (found,) = [m for m in movements if m.type == type and m.actor == actor
                and m.destination is not None and m.destination.text == destination
                and m.origin is None and m.modality in ("asserted", "planned")]
    return found


def test_seed_duplicated_visits_are_one_movement_each(seed_extractions) -> None:
    movements = fuse_extractions(seed_extractions)
    scholz = _the(movements, "diplomatic_visit", "DE", "Moscow")
    assert (scholz.reports, scholz.persons) == (2, ("Scholz",))
    erdogan = _the(movements, "diplomatic_visit", "TR", "Kyiv")
    assert (erdogan.reports, erdogan.persons) == (2, ("Erdogan",))
    assert _the(movements, "diplomatic_visit", "FR", "Moscow").reports == 1  # Macron's own


def test_seed_different_destinations_never_merge(seed_extractions) -> None:
    movements = fuse_extractions(seed_extractions)
    events = [e for ex in seed_extractions for e in ex.events]
    assert sum(m.reports for m in movements) == len(events)
    for movement in movements:
        for side in ("origin", "destination", "location"):
            ids = {getattr(e, side).place.id for e in movement.events
                   if getattr(e, side) is not None and getattr(e, side).place is not None}
            assert len(ids) <= 1, (movement.id, side, ids)
        assert len({e.actor for e in movement.events}) == 1
    us = {m.destination.text for m in movements
          if m.actor == "US" and m.type == "deployment" and m.destination is not None}
    assert {"Romania", "Germany", "Poland"} <= us
