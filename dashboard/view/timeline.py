"""The compact timeline under the map: a Vega-Lite bar chart of events by date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dashboard.view.filters import EventRef, event_date

__all__ = ["timeline_spec"]


def timeline_spec(refs: Sequence[EventRef]) -> dict | None:
    """A Vega-Lite spec of the number of events per date, or None when no event is dated."""
    days: dict[dt.date, int] = {}
    for ref in refs:
        when = event_date(ref)
        if when is not None:
            days[when] = days.get(when, 0) + 1
    if not days:
        return None
    spec = {
        "title": "Events by date",
        "height": 150,
        "data": {"values": [{"date": d.isoformat(), "events": n} for d, n in sorted(days.items())]},
        "mark": {"type": "bar", "size": 14},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "title": None,
                "axis": {"format": "%-d %b %Y", "labelAngle": 0},
            },
            "y": {
                "field": "events",
                "type": "quantitative",
                "title": None,
                "axis": {"tickMinStep": 1},
            },
            "tooltip": [
                {"field": "date", "type": "temporal", "format": "%-d %b %Y"},
                {"field": "events", "type": "quantitative"},
            ],
        },
    }
    return spec
