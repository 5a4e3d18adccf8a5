"""The folium map of events and places: pure, so it can be tested by rendering it.

The map comes in two parts, so that the app can update a map already on the page instead of
sending a new one (which blanks it): ``base_map`` (tiles, outlines, legend, controls), which
stays the same while the corpus does, and ``event_layers`` (shaded countries, concentrations,
movements, diplomacy, places, and the bounds to fit), which change with every filter.
``build_map`` puts both together into one page.

Every clickable feature's tooltip ends with a selection token (``#ev:<id>``, ``#mv:<id>`` or
``#pl:<id>``) that the app reads back from the map to know what was clicked. Which movements
are drawn, and in which layer, is decided here; how each becomes features is ``features``,
and how the browser draws them, ``drawing``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import folium
from folium.plugins import Fullscreen, MarkerCluster
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
from dashboard.view.controls import add_legend, add_view_controls, fit_to
from dashboard.view.curves import arrowhead, curve_points
from dashboard.view.drawing import DrawnFeatures, add_drawing
from dashboard.view.extent import endpoints, event_bounds, full_bounds, view_of
from dashboard.view.features import (
    PALETTE,
    PLACE_STYLE,
    Drawing,
    Look,
    actor_colour,
    actor_colours,
    add_movement,
    add_place_event,
    place_feature,
    selection_from_tooltip,
    selection_token,
    template_safe,
)
from dashboard.view.filters import EventRef, PlaceTally, event_actor
from dashboard.view.fusion import Movement, fuse, with_corpus_ids
from dashboard.view.panel import Names

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

MOVES = ("deployment", "withdrawal", "arms_transfer", "diplomatic_visit")
# Drawn in this order: areas first, so that the arrows over them stay clickable.
LAYERS = ("Concentrations", "Movements", "Diplomacy")
MAX_MOVEMENTS = 300  # objects drawn: the strongest movements; the rest are counted


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
    features = [place_feature(tally) for tally in shown]
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
        if kind not in MOVES or not add_movement(ref, drawing, look, fused):
            add_place_event(ref, drawing, look, fused)
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
