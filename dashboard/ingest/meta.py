"""Story metadata: dates in news formats, header blocks, front matter and sidecar files."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dashboard.ingest.decode import ReadError, normalise_text

__all__ = [
    "StoryMeta",
    "parse_date",
    "date_line",
    "wire_dateline",
    "split_header_block",
    "split_front_matter",
    "meta_from_mapping",
    "read_sidecar",
    "sidecar_path",
    "SIDECAR_SUFFIX",
]

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DATE_PATTERNS = (
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:[T ].*)?"),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b.*"),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b.*"),
)

# Header keys a text or Markdown file may start with, and the field each one fills.
_HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "dateline": "date",
    "source": "source",
    "publisher": "source",
    "agency": "source",
    "url": "url",
    "link": "url",
}
_MAX_HEADER_VALUE = 300  # longer "Source: ..." lines are the article's first paragraph
# Possessive and without a lazy value, so that a long line is read in linear time; the
# value is stripped in code.
_HEADER_LINE = re.compile(r"\s*+(?P<key>[A-Za-z]++)\s*+:(?P<value>.*)")


@dataclass(frozen=True, slots=True)
class StoryMeta:
    """What is known about a story besides its text; ``None`` means not known."""

    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None

    def over(self, base: StoryMeta) -> StoryMeta:
        """Return ``base`` with every field this record knows replaced by this record's value."""
        known = {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}
        return replace(base, **known)


def parse_date(value: object) -> dt.date | None:
    """Parse ISO and common news date formats ("Feb. 2, 2022", "2 February 2022")."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            return dt.date(int(match["year"]), number, int(match["day"]))
        except ValueError:
            return None
    return None


_DATE_LINE_PREFIX = re.compile(r"^\s*(?:(?:published|updated|posted)\b\s*(?:on\b)?:?\s*)?", re.I)


def date_line(line: str) -> dt.date | None:
    """The date of a short line that is only a date ("Feb. 2, 2022", "Published: 2022-02-02")."""
    text = _DATE_LINE_PREFIX.sub("", line, count=1).strip()
    if not text or len(text.split()) > 8 or len(text) > 60:
        return None
    return parse_date(text)


# A wire story opens "BERLIN, March 14, 2024 (Reuters) - ": place, date, agency, dash.
_WIRE_AGENCY = re.compile(r"\((?P<source>[A-Z][A-Za-z&./' -]{0,39})\)[ \t]*+[-\u2013\u2014]")
_WIRE_PLACE = re.compile(r"[A-Z][A-Za-z.'\u2019-]*+(?: [A-Z][A-Za-z.'\u2019-]*+){0,3}")
_WIRE_HEAD = 160


def wire_dateline(text: str) -> StoryMeta:
    """The date and agency of a story opening with a wire dateline, else an empty StoryMeta."""
    head = text[:_WIRE_HEAD].split("\n", 1)[0]
    agency = _WIRE_AGENCY.search(head)
    if agency is None:
        return StoryMeta()
    parts = head[: agency.start()].strip().rstrip(",").split(",")
    if _WIRE_PLACE.fullmatch(parts[0].strip()) is None:
        return StoryMeta()
    date = None
    for i in range(1, len(parts)):  # "KYIV, Ukraine, March 14, 2024": the date is a suffix
        date = parse_date(",".join(parts[i:]).strip())
        if date is not None:
            break
    return StoryMeta(date=date, source=agency["source"].strip())


def _header(line: str) -> tuple[str, str] | None:
    """The lower-cased key and the stripped value of a "Key: value" line, or None."""
    match = _HEADER_LINE.match(line)
    if match is None:
        return None
    return match["key"].lower(), match["value"].strip()


def _clean_value(value: str) -> str | None:
    value = normalise_text(value).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value or None


def meta_from_mapping(fields: Mapping[str, Any], origin: str) -> StoryMeta:
    """Build a StoryMeta from loose key/value pairs; unknown keys are ignored."""
    values: dict[str, Any] = {}
    for key, raw in fields.items():
        field_name = _HEADER_KEYS.get(str(key).strip().lower())
        if field_name is None or field_name in values or raw is None:
            continue
        if field_name == "date":
            date = parse_date(raw)
            if date is None:
                log.warning("%s: could not read the date %r; leaving it unknown", origin, raw)
                continue
            values["date"] = date
        else:
            cleaned = _clean_value(str(raw))
            if cleaned is not None:
                values[field_name] = cleaned
    return StoryMeta(**values)


def split_header_block(text: str, origin: str) -> tuple[StoryMeta, int]:
    """Read a leading "Title:/Date:/Source:/URL:" block; return it and where the body starts."""
    fields: dict[str, str] = {}
    offset = len(text) - len(text.lstrip("\n"))
    while offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        header = _header(text[offset:end])
        if header is None or header[0] not in _HEADER_KEYS or len(header[1]) > _MAX_HEADER_VALUE:
            break
        fields.setdefault(*header)
        offset = end + 1
    if not fields:
        return StoryMeta(), 0
    return meta_from_mapping(fields, origin), min(offset, len(text))


def split_front_matter(text: str, origin: str) -> tuple[StoryMeta, int]:
    """Read Markdown front matter between "---" lines; return it and where the body starts."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return StoryMeta(), 0
    fields: dict[str, str] = {}
    for line in match["body"].split("\n"):
        header = _header(line)
        if header is not None and not line.startswith((" ", "\t", "-")):
            fields.setdefault(*header)
    return meta_from_mapping(fields, origin), match.end()


_FRONT_MATTER = re.compile(r"---[ \t]*+\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*+(?:\n|$)", re.S)


def sidecar_path(path: Path) -> Path:
    """Where the metadata sidecar of an article file lives: ``<file>.meta.json``."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path, stories: int) -> list[StoryMeta]:
    """Read ``<file>.meta.json``: one StoryMeta per story (empty ones if there is no sidecar)."""
    side = sidecar_path(path)
    if not side.is_file():
        return [StoryMeta()] * stories
    try:
        payload = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise ReadError(f"{side.name}: cannot read the metadata file ({error})") from error
    except json.JSONDecodeError as error:
        raise ReadError(
            f"{side.name}: not valid JSON (line {error.lineno}, column {error.colno}); "
            "fix or remove the metadata file"
        ) from error
    return sidecar_metas(payload, side.name, stories)


def sidecar_metas(payload: object, origin: str, stories: int) -> list[StoryMeta]:
    """Interpret a sidecar: one object for all stories or ``{"stories": [...]}`` in order."""
    if not isinstance(payload, dict):
        raise ReadError(f"{origin}: expected a JSON object with title, date, source or url")
    shared = meta_from_mapping({k: v for k, v in payload.items() if k != "stories"}, origin)
    listed = payload.get("stories")
    # A file-wide title names the first story only; the others keep their own headlines.
    bases = [shared] + [replace(shared, title=None)] * (stories - 1) if stories else []
    if listed is None:
        return bases
    if not isinstance(listed, list) or not all(isinstance(item, dict) for item in listed):
        raise ReadError(f'{origin}: "stories" must be a list of objects, one per story')
    if len(listed) != stories:
        log.warning("%s describes %d stories, the file holds %d", origin, len(listed), stories)
    metas = [
        meta_from_mapping(item, origin).over(base)
        for item, base in zip(listed, bases, strict=False)
    ]
    return metas + bases[len(metas) :]
