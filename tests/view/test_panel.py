"""The evidence panel and event cards: labels, highlights, context and escaping."""

from __future__ import annotations

import dataclasses
import re
from html import escape

import pytest
from app_records import HOSTILE, sample, story_hostile, story_one

from dashboard.records import Article, Event, Force, Sentence
from dashboard.view.filters import EventRef, tally_places
from dashboard.view.panel import (
    count_label,
    event_card_html,
    event_label,
    event_title,
    evidence_html,
    highlight_sentence,
    place_evidence_html,
    story_meta_html,
    type_label,
)

SENT = Sentence("a", 0, 0, 5, "Hello")


def event(force: Force | None = None, **values) -> Event:
    """A bare event for label tests."""
    return Event(
        "x", "a", values.pop("type", "deployment"), "asserted", SENT, force=force, **values
    )


@pytest.mark.parametrize(
    ("ev", "label"),
    [
        (event(Force(0, 1, "x", count=1000, unit="2nd Cavalry Regiment"), actor="US"),
         "1,000 US · 2nd Cavalry Regiment"),
        (event(Force(0, 1, "x", count=2000, personnel="troops"), actor="US"), "2,000 US troops"),
        (event(Force(0, 1, "x", count_text="several thousand", personnel="troops", actor="US")),
         "several thousand US troops"),
        (event(Force(0, 1, "x", equipment=("drones",)), actor="TR"), "TR drones"),
        (event(Force(0, 1, "x", unit="82nd Airborne Division")), "82nd Airborne Division"),
        (event(Force(0, 1, "x"), actor="RU"), "RU forces"),
        (event(actor="RU"), "RU"),
        (event(type="diplomatic_visit", person="Olaf Scholz", actor="DE"), "Olaf Scholz (DE)"),
        (event(type="diplomatic_visit", person="Olaf Scholz"), "Olaf Scholz"),
    ],
)  # fmt: skip
def test_event_label(ev, label):
    assert event_label(ev) == label


@pytest.mark.parametrize(
    ("kind", "label"),
    [("deployment", "Deployment"), ("arms_transfer", "Arms transfer"),
     ("diplomatic_visit", "Diplomatic visit"), ("some_new_kind", "Some new kind")],
)  # fmt: skip
def test_type_label(kind, label):
    assert type_label(kind) == label


def test_event_title_names_the_route_and_modality():
    one = story_one()
    assert (
        event_title(
            one.events[0].__class__(
                **{f.name: getattr(one.events[0], f.name) for f in dataclasses.fields(Event)}
            )
        )
        == "Deployment: 1,200 FR · 7th Alpine Brigade · Paris → Tallinn"
    )
    assert event_title(one.events[2]) == "Deployment: FR · → Oslo (negated)"
    assert event_title(one.events[1]) == "Presence: 5,000 US troops · Latvia"


def test_highlight_marks_places_counts_and_units():
    one = story_one()
    html = highlight_sentence(one.events[0].sentence, one, one.events[0])
    assert re.findall(r'<mark class="(\w+)">([^<]+)</mark>', html) == [
        ("count", "1,200"),
        ("unit", "7th Alpine Brigade"),
        ("place", "Paris"),
        ("place", "Tallinn"),
    ]
    assert re.sub(r"<[^>]+>", "", html) == one.events[0].sentence.text


def test_highlight_skips_spans_whose_offsets_do_not_match_the_words():
    one = story_one()
    moved = dataclasses.replace(one.mentions[0], start=1, end=6)  # "ranc" is not "Paris"
    html = highlight_sentence(one.sentences[0], dataclasses.replace(one, mentions=(moved,)))
    assert "<mark" in html  # the force still shows
    assert 'class="place"' not in html


def test_evidence_shows_sentence_context_and_story():
    one = story_one()
    html = evidence_html(EventRef(one.events[0], one))
    assert "Officials in Tallinn welcomed them." in html  # the next sentence, for context
    assert "Troops reach Tallinn" in html and "8 May 2023 · Wire" in html
    assert 'data-selection="ev:e1"' in html


def test_evidence_of_a_hostile_story_is_inert_text():
    hostile = story_hostile()
    html = evidence_html(EventRef(hostile.events[0], hostile))
    assert "<script" not in html and "<img" not in html and "<b>x" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "href" not in html  # a javascript: address is shown, never linked
    assert "javascript:window.__pwned=1" in html


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://news.example.org/a?b=1&c=2", True), ("http://x.example", True),
     ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,hi", False),
     ("//evil.example/x", False)],
)  # fmt: skip
def test_only_web_addresses_become_links(url, linked):
    html = story_meta_html(Article("a", "t", url=url))
    assert ("<a href" in html) is linked
    if linked:
        assert 'rel="noopener noreferrer"' in html and f'href="{escape(url, quote=True)}"' in html


def test_story_without_metadata_says_so():
    html = story_meta_html(Article("a", "text"))
    assert "Untitled story" in html and "no publication date or source" in html


def test_place_evidence_lists_each_mentioning_sentence():
    tallinn = next(t for t in tally_places(sample()) if t.place.name == "Tallinn")
    html = place_evidence_html(tallinn)
    assert html.count("<blockquote>") == 3 and "3 mentions" in html
    assert HOSTILE not in html and "&lt;script&gt;" in html


def test_card_is_short_and_escaped():
    hostile = story_hostile()
    long_sentence = dataclasses.replace(hostile.events[0].sentence, text="word " * 100)
    ev = dataclasses.replace(hostile.events[0], sentence=long_sentence)
    html = event_card_html(EventRef(ev, hostile))
    assert "…" in html and len(html) < 900
    assert "<script" not in html and "12 May 2023" in html


@pytest.mark.parametrize(
    ("count", "text", "low", "high", "expected"),
    [
        (1000, "1,000", 1000, 1000, "1,000"),
        (3000, "several thousand", 2000, 9000, "several thousand"),
        (30000, "up to 30,000", None, 30000, "up to 30,000"),
        (None, "hundreds", None, None, "hundreds"),
    ],
)
def test_count_label_keeps_vague_counts_vague(count, text, low, high, expected) -> None:
    """A label says "several thousand" as the story does, never a made-up exact figure."""
    force = Force(0, 1, "x", count=count, count_text=text, count_min=low, count_max=high)
    assert count_label(force) == expected


def test_evidence_names_a_place_taken_from_another_sentence():
    """A withdrawal whose sentence names no place says where its place comes from."""
    import datetime as dt

    from dashboard.extract import extract_article
    from geodata import load_gazetteer

    story = extract_article(Article(
        "k", "About 1,500 Italian soldiers are stationed in Kosovo. Rome said on Monday that "
        "the first convoy of Italian soldiers had departed.", date=dt.date(2024, 3, 1)),
        load_gazetteer())
    left = next(e for e in story.events if e.type == "withdrawal")
    html = evidence_html(EventRef(left, story))
    assert 'Place from another sentence of the story: <mark class="place">Kosovo</mark>' in html
    stayed = next(e for e in story.events if e.type == "presence")
    assert "another sentence" not in evidence_html(EventRef(stayed, story))
