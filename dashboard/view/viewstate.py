"""The shareable view as URL query parameters: selection, filters and map view.

``parse_query`` never fails: a malformed parameter is dropped and a notice says which one and
why, so a damaged link still opens everything else it carries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

from dashboard.records import EVENT_TYPES, MODALITIES
from dashboard.view.filters import SHOWN_MODALITIES, EventFilter

__all__ = [
    "ViewState",
    "parse_query",
    "to_query",
    "share_link",
    "widget_values",
    "reported_view",
    "SELECTION_PATTERN",
]

# "ev:<event id>", "pl:<place id>" or "mv:<movement id>"; ids are printable and carry no spaces.
SELECTION_PATTERN = re.compile(r"^(ev|pl|mv):[^\s]{1,200}$")
_CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")
_MAX_ZOOM = 18


@dataclass(frozen=True, slots=True)
class ViewState:
    """What a shared link restores."""

    selection: str | None = None
    filters: EventFilter = field(default_factory=EventFilter)
    center: tuple[float, float] | None = None  # (lat, lon), as folium takes it
    zoom: int | None = None


def _last(value: str | Sequence[str] | None) -> str | None:
    """The last value of a parameter that may be repeated."""
    if value is None or isinstance(value, str):
        return value
    return value[-1] if value else None


def _split(raw: str) -> list[str]:
    """Comma-separated values, stripped, empties dropped."""
    return [part.strip() for part in raw.split(",") if part.strip()]


def _codes(raw: str | None, name: str, notices: list[str], allowed=None) -> tuple[str, ...]:
    """A list parameter of codes; unknown or malformed values are dropped with a notice."""
    if raw is None:
        return ()
    kept = []
    for value in _split(raw):
        if not _CODE.match(value) or (allowed is not None and value not in allowed):
            notices.append(f"Ignored {name}={value!r} in the link: not a known value.")
        else:
            kept.append(value)
    return tuple(dict.fromkeys(kept))


def _date(raw: str | None, name: str, notices: list[str]) -> dt.date | None:
    """An ISO date parameter."""
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        notices.append(f"Ignored {name}={raw!r} in the link: expected a date like 2022-02-02.")
        return None


def _modalities(raw: str | None, notices: list[str]) -> tuple[str, ...]:
    """The modality parameter: ``all`` or a list; absent means the default."""
    if raw is None:
        return SHOWN_MODALITIES
    if raw.strip() == "all":
        return MODALITIES
    kept = _codes(raw, "mod", notices, allowed=MODALITIES)
    return kept or SHOWN_MODALITIES


def _view(params: Mapping[str, str | None], notices: list[str]):
    """Center and zoom from ``lat``, ``lon`` and ``z``; all or nothing for the center."""
    center = None
    lat_raw, lon_raw = params.get("lat"), params.get("lon")
    if lat_raw is not None or lon_raw is not None:
        try:
            lat, lon = float(lat_raw or ""), float(lon_raw or "")
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
            center = (lat, lon)
        except ValueError:
            notices.append(
                f"Ignored the map centre lat={lat_raw!r}, lon={lon_raw!r} in the link: "
                "expected latitude -90..90 and longitude -180..180."
            )
    zoom = None
    z_raw = params.get("z")
    if z_raw is not None:
        if z_raw.strip().isdigit() and 0 <= int(z_raw) <= _MAX_ZOOM:
            zoom = int(z_raw)
        else:
            notices.append(f"Ignored z={z_raw!r} in the link: expected a zoom from 0 to 18.")
    return center, zoom


def parse_query(
    query: Mapping[str, str | Sequence[str]],
) -> tuple[ViewState, tuple[str, ...]]:
    """The view a link's query parameters describe, and a notice per ignored parameter."""
    notices: list[str] = []
    params = {key: _last(value) for key, value in query.items()}
    selection = params.get("sel")
    if selection is not None and not SELECTION_PATTERN.match(selection):
        notices.append(f"Ignored sel={selection[:60]!r} in the link: not an event or place id.")
        selection = None
    place = params.get("q")
    place = place.strip()[:100] or None if place is not None else None
    filters = EventFilter(
        actors=_codes(params.get("actor"), "actor", notices),
        types=_codes(params.get("type"), "type", notices, allowed=EVENT_TYPES),
        modalities=_modalities(params.get("mod"), notices),
        stories=_codes(params.get("story"), "story", notices),
        date_from=_date(params.get("from"), "from", notices),
        date_to=_date(params.get("to"), "to", notices),
        place=place,
    )
    center, zoom = _view(params, notices)
    return ViewState(selection, filters, center, zoom), tuple(notices)


def to_query(state: ViewState) -> dict[str, str]:
    """Query parameters for a view; defaults are left out so links stay short."""
    flt = state.filters
    query: dict[str, str] = {}
    if state.selection:
        query["sel"] = state.selection
    for key, values in (("actor", flt.actors), ("type", flt.types), ("story", flt.stories)):
        if values:
            query[key] = ",".join(values)
    if set(flt.modalities) == set(MODALITIES):
        query["mod"] = "all"
    elif set(flt.modalities) != set(SHOWN_MODALITIES) and flt.modalities:
        query["mod"] = ",".join(flt.modalities)
    if flt.date_from is not None:
        query["from"] = flt.date_from.isoformat()
    if flt.date_to is not None:
        query["to"] = flt.date_to.isoformat()
    if flt.place:
        query["q"] = flt.place
    if state.center is not None:
        query["lat"] = f"{state.center[0]:.4f}"
        query["lon"] = f"{state.center[1]:.4f}"
    if state.zoom is not None:
        query["z"] = str(state.zoom)
    return query


def share_link(base_url: str, state: ViewState) -> str:
    """The full link to a view: the base URL with its query replaced by the view's."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(to_query(state)), ""))


def widget_values(state: ViewState) -> dict[str, object]:
    """The app's widget and selection state for a view (a shared link's): filters as the
    widgets hold them (dates as typed text), the selection, and the view to show."""
    flt = state.filters
    return {
        "f_actor": list(flt.actors), "f_type": list(flt.types), "f_story": list(flt.stories),
        "f_hidden": set(flt.modalities) != set(SHOWN_MODALITIES),
        "f_place": flt.place or "",
        "f_from": flt.date_from.isoformat() if flt.date_from else "",
        "f_to": flt.date_to.isoformat() if flt.date_to else "",
        "tm_sel": state.selection,
        "tm_target": (state.center, state.zoom) if state.center else None,
        "tm_view": (state.center, state.zoom),
        "tm_keep_view": state.center is not None,  # kept until a filter changes
    }  # fmt: skip


def reported_view(out: Mapping | None) -> tuple[tuple[float, float], int] | None:
    """The ((lat, lon), zoom) a map reported, or None when it reported none."""
    center, zoom = (out or {}).get("center"), (out or {}).get("zoom")
    if not isinstance(center, Mapping) or zoom is None:
        return None
    return (center.get("lat"), center.get("lng")), int(zoom)
