"""The evidence of a fused movement: every report of it, newest first, and where they differ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape

from dashboard.view.filters import EventRef, event_date
from dashboard.view.fusion import Movement, label
from dashboard.view.panel import Names, _quote, date_text, event_title, story_meta_html

__all__ = ["REPORTS_PAGE", "movement_evidence_html", "disagreement_lines"]

# A page of reports is read from its stories when it is shown: ten come in well under a second
# even when each story carries a country of many islands (fifty took 1.3 s).
REPORTS_PAGE = 10


def _value(value: object) -> str:
    """A disagreeing value as text: dates as dates, counts with thousands separators."""
    if isinstance(value, dt.date):
        return date_text(value) or str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def disagreement_lines(movement: Movement) -> list[str]:
    """Plain-text lines saying where the reports disagree: "Counts: 2,000 / 3,000"."""
    titles = {"count": "Counts", "date": "Dates", "person": "Persons", "modality": "Modality"}
    return [f"{titles.get(key, key.capitalize())}: {' / '.join(_value(v) for v in values)}"
            for key, values in movement.disagreements.items()]


def movement_evidence_html(movement: Movement, by_id: Mapping[str, EventRef],
                           names: Names | None = None, page: int = 0,
                           size: int = REPORTS_PAGE) -> str:
    """Every report of a movement (newest first, ``size`` a page): its sentence in context,
    its story's title, date and source; and above them where the reports disagree."""
    refs = [by_id[e.id] for e in movement.events if e.id in by_id]
    pages = max(1, -(-len(refs) // size))
    page = min(max(page, 0), pages - 1)
    first, last = movement.first_date, movement.last_date
    span = date_text(first) if first == last else f"{date_text(first)} – {date_text(last)}"
    stories = f"{movement.stories} stor{'y' if movement.stories == 1 else 'ies'}"
    meta = f"{movement.reports} reports in {stories}" + (f" · {span}" if first else "")
    if movement.undated:
        meta += f" · {movement.undated} undated"
    parts = [f'<div class="tm-ev" data-selection="mv:{escape(movement.id, quote=True)}">',
             f"<h4>{escape(label(movement))}</h4>", f'<div class="tm-meta">{escape(meta)}</div>']
    lines = disagreement_lines(movement)
    if lines:
        parts.append('<div class="tm-disagree"><b>The reports disagree</b><ul>'
                     + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul></div>")
    if pages > 1:
        parts.append(f'<div class="tm-meta">Reports {page * size + 1:,}–'
                     f'{min(len(refs), (page + 1) * size):,} of {len(refs):,}</div>')
    for ref in refs[page * size:(page + 1) * size]:
        event = ref.event
        when = date_text(event_date(ref)) or "date not known"
        said = f" · {escape(event.date_text)}" if event.date_text else ""
        parts.append(
            f'<div class="tm-report" data-event="{escape(event.id, quote=True)}">'
            f'<div class="tm-meta">{escape(when)}{said} · {escape(event_title(event, names))}'
            f"</div>{_quote(ref.extraction, event.sentence, event)}"
            f"{story_meta_html(ref.extraction.article)}</div>")
    parts.append("</div>")
    return "".join(parts)
