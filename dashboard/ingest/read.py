"""Read news articles from files, uploads and pasted text into ``Article`` records.

Plain text, Markdown and saved HTML pages in any common encoding are read; a file may hold
several stories (see ``dashboard.ingest.split`` for the rule). Metadata comes, in increasing
priority, from the file itself (HTML meta, a leading "Title:/Date:/Source:/URL:" block,
Markdown front matter, a story's headline line), from a sidecar ``<file>.meta.json``, and from
the caller's keyword arguments. A title given for a whole file (header block, sidecar object,
``title=``) names its first story; date, source and url apply to every story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from dashboard.ingest.decode import ReadError, decode_bytes, normalise_text
from dashboard.ingest.limits import (
    MAX_FILE_BYTES,
    MAX_PASTE_CHARS,
    MAX_STORY_CHARS,
    story_parts,
)
from dashboard.ingest.markup import html_to_text, markdown_to_text
from dashboard.ingest.meta import (
    SIDECAR_SUFFIX,
    StoryMeta,
    date_line,
    parse_date,
    read_sidecar,
    split_front_matter,
    split_header_block,
    wire_dateline,
)
from dashboard.ingest.split import split_stories
from dashboard.records import Article

__all__ = [
    "ReadError",
    "MAX_BYTES",
    "ARTICLE_SUFFIXES",
    "read_path",
    "read_bytes",
    "read_text",
    "iter_article_files",
    "seed_dir",
    "article_id",
]

log = logging.getLogger(__name__)

MAX_BYTES = MAX_FILE_BYTES  # the name older callers import
_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
_UNSUPPORTED = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages", ".xls", ".xlsx"}
DateLike = dt.date | str | None


def seed_dir() -> Path:
    """The repository's ``seeds/`` folder: the default corpus the dashboard opens on."""
    # seeds/ is not package data: it sits beside the package at the repository root so that
    # people can read it and drop their own articles next to it, and the app always runs from
    # a checkout (locally or on Streamlit Community Cloud). So it is found from here.
    return Path(__file__).resolve().parents[2] / "seeds"


def article_id(text: str) -> str:
    """A stable short content hash of a story's text: the first 12 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _caller_meta(
    name: str, title: str | None, date: DateLike, source: str | None, url: str | None
) -> StoryMeta:
    parsed = parse_date(date)
    if date not in (None, "") and parsed is None:
        raise ReadError(
            f"{name}: could not read the date {date!r}; write it like 2022-02-02 or 2 February 2022"
        )
    return StoryMeta(title or None, parsed, source or None, url or None)


def _kind(name: str, text: str | None = None) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _UNSUPPORTED:
        raise ReadError(
            f"{name}: {suffix} files are not supported; save the article as .txt, .md or .html"
        )
    if suffix in _KINDS:
        return _KINDS[suffix]
    head = (text or "").lstrip()[:64].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "text"


def _stories(
    text: str, name: str, kind: str, notes: list[str] | None = None
) -> tuple[StoryMeta, list[tuple[str, StoryMeta]]]:
    """File-level metadata and each story's text with the metadata the story itself gives."""
    if kind == "html":
        body, meta = html_to_text(text, name, notes)
        return meta, [(body, StoryMeta())]
    file_meta, offset = StoryMeta(), 0
    if kind == "markdown":
        file_meta, offset = split_front_matter(text, name)
    if offset == 0:
        file_meta, offset = split_header_block(text, name)
    body = text[offset:]
    if kind == "markdown":
        markdown = markdown_to_text(body)
        body = markdown.text
        found = split_stories(body, headlines=markdown.headlines, keep=markdown.keep)
    else:
        found = split_stories(body)
    stories = []
    for story in found:
        text = body[story.start : story.end]
        # A story that opens with a date line ("Feb. 2, 2022") was published that day; one
        # that opens with a wire dateline ("BERLIN, March 14, 2024 (Reuters) - ") too.
        wire = wire_dateline(text)
        own = StoryMeta(story.title, date_line(text[:200].split("\n", 1)[0]) or wire.date,
                        wire.source)
        stories.append((text, own))
    return file_meta, stories


def _within_limit(
    number: int, body: str, meta: StoryMeta, name: str, notes: list[str] | None
) -> list[tuple[str, StoryMeta]]:
    """A story, or its parts when it is longer than MAX_STORY_CHARS (said to the caller)."""
    if len(body) <= MAX_STORY_CHARS:
        return [(body, meta)]
    parts = story_parts(body, MAX_STORY_CHARS)
    message = (
        f"{name}: story {number} has {len(body):,} characters, more than the "
        f"{MAX_STORY_CHARS:,} one story may hold; it was split into {len(parts)} parts"
    )
    log.warning("%s", message)
    if notes is not None:
        notes.append(message)
    title = meta.title or name
    return [
        (part, replace(meta, title=title if k == 1 else f"{title} (part {k} of {len(parts)})"))
        for k, part in enumerate(parts, 1)
    ]


def _articles(
    text: str,
    name: str,
    kind: str,
    caller: StoryMeta,
    sidecar: Path | None,
    notes: list[str] | None = None,
) -> list[Article]:
    file_meta, stories = _stories(text, name, kind, notes)
    if not stories:
        raise ReadError(f"{name}: no article text found")
    side = read_sidecar(sidecar, len(stories)) if sidecar else [StoryMeta()] * len(stories)
    articles = []
    for index, (body, own) in enumerate(stories):
        whole = (
            file_meta
            if index == 0
            else StoryMeta(None, file_meta.date, file_meta.source, file_meta.url)
        )
        given = caller if index == 0 else StoryMeta(None, caller.date, caller.source, caller.url)
        meta = given.over(side[index].over(whole.over(own)))
        for part, part_meta in _within_limit(index + 1, body, meta, name, notes):
            articles.append(Article(article_id(part), part, part_meta.title, part_meta.date,
                                    part_meta.source, part_meta.url, name))
    log.debug("%s: %d stories", name, len(articles))
    return articles


def read_text(
    text: str,
    *,
    name: str = "pasted",
    title: str | None = None,
    date: DateLike = None,
    source: str | None = None,
    url: str | None = None,
    max_chars: int = MAX_PASTE_CHARS,
    notes: list[str] | None = None,
) -> list[Article]:
    """Read pasted or already-decoded text (its format follows ``name``'s suffix).

    Messages about stories split for length are appended to ``notes`` when it is given.
    """
    caller = _caller_meta(name, title, date, source, url)
    if len(text) > max_chars:
        raise ReadError(
            f"{name}: the text is too long ({len(text):,} characters); the limit is "
            f"{max_chars:,}: paste less at a time, or save it as a file"
        )
    text = normalise_text(text)
    if not text.strip():
        raise ReadError(f"{name}: no text to read")
    return _articles(text, name, _kind(name, text), caller, None, notes)


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReadError(
            f"{name}: file is too large ({size / 1e6:.1f} MB); the limit is "
            f"{max_bytes / 1e6:.1f} MB ({max_bytes:,} bytes)"
        )


def read_bytes(
    data: bytes,
    name: str,
    *,
    title: str | None = None,
    date: DateLike = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_BYTES,
    notes: list[str] | None = None,
) -> list[Article]:
    """Read an uploaded file's bytes; ``name`` (its file name) decides the format."""
    caller = _caller_meta(name, title, date, source, url)
    _check_size(name, len(data), max_bytes)
    _kind(name)
    text = decode_bytes(data, name)
    return _articles(text, name, _kind(name, text), caller, None, notes)


def read_path(
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    date: DateLike = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_BYTES,
    notes: list[str] | None = None,
) -> list[Article]:
    """Read an article file and its ``<file>.meta.json`` sidecar, if there is one."""
    file = Path(path)
    name = file.name or str(path)
    caller = _caller_meta(name, title, date, source, url)
    _kind(name)
    try:
        if file.is_dir():
            raise ReadError(f"{name}: is a folder; give a file, or use iter_article_files")
        _check_size(name, file.stat().st_size, max_bytes)
        data = file.read_bytes()
    except FileNotFoundError as error:
        raise ReadError(f"{name}: no such file") from error
    except OSError as error:
        raise ReadError(f"{name}: cannot be read ({error.strerror or error})") from error
    text = decode_bytes(data, name)
    return _articles(text, name, _kind(name, text), caller, file, notes)


def _is_article_file(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith(".")
        and not name.endswith(SIDECAR_SUFFIX)
        and path.suffix.lower() in ARTICLE_SUFFIXES
    )


def _walk(folder: Path) -> Iterator[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(path for file in files if _is_article_file(path := Path(root, file)))
    # Sorted by path components, so "a/b.txt" comes before "a-b.txt" on every platform.
    yield from sorted(found, key=lambda path: path.relative_to(folder).parts)


def _identity(file: Path) -> Path:
    """The real path of a file, to name it once; a symlink loop keeps its own path."""
    try:
        return file.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading it will say so
        return Path(os.path.abspath(file))


def iter_article_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> Iterator[Path]:
    """Article files among ``paths``: folders are searched recursively, in sorted order."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        # A file named explicitly is yielded as is, so that reading it explains any problem.
        found = _walk(path) if path.is_dir() else iter([path])
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                yield file
