"""The event list in pages, searched by its cards' text."""

from __future__ import annotations

from app_records import sample

from dashboard.view.filters import all_events
from dashboard.view.paging import event_page, page_note


def test_pages_cut_the_list_and_clamp_the_page():
    refs = all_events(sample()) * 40
    first = event_page(refs, size=50)
    assert len(first.refs) == 50 and first.pages == -(-len(refs) // 50)
    last = event_page(refs, page=999, size=50)
    assert last.page == last.pages - 1 and 0 < len(last.refs) <= 50
    assert "page 1 of" in page_note(first)


def test_search_keeps_matching_cards_only():
    refs = all_events(sample())
    hit = event_page(refs, "TALLINN")
    assert hit.matched and all("tallinn" in r.event.sentence.text.casefold() or
                               "tallinn" in (r.extraction.article.title or "").casefold()
                               for r in hit.refs)
    none = event_page(refs, "no such words here")
    assert none.matched == 0 and none.refs == () and "No event" in page_note(none)
    assert event_page(refs).matched == len(refs)
