"""Tests for the GeoPackage store: layout, dedupe, re-extraction, atomicity, errors."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

from dashboard.records import Article, Event, Extraction, Force, Sentence
from dashboard.store.database import (
    IngestSummary,
    Store,
    StoreError,
    default_store_path,
    open_store,
)
from dashboard.store.gpkg import from_gpkg_blob, to_gpkg_blob

REPO = Path(__file__).resolve().parents[2]


def fake_extract(article: Article) -> Extraction:
    """One event per word 'troops' in the text, with a point, a line or no geometry."""
    sentence = Sentence(article.id, 0, 0, len(article.text), article.text)
    shapes = [Point(30.5, 50.4), LineString([(13.4, 52.5), (21.0, 52.2)]), None]
    events = tuple(
        Event(
            id=f"{article.id}-e{i}",
            article_id=article.id,
            type="deployment",
            modality="asserted",
            sentence=sentence,
            actor="US",
            force=Force(0, 4, article.text[:4], count=100 * (i + 1)),
            date=article.date,
            geometry=shapes[i % 3],
        )
        for i in range(article.text.count("troops"))
    )
    return Extraction(article, (sentence,), events=events)


def failing_extract(article: Article) -> Extraction:
    """Fail on stories that mention 'poison'."""
    if "poison" in article.text:
        raise ValueError("cannot parse this story")
    return fake_extract(article)


def _article(i: int, text: str | None = None, **kw) -> Article:
    """A small story numbered ``i``."""
    body = text if text is not None else f"Story {i}: troops and more troops arrived."
    return Article(f"id{i}", body, title=kw.pop("title", f"Title {i}"), **kw)


@pytest.fixture
def store(tmp_path: Path):
    """An empty store with the fake extractor at version 1."""
    with Store(tmp_path / "store.gpkg", extract=fake_extract, extractor_version="1") as s:
        yield s


def test_new_stories_are_added_and_reload_exactly(store: Store) -> None:
    articles = [_article(i, date=dt.date(2022, 2, i + 1)) for i in range(3)]
    assert store.add_articles(articles) == IngestSummary(added=3)
    assert store.extractions() == [fake_extract(a) for a in articles]
    assert len(store) == 3


def test_adding_the_same_stories_twice_changes_nothing(store: Store) -> None:
    articles = [_article(i) for i in range(3)]
    store.add_articles(articles)
    before = store.extractions()
    summary = store.add_articles([*articles, articles[0]])
    assert summary == IngestSummary(unchanged=4)
    assert store.extractions() == before


def test_same_text_under_another_name_is_a_duplicate(store: Store) -> None:
    store.add_articles([_article(1, path="a.txt")])
    assert store.add_articles([_article(1, path="copy.txt")]).unchanged == 1
    assert len(store) == 1


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        ({"path": "f.txt", "title": "Headline"}, IngestSummary(reextracted=1)),
        ({"path": "f.txt", "title": None}, IngestSummary(reextracted=1)),
        ({"path": None, "title": "Headline"}, IngestSummary(reextracted=1)),
        ({"path": None, "title": None}, IngestSummary(added=1)),
    ],
)
def test_changed_text_under_the_same_path_and_title(
    store: Store, identity: dict, expected: IngestSummary
) -> None:
    store.add_articles([Article("old", "Old troops text.", **identity)])
    summary = store.add_articles([Article("new", "New troops text, edited.", **identity)])
    assert summary == expected
    texts = sorted(ex.article.text for ex in store.extractions())
    replaced = expected.reextracted == 1
    assert texts == (
        ["New troops text, edited."]
        if replaced
        else sorted(["New troops text, edited.", "Old troops text."])
    )


def test_several_untitled_stories_of_one_file_stay_apart(store: Store) -> None:
    first = [Article(f"s{i}", f"Story {i} troops.", path="f.txt") for i in range(2)]
    store.add_articles(first)
    edited = [first[0], Article("s1b", "Story 1 troops, corrected.", path="f.txt")]
    assert store.add_articles(edited) == IngestSummary(unchanged=1, reextracted=1)
    assert sorted(ex.article.id for ex in store.extractions()) == ["s0", "s1b"]


def test_new_extractor_version_reextracts_stale_stories(tmp_path: Path) -> None:
    path = tmp_path / "store.gpkg"
    with Store(path, extract=fake_extract, extractor_version="1") as old:
        old.add_articles([_article(i) for i in range(3)])
    with Store(path, extract=fake_extract, extractor_version="2") as new:
        assert new.stale_count() == 3
        summary = new.add_articles([_article(0), _article(9)])
        assert summary == IngestSummary(added=1, reextracted=3)
        assert new.stale_count() == 0
        versions = {row[0] for row in new._conn.execute("SELECT extractor_version FROM stories")}
        assert versions == {"2"}


def test_failed_stories_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "s.gpkg", extract=failing_extract, extractor_version="1") as store:
        articles = [_article(0), _article(1, "poison troops", path="bad.txt"), _article(2)]
        summary = store.add_articles(articles)
        assert summary.added == 2
        assert summary.failed == (("bad.txt: Title 1", "ValueError: cannot parse this story"),)
        assert len(store) == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_give_the_same_store(tmp_path: Path, workers: int) -> None:
    articles = [_article(i) for i in range(12)]
    calls: list[tuple[int, int]] = []
    with Store(tmp_path / "s.gpkg", extract=fake_extract, extractor_version="1") as store:
        summary = store.add_articles(
            articles, workers=workers, progress=lambda d, t: calls.append((d, t))
        )
        assert summary == IngestSummary(added=12)
        assert store.extractions() == [fake_extract(a) for a in articles]
    assert calls[0] == (0, 12) and calls[-1] == (12, 12)


def test_events_layer_opens_as_a_geopackage(store: Store) -> None:
    store.add_articles([_article(1, "troops troops troops troops", date=dt.date(2022, 2, 2))])
    frame = gpd.read_file(store.path, layer="events")
    assert len(frame) == 4
    assert frame.crs.to_epsg() == 4326
    assert list(frame.geom_type.fillna("none")) == ["Point", "LineString", "none", "Point"]
    assert list(frame["count"]) == [100, 200, 300, 400]
    assert set(frame["story_id"]) == {"id1"}
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    kinds = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert kinds == {"events": "features", "stories": "attributes", "troopmap_meta": "attributes"}


@pytest.mark.parametrize(
    "geometry",
    [
        Point(30.5, 50.4),
        LineString([(13.4, 52.5), (21.0, 52.2)]),
        Polygon([(30, 50), (31, 50), (31, 51)]),
        Point(),
        None,
    ],
)
def test_gpkg_blob_round_trip(geometry) -> None:
    restored = from_gpkg_blob(to_gpkg_blob(geometry))
    if geometry is None:
        assert restored is None
    else:
        assert restored.equals_exact(geometry, 0) or (restored.is_empty and geometry.is_empty)


def _write(path: Path, data: bytes) -> Path:
    """Write bytes to ``path``."""
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is a text file, not a database" * 10, "not a troopmap store"),
        (b"SQLite format 3\x00" + b"\xff" * 2000, "damaged or unreadable"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = _write(tmp_path / "bad.gpkg", content)
    with pytest.raises(StoreError, match=message) as info:
        Store(path, extract=fake_extract, extractor_version="1")
    assert str(path) in str(info.value)
    assert path.read_bytes() == content  # nothing was overwritten


def test_a_damaged_story_row_is_skipped_not_fatal(store: Store) -> None:
    store.add_articles([_article(1), _article(2)])
    store._conn.execute("UPDATE stories SET extraction='{broken' WHERE id='id1'")
    assert [ex.article.id for ex in store.extractions()] == ["id2"]


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path, extract=fake_extract, extractor_version="1")


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.gpkg"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(StoreError, match="not a troopmap store"):
        Store(path, extract=fake_extract, extractor_version="1")


@pytest.mark.parametrize(
    ("version", "message"),
    [("0", "older version of troopmap"), ("99", "newer version of troopmap"), ("x", "no readable")],
)
def test_other_schema_versions_are_refused(tmp_path: Path, version: str, message: str) -> None:
    path = tmp_path / "store.gpkg"
    Store(path, extract=fake_extract, extractor_version="1").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE troopmap_meta SET value=? WHERE key='schema_version'", (version,))
    with pytest.raises(StoreError, match=message):
        Store(path, extract=fake_extract, extractor_version="1")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TROOPMAP_STORE": "/data/x.gpkg", "XDG_DATA_HOME": "/xdg"}, "/data/x.gpkg"),
        ({"XDG_DATA_HOME": "/xdg"}, "/xdg/troopmap/store.gpkg"),
    ],
)
def test_default_store_path(monkeypatch: pytest.MonkeyPatch, env: dict, expected: str) -> None:
    monkeypatch.delenv("TROOPMAP_STORE", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert default_store_path() == Path(expected)


def test_open_store_seeds_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dashboard.ingest.read")
    monkeypatch.setenv("TROOPMAP_STORE", str(tmp_path / "env.gpkg"))
    with open_store(extract=fake_extract, extractor_version="1") as store:
        assert store.path == tmp_path / "env.gpkg"
        seeded = len(store)
        assert seeded >= 2  # the seed file holds two stories
    with open_store(extract=fake_extract, extractor_version="1") as store:
        assert len(store) == seeded
    with open_store(tmp_path / "bare.gpkg", seed=False, extract=fake_extract) as store:
        assert len(store) == 0
    with open_store(tmp_path / "bare.gpkg", extract=fake_extract) as store:
        assert len(store) == 0  # the seed goes only into a store being created


_KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from dashboard.records import Article, Event, Extraction, Sentence
    from dashboard.store.database import Store
    from shapely.geometry import LineString

    def extract(article):
        sentence = Sentence(article.id, 0, 0, len(article.text), article.text)
        line = LineString([(i / 100, i / 200) for i in range(20)])
        events = tuple(
            Event(f"{article.id}-{i}", article.id, "presence", "asserted", sentence,
                  geometry=line)
            for i in range(400)
        )
        return Extraction(article, (sentence,), events=events)

    done = 0
    def progress(count, total):
        global done
        done = count
        print(count, flush=True)

    def pause_inside_transaction(statement):
        # Stop in the middle of the sixth story's transaction, after its story row and
        # some events were written, so that the kill lands before its COMMIT.
        if sys.argv[2] == "mid" and done == 5 and statement.startswith("INSERT INTO events"):
            print("mid", flush=True)
            time.sleep(60)

    store = Store(sys.argv[1], extract=extract, extractor_version="1")
    store._conn.set_trace_callback(pause_inside_transaction)
    articles = [Article(f"k{i}", f"story {i}") for i in range(100000)]
    store.add_articles(articles, progress=progress)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["mid", "any"])
def test_killed_ingest_leaves_whole_stories(tmp_path: Path, moment: str) -> None:
    path = tmp_path / "killed.gpkg"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, str(path), moment],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "mid" or (moment == "any" and int(line) >= 8):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(path, extract=fake_extract, extractor_version="1") as store:
        extractions = store.extractions()
        ids = [ex.article.id for ex in extractions]
        if moment == "mid":
            assert ids == [f"k{i}" for i in range(5)]  # the sixth story is wholly absent
        else:
            assert len(ids) >= 8
        assert all(len(ex.events) == 400 for ex in extractions)
        counts = dict(store._conn.execute("SELECT story_id, count(*) FROM events GROUP BY 1"))
        assert counts == {story_id: 400 for story_id in ids}
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.add_articles([_article(1)]).added == 1  # still writable
