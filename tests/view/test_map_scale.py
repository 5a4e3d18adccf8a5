"""Map building grows no faster than n log n in events.

Each step the app runs on every rerun (filter, options, places, bounds, country roles,
fusion) is run on n and 4n events, counting Python function calls (not time, so machine
speed does not matter). Linear work makes about 4 times the calls at 4n, n log n a little
more; the quadratic nearest-neighbour search that once chose the map's view made 16 times.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from app_records import sample
from drawn_map import tokens

from dashboard.view.basemap import country_roles
from dashboard.view.extent import full_bounds
from dashboard.view.filters import (
    EventFilter,
    all_events,
    filter_events,
    filter_options,
    tally_places,
)
from dashboard.view.fusion import fuse

GROWTH = 4
LIMIT = 6.0  # linear 4, n log n about 4.6 at these sizes; quadratic 16


def corpus(n: int):
    """About ``n`` events: the sample's stories repeated, each copy with its own ids."""
    base = sample()
    per = sum(len(ex.events) for ex in base)
    out = []
    for i in range(max(1, n // per)):
        for ex in base:
            events = tuple(replace(e, id=f"{e.id}-{i}") for e in ex.events)
            article = replace(ex.article, id=f"{ex.article.id}-{i}")
            out.append(replace(ex, article=article, events=events))
    return out


def calls(work) -> int:
    """How many Python function calls ``work()`` makes."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


STEPS = {
    "filter_events": lambda exs: filter_events(exs, EventFilter()),
    "filter_options": filter_options,
    "tally_places": tally_places,
    "full_bounds": lambda exs: full_bounds(all_events(exs)),
    "country_roles": lambda exs: country_roles(all_events(exs)),
    "fuse": lambda exs: fuse(e for ex in exs for e in ex.events),
}


def test_every_map_building_step_grows_no_faster_than_n_log_n():
    small, large = corpus(1_000), corpus(1_000 * GROWTH)
    for name, step in STEPS.items():
        a = calls(lambda step=step: step(small))
        b = calls(lambda step=step: step(large))
        assert b / a < LIMIT, f"{name}: {a} calls at n, {b} at {GROWTH}n"


def test_bounds_of_twenty_thousand_events():
    refs = all_events(corpus(20_000))
    assert len(refs) >= 19_000
    (s, w), (n, e) = full_bounds(refs)
    assert s < n and w < e


def test_the_map_draws_at_most_the_strongest_movements():
    """2,000 events weeks apart are 2,000 movements; the map draws 300 of them."""
    import datetime as dt

    from dashboard.view.layers import MAX_MOVEMENTS, build_map, movements_of

    refs = [replace(r, event=replace(r.event, date=dt.date(2000, 1, 1)
                                     + dt.timedelta(days=10 * i)))
            for i, r in enumerate(all_events(corpus(2_000)))]
    assert len(movements_of(refs)) >= 1_900
    html = build_map(refs, [], tiles=False).get_root().render()
    drawn = set(tokens(html))
    assert len(drawn) == MAX_MOVEMENTS and drawn <= {f"ev:{r.event.id}" for r in refs}
