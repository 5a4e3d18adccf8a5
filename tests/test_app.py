"""Widget logic of the Streamlit app, run headless with ``streamlit.testing.v1.AppTest``."""

from __future__ import annotations

import datetime as dt
import re
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

    def extractions(self, ids=None):
        return [ex for ex in self.items if ids is None or ex.article.id in ids]

    def view_extractions(self):
        """Light records, as the store gives them: no text, only what the map reads."""
        return [replace(ex, article=replace(ex.article, text=""), actors=(), forces=(),
                        sentences=tuple({e.sentence: None for e in ex.events}),
                        mentions=tuple(m for m in ex.mentions
                                       if m.role == "place" and m.place is not None))
                for ex in self.items]

    def add_articles(self, articles, **_):
        known = {ex.article.id for ex in self.items}
        new = [a for a in articles if a.id not in known]
        for article in new:
            self.added.append(article)
            self.items.append(replace(self.items[0], article=article, events=()))
        return Summary(added=len(new), unchanged=len(articles) - len(new))


@pytest.fixture
def fake_store(monkeypatch):
    """Route the app's store to a FakeStore; clear Streamlit's caches around the test."""
    import streamlit as st

    fake = FakeStore()
    monkeypatch.setattr("dashboard.store.open_store", lambda path=None, **_: fake)
    gazetteer = types.ModuleType("geodata.gazetteer")
    countries = {"EE": "Estonia", "FR": "France", "US": "United States", "NO": "Norway"}
    gazetteer.load_gazetteer = lambda: types.SimpleNamespace(
        countries=lambda: ["EE", "FR"],
        country=lambda cc: types.SimpleNamespace(name=countries[cc]) if cc in countries else None,
    )
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
    if not at.get("radio") or not at.radio(key="tm_pick").options:
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
    # The map's records are light; the panel quotes the whole story, with the sentence after
    # the event's, which the light record does not hold.
    assert "Officials in Tallinn welcomed them." in html


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


def map_args(at: AppTest) -> dict:
    """The arguments the app gave the map component in its last run."""
    import json

    return json.loads(at.get("component_instance")[0].proto.json_args)


def shown(at: AppTest) -> list[str]:
    """The text of every message on the page (sidebar included), Markdown escapes undone."""
    kinds = ("success", "info", "warning", "error")
    return [re.sub(r"\\(.)", r"\1", m.value) for kind in kinds for m in getattr(at, kind)]


def add_story(at: AppTest, text: str) -> AppTest:
    """Paste a story and press Add."""
    at.text_area(key="up_text").input(text).run()
    return at.button(key="up_add").click().run()


def test_a_filter_change_keeps_the_map_and_replaces_its_layers(fake_store):
    """The base map the component is keyed on stays, so the map is not sent again (no blank);
    the layers and the bounds to fit change."""
    at = run()
    before = map_args(at)
    at.multiselect(key="f_actor").set_value(["US"]).run()
    after = map_args(at)
    assert after["script"] == before["script"] and after["key"] == before["key"]
    assert after["feature_group"] != before["feature_group"]
    assert "window.tmFit(" in after["feature_group"]


def test_messages_stay_until_the_next_action(fake_store):
    at = add_story(run(), "Troops moved to Riga on Monday. More followed.")
    assert any("Added 1 story" in m for m in shown(at))
    at.run()  # a rerun that no reader caused (the map reporting its view) keeps the message
    assert any("Added 1 story" in m for m in shown(at))
    at.multiselect(key="f_type").set_value(["deployment"]).run()
    assert not any("Added" in m for m in shown(at))


def test_add_empties_the_boxes_and_says_why_nothing_was_added(fake_store):
    story = "Troops moved to Riga on Monday. More followed."
    at = add_story(run(), story)
    assert at.text_area(key="up_text").value == ""
    assert at.session_state["up_round"] == 1  # a fresh file uploader: its files are gone
    at = add_story(at, story)
    assert any("Added 0 stories: it is already in the store" in m for m in shown(at)), shown(at)
    at.button(key="up_add").click().run()
    assert any("choose files or paste a story first" in m for m in shown(at))


def test_a_link_notice_stays_and_its_text_is_not_markdown(fake_store):
    at = run({"actor": "[Session expired](https://x)", "sel": "ev:e1"})
    notices = [w.value for w in at.warning]
    assert notices and all("](" not in n for n in notices)
    assert any("\\[Session expired\\]" in n for n in notices)
    at.run()
    assert [w.value for w in at.warning] == notices
    at.toggle(key="f_hidden").set_value(True).run()
    assert not at.warning


def test_dates_apply_clear_and_explain_an_empty_range(fake_store):
    at = run()
    at.text_input(key="f_from").input("2023-05-10").run()
    assert cards(at) == ["card-e4"]
    at.text_input(key="f_to").input("2023-05-09").run()
    assert not cards(at)
    assert any("is after To" in w.value for w in at.sidebar.warning)
    assert any("From (2023-05-10) is after To" in m for m in shown(at))
    at.button(key="f_clear_dates").click().run()
    assert at.text_input(key="f_from").value == "" and len(cards(at)) == 3
    at.text_input(key="f_from").input("2023-13-45").run()
    assert any("is not a date" in w.value for w in at.sidebar.warning) and len(cards(at)) == 3
    at.text_input(key="f_from").input("1 Jan 2030").run()
    assert any("the events run from 8 May 2023 to 12 May 2023" in m for m in shown(at))


def test_actors_are_named_beside_their_codes(fake_store):
    at = run()
    assert "France (FR)" in at.multiselect(key="f_actor").options
    visit = [label for label in at.radio(key="tm_pick").options if "Diplomatic" in label]
    assert visit and "\\(NO\\)" in visit[0]  # a person is named with their country's code
    at.radio(key="tm_pick").set_value("e2").run()
    html = " ".join(el.proto.body for el in at.get("html"))
    assert "actor: United States (US)" in html


def test_dates_read_the_same_everywhere(fake_store):
    at = run()
    assert at.date_input(key="up_date").proto.format == "YYYY-MM-DD"
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Events run from 8 May 2023 to 12 May 2023" in captions


def test_the_size_limits_are_said_and_a_long_paste_is_refused(fake_store):
    from dashboard import ingest

    at = run()
    assert f"{ingest.MAX_PASTE_CHARS:,} characters" in at.text_area(key="up_text").help
    at = add_story(at, "Troops moved to Riga. " * (ingest.MAX_PASTE_CHARS // 22 + 1))
    messages = shown(at)
    assert any(m.startswith("Pasted text:") and f"{ingest.MAX_PASTE_CHARS:,}" in m
               for m in messages), messages
    assert any("Added 0 stories: nothing could be read" in m for m in messages)
    assert not fake_store.added


def test_template_syntax_in_a_story_does_not_stop_the_map(fake_store):
    """branca compiles map scripts as Jinja templates: story text must never reach one raw."""
    visit = fake_store.items[1]
    person = "{% broken {{ 7*7 }} run"
    fake_store.items[1] = replace(visit, events=(replace(visit.events[0], person=person),))
    at = run()
    assert not at.exception
    assert "49 run" not in map_args(at)["feature_group"]


def test_a_new_pages_later_runs_send_the_layers_of_its_first_map(fake_store):
    """The page's first run sends the map alone, the next the controls: that one sends the
    same layers (the outline basemap included), so the browser keeps the map it drew."""
    outline = "window.tmWhenTilesFail || []).push(show)"
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    first = map_args(at)["feature_group"]
    assert outline in first
    at.run()
    assert map_args(at)["feature_group"] == first


def test_a_long_event_list_is_paged_and_searchable(fake_store):
    copies = []
    for i in range(40):  # 3 shown events a story: 120 cards
        for ex in sample():
            article = replace(ex.article, id=f"{ex.article.id}-{i}",
                              title=f"{ex.article.title} #{i:02d}")
            events = tuple(replace(e, id=f"{e.id}-{i}") for e in ex.events)
            copies.append(replace(ex, article=article, events=events))
    fake_store.items = copies
    at = run()
    first = at.radio(key="tm_pick").options
    assert len(first) == 50 and "page 1 of 3" in at.radio(key="tm_pick").label
    at.button(key="tm_next").click().run()
    assert "page 2 of 3" in at.radio(key="tm_pick").label
    assert at.session_state["tm_page"] == 1
    at.text_input(key="tm_search").input("#07").run()
    picked = at.radio(key="tm_pick")
    assert "page" not in picked.label and len(picked.options) == 3
    picked.set_value(picked.options[0]).run()
    assert at.query_params["sel"].startswith("ev:")
    at.button(key="tm_clear").click().run()
    at.text_input(key="tm_search").input("no such words").run()
    assert any("No event" in m for m in shown(at))


def _retell(fake_store):
    """Add a second wire telling story one's deployment (e1); the movement of the two."""
    from dashboard.view import movements_of
    from dashboard.view.filters import all_events

    one = fake_store.items[0]
    e1 = next(e for e in one.events if e.id == "e1")
    article = replace(one.article, id="a9", title="Second wire on Tallinn", source="Other wire")
    fake_store.items.append(replace(one, article=article,
                                    events=(replace(e1, id="e1-again", article_id="a9"),)))
    fused = [m for m in movements_of(all_events(fake_store.items)) if m.reports == 2]
    assert len(fused) == 1
    return fused[0]


def test_a_fused_movement_is_one_object_and_its_panel_shows_every_report(fake_store):
    at = run({"sel": f"mv:{_retell(fake_store).id}"})
    assert not at.exception
    html = " ".join(el.proto.body for el in at.get("html"))
    assert html.count('class="tm-report"') == 2
    assert "Second wire on Tallinn" in html and "Troops reach Tallinn" in html
    assert "2 reports" in html


def test_a_movement_link_holds_when_a_date_filter_drops_its_first_report(fake_store):
    from dashboard.view import movements_of
    from dashboard.view.filters import all_events

    one = fake_store.items[0]
    e1 = next(e for e in one.events if e.id == "e1")
    for days in (2, 4):
        when = e1.date + dt.timedelta(days=days)
        article = replace(one.article, id=f"a{days}", title=f"Wire {days}", date=when)
        fake_store.items.append(replace(one, article=article, events=(
            replace(e1, id=f"e1+{days}", article_id=article.id, date=when),)))
    (fused,) = [m for m in movements_of(all_events(fake_store.items)) if m.reports == 3]
    later = (e1.date + dt.timedelta(days=1)).isoformat()
    at = run({"sel": f"mv:{fused.id}", "from": later})
    assert not at.exception
    assert not any("not among the events shown" in m for m in shown(at))
    html = " ".join(el.proto.body for el in at.get("html"))
    assert html.count('class="tm-report"') == 2 and "2 reports" in html
    assert at.query_params["sel"] == f"mv:{fused.id}"


def test_a_report_of_a_fused_movement_offers_the_movement(fake_store):
    fused = _retell(fake_store)
    at = run({"sel": "ev:e1-again"})
    html = " ".join(el.proto.body for el in at.get("html"))
    assert f'data-movement="mv:{fused.id}"' in html  # the map highlights the movement's arrow
    at.button(key="tm_part").click().run()
    assert at.query_params["sel"] == f"mv:{fused.id}"
    html = " ".join(el.proto.body for el in at.get("html"))
    assert html.count('class="tm-report"') == 2
