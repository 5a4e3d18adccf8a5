"""Widget logic of the Streamlit app, run headless with ``streamlit.testing.v1.AppTest``."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from app_records import sample
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

SHAPES = {"EE": box(21.8, 57.5, 28.2, 59.7), "FR": box(-5, 42, 8, 51)}
APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"


@dataclass
class Summary:
    """What ``Store.add_articles`` reports."""

    added: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: tuple = ()


class FakeStore:
    """An in-memory stand-in for ``dashboard.store.Store`` holding hand-built extractions."""

    def __init__(self) -> None:
        self.items = sample()
        self.added: list = []

    def extractions(self):
        return list(self.items)

    def add_articles(self, articles, **_):
        for article in articles:
            self.added.append(article)
            self.items.append(replace(self.items[0], article=article, events=()))
        return Summary(added=len(articles))


@pytest.fixture
def fake_store(monkeypatch):
    """Route the app's store to a FakeStore; clear Streamlit's caches around the test."""
    import streamlit as st

    fake = FakeStore()
    monkeypatch.setattr("dashboard.store.open_store", lambda path=None, **_: fake)
    gazetteer = types.ModuleType("geodata.gazetteer")
    gazetteer.load_gazetteer = lambda: types.SimpleNamespace(countries=lambda: ["EE", "FR"])
    monkeypatch.setitem(sys.modules, "geodata.gazetteer", gazetteer)
    geometry = types.ModuleType("geodata.geometry")
    geometry.country_shape = SHAPES.get
    monkeypatch.setitem(sys.modules, "geodata.geometry", geometry)
    st.cache_resource.clear()
    yield fake
    st.cache_resource.clear()


def run(query: dict[str, str] | None = None) -> AppTest:
    """Run the app once, optionally with URL query parameters."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()  # a new page gets the map alone ...
    return at.run()  # ... and everything else on the rerun that follows


def cards(at: AppTest) -> list[str]:
    """The event cards shown in the panel, as ``card-<event id>``."""
    if not at.radio(key="tm_pick").options:
        return []
    return [f"card-{ident}" for ident in at.session_state["tm_cards"]]


def test_a_new_page_gets_the_map_first_and_the_rest_next(fake_store):
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert len(at.get("component_instance")) == 1 and not at.sidebar.multiselect
    at.run()
    assert at.sidebar.multiselect and cards(at)


def test_opens_with_every_shown_event_as_a_card(fake_store):
    at = run()
    assert not at.exception
    assert cards(at) == ["card-e1", "card-e2", "card-e4"]  # e3 is negated: hidden


def test_hidden_modalities_are_one_switch_away(fake_store):
    at = run()
    at.toggle(key="f_hidden").set_value(True).run()
    assert "card-e3" in cards(at)
    assert at.query_params["mod"] == "all"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("f_actor", ["US"], ["card-e2"]),
        ("f_type", ["diplomatic_visit"], ["card-e4"]),
        ("f_story", ["a2"], ["card-e4"]),
    ],
)
def test_multiselect_filters(fake_store, key, value, expected):
    at = run()
    at.multiselect(key=key).set_value(value).run()
    assert cards(at) == expected


def test_place_search_filters_and_offers_the_place(fake_store):
    at = run()
    at.text_input(key="f_place").input("oslo").run()
    assert cards(at) == ["card-e4"]
    assert "find-t:oslo" in [b.key for b in at.sidebar.button]
    at.button(key="find-t:oslo").click().run()
    assert at.query_params["sel"] == "pl:t:oslo"


def test_card_click_selects_and_shows_evidence(fake_store):
    at = run()
    at.radio(key="tm_pick").set_value("e1").run()
    assert at.query_params["sel"] == "ev:e1"
    html = " ".join(el.proto.body for el in at.get("html"))
    assert '<mark class="place">Tallinn</mark>' in html
    assert "Troops reach Tallinn" in html


def test_shared_link_restores_selection_and_filters(fake_store):
    at = run({"sel": "ev:e4", "type": "diplomatic_visit,deployment", "z": "6"})
    assert not at.warning
    assert at.multiselect(key="f_type").value == ["diplomatic_visit", "deployment"]
    html = " ".join(el.proto.body for el in at.get("html"))
    assert 'data-selection="ev:e4"' in html


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"z": "banana"}, "z="),
        ({"from": "2023-13-45"}, "from="),
        ({"type": "invasion"}, "type="),
        ({"actor": "ZZ"}, "ZZ"),
        ({"lat": "95", "lon": "10"}, "centre"),
    ],
)
def test_malformed_parameter_is_ignored_with_a_notice(fake_store, query, notice):
    at = run({**query, "sel": "ev:e1"})
    assert not at.exception
    assert any(notice in w.value for w in at.warning)
    html = " ".join(el.proto.body for el in at.get("html"))
    assert 'data-selection="ev:e1"' in html  # the rest of the link still applies


def test_hostile_story_is_text_in_the_panel(fake_store):
    at = run({"sel": "ev:e4"})
    html = " ".join(el.proto.body for el in at.get("html"))
    assert "<script>" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
    assert "&lt;script&gt;" in html


def test_paste_adds_a_story(fake_store):
    at = run()
    at.text_area(key="up_text").input("Troops moved to Riga on Monday. More followed.").run()
    at.text_input(key="up_title").input("Riga story").run()
    at.button(key="up_add").click().run()
    assert not at.exception
    assert [a.title for a in fake_store.added] == ["Riga story"]
    assert any("Added 1" in s.value for s in at.success)
    assert len(at.multiselect(key="f_story").options) == 3


def test_cards_show_hostile_text_as_escaped_markdown(fake_store):
    at = run()
    labels = at.radio(key="tm_pick").options
    hostile = [label for label in labels if "pwned" in label]
    assert hostile and all("\\<script\\>" in label for label in hostile)
    assert not any("<script>" in label for label in labels)


def test_a_card_can_be_picked_again_after_going_back(fake_store):
    at = run()
    at.radio(key="tm_pick").set_value("e2").run()
    at.button(key="tm_clear").click().run()
    assert at.query_params.get("sel") is None
    at.radio(key="tm_pick").set_value("e2").run()
    assert at.query_params["sel"] == "ev:e2"
