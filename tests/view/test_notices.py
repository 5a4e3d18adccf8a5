"""What the app tells the reader: a reason for every zero, dates as typed, link notices."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from app_records import sample

from dashboard.view.filters import EventFilter, all_events, by_story, filter_options
from dashboard.view.notices import (
    AddResult,
    add_messages,
    add_result,
    date_problem,
    empty_reason,
    parse_day,
    unknown_values,
)
from dashboard.view.panel import actor_name, country_names, event_label, event_title

OPTIONS = filter_options(sample())


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (AddResult(read=1, added=1), [("success", "Added 1 story.")]),
        (AddResult(read=3, added=2, unchanged=1),
         [("success", "Added 2 stories; 1 story was already in the store.")]),
        (AddResult(read=1, unchanged=1),
         [("warning", "Added 0 stories: it is already in the store: adding the same story "
                      "again changes nothing.")]),
        (AddResult(read=2, unchanged=2),
         [("warning", "Added 0 stories: they are already in the store: adding the same "
                      "stories again changes nothing.")]),
        (AddResult(unreadable=1),
         [("warning", "Added 0 stories: nothing could be read (see the message above).")]),
        (AddResult(),
         [("warning", "Added 0 stories: choose files or paste a story first.")]),
        (AddResult(read=1, failed=1),
         [("warning", "Added 0 stories: no story could be extracted (see the messages above).")]),
        (AddResult(read=1, reextracted=1),
         [("success", "Added 1 story; 1 of them read again (their text had changed).")]),
    ],
)  # fmt: skip
def test_every_add_says_what_it_did_and_why_a_zero(result, expected):
    assert add_messages(result) == expected


def test_a_story_without_events_is_said_to_have_none():
    messages = add_messages(AddResult(read=1, added=1, eventless=1))
    assert messages[-1][0] == "info" and "No force movement" in messages[-1][1]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-02-03", dt.date(2022, 2, 3)),
        (" 2022/2/3 ", dt.date(2022, 2, 3)),
        ("2022.02.03", dt.date(2022, 2, 3)),
        ("3 Feb 2022", dt.date(2022, 2, 3)),  # as the app shows dates
        ("3 February, 2022", dt.date(2022, 2, 3)),
        ("", None),
        (None, None),
    ],
)
def test_parse_day(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["2022-13-01", "2022-02-30", "soon", "3 Smarch 2022", "22-2-3"])
def test_a_malformed_date_says_what_to_type(text):
    with pytest.raises(ValueError, match="write it like 2022-02-03"):
        parse_day(text)


def test_a_reversed_range_is_explained():
    assert date_problem(dt.date(2023, 5, 10), dt.date(2023, 5, 9)).startswith(
        "From (2023-05-10) is after To (2023-05-09)"
    )
    assert date_problem(dt.date(2023, 5, 9), dt.date(2023, 5, 10)) is None
    assert date_problem(None, dt.date(2023, 5, 10)) is None


@pytest.mark.parametrize(
    ("flt", "words"),
    [
        (EventFilter(date_from=dt.date(2023, 5, 10), date_to=dt.date(2023, 5, 9)), "is after To"),
        (EventFilter(date_from=dt.date(2030, 1, 1)),
         "the events run from 8 May 2023 to 12 May 2023. Clear the dates"),
        (EventFilter(date_to=dt.date(2001, 1, 1)), "No events in the dates chosen"),
        (EventFilter(place="Atlantis"), "matching “Atlantis”"),
        (EventFilter(actors=("US",), types=("deployment",)),
         "(actor US; type Deployment). Clear one"),
        (EventFilter(), "negated, hypothetical or demanded"),
    ],
)  # fmt: skip
def test_every_empty_map_gives_its_reason(flt, words):
    assert words in empty_reason(flt, OPTIONS, total=4)


def test_an_empty_store_says_to_add_articles():
    assert "Add articles" in empty_reason(EventFilter(), OPTIONS, total=0)


def test_names_beside_codes():
    names = {"FR": "France", "NATO": "NATO"}
    assert actor_name("FR", names) == "France (FR)"
    assert actor_name("NATO", names) == "NATO"  # a name that is its code is said once
    assert actor_name("XX", names) == "XX"
    move = sample()[0].events[2]  # France does not send troops to Oslo: no force
    assert event_title(move, names) == "Deployment: France (FR) · → Oslo (negated)"
    assert event_label(move) == "FR"


def test_add_result_counts_the_stories_without_events():
    from types import SimpleNamespace

    one, hostile = sample()
    summary = SimpleNamespace(added=2, reextracted=0, unchanged=0, failed=())
    empty = dataclasses.replace(hostile, events=())
    stored = {one.article.id: one, hostile.article.id: empty}
    result = add_result(2, 0, summary, stored, [one.article.id, hostile.article.id])
    assert result == AddResult(read=2, added=2, eventless=1)
    assert add_result(0, 1) == AddResult(unreadable=1)


def test_unknown_link_values_are_dropped_with_a_notice():
    kept, notices = unknown_values({"f_actor": ["US", "ZZ"], "f_type": []},
                                   {"f_actor": ["US"], "f_type": ["deployment"]})
    assert kept == {"f_actor": ["US"], "f_type": []}
    assert notices == ["Ignored ZZ from the link: not in the stories."]


def test_country_names_come_from_the_gazetteer():
    from types import SimpleNamespace

    gazetteer = SimpleNamespace(
        country=lambda cc: SimpleNamespace(name="France") if cc == "FR" else None)
    assert country_names(gazetteer, ["FR", "XX", "NATO"]) == {"FR": "France"}


def test_by_story_keeps_only_the_events_given():
    refs = [r for r in all_events(sample()) if r.event.id in ("e1", "e4")]
    stories = by_story(refs)
    assert [[e.id for e in ex.events] for ex in stories] == [["e1"], ["e4"]]
