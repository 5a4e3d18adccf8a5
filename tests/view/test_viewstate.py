"""URL query parameters to and from the shareable view; malformed values give notices."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.records import MODALITIES
from dashboard.view.filters import SHOWN_MODALITIES, EventFilter
from dashboard.view.viewstate import (
    ViewState,
    parse_query,
    reported_view,
    share_link,
    to_query,
    widget_values,
)

FULL = ViewState(
    selection="ev:abc-1",
    filters=EventFilter(
        actors=("US", "NATO"),
        types=("deployment", "presence"),
        modalities=MODALITIES,
        stories=("s1", "s2"),
        date_from=dt.date(2022, 2, 1),
        date_to=dt.date(2022, 2, 28),
        place="Romania",
    ),
    center=(45.5, 25.25),
    zoom=6,
)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        FULL,
        ViewState(selection="pl:gn:703448"),
        ViewState(filters=EventFilter(modalities=("asserted", "negated"))),
        ViewState(center=(-33.9, 151.2), zoom=0),
    ],
)
def test_round_trip(state):
    parsed, notices = parse_query(to_query(state))
    assert notices == ()
    assert parsed == state


def test_defaults_are_left_out_of_links():
    assert to_query(ViewState()) == {}
    assert to_query(ViewState(filters=EventFilter(modalities=SHOWN_MODALITIES))) == {}


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ({"sel": "xx:1"}, "sel="),
        ({"sel": "ev:has space"}, "sel="),
        ({"type": "invasion"}, "type="),
        ({"mod": "maybe"}, "mod="),
        ({"actor": "<script>"}, "actor="),
        ({"from": "yesterday"}, "from="),
        ({"to": "2022-02-30"}, "to="),
        ({"lat": "91", "lon": "0"}, "centre"),
        ({"lat": "45"}, "centre"),
        ({"lat": "abc", "lon": "1"}, "centre"),
        ({"z": "-1"}, "z="),
        ({"z": "19"}, "z="),
        ({"z": "4.5"}, "z="),
    ],
)
def test_malformed_parameter_is_dropped_with_a_notice(query, word):
    state, notices = parse_query({**query, "story": "s9"})
    assert len(notices) == 1 and word in notices[0]
    assert state.filters.stories == ("s9",)  # the rest of the link still applies


def test_partly_valid_lists_keep_the_good_values():
    state, notices = parse_query({"type": "presence,bogus,deployment", "mod": "negated,nope"})
    assert state.filters.types == ("presence", "deployment")
    assert state.filters.modalities == ("negated",)
    assert len(notices) == 2


def test_repeated_parameter_takes_the_last_value():
    state, _ = parse_query({"z": ["3", "7"]})
    assert state.zoom == 7


def test_mod_all_shows_every_modality():
    state, _ = parse_query({"mod": "all"})
    assert state.filters.modalities == MODALITIES


def test_share_link_replaces_the_query_and_keeps_the_address():
    link = share_link("https://maps.example.org/app/?old=1#top", FULL)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == (
        "https",
        "maps.example.org",
        "/app/",
        "",
    )
    query = parse_qs(parts.query)
    assert query["sel"] == ["ev:abc-1"] and query["actor"] == ["US,NATO"] and "old" not in query
    assert parse_query(query)[0] == FULL


def test_widget_values_hold_a_links_view_as_the_widgets_do():
    flt = EventFilter(actors=("US",), date_from=dt.date(2022, 2, 3), modalities=MODALITIES)
    values = widget_values(ViewState("ev:e1", flt, (50.0, 30.0), 6))
    assert values["f_actor"] == ["US"] and values["f_from"] == "2022-02-03"
    assert values["f_to"] == "" and values["f_hidden"] is True
    assert values["tm_target"] == ((50.0, 30.0), 6) and values["tm_keep_view"] is True
    plain = widget_values(ViewState())
    assert plain["tm_target"] is None and plain["tm_keep_view"] is False


def test_reported_view():
    assert reported_view({"center": {"lat": 50.0, "lng": 30.0}, "zoom": 6.0}) == ((50.0, 30.0), 6)
    assert reported_view({"center": None, "zoom": 6}) is None
    assert reported_view(None) is None
