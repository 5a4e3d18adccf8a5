"""Plain text out of Markdown and saved HTML pages, keeping what marks headlines."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura

from dashboard.ingest.decode import ReadError, normalise_text
from dashboard.ingest.meta import StoryMeta, meta_from_mapping

__all__ = ["Markdown", "markdown_to_text", "html_to_text"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Markdown:
    """Markdown turned to plain text, with the lines that were top headlines or kept blocks."""

    text: str
    headlines: frozenset[int]
    keep: frozenset[int]


# The line patterns are possessive so that no line, however long, makes them backtrack;
# comments, ATX headings and wire-style dash headings are found with string operations.
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SETEXT = re.compile(r"\s{0,3}+(=++|-++)\s*+$")
_RULE = re.compile(r"\s{0,3}+(?:(?:\*\s*+){3,}+|(?:-\s*+){3,}+|(?:_\s*+){3,}+)$")
_REFERENCE = re.compile(r"\s{0,3}+\[[^\]]++\]:\s*+\S")
_LIST = re.compile(r"\s*+(?:[-*+]\s++|(\d++[.)])\s++)(.*)$")
_DASHES = "-–—"
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_TABLE_RULE = re.compile(
    r"\s*+\|?+\s*+:?+-{3,}+:?+\s*+(?:\|\s*+:?+-{3,}+:?+\s*+)*+\|?+\s*+$"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
# Spans are bounded, and stop at the next marker of their kind, so that a line full of
# stray markers ("**a **a **a", "<http:<http:") costs a few steps per marker, not hundreds.
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\[\]]{0,300}\](?:\([^()\[\]]{0,2000}\)|\[[^\[\]]{0,300}\])"), ""),
    (re.compile(r"\[([^\[\]]{1,300})\]\([^()\[\]]{0,2000}\)"), r"\1"),
    (re.compile(r"\[([^\[\]]{1,300})\]\[[^\[\]]{0,300}\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>"), r"\1"),
    (re.compile(r"`([^`]{1,300})`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).){1,300}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]{1,300}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]{1,300}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~((?:(?!~~).){1,300}?)~~"), r"\1"),
    (re.compile(r"[ \t]{2,}"), " "),
)


def _without_comments(text: str) -> str:
    """``text`` without HTML comments; an unclosed "<!--" is kept as text, so that a stray
    one never hides the rest of a story."""
    parts, start = [], 0
    while (opening := text.find("<!--", start)) >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break
        parts.append(text[start:opening])
        start = closing + 3
    parts.append(text[start:])
    return "".join(parts)


def _atx(line: str) -> tuple[int, str] | None:
    """The level and text of an ATX heading ("## Text ##"), or None."""
    body = line.lstrip()
    if len(line) - len(body) > 3 or not body.startswith("#"):
        return None
    rest = body.lstrip("#")
    level = len(body) - len(rest)
    if level > 6:  # seven or more marks: a heading only when nothing follows them
        return (6, "") if not rest.strip() else None
    if rest and not rest[0].isspace():
        return None
    return level, rest.strip().rstrip("#").rstrip()


def _dash_heading(line: str) -> bool:
    """True for a wire-style section heading between dashes: "- Diplomatic efforts -"."""
    text = line.strip()
    return (
        len(text) >= 5
        and text[0] in _DASHES
        and text[-1] in _DASHES
        and text[1].isspace()
        and text[-2].isspace()
        and bool(text[2:-2].strip())
    )


def _inline(text: str) -> str:
    """Drop inline Markdown: links keep their text, images and emphasis markers go."""
    escaped: list[str] = []

    def hold(match: re.Match[str]) -> str:
        escaped.append(match[1])
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _ESCAPE.sub(hold, text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m[1])], text)
    return text.strip()


class _Builder:
    """Collects output blocks (one line each) and the roles Markdown gave them."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.headlines: set[int] = set()
        self.keep: set[int] = set()
        self.paragraph: list[str] = []

    def flush(self) -> None:
        if self.paragraph:
            self.add(" ".join(self.paragraph))
            self.paragraph = []

    def add(self, raw: str, role: str = "") -> None:
        text = _inline(raw)
        if not text:
            return
        if role == "headline":
            self.headlines.add(len(self.blocks))
        elif role == "keep":
            self.keep.add(len(self.blocks))
        self.blocks.append(text)

    def result(self) -> Markdown:
        self.flush()
        # Blocks are separated by a blank line, so block k is line 2k of the text.
        return Markdown(
            "\n\n".join(self.blocks),
            frozenset(2 * k for k in self.headlines),
            frozenset(2 * k for k in self.keep),
        )


def _structural(line: str, out: _Builder) -> bool:
    """Handle a line that is not paragraph text; False if it is paragraph text."""
    if not line.strip():
        out.flush()
        return True
    setext = _SETEXT.match(line)
    if setext and out.paragraph:
        heading = " ".join(out.paragraph)
        out.paragraph = []
        out.add(heading, "headline" if setext[1].startswith("=") else "keep")
        return True
    if _RULE.match(line) or _REFERENCE.match(line) or _TABLE_RULE.match(line):
        out.flush()
        return True
    atx = _atx(line)
    if atx:
        out.flush()
        out.add(atx[1], "headline" if atx[0] == 1 else "keep")
        return True
    if _dash_heading(line):
        out.flush()
        out.add(line.strip(), "keep")
        return True
    item = _LIST.match(line)
    if item:
        out.flush()
        out.add(f"{item[1]} {item[2]}" if item[1] else item[2], "keep")
        return True
    if line.lstrip().startswith("|"):
        out.flush()
        out.add(" | ".join(c.strip() for c in line.strip().strip("|").split("|")), "keep")
        return True
    return False


def markdown_to_text(source: str) -> Markdown:
    """Turn Markdown into clean plain text: one line per paragraph, heading or list item."""
    out = _Builder()
    fenced = False
    for raw in _without_comments(normalise_text(source)).split("\n"):
        if _FENCE.match(raw):
            out.flush()
            fenced = not fenced
            continue
        if fenced:
            out.add(raw, "keep")
            continue
        line = _QUOTE.sub("", raw)
        if not _structural(line, out):
            out.paragraph.append(line.strip().rstrip("\\").strip())
    return out.result()


# Picking the article out of a page costs trafilatura about 0.1 ms per element; a page with
# more tags than this (a real news page has a few thousand) is read as its whole text, in a
# second or two, rather than holding the app for a minute.
MAX_HTML_TAGS = 20_000


def _extract(html: str, name: str, notes: list[str] | None) -> tuple[str, dict[str, object]]:
    """Main text and metadata of a page; favours recall when precision finds nothing."""
    if "<html" not in html[:2048].lower():
        # trafilatura refuses fragments without a root element; give them one.
        html = f"<html><body>{html}</body></html>"
    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        message = (
            f"{name}: the page has {tags:,} tags, more than the {MAX_HTML_TAGS:,} read "
            "closely; its whole text was read, menus and all, without its metadata"
        )
        log.warning("%s", message)
        if notes is not None:
            notes.append(message)
        return trafilatura.html2txt(html) or "", {}
    for favor_recall in (False, True):
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_recall=favor_recall
        )
        if document is None:
            continue
        fields = document if isinstance(document, dict) else document.as_dict()
        text = fields.get("text") or ""
        if text.strip():
            return text, fields
    # Very short or broken pages: trafilatura's own whole-page text, without metadata.
    return trafilatura.html2txt(html) or "", {}


def html_to_text(
    html: str, name: str, notes: list[str] | None = None
) -> tuple[str, StoryMeta]:
    """Extract a saved page's article text and its title, date, source and url."""
    try:
        text, fields = _extract(html, name, notes)
    except Exception as error:  # trafilatura/lxml can fail on pathological markup
        log.warning("%s: HTML extraction failed: %s", name, error)
        raise ReadError(f"{name}: could not read this HTML page ({error})") from error
    text = normalise_text(text).strip()
    meta = meta_from_mapping(
        {
            "title": fields.get("title"),
            "date": fields.get("date"),
            "source": fields.get("sitename"),
            "url": fields.get("url"),
        },
        name,
    )
    if meta.title and text.split("\n", 1)[0].strip() == meta.title:
        # The page headline heads the extracted text; it is the title, not body text.
        text = text.split("\n", 1)[1].strip() if "\n" in text else text
    if not any(ch.isalnum() for ch in text):
        raise ReadError(f"{name}: no article text found in this HTML page")
    return text, meta
