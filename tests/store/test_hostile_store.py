"""The store under hostile conditions: killed workers' parents, racing creators, read-only
files, counts too large for SQLite, and stories that cannot be stored."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dashboard.records import Article, Event, Extraction, Force, Sentence
from dashboard.store import connect as store_connect
from dashboard.store.database import Store, StoreError
from dashboard.store.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


def huge_count_extract(article: Article) -> Extraction:
    """One event whose force claims more soldiers than SQLite can count."""
    sentence = Sentence(article.id, 0, 0, len(article.text), article.text)
    count = 2**70 if "huge" in article.text else 5
    force = Force(0, 4, article.text[:4], count=count, count_text="many", count_max=count)
    event = Event(f"{article.id}-e1", article.id, "deployment", "asserted", sentence,
                  force=force)
    return Extraction(article, (sentence,), events=(event,))


def test_a_count_beyond_64_bits_never_crashes_ingest(tmp_path: Path) -> None:
    articles = [Article("a", "huge troops"), Article("b", "small troops")]
    with Store(tmp_path / "s.gpkg", extract=huge_count_extract, extractor_version="1") as store:
        summary = store.add_articles(articles)
        assert (summary.added, summary.failed) == (2, ())
        rows = store._conn.execute("SELECT story_id, count, count_text FROM events ORDER BY 1")
        assert list(rows) == [("a", None, "many"), ("b", 5, "many")]
        (huge, _) = store.extractions()
        assert huge.events[0].force is not None and huge.events[0].force.count == 2**70


def test_a_story_that_cannot_be_stored_is_reported_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "s.gpkg", extract=huge_count_extract, extractor_version="1")
    real = Store._write

    def write(self: Store, job, payload) -> None:  # type: ignore[no-untyped-def]
        if job.article.id == "b":
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        real(self, job, payload)

    monkeypatch.setattr(Store, "_write", write)
    articles = [Article(k, f"story {k}", path=f"{k}.txt") for k in "abc"]
    summary = store.add_articles(articles)
    assert summary.added == 2
    assert summary.failed == (("b.txt", "could not be stored: OverflowError: Python int too "
                                        "large to convert to SQLite INTEGER"),)
    assert len(store) == 2
    store.close()


def _create(path: str, barrier) -> str:  # type: ignore[no-untyped-def]
    """Open a new store at the same moment as another process; say how it went."""
    barrier.wait()
    try:
        store = Store(path, extract=huge_count_extract, extractor_version="1")
    except StoreError as error:
        return str(error)
    store.close()
    return "created" if store.created else "opened"


def test_two_processes_creating_one_new_store_both_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(2) as pool:
        for attempt in range(30):
            path = str(tmp_path / f"race{attempt}.gpkg")
            barrier = manager.Barrier(2)
            results = pool.starmap(_create, [(path, barrier), (path, barrier)])
            assert sorted(results) == ["created", "opened"], f"attempt {attempt}: {results}"
            with sqlite3.connect(path) as conn:
                assert conn.execute("SELECT count(*) FROM gpkg_contents").fetchone()[0] == 3


@pytest.fixture
def read_only_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A store with one story whose file may no longer be written."""
    path = tmp_path / "ro.gpkg"
    with Store(path, extract=huge_count_extract, extractor_version="1") as store:
        store.add_articles([Article("a", "small troops")])
    path.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: pretend to be a user who may not
        monkeypatch.setattr(store_connect, "_writable", lambda p: False)
    yield path
    path.chmod(0o644)


def test_a_read_only_store_opens_for_reading(read_only_store: Path) -> None:
    with Store(read_only_store, extract=huge_count_extract, extractor_version="1") as store:
        assert store.read_only and len(store) == 1
        assert [ex.article.id for ex in store.extractions()] == ["a"]
        with pytest.raises(StoreError, match="is read-only") as error:
            store.add_articles([Article("b", "more troops")])
        assert "damaged" not in str(error.value) and "chmod" in str(error.value)


def test_a_read_only_store_waiting_for_its_seed_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.store.database import open_store

    path = tmp_path / "ro.gpkg"
    with Store(path, extract=huge_count_extract, extractor_version="1") as store:
        store.set_meta("seed_pending", "1")
    monkeypatch.setattr(store_connect, "_writable", lambda p: False)
    with open_store(path, extract=huge_count_extract, extractor_version="1") as store:
        assert store.read_only and len(store) == 0


def test_sqlite_read_only_errors_are_not_called_damage(tmp_path: Path) -> None:
    path = tmp_path / "s.gpkg"
    store = Store(path, extract=huge_count_extract, extractor_version="1")
    error = store._damaged(sqlite3.OperationalError("attempt to write a readonly database"))
    assert "read-only" in str(error) and "damaged" not in str(error)
    assert "damaged" in str(store._damaged(sqlite3.DatabaseError("file is not a database")))
    store.close()


def test_a_version_1_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.gpkg"
    with Store(path, extract=huge_count_extract, extractor_version="1") as store:
        store.add_articles([Article("a", "small troops", source="AFP", path="a.txt")])
    with sqlite3.connect(path) as conn:  # make it look like a version 1 store
        conn.execute("UPDATE events SET source = 'AFP'")
        conn.execute("ALTER TABLE events DROP COLUMN publisher")
        conn.execute("UPDATE troopmap_meta SET value='1' WHERE key='schema_version'")
    with Store(path, extract=huge_count_extract, extractor_version="1") as store:
        row = store._conn.execute("SELECT source, publisher FROM events").fetchone()
        assert row == ("a.txt", "AFP")
        assert store.meta("schema_version") == str(SCHEMA_VERSION)


_SLOW_EXTRACT = textwrap.dedent(
    """
    import time
    from dashboard.records import Extraction

    def extract(article):
        time.sleep(0.05)
        return Extraction(article)
    """
)
_INGEST = textwrap.dedent(
    """
    import sys
    import slow_extract
    from dashboard.records import Article
    from dashboard.store.database import Store

    store = Store(sys.argv[1], extract=slow_extract.extract, extractor_version="1")
    articles = [Article(f"k{i}", f"story {i}") for i in range(2000)]
    store.add_articles(articles, workers=2, progress=lambda d, t: print(d, flush=True))
    """
)


def _descendants(root: int) -> set[int]:
    """Every process below ``root``, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    """True while ``pid`` runs (zombies waiting to be reaped do not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return stat[0] not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_end_when_the_ingesting_process_is_killed(tmp_path: Path) -> None:
    (tmp_path / "slow_extract.py").write_text(_SLOW_EXTRACT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(tmp_path)])}
    proc = subprocess.Popen(
        [sys.executable, "-c", _INGEST, str(tmp_path / "s.gpkg")],
        stdout=subprocess.PIPE, env=env, text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if int(line) >= 10:  # the pool is working
            break
    helpers = _descendants(proc.pid)
    assert len(helpers) >= 3  # the forkserver, two workers (and the resource tracker)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(pid) for pid in helpers):
        time.sleep(0.1)
    left = sorted(pid for pid in helpers if _running(pid))
    for pid in left:  # do not leave them for the next test either
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running after the ingest was killed: {left}"


def dying_extract(article: Article) -> Extraction:
    """Kill the worker process on a story that mentions poison, as a crash would."""
    if "poison" in article.text:
        os._exit(3)
    return huge_count_extract(article)


def test_a_story_that_kills_its_worker_fails_alone(tmp_path: Path) -> None:
    articles = [Article(f"k{i}", f"story {i} troops", path=f"{i}.txt") for i in range(12)]
    articles[5] = Article("poison", "poison troops", path="poison.txt")
    with Store(tmp_path / "s.gpkg", extract=dying_extract, extractor_version="1") as store:
        summary = store.add_articles(articles, workers=2)
        assert summary.added == 11
        assert summary.failed == (
            ("poison.txt", "a worker process died while extracting this story"),)
        assert sorted(ex.article.id for ex in store.extractions()) == sorted(
            a.id for a in articles if a.id != "poison")
