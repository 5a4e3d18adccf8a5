"""The timeline under the map."""

from __future__ import annotations

from app_records import sample

from dashboard.view.filters import all_events, event_date
from dashboard.view.timeline import timeline_spec


def test_one_bar_per_date_counting_its_events():
    refs = all_events(sample())
    values = timeline_spec(refs)["data"]["values"]
    dated = [event_date(r) for r in refs if event_date(r) is not None]
    assert sum(v["events"] for v in values) == len(dated)
    assert len(values) == len(set(dated))


def test_no_dated_event_no_timeline():
    assert timeline_spec([]) is None


def test_dates_read_as_in_the_panel():
    """"2 Feb 2022" on the axis and in the tooltip, as on the cards and in the evidence."""
    spec = timeline_spec(all_events(sample()))
    assert spec["encoding"]["x"]["axis"]["format"] == "%-d %b %Y"
    assert spec["encoding"]["tooltip"][0]["format"] == "%-d %b %Y"
