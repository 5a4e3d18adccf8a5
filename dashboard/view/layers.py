"""The folium map of events and places: pure, so it can be tested by rendering it.

The map comes in two parts, so that the app can update a map already on the page instead of
sending a new one (which blanks it): ``base_map`` (tiles, outlines, legend, controls), which
stays the same while the corpus does, and ``event_layers`` (shaded countries, concentrations,
movements, diplomacy, places, and the bounds to fit), which change with every filter.
``build_map`` puts both together into one page.

Every clickable feature's tooltip ends with a selection token (``#ev:<id>`` or
``#pl:<id>``) that the app reads back from the map to know what was clicked.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html import escape

import folium
import shapely
from folium.plugins import Fullscreen, MarkerCluster
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from dashboard.view.basemap import (
    StaticGeoJson,
    add_countries,
    country_roles,
    geojson_text,
    outline_basemap,
    outline_layer,
    watch_tiles,
)
from dashboard.view.controls import ARMS_COLOUR, add_legend, add_view_controls, fit_to
from dashboard.view.curves import arrowhead, curve_points
from dashboard.view.drawing import DrawnFeatures, add_drawing
from dashboard.view.extent import (
    LatLon,
    endpoints,
    event_bounds,
    full_bounds,
    latlon,
    point_of,
    view_of,
)
from dashboard.view.filters import SHOWN_MODALITIES, EventRef, PlaceTally, event_actor
from dashboard.view.fusion import Movement, fuse, with_corpus_ids
from dashboard.view.fusion import label as movement_label
from dashboard.view.panel import Names, event_label, event_title

__all__ = [
    "PALETTE",
    "actor_colour",
    "actor_colours",
    "selection_token",
    "selection_from_tooltip",
    "curve_points",
    "arrowhead",
    "event_bounds",
    "country_roles",
    "base_map",
    "event_layers",
    "build_map",
    "places_note",
    "movements_of",
    "movements_note",
    "drawn_movement_of",
    "MAX_MOVEMENTS",
    "layer_control",
    "layer_name",
    "template_safe",
    "outline_basemap",
    "geojson_text",
    "StaticGeoJson",
    "view_of",
]

ShapeOf = Callable[[str], BaseGeometry | None]

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
MOVES = ("deployment", "withdrawal", "arms_transfer", "diplomatic_visit")
# Drawn in this order: areas first, so that the arrows over them stay clickable.
LAYERS = ("Concentrations", "Movements", "Diplomacy")
MAX_MOVEMENTS = 300  # objects drawn: the strongest movements; the rest are counted
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


def _add_movement(ref: EventRef, drawing: Drawing, look: Look,
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


def _add_place_event(ref: EventRef, drawing: Drawing, look: Look,
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


def most_mentioned(tallies: Sequence[PlaceTally], limit: int) -> list[PlaceTally]:
    """The ``limit`` places mentioned most often (all of them when there are fewer)."""
    if len(tallies) <= limit:
        return list(tallies)
    return sorted(tallies, key=lambda t: (-t.count, t.place.name))[:limit]


def places_note(tallies: Sequence[PlaceTally], max_places: int = 400) -> str | None:
    """What the map leaves out of a corpus with more places than it draws, or None."""
    if len(tallies) <= max_places:
        return None
    return f"The map draws the {max_places:,} most mentioned of {len(tallies):,} places."


PLACE_STYLE = {"color": "#333333", "weight": 1, "fillColor": "#ffffff", "fillOpacity": 0.9}


def _place_layer(tallies: Sequence[PlaceTally], cluster_over: int,
                 max_places: int) -> folium.FeatureGroup:
    """Places as circles sized by mentions; clustered when there are many. A corpus of
    thousands of stories names thousands of places: the map draws the most mentioned (the
    place search finds every one), so that it stays quick to send and to draw."""
    shown = most_mentioned(tallies, max_places)
    name = f"Places ({len(tallies):,}, all shown)" if len(shown) == len(tallies) else (
        f"Places ({len(shown):,} most mentioned of {len(tallies):,} shown)")
    group = folium.FeatureGroup(name=name if tallies else "Places (none)", show=True)
    target = MarkerCluster().add_to(group) if len(shown) > cluster_over else group
    features = []
    for tally in shown:
        place = tally.place
        mentions = f"{tally.count} mention{'s' if tally.count != 1 else ''}"
        tip = _tip(f"{place.name} · {place.kind} · {mentions}", selection_token("pl", place.id))
        features.append({"at": _short((place.lat, place.lon)), "tip": tip,
                         "style": {"radius": round(min(18, 4 + 3 * math.sqrt(tally.count)), 2)}})
    if features:
        DrawnFeatures(features, style=PLACE_STYLE).add_to(target)
    return group


def movements_of(refs: Sequence[EventRef], corpus: Mapping[str, str] | None = None
                 ) -> list[Movement]:
    """The fused movements of the events, strongest first (see ``fusion``); with ``corpus``
    (event id -> id of its movement over the whole corpus) each is named by the movement its
    reports belong to there, so that its id does not change with the filters."""
    dates = {r.extraction.article.id: r.extraction.article.date for r in refs}
    movements = fuse((r.event for r in refs), story_dates=dates)
    return movements if corpus is None else with_corpus_ids(movements, corpus)


def drawn_movement_of(movements: Sequence[Movement], event_id: str,
                      limit: int = MAX_MOVEMENTS) -> Movement | None:
    """The movement of several reports, among the ``limit`` drawn, that the event is one
    report of (the map draws it for the event); None when the event is drawn on its own."""
    return next((m for m in movements[:limit]
                 if m.reports > 1 and any(e.id == event_id for e in m.events)), None)


def movements_note(movements: Sequence[Movement], limit: int = MAX_MOVEMENTS) -> str | None:
    """What the map leaves out when there are more movements than it draws, or None."""
    if len(movements) <= limit:
        return None
    return (f"The map draws the {limit:,} most reported of {len(movements):,} movements; "
            f"{len(movements) - limit:,} are hidden (filter to see them).")


def _stand_in(movement: Movement, by_id: dict[str, EventRef]) -> EventRef:
    """The report that draws a movement: its newest with two ends (else its newest), with the
    movement's places and its best count."""
    refs = [by_id[e.id] for e in movement.events if e.id in by_id]
    ref = next((r for r in refs if endpoints(r) is not None), refs[0])
    if movement.reports == 1:
        return ref
    # The best count's force sets the arrow's width and the label's precedence.
    force = next((e.force for e in movement.events
                  if e.force is not None and e.force.count == movement.count), ref.event.force)
    event = replace(ref.event, origin=movement.origin or ref.event.origin,
                    destination=movement.destination or ref.event.destination,
                    location=movement.location or ref.event.location, force=force)
    return EventRef(event, ref.extraction)


def _layer_of(kind: str) -> str:
    """The layer an event type is drawn in."""
    if kind in ("diplomatic_visit", "meeting"):
        return "Diplomacy"
    return "Movements" if kind in MOVES else "Concentrations"


def layer_name(name: str, shown: int, total: int) -> str:
    """A layer's name in the layer control, saying how many of its objects it draws:
    "Movements (300 of 1,240 shown)", "Diplomacy (12, all shown)", "Concentrations (none)"."""
    if total == 0:
        return f"{name} (none)"
    if shown < total:
        return f"{name} ({shown:,} of {total:,} shown)"
    return f"{name} ({total:,}, all shown)"


def _event_groups(refs: Sequence[EventRef], look: Look,
                  movements: Sequence[Movement] | None = None,
                  limit: int = MAX_MOVEMENTS) -> tuple[list[folium.FeatureGroup], list[EventRef]]:
    """Each movement into its layer: concentrations, movements or diplomacy (drawn in that
    order). A movement of one report is drawn as its event; one of several as one object
    labelled with its reports. Only the ``limit`` strongest are drawn; each layer's name in
    the layer control says how many of its own it draws. Also returns what stands for each
    drawn movement (what the view is fitted to)."""
    if movements is None:
        movements = movements_of(refs)
    by_id = {r.event.id: r for r in refs}
    drawn = [m for m in movements if any(e.id in by_id for e in m.events)]
    totals = Counter(_layer_of(m.type) for m in drawn)
    shown = Counter(_layer_of(m.type) for m in drawn[:limit])
    drawings = {name: Drawing() for name in LAYERS}
    stand_ins = []
    for movement in reversed(drawn[:limit]):  # the strongest drawn last, on top
        ref = _stand_in(movement, by_id)
        stand_ins.append(ref)
        fused = movement if movement.reports > 1 else None
        kind = ref.event.type
        drawing = drawings[_layer_of(kind)]
        if kind not in MOVES or not _add_movement(ref, drawing, look, fused):
            _add_place_event(ref, drawing, look, fused)
    groups = {}
    for name, drawing in drawings.items():
        groups[name] = folium.FeatureGroup(name=layer_name(name, shown[name], totals[name]))
        if drawing.features:
            drawing.element().add_to(groups[name])
    return list(groups.values()), stand_ins


def base_map(
    colours: dict[str, str] | None = None,
    *,
    names: Names | None = None,
    tiles: bool = True,
    with_layer_control: bool = True,
) -> folium.Map:
    """The part of the map that stays while the corpus does: tiles, the legend of the
    corpus's actors (``colours``), and the controls. Without ``with_layer_control`` the caller
    gives the map one that lists the event layers added later (``layer_control()``)."""
    m = folium.Map(location=(48.0, 20.0), zoom_start=4, tiles=None, control_scale=True)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="Street map").add_to(m)
        watch_tiles(m)
    add_legend(m, colours or {}, names)
    add_drawing(m)
    if with_layer_control:  # it lists the layers the map has when the page is drawn
        layer_control().add_to(m)
    Fullscreen().add_to(m)
    add_view_controls(m)
    return m


def layer_control() -> folium.LayerControl:
    """The layer control: the street map and every event layer, each named with how many of
    its objects it draws."""
    return folium.LayerControl(collapsed=True)


def event_layers(
    refs: Sequence[EventRef],
    places: Sequence[PlaceTally] = (),
    *,
    shape_of: ShapeOf | None = None,
    colours: dict[str, str] | None = None,
    names: Names | None = None,
    cluster_over: int = 40,
    max_places: int = 400,
    fit: bool = True,
    outlines: BaseGeometry | None = None,
    movements: Sequence[Movement] | None = None,
    max_movements: int = MAX_MOVEMENTS,
) -> list[folium.FeatureGroup]:
    """The layers that change with the filters: first the bounds of what they draw, which the
    map fits itself to when they differ from the ones it has (unless ``fit`` is off: a shared
    link's view), then the outline basemap (shown if the street map fails), shaded countries,
    concentrations, movements, diplomacy and places."""
    look = Look(colours or actor_colours(sorted({a for r in refs if (a := event_actor(r.event))})),
                names or {})
    shading = folium.FeatureGroup(name="Countries by role", control=False)
    add_countries(shading, country_roles(refs), shape_of)
    events, drawn = _event_groups(refs, look, movements, max_movements)
    fitting = folium.FeatureGroup(name="Fit", control=False)
    element = fit_to(full_bounds(drawn, places), auto=fit)  # what is drawn, not all events
    if element is not None:
        fitting.add_child(element)
    # The view is fitted first, so that the features are drawn once, at the zoom they are
    # seen at.
    return [fitting, outline_layer(outlines), shading, *events,
            _place_layer(places, cluster_over, max_places)]


def build_map(
    refs: Sequence[EventRef],
    places: Sequence[PlaceTally] = (),
    *,
    shape_of: ShapeOf | None = None,
    outlines: BaseGeometry | None = None,
    colours: dict[str, str] | None = None,
    names: Names | None = None,
    tiles: bool = True,
    cluster_over: int = 40,
    max_places: int = 400,
    fit: bool = True,
    max_movements: int = MAX_MOVEMENTS,
) -> folium.Map:
    """The whole map in one page: the base map with the event layers on it."""
    if colours is None:
        colours = actor_colours(sorted({a for r in refs if (a := event_actor(r.event))}))
    m = base_map(colours, names=names, tiles=tiles)
    for layer in event_layers(refs, places, shape_of=shape_of, colours=colours, names=names,
                              cluster_over=cluster_over, max_places=max_places, fit=fit,
                              outlines=outlines, max_movements=max_movements):
        layer.add_to(m)
    return m
