"""Tests for dashboard.store.serialize: lossless round trip and flat event properties."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

from dashboard.records import Actor, Article, Event, Extraction, Force, Mention, Place, Sentence
from dashboard.store.serialize import (
    PROPERTY_NAMES,
    event_properties,
    extraction_from_dict,
    extraction_to_dict,
)

TEXT = "Some 1,000 US soldiers based in Germany will move to Romania, Kirby said on Wednesday."
ARTICLE = Article(
    id="a1", text=TEXT, title="US troops", date=dt.date(2022, 2, 2), source="AFP", url=None,
    path="kirby.txt",
)
GERMANY = Place("cc:DE", "Germany", "country", 51.0, 10.0, country="DE")
ROMANIA = Place("cc:RO", "Romania", "country", 46.0, 25.0, country="RO", population=19_000_000)
SENTENCE = Sentence("a1", 0, 0, len(TEXT), TEXT)
FORCE = Force(5, 22, "1,000 US soldiers", 1000, "1,000", None, None, "soldiers", None, (), "US")
ORIGIN = Mention("a1", 32, 39, "Germany", GERMANY)
DESTINATION = Mention("a1", 53, 60, "Romania", ROMANIA)
EVENT = Event(
    id="a1-e0",
    article_id="a1",
    type="deployment",
    modality="planned",
    sentence=SENTENCE,
    actor="US",
    force=FORCE,
    origin=ORIGIN,
    destination=DESTINATION,
    date=dt.date(2022, 2, 2),
    date_text="on Wednesday",
    geometry=LineString([(10.0, 51.0), (25.0, 46.0)]),
    summary="1,000 US soldiers from Germany to Romania",
)
EXTRACTION = Extraction(
    article=ARTICLE,
    sentences=(SENTENCE,),
    mentions=(ORIGIN, DESTINATION, Mention("a1", 0, 4, "Some", None, role="actor")),
    actors=(Actor("US", 11, 13, "US"),),
    forces=(FORCE,),
    events=(EVENT,),
    warnings=("a warning",),
)


def test_round_trip_of_a_hand_built_extraction() -> None:
    data = extraction_to_dict(EXTRACTION)
    assert extraction_from_dict(json.loads(json.dumps(data))) == EXTRACTION


def test_dict_is_plain_json_with_geojson_and_iso_dates() -> None:
    data = json.loads(json.dumps(extraction_to_dict(EXTRACTION), allow_nan=False))
    event = data["events"][0]
    assert event["geometry"] == {"type": "LineString", "coordinates": [[10.0, 51.0], [25.0, 46.0]]}
    assert event["date"] == "2022-02-02"
    assert data["article"]["date"] == "2022-02-02"
    assert event["origin"]["place"]["name"] == "Germany"


def test_span_text_matching_the_article_is_not_duplicated() -> None:
    data = extraction_to_dict(EXTRACTION)
    assert "text" not in data["sentences"][0]
    assert data["events"][0]["sentence"] == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("id", "a1-e0"),
        ("type", "deployment"),
        ("modality", "planned"),
        ("actor", "US"),
        ("count", 1000),
        ("count_text", "1,000"),
        ("personnel", "soldiers"),
        ("equipment", None),
        ("origin", "Germany"),
        ("origin_place", "Germany"),
        ("destination", "Romania"),
        ("destination_country", "RO"),
        ("location", None),
        ("date", "2022-02-02"),
        ("date_end", None),
        ("article", "a1"),
        ("title", "US troops"),
        ("source", "kirby.txt"),
        ("publisher", "AFP"),
        ("sentence", TEXT),
        ("start", 0),
        ("end", len(TEXT)),
        ("summary", "1,000 US soldiers from Germany to Romania"),
    ],
)
def test_event_properties(name: str, expected: object) -> None:
    assert event_properties(EVENT, ARTICLE)[name] == expected


def test_event_properties_are_flat_and_complete() -> None:
    props = event_properties(EVENT, ARTICLE)
    assert tuple(props) == PROPERTY_NAMES
    assert all(isinstance(v, (str, int, float, type(None))) for v in props.values())


@pytest.mark.parametrize(
    ("equipment", "expected"),
    [((), None), (("tanks",), "tanks"), (("drones", "fighter jets"), "drones, fighter jets")],
)
def test_equipment_is_comma_joined(equipment: tuple[str, ...], expected: str | None) -> None:
    force = Force(0, 4, "Some", equipment=equipment, actor="TR")
    event = Event("e", "a1", "arms_transfer", "asserted", SENTENCE, force=force)
    props = event_properties(event, None)
    assert props["equipment"] == expected
    assert props["actor"] == "TR"
    assert props["title"] is None


# --- property test: any extraction survives the round trip -------------------------------

_names = st.text(max_size=12)
_opt_text = st.none() | _names
_dates = st.none() | st.dates(min_value=dt.date(1, 1, 1))
_coords = st.tuples(st.floats(-180, 180, allow_nan=False), st.floats(-90, 90, allow_nan=False))
_places = st.builds(
    Place,
    id=_names,
    name=_names,
    kind=st.sampled_from(["city", "country", "region"]),
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
    country=_opt_text,
    admin1=_opt_text,
    population=st.none() | st.integers(0, 10**10),
    feature_code=_opt_text,
)
_geometries = st.one_of(
    st.none(),
    _coords.map(Point),
    st.lists(_coords, min_size=2, max_size=4).map(LineString),
    st.lists(_coords, min_size=3, max_size=5).map(Polygon),
)


@st.composite
def _span(draw: st.DrawFn, text: str) -> tuple[int, int, str]:
    """Offsets into ``text`` with either the sliced text or any other text."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return start, end, draw(st.just(text[start:end]) | _names)


@st.composite
def _extractions(draw: st.DrawFn) -> Extraction:
    """Random extractions whose spans may or may not slice their text."""
    text = draw(st.text(max_size=60))
    aid = draw(_names)
    article = Article(aid, text, draw(_opt_text), draw(_dates), draw(_opt_text), None, None)
    sentences = tuple(
        Sentence(draw(st.just(aid) | _names), i, *draw(_span(text)))
        for i in range(draw(st.integers(0, 3)))
    )
    mentions = tuple(
        Mention(
            draw(st.just(aid) | _names),
            *draw(_span(text)),
            draw(st.none() | _places),
            draw(st.sampled_from(["place", "actor"])),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    forces = tuple(
        Force(
            *draw(_span(text)),
            count=draw(st.none() | st.integers()),
            count_text=draw(_opt_text),
            equipment=tuple(draw(st.lists(_names, max_size=3))),
            actor=draw(_opt_text),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    fallback = Sentence(aid, draw(st.integers(-2, 5)), *draw(_span(text)))
    events = tuple(
        Event(
            id=draw(_names),
            article_id=draw(st.just(aid) | _names),
            type=draw(st.sampled_from(["deployment", "presence", "meeting"])),
            modality=draw(st.sampled_from(["asserted", "negated"])),
            sentence=draw(st.sampled_from(sentences or (fallback,)) | st.just(fallback)),
            actor=draw(_opt_text),
            force=draw(st.none() | st.sampled_from(forces or (None,))),
            origin=draw(st.none() | st.sampled_from(mentions or (None,))),
            location=draw(st.none() | st.sampled_from(mentions or (None,))),
            border_side=tuple(draw(st.lists(_names, max_size=2))),
            date=draw(_dates),
            date_end=draw(_dates),
            geometry=draw(_geometries),
            summary=draw(_names),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    actors = tuple(Actor(draw(_names), *draw(_span(text))) for _ in range(draw(st.integers(0, 2))))
    warnings = tuple(draw(st.lists(_names, max_size=2)))
    return Extraction(article, sentences, mentions, actors, forces, events, warnings)


@settings(max_examples=200, deadline=None)
@given(_extractions())
def test_round_trip_is_lossless(ex: Extraction) -> None:
    encoded = json.dumps(extraction_to_dict(ex), allow_nan=False)
    assert extraction_from_dict(json.loads(encoded)) == ex
