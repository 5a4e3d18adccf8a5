"""Fused movements on the map and in the evidence panel."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from app_records import sample, story_one
from drawn_map import lines, tokens

from dashboard.view.filters import EventFilter, all_events, filter_events
from dashboard.view.fusion import fuse, movement_index, with_corpus_ids
from dashboard.view.layers import (
    build_map,
    drawn_movement_of,
    layer_name,
    movements_note,
    movements_of,
)
from dashboard.view.movement_panel import movement_evidence_html
from dashboard.view.panel import evidence_html


def _retold(count: int = 1200):
    """Story one, and a later wire retelling its deployment (e1) with the given count."""
    one = story_one()
    article = replace(one.article, id="a9", title="Second wire on Tallinn",
                      date=dt.date(2023, 5, 9), source="Other wire")
    e1 = next(e for e in one.events if e.id == "e1")
    again = replace(e1, id="e1-again", article_id="a9",
                    force=replace(e1.force, count=count, count_text=f"{count:,}"))
    other = replace(one, article=article, events=(again,))
    return [one, other]


def test_two_reports_of_one_deployment_are_one_object_labelled_with_both():
    refs = [r for r in all_events(_retold()) if r.event.id in ("e1", "e1-again")]
    (movement,) = movements_of(refs)
    html = build_map(refs, [], tiles=False).get_root().render()
    assert f"mv:{movement.id}" in html and "2 reports" in html
    assert "ev:e1 " not in html and "ev:e1-again" not in html


def test_single_reports_keep_their_event_selection():
    refs = all_events(sample())
    html = build_map(refs, [], tiles=False).get_root().render()
    assert "ev:e1" in html and "mv:" not in html


def test_only_the_strongest_movements_are_drawn_and_the_rest_counted():
    refs = all_events(sample())
    movements = movements_of(refs)
    assert len(movements) > 1
    html = build_map(refs, [], tiles=False, max_movements=1).get_root().render()
    assert tokens(html) == [f"ev:{movements[0].events[0].id}"]
    assert movements_note(movements, 1).startswith("The map draws the 1 most reported")
    assert movements_note(movements) is None


def test_the_panel_lists_every_report_newest_first_and_the_disagreements():
    refs = [r for r in all_events(_retold(2000)) if r.event.id in ("e1", "e1-again")]
    (movement,) = movements_of(refs)
    html = movement_evidence_html(movement, {r.event.id: r for r in refs})
    assert html.index("Second wire on Tallinn") < html.index("Troops reach Tallinn")
    assert html.count('class="tm-report"') == 2 and "Other wire" in html
    assert "The reports disagree" in html and "1,200 / 2,000" in html


def test_the_panel_pages_a_long_movement():
    refs = [r for r in all_events(_retold()) if r.event.id in ("e1", "e1-again")]
    (movement,) = movements_of(refs)
    html = movement_evidence_html(movement, {r.event.id: r for r in refs}, page=1, size=1)
    assert html.count('class="tm-report"') == 1 and "Reports 2–2 of 2" in html
    assert "Troops reach Tallinn" in html


def test_a_fused_arrow_is_as_wide_as_its_best_count():
    """Reports of 1,200 and 500 (a tie: the larger wins): the arrow is drawn for 1,200,
    though the newest report says 500."""
    refs = [r for r in all_events(_retold(500)) if r.event.id in ("e1", "e1-again")]
    assert movements_of(refs)[0].count == 1200
    html = build_map(refs, [], tiles=False).get_root().render()
    assert [arc["style"]["weight"] for arc in lines(html)] == [6.6]  # 500 would be 5.7


def _control_names(html: str) -> list[str]:
    """The overlay names the rendered layer control lists."""
    overlays = html[html.index("overlays :"):]
    overlays = overlays[:overlays.index("}")]
    return re.findall(r'"([^"]+)" :', overlays)


def test_the_layer_control_says_how_many_of_each_layer_are_drawn():
    refs = all_events(sample())
    movements = movements_of(refs)
    assert len(movements) == 4 and movements[0].type == "diplomatic_visit"
    html = build_map(refs, [], tiles=False, max_movements=1).get_root().render()
    assert _control_names(html) == ["Concentrations (0 of 1 shown)", "Movements (0 of 2 shown)",
                                    "Diplomacy (1, all shown)", "Places (none)"]


def test_the_layer_control_is_honest_when_nothing_is_hidden():
    refs = all_events(sample())
    names = _control_names(build_map(refs, [], tiles=False).get_root().render())
    events = [n for n in names if n.startswith(("Movements", "Concentrations", "Diplomacy"))]
    assert len(events) == 3
    assert all(n.endswith(("all shown)", "(none)")) for n in events)
    assert "Places (none)" in names


@pytest.mark.parametrize(("shown", "total", "expected"), [
    (300, 1240, "Movements (300 of 1,240 shown)"),
    (12, 12, "Movements (12, all shown)"),
    (0, 0, "Movements (none)"),
    (0, 5, "Movements (0 of 5 shown)"),
])
def test_layer_names(shown, total, expected):
    assert layer_name("Movements", shown, total) == expected


def _three_reports():
    """Story one's deployment (e1) told again 3 and 6 days later by other wires."""
    one = story_one()
    e1 = next(e for e in one.events if e.id == "e1")
    stories = [one]
    for days in (3, 6):
        when = e1.date + dt.timedelta(days=days)
        article = replace(one.article, id=f"a{days}", title=f"Wire {days}", date=when)
        stories.append(replace(one, article=article, events=(
            replace(e1, id=f"e1+{days}", article_id=article.id, date=when),)))
    return stories, e1.date


def test_a_movement_keeps_its_id_when_a_date_filter_drops_its_first_reports():
    stories, first = _three_reports()
    whole = [m for m in movements_of(all_events(stories)) if m.reports == 3]
    assert len(whole) == 1
    corpus = movement_index(movements_of(all_events(stories)))
    later = filter_events(stories, EventFilter(date_from=first + dt.timedelta(days=1)))
    (part,) = [m for m in movements_of(later, corpus) if m.reports == 2]
    assert part.id == whole[0].id
    assert {e.id for e in part.events} == {"e1+3", "e1+6"}
    # Named by its own reports, the part would be another movement: the link would break.
    assert [m for m in movements_of(later) if m.reports == 2][0].id != whole[0].id


def test_a_movement_split_by_a_filter_keeps_its_id_on_the_stronger_part():
    stories, _ = _three_reports()
    corpus = movement_index(movements_of(all_events(stories)))
    (whole,) = {corpus["e1"], corpus["e1+3"], corpus["e1+6"]}
    # Without the middle report the other two are 6 days apart, still one window of 7 days;
    # a window of 2 days splits them.
    kept = [r for r in all_events(stories) if r.event.id in ("e1", "e1+6")]
    assert [m.id for m in movements_of(kept, corpus) if m.events[0].id in ("e1", "e1+6")
            ] == [whole]
    parts = with_corpus_ids(fuse([r.event for r in kept], window_days=2), corpus)
    ids = [m.id for m in parts if m.events[0].id in ("e1", "e1+6")]
    assert sorted(ids) == [whole, f"{whole}-2"]


def test_movement_ids_without_a_corpus_are_unchanged_and_with_one_unique():
    refs = all_events(sample())
    plain = movements_of(refs)
    named = movements_of(refs, movement_index(plain))
    assert [m.id for m in named] == [m.id for m in plain]
    assert len({m.id for m in named}) == len(named)


def test_a_report_of_a_drawn_movement_names_it_in_its_evidence():
    refs = [r for r in all_events(_retold()) if r.event.id in ("e1", "e1-again", "e2")]
    movements = movements_of(refs)
    (fused,) = [m for m in movements if m.reports == 2]
    assert drawn_movement_of(movements, "e1") is fused
    assert drawn_movement_of(movements, "e1-again") is fused
    assert drawn_movement_of(movements, "e2") is None  # drawn on its own
    weaker = movements.index(fused)
    assert drawn_movement_of(movements, "e1", limit=weaker) is None  # not drawn at all
    ref = next(r for r in refs if r.event.id == "e1-again")
    html = evidence_html(ref, movement=fused)
    assert f'data-selection="ev:e1-again" data-movement="mv:{fused.id}"' in html
    assert "2 reports" in html
    assert "data-movement" not in evidence_html(ref)


def test_the_view_fits_what_is_drawn_not_the_hidden_movements():
    import json

    from dashboard.view.extent import full_bounds
    from dashboard.view.layers import event_layers

    refs = all_events(sample())
    strongest = movements_of(refs)[0]
    fit = event_layers(refs, [], max_movements=1)[0]
    (element,) = fit._children.values()
    drawn = [r for r in refs if r.event.id == strongest.events[0].id]
    expected = [[round(v, 4) for v in corner] for corner in full_bounds(drawn)]
    assert json.loads(element.bounds) == expected
    assert expected != [[round(v, 4) for v in c] for c in full_bounds(refs)]
