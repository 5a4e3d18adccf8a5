"""Where events are, and the view the map opens on."""

from __future__ import annotations

import pytest
from app_records import sample

from dashboard.view.extent import densest_group, endpoints, focus_bounds, full_bounds, view_of
from dashboard.view.filters import all_events, tally_places

KYIV, WARSAW, BUCHAREST = (50.45, 30.52), (52.23, 21.01), (44.43, 26.10)
WASHINGTON, BEIJING = (38.9, -77.04), (39.9, 116.4)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([KYIV, WARSAW, BUCHAREST, WASHINGTON], {KYIV, WARSAW, BUCHAREST}),
        ([WASHINGTON, KYIV, WARSAW, BEIJING, BUCHAREST], {KYIV, WARSAW, BUCHAREST}),
        ([KYIV], {KYIV}),
        ([], set()),
    ],
)
def test_the_densest_group_leaves_far_places_out(points, expected):
    assert set(densest_group(points)) == expected


def test_the_focus_lies_inside_the_full_extent():
    refs = all_events(sample())
    (fs, fw), (fn, fe) = focus_bounds(refs, tally_places(sample()))
    (s, w), (n, e) = full_bounds(refs, tally_places(sample()))
    assert s <= fs <= fn <= n and w <= fw <= fe <= e


def test_a_far_origin_is_left_out_of_the_focus():
    refs = [r for r in all_events(sample()) if endpoints(r)]
    origin, destination = endpoints(refs[0])
    (s, w), (n, e) = focus_bounds(refs[:1])
    assert s <= destination[0] <= n and w <= destination[1] <= e
    assert not (s <= origin[0] <= n and w <= origin[1] <= e)


def test_nothing_to_show_has_no_bounds():
    assert focus_bounds([]) is None and full_bounds([]) is None


@pytest.mark.parametrize(
    ("bounds", "zoom"),
    [
        (((50, 30), (51, 31)), 6),  # a small area is shown with its surroundings
        (((50, 30), (50, 30)), 6),  # so is a point: never street level for a country
        (((45, 10), (55, 40)), 4),
        (((-60, -170), (70, 170)), 2),
    ],
)
def test_view_of(bounds, zoom):
    center, got = view_of(bounds)
    assert got == zoom and center == (
        (bounds[0][0] + bounds[1][0]) / 2,
        (bounds[0][1] + bounds[1][1]) / 2,
    )
