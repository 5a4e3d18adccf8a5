"""The evidence panel and event cards as HTML strings; every piece of article text is escaped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html import escape
from urllib.parse import urlsplit

from dashboard.describe import route, with_modality
from dashboard.records import Article, Event, Extraction, Force, Sentence
from dashboard.view.filters import EventRef, PlaceTally, event_actor, event_date
from dashboard.view.fusion import Movement, label

__all__ = [
    "PANEL_CSS",
    "PLACE_QUOTES",
    "Names",
    "actor_name",
    "country_names",
    "date_text",
    "type_label",
    "count_label",
    "event_label",
    "event_title",
    "highlight_sentence",
    "evidence_html",
    "place_evidence_html",
    "event_card_html",
    "card_label",
    "card_caption",
    "markdown_text",
    "story_meta_html",
]

PANEL_CSS = """<style>
.tm-ev{font-size:.95rem;line-height:1.45}
.tm-ev mark{padding:0 .15em;border-radius:.2em}
.tm-report{border-top:1px solid #ddd;margin-top:.6em;padding-top:.4em}
.tm-disagree{background:#fff4e5;border-left:3px solid #e8a33d;padding:.2em .6em;margin:.4em 0}
.tm-part{font-size:.9em;margin:.2em 0 .4em}
.tm-disagree ul{margin:0;padding-left:1.2em}
.tm-ev mark.place{background:#cfe8ff}
.tm-ev mark.count{background:#ffe08a}
.tm-ev mark.unit{background:#ffd0b0}
.tm-ev .tm-ctx{color:#666}
.tm-ev .tm-meta{color:#555;font-size:.85rem}
.tm-ev blockquote{margin:.3em 0;padding:.2em .6em;border-left:3px solid #888}
.tm-card{border:1px solid #ddd;border-radius:.4em;padding:.35em .6em;margin:.2em 0;font-size:.88rem}
.tm-card b{font-weight:600}
</style>"""

# Actor code -> a reader's name ("FR" -> "France"), for the codes that have one.
Names = Mapping[str, str]

_TYPE_LABELS = {"arms_transfer": "Arms transfer", "diplomatic_visit": "Diplomatic visit"}


def type_label(event_type: str) -> str:
    """A reader's name for an event type ("arms_transfer" -> "Arms transfer")."""
    return _TYPE_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def count_label(force: Force | None) -> str | None:
    """The force's size as written for a label ("1,000", "several thousand"), or None."""
    if force is None:
        return None
    vague = force.count_text and force.count_min != force.count_max
    if force.count is not None and not vague:
        return f"{force.count:,}"
    return force.count_text  # "several thousand" must not read as "3,000"


def actor_name(code: str, names: Names | None = None) -> str:
    """An actor as a reader knows it: "France (FR)" when the code has a name, else the code."""
    name = (names or {}).get(code)
    return f"{name} ({code})" if name and name.casefold() != code.casefold() else code


def country_names(gazetteer, actors) -> dict[str, str]:
    """The names of the actor codes that are countries the gazetteer knows ("FR": "France");
    ``gazetteer`` is anything with ``country(code)`` returning a place or None."""
    found = {code: gazetteer.country(code) for code in actors if len(code) == 2}
    return {code: place.name for code, place in found.items() if place is not None}


def event_label(event: Event, names: Names | None = None) -> str:
    """A short plain-text label: "1,000 US · 2nd Cavalry", "2,000 US troops", "Macron (FR)";
    an actor alone is named beside its code ("France (FR)") when ``names`` knows it."""
    force, actor = event.force, event_actor(event)
    if event.person and force is None:
        return f"{event.person} ({actor})" if actor else event.person
    if force is None and actor:
        return actor_name(actor, names)
    head = " ".join(p for p in (count_label(force), actor) if p)
    if force is not None and force.unit:
        return f"{head} · {force.unit}" if head else force.unit
    what = (force.personnel or ", ".join(force.equipment)) if force is not None else ""
    return " ".join(p for p in (head, what or ("forces" if force else "")) if p).strip()


def event_title(event: Event, names: Names | None = None) -> str:
    """One plain-text line saying what the event is and where."""
    details = (event_label(event, names), route(event, verbs=False))
    parts = [type_label(event.type)] + [p for p in details if p]
    text = ": ".join(parts[:1] + [" · ".join(parts[1:])]) if len(parts) > 1 else parts[0]
    return with_modality(text, event)


Span = tuple[int, int, str, str]  # article start, end, highlight kind, the words expected


def _force_spans(force: Force) -> list[Span]:
    """Article offsets of a force's count and unit words, else of the whole force phrase."""
    spans = []
    for words, kind in ((force.count_text, "count"), (force.unit, "unit")):
        at = force.text.find(words) if words else -1
        if words and at >= 0:
            spans.append((force.start + at, force.start + at + len(words), kind, words))
    return spans or [(force.start, force.end, "count", force.text)]


def _spans(sentence: Sentence, extraction: Extraction, event: Event | None):
    """Non-overlapping (start, end, kind) article offsets to highlight inside the sentence."""
    found: list[Span] = []
    mentions = list(extraction.mentions)
    forces = list(extraction.forces)
    if event is not None:
        mentions += [m for m in (event.origin, event.destination, event.location) if m]
        forces += [event.force] if event.force is not None else []
    found += [(m.start, m.end, "place", m.text) for m in mentions if m.place is not None]
    for force in forces:
        found += _force_spans(force)
    inside = [s for s in found if sentence.start <= s[0] < s[1] <= sentence.end]
    kept: list[Span] = []
    for span in sorted(set(inside), key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def highlight_sentence(
    sentence: Sentence, extraction: Extraction, event: Event | None = None
) -> str:
    """The sentence as escaped HTML with place names, counts and units in ``<mark>``."""
    text = sentence.text
    pieces, at = [], 0
    for start, end, kind, words in _spans(sentence, extraction, event):
        lo, hi = start - sentence.start, end - sentence.start
        if text[lo:hi] != words:
            continue  # offsets that do not match the words are not shown as evidence
        pieces.append(escape(text[at:lo]))
        pieces.append(f'<mark class="{kind}">{escape(text[lo:hi])}</mark>')
        at = hi
    pieces.append(escape(text[at:]))
    return "".join(pieces)


PLACE_QUOTES = 20  # sentences a place's evidence quotes


def _safe_link(url: str | None) -> str:
    """An http(s) link as an anchor; any other scheme shown only as text."""
    if not url:
        return ""
    if urlsplit(url).scheme.lower() in ("http", "https"):
        href = escape(url, quote=True)
        return f' · <a href="{href}" target="_blank" rel="noopener noreferrer">link</a>'
    return f" · {escape(url)}"


def date_text(value: dt.date | None) -> str | None:
    """A date as a reader sees it everywhere in the app: "2 Feb 2022"."""
    return f"{value.day} {value:%b %Y}" if value is not None else None


def story_meta_html(article: Article) -> str:
    """Title, date and source of a story as one escaped block."""
    title = escape(article.title or article.path or "Untitled story")
    bits = [b for b in (date_text(article.date), article.source) if b]
    meta = escape(" · ".join(bits)) if bits else "the story gives no publication date or source"
    return f'<div><b>{title}</b><div class="tm-meta">{meta}{_safe_link(article.url)}</div></div>'


def _context(extraction: Extraction, sentence: Sentence) -> tuple[str, str]:
    """The escaped sentences just before and after one sentence."""
    by_index = {s.index: s for s in extraction.sentences}
    before, after = by_index.get(sentence.index - 1), by_index.get(sentence.index + 1)
    return (
        escape(before.text) if before is not None else "",
        escape(after.text) if after is not None else "",
    )


def _quote(extraction: Extraction, sentence: Sentence, event: Event | None) -> str:
    """The highlighted sentence between its neighbours."""
    before, after = _context(extraction, sentence)
    main = highlight_sentence(sentence, extraction, event)
    ctx_before = f'<span class="tm-ctx">{before}</span> ' if before else ""
    ctx_after = f' <span class="tm-ctx">{after}</span>' if after else ""
    return f"<blockquote>{ctx_before}<b>{main}</b>{ctx_after}</blockquote>"


def evidence_html(ref: EventRef, names: Names | None = None,
                  movement: Movement | None = None) -> str:
    """The evidence of one event: what it is, who acts, its sentence in context, its story;
    with ``movement``, the fused movement it is one report of, which the map draws for it
    (named in ``data-movement``, so that the map highlights that movement's arrow)."""
    event, extraction = ref.event, ref.extraction
    when = date_text(event_date(ref))
    date_note = f" · {escape(event.date_text)}" if event.date_text else ""
    actor = event_actor(event)
    who = f" · actor: {escape(actor_name(actor, names))}" if actor else ""
    part, mark = "", ""
    if movement is not None:
        mark = f' data-movement="mv:{escape(movement.id, quote=True)}"'
        part = (f'<div class="tm-part">On the map as one of the reports of '
                f"<b>{escape(label(movement))}</b></div>")
    return (
        f'<div class="tm-ev" data-selection="ev:{escape(event.id, quote=True)}"{mark}>'
        f"<h4>{escape(event_title(event, names))}</h4>"
        f'<div class="tm-meta">{escape(when or "date not known")}{date_note}{who}</div>'
        f"{part}"
        f"{_quote(extraction, event.sentence, event)}"
        f"{_places_elsewhere(event)}"
        f"{story_meta_html(extraction.article)}</div>"
    )


def _places_elsewhere(event: Event) -> str:
    """A note naming the places the event takes from other sentences of the story ("the
    first convoy departed" leaves where an earlier sentence put the troops), or ""."""
    sentence = event.sentence
    outside = [m for m in (event.origin, event.destination, event.location) if m is not None
               and not (sentence.start <= m.start and m.end <= sentence.end)]
    if not outside:
        return ""
    names = ", ".join(f'<mark class="place">{escape(m.text)}</mark>'
                      for m in dict.fromkeys(outside))
    return f'<div class="tm-meta">Place from another sentence of the story: {names}</div>'



def place_evidence_html(tally: PlaceTally, limit: int = PLACE_QUOTES) -> str:
    """Every sentence that mentions a place, with its story, up to ``limit``."""
    place = tally.place
    count = f"{tally.count} mention{'s' if tally.count != 1 else ''}"
    parts = [
        f'<div class="tm-ev" data-selection="pl:{escape(place.id, quote=True)}">',
        f"<h4>{escape(place.name)}</h4>",
        f'<div class="tm-meta">{escape(place.kind)} · {count}</div>',
    ]
    for mention, extraction in tally.mentions[:limit]:
        sentence = next((s for s in extraction.sentences if s.start <= mention.start < s.end), None)
        if sentence is None:
            continue
        parts.append(_quote(extraction, sentence, None))
        parts.append(story_meta_html(extraction.article))
    parts.append("</div>")
    return "".join(parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def markdown_text(text: str) -> str:
    """Text that Streamlit's Markdown shows literally: every special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def card_label(ref: EventRef, names: Names | None = None) -> str:
    """The bold first line of an event's card (Markdown, escaped)."""
    return f"**{markdown_text(event_title(ref.event, names))}**"


def card_caption(ref: EventRef, limit: int = 120) -> str:
    """The card's second line: date and the sentence's first words (Markdown, escaped)."""
    when = date_text(event_date(ref)) or "undated"
    words = " ".join(ref.event.sentence.text.split())
    snippet = words if len(words) <= limit else words[: limit - 3].rstrip() + "…"
    return markdown_text(f"{when} · {snippet}")


def event_card_html(ref: EventRef, names: Names | None = None) -> str:
    """A short card for the event list: title line, date and the sentence's first words."""
    event = ref.event
    when = date_text(event_date(ref)) or "undated"
    words = event.sentence.text
    snippet = words if len(words) <= 140 else words[:137].rstrip() + "…"
    return (
        f'<div class="tm-card"><b>{escape(event_title(event, names))}</b>'
        f'<div class="tm-meta">{escape(when)}</div>{escape(snippet)}</div>'
    )
