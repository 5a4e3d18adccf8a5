"""Where events are, and the bounds the map fits itself to."""

from __future__ import annotations

import pytest
from app_records import sample

from dashboard.view.curves import curve_points
from dashboard.view.extent import endpoints, event_bounds, full_bounds, view_of
from dashboard.view.filters import all_events, tally_places


def _inside(point, bounds) -> bool:
    (s, w), (n, e) = bounds
    return s <= point[0] <= n and w <= point[1] <= e


def test_the_bounds_hold_every_drawn_feature_areas_and_arcs_included():
    refs = all_events(sample())
    bounds = full_bounds(refs, tally_places(sample()))
    for ref in refs:
        corners = event_bounds(ref) or ()
        assert all(_inside(c, bounds) for c in corners), ref.event.id
        if endpoints(ref):
            assert all(_inside(p, bounds) for p in curve_points(*endpoints(ref)))


def test_an_area_reaches_beyond_its_point():
    """Latvia's box (21.0-28.2 E, 55.7-58.0 N) is in the bounds, not only its centre."""
    presence = [r for r in all_events(sample()) if r.event.id == "e2"]
    (s, w), (n, e) = full_bounds(presence)
    assert s <= 55.7 and n >= 58.0 and w <= 21.0 and e >= 28.2


def test_places_count_only_without_events():
    places = tally_places(sample())
    assert full_bounds([], places) == ((48.86, 2.35), (59.91, 24.75))
    refs = [r for r in all_events(sample()) if r.event.id == "e2"]
    assert full_bounds(refs, places) == full_bounds(refs)


def test_nothing_to_show_has_no_bounds():
    assert full_bounds([]) is None


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
