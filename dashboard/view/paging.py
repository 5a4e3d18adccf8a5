"""The event list in pages: a corpus of 17,000 events is never one 17,000-item list.

``event_page`` keeps the events whose card text (title, sentence, story title, date) holds
the search words, then cuts out one page of them. Linear in the events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.view.filters import EventRef, event_date
from dashboard.view.panel import Names, date_text, event_title

__all__ = ["PAGE_SIZE", "EventPage", "event_page", "page_note"]

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of the (searched) event list."""

    refs: tuple[EventRef, ...]  # the events on this page
    page: int  # 0-based, clamped to the pages there are
    pages: int  # at least 1
    matched: int  # events matching the search, on every page
    total: int  # events before the search
    size: int = PAGE_SIZE  # events a full page holds


def _card_text(ref: EventRef, names: Names | None) -> str:
    """What the search looks in: the card's title, the sentence, the story and the date."""
    article = ref.extraction.article
    return " ".join((event_title(ref.event, names), ref.event.sentence.text,
                     article.title or "", date_text(event_date(ref)) or "")).casefold()


def event_page(refs: Sequence[EventRef], query: str = "", page: int = 0,
               size: int = PAGE_SIZE, names: Names | None = None) -> EventPage:
    """The events matching every word of ``query`` (case ignored), page ``page`` of them."""
    words = query.casefold().split()
    kept = [r for r in refs if all(w in _card_text(r, names) for w in words)] if words \
        else list(refs)
    pages = max(1, -(-len(kept) // size))
    page = min(max(page, 0), pages - 1)
    return EventPage(tuple(kept[page * size:(page + 1) * size]), page, pages, len(kept),
                     len(refs), size)


def page_note(page: EventPage) -> str:
    """The list's heading: how many events, which of them are shown."""
    if not page.matched:
        return f"No event of {page.total:,} matches the search."
    found = (f"{page.matched:,} events" if page.matched == page.total
             else f"{page.matched:,} of {page.total:,} events match")
    if page.pages == 1:
        return f"{found}: pick one, or click it on the map"
    first = page.page * page.size + 1
    return (f"{found}: {first:,}–{first + len(page.refs) - 1:,} shown "
            f"(page {page.page + 1} of {page.pages}); pick one, or click it on the map")
