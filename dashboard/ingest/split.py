"""Find the stories in a text that may hold several, and the headline of each.

The rule, conservative because a wrong split is worse than a missed one:

- A *headline line* has 4 to 16 words, at most 120 characters, starts with a capital letter
  or a digit, has no final punctuation (``. , ; : ! ? …``, closing quotes or brackets), holds
  one phrase (no ". X" inside), and is not a label ("Photo: ...", "Reporting by ...").
- It starts a new story only *between paragraphs*: the line before it (or the start of the
  text) ends a paragraph with sentence punctuation, and the line after it (skipping a short
  byline or a date line) is body text that starts like a sentence. In hard-wrapped text, where
  lines break mid-sentence, the headline must also stand alone between blank lines.
- *Subheadings* are not new stories: dash-wrapped lines ("- Diplomatic efforts -"), lines
  under 4 words, questions (also "What comes next" without a question mark), and lines a
  format marks as such (Markdown "##" headings, list items). They stay in the story text.

A headline becomes the story's title and is not part of the story text. Story texts are
exact slices of the text given, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice, pairwise

from dashboard.ingest.meta import date_line

__all__ = ["Story", "split_stories", "is_headline_like", "is_subheading"]

_FINAL = tuple(".,;:!?…\"'”’»)]}*|—–-")
# Every pattern here reads a whole line of user text, so none may backtrack: possessive
# quantifiers, and the dash-wrapped test is done with string operations.
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*+\s*+$")
_WRAP_MARKS = frozenset("-–—=*#~_")
_SEPARATOR = re.compile(r"\s*+(?:[-–—=*#~_•·]\s*+){3,}+$")
_BULLET = re.compile(r"^\s*+(?:[-*+•>#|]|\d++[.)]\s)")
_INNER_SENTENCE = re.compile(r"[.!?]\s++[A-Z]")
_BYLINE = re.compile(r"^\s*(?:by|from|updated|published|posted)\b.{0,80}$", re.I)
_LABELS = re.compile(
    r"^\s*(?:photo|image|picture|caption|video|read more|related|see also|source|credit|"
    r"advertisement|copyright|all rights reserved|©|title|date|url|link)\b"
    r"|reporting by|editing by|writing by|additional reporting",
    re.I,
)
# Section headings are often questions without a question mark ("What comes next for NATO").
_QUESTION_WORD = re.compile(r"^(?:what|why|how|who|when|where|which)\b", re.I)
_MIN_WORDS, _MAX_WORDS, _MAX_CHARS = 4, 16, 120


def _dash_wrapped(line: str) -> bool:
    """True for a line wrapped in dashes or the like ("- Diplomatic efforts -", "== Notes ==")."""
    text = line.strip()
    return (
        len(text) >= 3
        and text[0] in _WRAP_MARKS
        and text[-1] in _WRAP_MARKS
        and not text[1:-1].isspace()
    )


@dataclass(frozen=True, slots=True)
class Story:
    """One story found in a text: its headline (if any) and the span of its body."""

    title: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Line:
    index: int
    start: int
    end: int
    text: str


def is_subheading(line: str) -> bool:
    """True for section headings inside a story: dash-wrapped, very short or a question."""
    text = line.strip()
    if not text or _SEPARATOR.match(text):
        return False
    if _dash_wrapped(text) or _QUESTION_WORD.match(text):
        return True
    words = text.split()
    return len(words) < _MIN_WORDS or (text.endswith("?") and len(words) <= _MAX_WORDS)


_QUOTED_END = re.compile(
    r"\s[\"\u201c'\u2018][^\"\u201d\u2019]{1,60}[^.,;:!?\s]([\"\u201d'\u2019])$")


def is_headline_like(line: str) -> bool:
    """True for a line that could be a story's headline (see the module docstring)."""
    text = line.strip()
    words = text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or len(text) > _MAX_CHARS:
        return False
    # A quotation that closes the line ("leave \"without delay\"") is no sentence end unless
    # a stop comes before its closing mark.
    quoted = _QUOTED_END.search(text)
    ending = text[: quoted.start(1)] if quoted else text
    if ending.endswith(_FINAL) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if _BULLET.match(text) or _INNER_SENTENCE.search(text) or _LABELS.search(text):
        return False
    if _dash_wrapped(text) or _QUESTION_WORD.match(text):
        return False
    worded = sum(1 for word in words if any(ch.isalpha() for ch in word))
    return worded * 2 > len(words)


def _starts_like_sentence(line: str) -> bool:
    """True when a line starts with a capital or a digit, after any opening quote or bracket."""
    text = line.strip().lstrip("\"'“‘«([")
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _is_body(line: str) -> bool:
    text = line.strip()
    if not text or _SEPARATOR.match(text) or _dash_wrapped(text):
        return False
    return bool(_SENTENCE_END.search(text)) or len(text.split()) >= 20


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(_Line(index, offset, offset + len(raw), raw))
        offset += len(raw) + 1
    return lines


def _hard_wrapped(lines: list[_Line]) -> bool:
    """True when lines break mid-sentence inside paragraphs (e-mail style wrapping)."""
    inner = ends = 0
    for line, after in pairwise(lines):
        text = line.text.strip()
        if text and after.text.strip() and not (is_headline_like(text) or is_subheading(text)):
            inner += 1
            ends += bool(_SENTENCE_END.search(text))
    return inner >= 2 and ends * 2 < inner


def _byline_or_date(line: str) -> bool:
    """True for a byline ("By Jane Doe") or a date line between a headline and its body."""
    if _is_body(line) and date_line(line) is None:
        return False
    return bool(_BYLINE.match(line)) or date_line(line) is not None


def _paragraph(lines: list[_Line], start: int) -> str:
    """The run of non-blank lines from line ``start``, joined by spaces."""
    parts = []
    for j in range(start, len(lines)):
        if not lines[j].text.strip():
            break
        parts.append(lines[j].text.strip())
    return " ".join(parts)


def _starts_story(lines: list[_Line], i: int, wrapped: bool) -> bool:
    """Whether the headline-like line ``i`` sits between the end and the start of stories."""
    before = next(
        (
            lines[j]
            for j in range(i - 1, -1, -1)
            if lines[j].text.strip() and not _SEPARATOR.match(lines[j].text)
        ),
        None,
    )
    if before is not None and not _is_body(before.text):
        return False
    standalone = (i == 0 or not lines[i - 1].text.strip()) and (
        i + 1 < len(lines) and not lines[i + 1].text.strip()
    )
    if wrapped and not standalone:
        return False
    following = list(
        islice((lines[j] for j in range(i + 1, len(lines)) if lines[j].text.strip()), 3)
    )
    while following and _byline_or_date(following[0].text):
        following = following[1:]
    if not following:
        return False
    first = following[0]
    # Under a headline that stands alone, the body is a paragraph that may be hard-wrapped.
    body = _paragraph(lines, first.index) if standalone else first.text
    return _is_body(body) and _starts_like_sentence(first.text)


def _heads(lines: list[_Line], headlines: frozenset[int], keep: frozenset[int]) -> list[int]:
    wrapped = _hard_wrapped(lines)
    heads = []
    for i, line in enumerate(lines):
        if i in headlines:
            heads.append(i)
        elif i not in keep and is_headline_like(line.text) and not is_subheading(line.text):
            if _starts_story(lines, i, wrapped):
                heads.append(i)
    return heads


def _body_span(lines: list[_Line]) -> tuple[int, int] | None:
    """The span from the first to the last line with content, separators trimmed."""
    content = [ln for ln in lines if ln.text.strip() and not _SEPARATOR.match(ln.text)]
    if not content:
        return None
    first, last = content[0], content[-1]
    start = first.start + len(first.text) - len(first.text.lstrip())
    return start, last.start + len(last.text.rstrip())


def split_stories(
    text: str,
    *,
    headlines: frozenset[int] = frozenset(),
    keep: frozenset[int] = frozenset(),
) -> list[Story]:
    """Split ``text`` into stories; ``headlines``/``keep`` are line numbers a format marked."""
    lines = _lines(text)
    heads = _heads(lines, headlines, keep)
    bounds = [0, *heads, len(lines)] if not heads or heads[0] != 0 else [*heads, len(lines)]
    stories: list[Story] = []
    pending_title: str | None = None
    head_set = set(heads)
    for begin, stop in pairwise(bounds):
        has_head = begin in head_set
        title = lines[begin].text.strip() if has_head else None
        span = _body_span(lines[begin + 1 if has_head else begin : stop])
        if span is None:
            # A headline with no text under it: keep it as the next story's title if that
            # story has none, so no headline is silently attached to the wrong text.
            pending_title = pending_title or title
            continue
        stories.append(Story(title or pending_title, span[0], span[1]))
        pending_title = None
    if not stories and pending_title is not None:
        line = lines[heads[-1]]
        stories.append(Story(None, *_trimmed(line)))
    return stories


def _trimmed(line: _Line) -> tuple[int, int]:
    lead = len(line.text) - len(line.text.lstrip())
    return line.start + lead, line.start + len(line.text.rstrip())
