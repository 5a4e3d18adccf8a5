"""The corpus store: a GeoPackage (SQLite) file of stories, their events and extractions.

Each story is written in one transaction (its row, its events and its extraction JSON), so
a store interrupted mid-ingest holds every story fully or not at all. The ``events`` table is
an ordinary GeoPackage feature layer that QGIS, GDAL and geopandas can open.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.records import Article, Extraction
from dashboard.store.connect import connect, is_read_only_error, read_only_error
from dashboard.store.light import view_extractions, whole_extractions
from dashboard.store.schema import EVENT_COLUMNS, StoreError, transaction
from dashboard.store.writer import (
    ExtractFn,
    Failure,
    Payload,
    content_hash,
    extract_payloads,
    pipeline_extract,
    pipeline_version,
    story_identity,
)

__all__ = ["IngestSummary", "Store", "StoreError", "default_store_path", "open_store"]

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
_STORY_COLUMNS = (
    "id, content_hash, identity, title, date, source, url, path, text, extractor_version, "
    "added_at, extracted_at, extraction, view"
)
_INSERT_STORY = f"INSERT INTO stories ({_STORY_COLUMNS}) VALUES ({', '.join('?' * 14)})"
_QUOTED_EVENT_COLUMNS = ", ".join('"' + name + '"' for name in EVENT_COLUMNS)
_INSERT_EVENT = (
    f"INSERT INTO events (geom, {_QUOTED_EVENT_COLUMNS}) "
    f"VALUES ({', '.join('?' * (len(EVENT_COLUMNS) + 1))})"
)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest did: stories added, already there, re-extracted, and failed."""

    added: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Job:
    """One story to extract and the stored stories (by id) its rows replace."""

    article: Article
    kind: str  # "added" or "reextracted"
    replaces: tuple[str, ...] = field(default=())


def default_store_path() -> Path:
    """TROOPMAP_STORE, else store.gpkg in the user's data folder (XDG_DATA_HOME)."""
    override = os.environ.get("TROOPMAP_STORE")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "troopmap" / "store.gpkg"


def _now() -> str:
    """UTC time as ISO text."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _label(article: Article) -> str:
    """How a story is named in messages: its file, and its title (a file may hold several)."""
    if article.path and article.title:
        return f"{article.path}: {article.title}"
    return article.path or article.title or article.id


class Store:
    """A GeoPackage file of stories and their extracted events."""

    def __init__(
        self,
        path: str | Path,
        *,
        extract: ExtractFn | None = None,
        extractor_version: str | None = None,
    ) -> None:
        """Open (or create) the store at ``path``; raise StoreError if it is unusable."""
        self.path = Path(path).expanduser()
        self._extract = extract or pipeline_extract
        self._version = extractor_version
        self._lock = threading.RLock()
        self.read_only = False
        try:
            self._conn, self.created, self.read_only = connect(self.path)
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from error

    def _damaged(self, error: Exception) -> StoreError:
        """The error for a file SQLite cannot read, or cannot write when it is read-only."""
        if self.read_only or is_read_only_error(error):
            return read_only_error(self.path, str(error))
        return StoreError(
            f"the store {self.path} is damaged or unreadable ({error}); move it away and "
            "ingest the articles again, or choose another store file"
        )

    def _check_writable(self) -> None:
        """Refuse a change to a store opened read-only, saying why."""
        if self.read_only:
            raise read_only_error(self.path)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock, with SQLite errors turned into StoreError."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as error:
                raise self._damaged(error) from error

    @property
    def extractor_version(self) -> str:
        """The version of the extractor this store compares stored stories with."""
        if self._version is None:
            try:
                self._version = pipeline_version()
            except ImportError as error:
                raise StoreError(f"the extraction pipeline is not available: {error}") from None
        return self._version

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """Number of stories stored."""
        with self._reading() as conn:
            return conn.execute("SELECT count(*) FROM stories").fetchone()[0]

    def meta(self, key: str) -> str | None:
        """A stored setting."""
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM troopmap_meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting."""
        self._check_writable()
        with self._reading() as conn, transaction(conn):
            conn.execute("INSERT OR REPLACE INTO troopmap_meta VALUES (?, ?)", (key, value))

    def delete_meta(self, key: str) -> None:
        """Remove a stored setting."""
        self._check_writable()
        with self._reading() as conn, transaction(conn):
            conn.execute("DELETE FROM troopmap_meta WHERE key=?", (key,))

    def extractions(self, ids: Iterable[str] | None = None) -> list[Extraction]:
        """Every stored extraction (or those of the stories ``ids``), in the order the
        stories were added; a damaged story is skipped with a warning."""
        with self._reading() as conn:
            return whole_extractions(conn, ids)

    def view_extractions(self) -> list[Extraction]:
        """Every story as the map, the filters and the event list read it: its events,
        their sentences and its resolved place mentions, without the story's text (see
        ``light``); ``extractions(ids)`` gives the whole of the stories a panel shows."""
        with self._reading() as conn:
            return view_extractions(conn)

    def stale_count(self) -> int:
        """Stories extracted by another extractor version than the current one."""
        with self._reading() as conn:
            sql = "SELECT count(*) FROM stories WHERE extractor_version != ?"
            return conn.execute(sql, (self.extractor_version,)).fetchone()[0]

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        workers: int = 1,
        progress: ProgressFn | None = None,
    ) -> IngestSummary:
        """Add stories: new ones are extracted, known ones skipped, changed or stale redone.

        ``progress(done, total)`` is called as stories are handled. Stories stored by an
        older extractor version are re-extracted too, so versions are never mixed.
        """
        articles = list(articles)
        self._check_writable()
        with self._lock:
            jobs, unchanged = self._plan(articles)
            jobs += self._stale_jobs({content_hash(job.article.text) for job in jobs})
            total, done = unchanged + len(jobs), unchanged
            counts = {"added": 0, "reextracted": 0}
            failed: list[tuple[str, str]] = []
            if progress is not None:
                progress(done, total)
            results = extract_payloads([job.article for job in jobs], self._extract, workers)
            for job, result in zip(jobs, results, strict=True):
                if isinstance(result, Failure):
                    failed.append((_label(job.article), result.reason))
                elif (reason := self._write_one(job, result)) is not None:
                    failed.append((_label(job.article), reason))
                else:
                    counts[job.kind] += 1
                done += 1
                if progress is not None:
                    progress(done, total)
        return IngestSummary(counts["added"], unchanged, counts["reextracted"], tuple(failed))

    def _plan(self, articles: list[Article]) -> tuple[list[_Job], int]:
        """Sort the batch into jobs (new, changed, stale) and a count of unchanged stories."""
        hashes = [content_hash(a.text) for a in articles]
        stored = self._stored_by_hash(set(hashes))
        identities = {story_identity(a) for a in articles} - {None}
        by_identity = self._stored_by_identity(identities)
        batch_hashes: dict[str | None, set[str]] = {}
        for article, digest in zip(articles, hashes, strict=True):
            batch_hashes.setdefault(story_identity(article), set()).add(digest)
        jobs: list[_Job] = []
        seen: set[str] = set()
        claimed: set[str] = set()
        unchanged = 0
        for article, digest in zip(articles, hashes, strict=True):
            if digest in seen:
                unchanged += 1
                continue
            seen.add(digest)
            if digest in stored:
                story_id, version = stored[digest]
                if version == self.extractor_version:
                    unchanged += 1
                else:
                    jobs.append(_Job(article, "reextracted", (story_id,)))
                continue
            identity = story_identity(article)
            old = [
                sid
                for sid, h in (by_identity.get(identity, []) if identity is not None else [])
                if h not in batch_hashes[identity] and sid not in claimed
            ]
            claimed.update(old)
            kind = "reextracted" if old else "added"
            jobs.append(_Job(article, kind, tuple(old)))
        return jobs, unchanged

    def _select_in(self, columns: str, key: str, values: set[str]) -> list[tuple]:
        """Rows of ``columns`` from stories whose ``key`` is one of ``values``."""
        ordered, rows = sorted(values), []
        for i in range(0, len(ordered), 500):
            part = ordered[i : i + 500]
            sql = f"SELECT {columns} FROM stories WHERE {key} IN ({', '.join('?' * len(part))})"
            with self._reading() as conn:
                rows.extend(conn.execute(sql, part).fetchall())
        return rows

    def _stored_by_hash(self, hashes: set[str]) -> dict[str, tuple[str, str]]:
        """Stored (id, extractor version) by content hash, for the given hashes."""
        rows = self._select_in("content_hash, id, extractor_version", "content_hash", hashes)
        return {digest: (story_id, version) for digest, story_id, version in rows}

    def _stored_by_identity(self, identities: set) -> dict[str, list[tuple[str, str]]]:
        """Stored (id, content hash) pairs by story identity, for the given identities."""
        found: dict[str, list[tuple[str, str]]] = {}
        for identity, story_id, digest in self._select_in(
            "identity, id, content_hash", "identity", identities
        ):
            found.setdefault(identity, []).append((story_id, digest))
        return found

    def _stale_jobs(self, exclude: set[str]) -> list[_Job]:
        """Jobs re-extracting stored stories of another extractor version."""
        sql = (
            "SELECT id, text, title, date, source, url, path, content_hash FROM stories "
            "WHERE extractor_version != ? ORDER BY fid"
        )
        with self._reading() as conn:
            rows = conn.execute(sql, (self.extractor_version,)).fetchall()
        jobs = []
        for story_id, text, title, date, source, url, path, digest in rows:
            if digest in exclude:
                continue
            when = dt.date.fromisoformat(date) if date else None
            article = Article(story_id, text, title, when, source, url, path)
            jobs.append(_Job(article, "reextracted", (story_id,)))
        return jobs

    def _write_one(self, job: _Job, payload: Payload) -> str | None:
        """Write one story; None when stored, else why not (the batch goes on)."""
        try:
            with self._lock:
                self._write(job, payload)
        except (sqlite3.IntegrityError, sqlite3.InterfaceError, OverflowError, ValueError,
                TypeError) as error:  # this story's values: the others can still be stored
            log.warning("story %s could not be stored", _label(job.article), exc_info=True)
            return f"could not be stored: {type(error).__name__}: {error}"
        except sqlite3.DatabaseError as error:  # the file itself: no story can be stored
            raise self._damaged(error) from error
        return None

    def _write(self, job: _Job, payload: Payload) -> None:
        """Replace the job's old rows with the new story and its events, atomically."""
        article = payload.article
        digest = content_hash(article.text)
        conn = self._conn
        with transaction(conn):
            ids = (*job.replaces, article.id)
            marks = ", ".join("?" * len(ids))
            found = conn.execute(
                f"SELECT id, added_at FROM stories WHERE id IN ({marks}) OR content_hash = ?",
                (*ids, digest),
            ).fetchall()
            old = [story_id for story_id, _ in found]
            if old:
                old_marks = ", ".join("?" * len(old))
                conn.execute(f"DELETE FROM events WHERE story_id IN ({old_marks})", old)
                conn.execute(f"DELETE FROM stories WHERE id IN ({old_marks})", old)
            now = _now()
            conn.execute(
                _INSERT_STORY,
                (
                    article.id, digest, story_identity(article), article.title,
                    article.date.isoformat() if article.date else None, article.source,
                    article.url, article.path, article.text, self.extractor_version,
                    min((added for _, added in found), default=now), now,
                    payload.extraction_json, payload.view_json,
                ),
            )  # fmt: skip
            conn.executemany(_INSERT_EVENT, payload.event_rows)


def open_store(
    path: str | Path | None = None,
    *,
    seed: bool = True,
    extract: ExtractFn | None = None,
    extractor_version: str | None = None,
) -> Store:
    """Open the store at ``path`` (or the default), loading the seed corpus on first use."""
    store = Store(
        path if path is not None else default_store_path(),
        extract=extract,
        extractor_version=extractor_version,
    )
    if seed and not store.read_only and (store.created or store.meta("seed_pending")):
        _seed(store)
    return store


def _seed(store: Store) -> None:
    """Add the seed corpus to a new store; if that fails, try again at the next opening."""
    store.set_meta("seed_pending", "1")
    try:
        from dashboard import ingest

        articles = [
            article
            for file in ingest.iter_article_files([ingest.seed_dir()])
            for article in ingest.read_path(file)
        ]
    except Exception:
        log.warning("could not read the seed corpus", exc_info=True)
        return
    summary = store.add_articles(articles)
    for name, reason in summary.failed:
        log.warning("seed story %s failed: %s", name, reason)
    if not summary.failed:
        store.delete_meta("seed_pending")
