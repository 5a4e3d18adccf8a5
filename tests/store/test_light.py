"""Light extractions: what the map reads, straight from the store's rows."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import Point, Polygon, mapping

from dashboard.records import Actor, Article, Event, Extraction, Force, Mention, Place, Sentence
from dashboard.store.database import Store
from dashboard.store.schema import SCHEMA_VERSION

POLAND = Place("cc:PL", "Poland", "country", 52.0, 19.0, "PL")
WARSAW = Place("gn:756135", "Warsaw", "city", 52.23, 21.01, "PL")
OUTLINE = Polygon([(14.1, 49.0), (24.1, 49.0), (24.1, 54.8), (14.1, 54.8)])


def _span(article: Article, words: str, after: int = 0) -> tuple[int, int]:
    """Where ``words`` start and end in the article's text, looking from ``after``."""
    start = article.text.index(words, after)
    return start, start + len(words)


def extract(article: Article) -> Extraction:
    """Two sentences, an event in the second one over Poland's outline, and mentions of
    every role (one unresolved)."""
    text = article.text
    cut = text.index(".") + 1
    sentences = (Sentence(article.id, 0, 0, cut, text[:cut]),
                 Sentence(article.id, 1, cut + 1, len(text), text[cut + 1:]))
    mentions = (
        Mention(article.id, *_span(article, "Warsaw"), "Warsaw", WARSAW, "actor"),
        Mention(article.id, *_span(article, "Poland"), "Poland", POLAND),
        Mention(article.id, *_span(article, "Narnia"), "Narnia", None),
    )
    force = Force(*_span(article, "2,000 troops"), "2,000 troops", count=2000, actor="US")
    event = Event(f"{article.id}-e0", article.id, "deployment", "asserted", sentences[1],
                  actor="US", force=force, destination=mentions[1], extent="area",
                  date=article.date, geometry=OUTLINE)
    return Extraction(article, sentences, mentions,
                      (Actor("US", *_span(article, "The US"), "The US"),), (force,), (event,))


@pytest.fixture
def store(tmp_path: Path):
    """A store of three stories, each with one event over the same outline."""
    with Store(tmp_path / "store.gpkg", extract=extract, extractor_version="1") as s:
        s.add_articles(
            Article(f"id{i}", f"Warsaw said so in story {i}. The US sends 2,000 troops to "
                    "Poland, not to Narnia.", title=f"Story {i}", date=dt.date(2022, 2, i + 1),
                    source="Wire")
            for i in range(3))
        yield s


def test_light_extractions_hold_the_events_and_places_the_map_reads(store: Store) -> None:
    light, whole = store.view_extractions(), store.extractions()
    assert [ex.article.id for ex in light] == ["id0", "id1", "id2"]
    for part, full in zip(light, whole, strict=True):
        assert part.events == full.events
        assert part.mentions == (full.mentions[1],)  # the resolved place, not actor or unknown
        assert part.sentences == (full.sentences[1],)  # the one an event cites
        assert part.actors == part.forces == ()
        assert part.article.text == ""
        assert (part.article.title, part.article.date, part.article.source) == (
            full.article.title, full.article.date, full.article.source)


def test_equal_geometries_are_one_shared_object(store: Store) -> None:
    shapes = [ex.events[0].geometry for ex in store.view_extractions()]
    assert shapes[0] == OUTLINE
    assert shapes[0] is shapes[1] is shapes[2]


def test_an_event_without_geometry_and_one_with_a_point(tmp_path: Path) -> None:
    def two(article: Article) -> Extraction:
        one = extract(article)
        event = one.events[0]
        events = (event, Event(event.id + "b", article.id, "presence", "asserted",
                               event.sentence, geometry=Point(21.0, 52.2)),
                  Event(event.id + "c", article.id, "presence", "planned", event.sentence))
        return Extraction(one.article, one.sentences, one.mentions, events=events)

    with Store(tmp_path / "s.gpkg", extract=two, extractor_version="1") as s:
        s.add_articles([Article("a", "Warsaw here. The US sends 2,000 troops to Poland, "
                                "not to Narnia.")])
        assert s.view_extractions()[0].events == s.extractions()[0].events


def test_a_damaged_story_is_skipped_and_the_rest_kept(store: Store) -> None:
    store._conn.execute("UPDATE stories SET extraction='{broken', view='[' WHERE id='id1'")
    assert [ex.article.id for ex in store.view_extractions()] == ["id0", "id2"]
    assert [ex.article.id for ex in store.extractions()] == ["id0", "id2"]


@pytest.mark.parametrize("view", [None, "{broken", "[1, []]", "[0]"])
def test_a_story_without_a_readable_compact_row_is_read_from_its_extraction(
        store: Store, view: str | None) -> None:
    before = store.view_extractions()
    store._conn.execute("UPDATE stories SET view=? WHERE id='id1'", (view,))
    assert store.view_extractions() == before


def test_the_compact_rows_give_what_the_extractions_give(store: Store) -> None:
    light = store.view_extractions()
    store._conn.execute("UPDATE stories SET view=NULL")
    assert store.view_extractions() == light


def test_whole_extractions_of_some_stories(store: Store) -> None:
    some = store.extractions(["id2", "id0", "unknown"])
    assert [ex.article.id for ex in some] == ["id0", "id2"]  # in the order they were added
    assert some[1] == store.extractions()[2]


def test_a_story_with_more_events_than_sqlite_strips(tmp_path: Path) -> None:
    def many(article: Article) -> Extraction:
        one = extract(article)
        event = one.events[0]
        shapes = (OUTLINE, Point(21.0, 52.2), None)
        events = tuple(replace(event, id=f"{event.id}-{i}", geometry=shapes[i % 3])
                       for i in range(70))
        return replace(one, events=events)

    with Store(tmp_path / "s.gpkg", extract=many, extractor_version="1") as s:
        s.add_articles([Article("a", "Warsaw here. The US sends 2,000 troops to Poland, "
                                "not to Narnia.")])
        light = s.view_extractions()[0].events
        assert light == s.extractions()[0].events
        assert light[66].geometry is light[0].geometry  # beyond the stripped ones too


def _stored_geometries(path: Path) -> list:
    """The geometries the stories' extraction JSON holds, event by event."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT extraction FROM stories ORDER BY fid").fetchall()
    return [event.get("geometry") for (encoded,) in rows for event in json.loads(encoded)["events"]]


def test_a_geometry_is_kept_once_in_the_events_layer(store: Store) -> None:
    assert _stored_geometries(store.path) == [None, None, None]
    assert [ex.events[0].geometry for ex in store.extractions()] == [OUTLINE] * 3


def test_a_geometry_the_layer_cannot_hold_stays_in_the_story(tmp_path: Path) -> None:
    def raised(article: Article) -> Extraction:
        one = extract(article)
        return replace(one, events=(replace(one.events[0], geometry=Point(21.0, 52.2, 100.0)),))

    with Store(tmp_path / "s.gpkg", extract=raised, extractor_version="1") as s:
        s.add_articles([Article("a", "Warsaw here. The US sends 2,000 troops to Poland, "
                                "not to Narnia.")])
        assert s.extractions()[0].events[0].geometry == Point(21.0, 52.2, 100.0)
        assert s.view_extractions()[0].events[0].geometry == Point(21.0, 52.2)  # as drawn
    assert _stored_geometries(tmp_path / "s.gpkg") == [
        {"type": "Point", "coordinates": [21.0, 52.2, 100.0]}]


def test_a_version_2_store_is_migrated(store: Store) -> None:
    before, path = store.extractions(), store.path
    store.close()
    with sqlite3.connect(path) as conn:  # as version 2 stored them: geometries in the JSON too
        outline = json.dumps(mapping(OUTLINE))
        conn.execute("UPDATE stories SET extraction = "
                     "json_set(extraction, '$.events[0].geometry', json(?))", (outline,))
        conn.execute("UPDATE troopmap_meta SET value='2' WHERE key='schema_version'")
    assert len([g for g in _stored_geometries(path) if g]) == 3
    with Store(path, extract=extract, extractor_version="1") as again:
        assert again.meta("schema_version") == str(SCHEMA_VERSION)
        assert again.extractions() == before
        assert [ex.events for ex in again.view_extractions()] == [ex.events for ex in before]
    assert _stored_geometries(path) == [None, None, None]


def test_a_version_3_store_gets_its_compact_rows(store: Store) -> None:
    light, path = store.view_extractions(), store.path
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE stories SET view = NULL")
        conn.execute("UPDATE troopmap_meta SET value='3' WHERE key='schema_version'")
    with Store(path, extract=extract, extractor_version="1") as again:
        assert again.view_extractions() == light
        views = again._conn.execute("SELECT view FROM stories").fetchall()
    assert all(view is not None for (view,) in views)


def test_a_story_whose_compact_row_cannot_be_written_is_stored_all_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unlistable(ex: Extraction) -> str:
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr("dashboard.store.writer.encode_view", unlistable)
    with Store(tmp_path / "s.gpkg", extract=extract, extractor_version="1") as s:
        s.add_articles([Article("a", "Warsaw here. The US sends 2,000 troops to Poland, "
                                "not to Narnia.")])
        assert s._conn.execute("SELECT view FROM stories").fetchall() == [(None,)]
        assert [ex.events for ex in s.view_extractions()] == [s.extractions()[0].events]
