"""Events and movements as the features ``tmDraw`` draws (see ``drawing``): each actor's
colour, a line's width and dashes, the tooltip that ends with the selection token a click
reports, the always-visible count label, and the shared areas of a layer.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from dashboard.view.controls import ARMS_COLOUR
from dashboard.view.curves import arrowhead, curve_points
from dashboard.view.drawing import DrawnFeatures
from dashboard.view.extent import LatLon, endpoints, latlon, point_of
from dashboard.view.filters import SHOWN_MODALITIES, EventRef, PlaceTally, event_actor
from dashboard.view.fusion import Movement
from dashboard.view.fusion import label as movement_label
from dashboard.view.panel import Names, event_label, event_title

__all__ = [
    "PALETTE",
    "PLACE_STYLE",
    "Drawing",
    "Look",
    "actor_colour",
    "actor_colours",
    "add_movement",
    "add_place_event",
    "place_feature",
    "selection_from_tooltip",
    "selection_token",
    "template_safe",
]

# Actor colours: distinct from the arms-transfer brown, the pale country shading and the
# yellow selection halo. An actor's colour depends on its code alone (PINNED, else a hash
# into the palette), so adding stories never recolours an actor already on the map.
PALETTE = tuple(
    "#1f77b4 #d62728 #2ca02c #9467bd #ff7f0e #17becf #e377c2 #393b79 #637939 #7b4173 "
    "#bcbd22 #843c39 #5254a3 #ad494a #3182bd #31a354".split()
)
# The actors of most stories get colours far apart; an alliance's wide areas a light one.
PINNED = {
    "US": "#1f77b4", "RU": "#d62728", "UA": "#bcbd22", "NATO": "#2ca02c", "BY": "#843c39",
    "CN": "#e377c2", "DE": "#ff7f0e", "FR": "#5254a3", "GB": "#17becf", "PL": "#7b4173",
    "TR": "#637939",
}  # fmt: skip
_TOKEN = re.compile(r"#((?:ev|pl|mv):\S+)\s*$")


def actor_colours(actors: Sequence[str]) -> dict[str, str]:
    """Each actor's colour (see ``actor_colour``), in the order given."""
    return {actor: actor_colour(actor) for actor in actors}


def actor_colour(actor: str | None, colours: dict[str, str] | None = None) -> str:
    """The actor's colour: from ``colours`` when given, else fixed by its code; grey if none."""
    if not actor:
        return "#555555"
    if colours and actor in colours:
        return colours[actor]
    if actor in PINNED:
        return PINNED[actor]
    digest = hashlib.md5(actor.encode("utf-8"), usedforsecurity=False).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def selection_token(kind: str, ident: str) -> str:
    """The token a tooltip ends with: ``#ev:<id>`` for events, ``#pl:<id>`` for places."""
    return f"#{kind}:{ident}"


def selection_from_tooltip(tooltip: str | None) -> str | None:
    """The selection (``ev:..``/``pl:..``) named at the end of a clicked tooltip's text."""
    if not tooltip:
        return None
    match = _TOKEN.search(tooltip.strip())
    return match.group(1) if match else None


def _weight(ref: EventRef) -> float:
    """Line width: grows with the log of the troop count (a vague count, "several
    thousand", by its lower bound)."""
    force = ref.event.force
    count = (force.count or force.count_min) if force is not None else None
    if ref.event.type == "diplomatic_visit":
        return 2.0
    if not count:
        return 3.0
    return round(min(12.0, max(3.0, 2.0 + 2.2 * math.log10(max(count, 10) / 10))), 1)


def _style(ref: EventRef, colours: dict[str, str]) -> dict:
    """A line's Leaflet path options by event type and modality."""
    event = ref.event
    colour = (
        ARMS_COLOUR if event.type == "arms_transfer" else actor_colour(event_actor(event), colours)
    )
    dash = {"diplomatic_visit": "8 6", "arms_transfer": "1 8", "withdrawal": "12 4"}.get(event.type)
    hidden = event.modality not in SHOWN_MODALITIES
    style = {"color": colour, "weight": _weight(ref), "opacity": 0.45 if hidden else 0.85}
    dash = "3 6" if hidden and dash is None else dash
    return {**style, "dashArray": dash} if dash else style


# folium writes tooltip HTML into a JavaScript template string (`...`): a backtick, "${" or a
# backslash there would end it or be read as code. And branca compiles every element's script
# as a Jinja template: "{%" in a story would stop the map from being drawn, "{{ }}" would be
# run. So these characters go in as HTML character references, which show as themselves.
_TEMPLATE_SAFE = str.maketrans(
    {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
)


def template_safe(html: str) -> str:
    """HTML that can sit inside a JavaScript template string or a Jinja template and still
    show the same text."""
    return html.translate(_TEMPLATE_SAFE)


def _tip(title: str, token: str) -> str:
    """Tooltip HTML: the escaped title, then the selection token in a hidden span.

    The token is hidden from the reader but is part of the tooltip's text, which is what
    the map reports when the feature is clicked.
    """
    return template_safe(f'{escape(title)}<span class="tm-id"> {escape(token)}</span>')


def _tooltip(ref: EventRef, names: Names | None = None, fused: Movement | None = None) -> str:
    """One line saying what the event (or the movement it stands for) is, with its token."""
    if fused is not None:
        return _tip(movement_label(fused), selection_token("mv", fused.id))
    return _tip(event_title(ref.event, names), selection_token("ev", ref.event.id))


def _count_label(ref: EventRef, fused: Movement | None = None) -> str | None:
    """The map label of an event with a troop or weapon count (others stay unlabelled), or of
    a movement of several reports: "2,000 US troops → Poland · 14 reports"."""
    if fused is not None:
        return movement_label(fused)
    force = ref.event.force
    if force is None or (force.count is None and not force.count_text):
        return None
    return event_label(ref.event)


def _rank(ref: EventRef) -> int:
    """A label's precedence when labels overlap: its count, and shown events before others."""
    force = ref.event.force
    count = (force.count or force.count_min or 1) if force is not None else 1
    return count if ref.event.modality in SHOWN_MODALITIES else 0


@dataclass(frozen=True, slots=True)
class Look:
    """How events are drawn: each actor's colour, and actor names for tooltips."""

    colours: dict[str, str] = field(default_factory=dict)
    names: Names = field(default_factory=dict)


def _label(at: LatLon, text: str, ref: EventRef, colour: str, look: Look,
           fused: Movement | None = None) -> dict:
    """A small always-visible text label that selects its event (or movement) when clicked:
    where it is and its HTML (``tmDraw`` makes it a marker with the feature's tooltip)."""
    title = escape(movement_label(fused) if fused else event_title(ref.event, look.names))
    sel = escape(f"mv:{fused.id}" if fused else f"ev:{ref.event.id}")
    html = template_safe(
        f'<div class="tm-label" style="border-color:{colour}" data-title="{title}" '
        f'data-sel="{sel}" data-rank="{_rank(ref)}">{escape(text)}</div>'
    )
    return {"at": _short(at), "html": html}


def _short(at: LatLon) -> list[float]:
    """A point with three decimals (about 100 m), which is all a map of countries needs."""
    return [round(at[0], 3), round(at[1], 3)]


@dataclass
class Drawing:
    """The features of one layer as ``tmDraw`` reads them, and the areas they share."""

    features: list[dict] = field(default_factory=list)
    shapes: list[tuple] = field(default_factory=list)
    shape_index: dict[BaseGeometry, int] = field(default_factory=dict)

    def shape(self, geom: BaseGeometry) -> int:
        """The index of an area's rings in ``shapes`` (each distinct area given once)."""
        if geom not in self.shape_index:
            self.shape_index[geom] = len(self.shapes)
            self.shapes.append(_rings(geom))
        return self.shape_index[geom]

    def add(self, feature: dict, label: dict | None) -> None:
        """A feature, with its label when it has one."""
        self.features.append({**feature, "label": label} if label else feature)

    def element(self) -> DrawnFeatures:
        """The layer's data block."""
        return DrawnFeatures(self.features, self.shapes)


def add_movement(ref: EventRef, drawing: Drawing, look: Look,
                  fused: Movement | None = None) -> bool:
    """An arc with an arrowhead and a label; False when the event has no two ends."""
    ends = endpoints(ref)
    if ends is None:
        return False
    style = _style(ref, look.colours)
    points = curve_points(*ends)
    text = _count_label(ref, fused)
    label = _label(points[len(points) // 2], text, ref, style["color"], look,
                   fused) if text else None
    drawing.add({"line": [_short(p) for p in points],
                 "head": [_short(p) for p in arrowhead(points)],
                 "style": style, "tip": _tooltip(ref, look.names, fused)}, label)
    return True


@functools.lru_cache(maxsize=512)  # many movements share one area (a country's outline)
def _rings(geom: BaseGeometry, tolerance: float = 0.03, speck: float = 0.02
           ) -> tuple[tuple[LatLon, ...], ...]:
    """Outer rings of a polygon or multipolygon as lat/lon lists, simplified for drawing.

    Islands under ``speck`` square degrees (a few hundred km²) are left out, the largest part
    always kept: each part is a clickable shape of its own, and an area over a coast drew
    dozens of specks no one could see or click.
    """
    simple = shapely.set_precision(geom.simplify(tolerance), tolerance / 2)
    parts = [p for p in getattr(simple, "geoms", [simple]) if isinstance(p, Polygon)]
    largest = max(parts, key=lambda p: p.area, default=None)
    parts = [p for p in parts if p is largest or p.area >= speck]
    return tuple(tuple(latlon(round(x, 3), round(y, 3)) for x, y, *_ in p.exterior.coords)
                 for p in parts)


def add_place_event(ref: EventRef, drawing: Drawing, look: Look,
                     fused: Movement | None = None) -> bool:
    """An area for a concentration, or a circle when only a point is known."""
    geom, tip = ref.event.geometry, _tooltip(ref, look.names, fused)
    colour = actor_colour(event_actor(ref.event), look.colours)
    hidden = ref.event.modality not in SHOWN_MODALITIES
    dash = {"dashArray": "6 4"} if ref.event.type == "exercise" or hidden else {}
    text = _count_label(ref, fused)
    if isinstance(geom, (Polygon, MultiPolygon)):
        style = {"color": colour, "weight": 2, "fillOpacity": 0.12 if hidden else 0.28, **dash}
        at = point_of(ref)
        label = _label(at, text, ref, colour, look, fused) if text and at else None
        drawing.add({"rings": drawing.shape(geom), "style": style, "tip": tip}, label)
        return True
    at = point_of(ref)
    if at is None:
        return False
    style = {"color": colour, "radius": 6 + min(14, _weight(ref)),
             "fillOpacity": 0.15 if hidden else 0.35, **dash}
    label = _label(at, text, ref, colour, look, fused) if text else None
    drawing.add({"at": _short(at), "style": style, "tip": tip}, label)
    return True


PLACE_STYLE = {"color": "#333333", "weight": 1, "fillColor": "#ffffff", "fillOpacity": 0.9}


def place_feature(tally: PlaceTally) -> dict:
    """A mentioned place: a circle sized by its mentions (drawn in ``PLACE_STYLE``)."""
    place = tally.place
    mentions = f"{tally.count} mention{'s' if tally.count != 1 else ''}"
    tip = _tip(f"{place.name} · {place.kind} · {mentions}", selection_token("pl", place.id))
    return {"at": _short((place.lat, place.lon)), "tip": tip,
            "style": {"radius": round(min(18, 4 + 3 * math.sqrt(tally.count)), 2)}}
