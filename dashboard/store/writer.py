"""Extraction for the store: the default extractor, story payloads, and the worker pool.

Each payload is computed where the extraction ran (in a worker process when there are
several), so the process writing the store only runs SQL.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from dashboard.records import Article, Extraction
from dashboard.store.gpkg import holds_exactly, to_gpkg_blob
from dashboard.store.serialize import PROPERTY_NAMES, event_properties, extraction_to_dict
from dashboard.store.viewrow import encode_view

__all__ = [
    "ExtractFn",
    "Failure",
    "Payload",
    "content_hash",
    "extract_payloads",
    "pipeline_extract",
    "pipeline_version",
    "story_identity",
]

log = logging.getLogger(__name__)

ExtractFn = Callable[[Article], Extraction]

_gazetteer: Any = None
_worker_extract: ExtractFn | None = None


@dataclass(frozen=True, slots=True)
class Payload:
    """What the store writes for one story: its extraction as JSON and its event rows."""

    article: Article
    extraction_json: str
    event_rows: tuple[tuple[Any, ...], ...]
    view_json: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """A story whose extraction failed, with the reason in words."""

    article: Article
    reason: str


def pipeline_extract(article: Article) -> Extraction:
    """Extract with the real pipeline, loading the gazetteer once per process."""
    global _gazetteer
    from dashboard.extract import extract_article

    if _gazetteer is None:
        from geodata.gazetteer import load_gazetteer

        _gazetteer = load_gazetteer()
    return extract_article(article, _gazetteer)


def pipeline_version() -> str:
    """The version string of the real pipeline's extractor."""
    from dashboard.extract import EXTRACTOR_VERSION

    return str(EXTRACTOR_VERSION)


def content_hash(text: str) -> str:
    """Stable hash of a story's text, used to recognise a story already stored."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def story_identity(article: Article) -> str | None:
    """What names a story across edits: its file path and title, when known."""
    if article.path is None and article.title is None:
        return None
    return f"{article.path or ''}\x1f{article.title or ''}"


def make_payload(article: Article, extract: ExtractFn) -> Payload | Failure:
    """Extract one article and turn the result into rows, or say why it failed."""
    try:
        extraction = extract(article)
        data = extraction_to_dict(extraction)
        if data["article"]["text"] == article.text:
            data["article"]["text"] = None  # the stories table holds the text once
        rows = []
        for event, stored in zip(extraction.events, data["events"], strict=True):
            props = event_properties(event, extraction.article)
            props["article"] = article.id
            blob = to_gpkg_blob(event.geometry)
            rows.append((blob, *(props[name] for name in PROPERTY_NAMES)))
            if holds_exactly(blob, event.geometry):
                del stored["geometry"]  # kept once, in the events layer
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        view = _view_row(extraction)
    except Exception as error:  # one bad story must not stop the others
        log.warning("extraction failed for %s", article.path or article.id, exc_info=True)
        return Failure(article, f"{type(error).__name__}: {error}")
    return Payload(article, encoded, tuple(rows), view)


def _view_row(extraction: Extraction) -> str | None:
    """The story's compact row for the map; None when its records cannot be listed that way
    (a field holding a list where a tuple is expected): the map then reads its extraction."""
    try:
        return encode_view(extraction)
    except TypeError:
        log.warning("no compact row for story %s", extraction.article.id, exc_info=True)
        return None


# How often a worker checks that the process it works for is still there.
PARENT_POLL_SECONDS = 0.25


def _parent_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, killed and not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True  # no /proc (macOS): the signal test above is all there is


def _watch_parent(pid: int) -> None:
    """End this worker when the ingesting process is gone, even killed with SIGKILL.

    Workers are children of the forkserver, not of the ingesting process, so they cannot
    ask the kernel to be told of its death; they look. Once they have gone, the forkserver
    and the resource tracker see their pipes close and end too: nothing is left behind.
    """
    while _parent_alive(pid):
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _init_worker(extract: ExtractFn, parent: int | None = None) -> None:
    """Set up a worker process: watch its parent, remember the extractor, load its data."""
    global _worker_extract
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _worker_extract = extract
    if extract is pipeline_extract:
        try:
            from geodata.gazetteer import load_gazetteer

            global _gazetteer
            if _gazetteer is None:
                _gazetteer = load_gazetteer()
        except Exception:  # reported per story by make_payload instead
            log.warning("worker could not load the gazetteer", exc_info=True)


def _worker_payload(article: Article) -> Payload | Failure:
    """Run in a worker process: extract one article."""
    assert _worker_extract is not None
    return make_payload(article, _worker_extract)


def extract_payloads(
    articles: Sequence[Article], extract: ExtractFn, workers: int = 1
) -> Iterator[Payload | Failure]:
    """Extract every article, in order, in this process or in a pool of ``workers``.

    A story that kills its worker process (a crash, the memory killer) fails alone: after a
    worker dies, a pool of one goes on story by story until the story that kills it is
    found, reports it, and the pool of ``workers`` takes up the rest.
    """
    if workers <= 1 or len(articles) < 2:
        for article in articles:
            yield make_payload(article, extract)
        return
    start, deaths = 0, 0
    while start < len(articles):
        rest = articles[start:]
        start += yield from _pooled(rest, extract, workers, _chunksize(len(rest), workers))
        if start < len(articles):
            start += yield from _pooled(articles[start:], extract, 1, 1)
        if start == len(articles):
            return
        yield Failure(articles[start], "a worker process died while extracting this story")
        start, deaths = start + 1, deaths + 1
        if deaths >= MAX_WORKER_DEATHS:
            for article in articles[start:]:
                yield Failure(article, "not extracted: worker processes kept dying")
            return


# After this many stories that killed their worker, the rest of a batch is not tried.
MAX_WORKER_DEATHS = 5


def _chunksize(count: int, workers: int) -> int:
    """Stories handed to a worker at a time: enough to keep it busy, few enough to share."""
    return max(1, min(16, count // (workers * 8)))


def _pooled(
    articles: Sequence[Article], extract: ExtractFn, workers: int, chunksize: int
) -> Generator[Payload | Failure, None, int]:
    """Extract in a pool of ``workers``, in order; return how many stories were done before
    a worker died (all of them when none did)."""
    done = 0
    try:
        # Workers start from a fresh server process rather than a copy of this one: an open
        # SQLite connection (the gazetteer's) must not be shared across fork.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(extract, os.getpid()),
        ) as pool:
            for result in pool.map(_worker_payload, articles, chunksize=chunksize):
                done += 1
                yield result
    except BrokenProcessPool as error:
        log.error("a worker process died: %s", error)
    return done
