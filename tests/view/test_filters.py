"""Filtering events by actor, type, modality, story, date and place; tallying places."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from app_records import sample

from dashboard.records import MODALITIES
from dashboard.view.filters import (
    HIDDEN_MODALITIES,
    SHOWN_MODALITIES,
    EventFilter,
    filter_events,
    filter_options,
    find_places,
    tally_places,
    tally_with_stories,
    with_stories,
)


def ids(flt: EventFilter) -> list[str]:
    """Event ids that pass the filter over the sample stories."""
    return [ref.event.id for ref in filter_events(sample(), flt)]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), ["e1", "e2", "e4"]),
        (EventFilter(modalities=MODALITIES), ["e1", "e2", "e3", "e4"]),
        (EventFilter(modalities=("negated",)), ["e3"]),
        (EventFilter(actors=("FR",)), ["e1"]),
        (EventFilter(actors=("FR", "NO")), ["e1", "e4"]),
        (EventFilter(actors=("ZZ",)), []),
        (EventFilter(types=("presence",)), ["e2"]),
        (EventFilter(types=("deployment", "diplomatic_visit")), ["e1", "e4"]),
        (EventFilter(stories=("a2",)), ["e4"]),
        (EventFilter(date_from=dt.date(2023, 5, 10)), ["e4"]),
        (EventFilter(date_to=dt.date(2023, 5, 10)), ["e1", "e2"]),
        (EventFilter(date_from=dt.date(2023, 5, 9), date_to=dt.date(2023, 5, 11)), []),
        (EventFilter(place="tallinn"), ["e1", "e4"]),
        (EventFilter(place="LATV"), ["e2"]),
        (EventFilter(place="Atlantis"), []),
        (EventFilter(place="oslo", modalities=MODALITIES), ["e3", "e4"]),
    ],
)
def test_filter_events(flt, expected):
    assert ids(flt) == expected


def test_hidden_and_shown_modalities_split_all_modalities():
    assert set(SHOWN_MODALITIES) | set(HIDDEN_MODALITIES) == set(MODALITIES)
    assert not set(SHOWN_MODALITIES) & set(HIDDEN_MODALITIES)
    assert {"negated", "hypothetical", "demanded"} <= set(HIDDEN_MODALITIES)


def test_filter_options_list_what_the_corpus_has():
    options = filter_options(sample())
    assert options.actors == ("FR", "NO", "US")
    assert options.types == ("deployment", "diplomatic_visit", "presence")
    assert [story for story, _ in options.stories] == ["a1", "a2"]
    assert (options.date_min, options.date_max) == (dt.date(2023, 5, 8), dt.date(2023, 5, 12))


def test_filter_options_of_an_empty_corpus():
    options = filter_options([])
    assert options.actors == () and options.date_min is None


@pytest.mark.parametrize(
    ("stories", "expected"),
    [
        ((), [("Tallinn", 3), ("Oslo", 2), ("Latvia", 1), ("Paris", 1)]),
        (("a2",), [("Oslo", 1), ("Tallinn", 1)]),
    ],
)
def test_tally_places_counts_mentions_most_first(stories, expected):
    tallies = tally_places(sample(), stories)
    assert [(t.place.name, t.count) for t in tallies] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tal", ["Tallinn"]),
        ("  OSLO ", ["Oslo"]),
        ("a", ["Tallinn", "Latvia", "Paris"]),  # most mentioned first
        ("l", ["Latvia", "Tallinn", "Oslo"]),  # names starting with the query rank first
        ("", []),
        ("Atlantis", []),
    ],
)
def test_find_places(query, expected):
    hits = find_places(tally_places(sample()), query)
    assert [t.place.name for t in hits] == expected


def test_whole_stories_take_the_place_of_light_ones():
    stories = sample()
    light = [replace(ex, article=replace(ex.article, text=""), sentences=()) for ex in stories]
    refs = filter_events(light, EventFilter())
    whole = {stories[0].article.id: stories[0]}  # one story given, the other not
    done = with_stories(refs, whole)
    assert [r.event.id for r in done] == [r.event.id for r in refs]
    assert [r.extraction is stories[0] for r in done] == [
        r.extraction.article.id == stories[0].article.id for r in refs]
    assert all(r.extraction.sentences == () for r in done if r.extraction is not stories[0])
    tally = tally_places(light)[0]
    kept = tally_with_stories(tally, whole)
    assert kept.count == tally.count and kept.place == tally.place
    assert [ex is stories[0] for _, ex in kept.mentions] == [
        ex.article.id == stories[0].article.id for _, ex in tally.mentions]
