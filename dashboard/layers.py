"""The folium map of events and places: pure, so it can be tested by rendering it.

Every clickable feature's tooltip ends with a selection token (``#ev:<id>`` or
``#pl:<id>``) that the app reads back from the map to know what was clicked.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from html import escape

import folium
import shapely
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.plugins import Fullscreen, MarkerCluster
from jinja2 import Template
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from dashboard.extent import (
    LatLon,
    endpoints,
    event_bounds,
    focus_bounds,
    full_bounds,
    latlon,
    point_of,
    view_of,
)
from dashboard.filters import SHOWN_MODALITIES, EventRef, PlaceTally, event_actor
from dashboard.panel import event_label, event_title

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
    "build_map",
    "outline_basemap",
    "geojson_text",
    "StaticGeoJson",
    "selection_layer",
    "view_of",
]

ShapeOf = Callable[[str], BaseGeometry | None]

PALETTE = tuple("#1f77b4 #d62728 #2ca02c #9467bd #ff7f0e #17becf #8c564b #e377c2 #393b79".split())
ARMS_COLOUR = "#8c510a"
ROLE_COLOURS = {"sends": "#fdae6b", "receives": "#9ecae1", "faces": "#fc9272"}
MOVES = ("deployment", "withdrawal", "arms_transfer", "diplomatic_visit")
LAYERS = ("Movements", "Concentrations", "Diplomacy")
_TOKEN = re.compile(r"#((?:ev|pl):\S+)\s*$")


def actor_colours(actors: Sequence[str]) -> dict[str, str]:
    """A distinct colour per actor, in the order given (pass the whole corpus's actors)."""
    return {actor: PALETTE[i % len(PALETTE)] for i, actor in enumerate(actors)}


def actor_colour(actor: str | None, colours: dict[str, str] | None = None) -> str:
    """The actor's colour: from ``colours`` when given, else a stable hash; grey if unknown."""
    if not actor:
        return "#555555"
    if colours and actor in colours:
        return colours[actor]
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


def curve_points(origin: LatLon, destination: LatLon, n: int = 24, bend: float = 0.18):
    """Points of a quadratic Bezier arc from origin to destination, bent to the right."""
    (lat0, lon0), (lat1, lon1) = origin, destination
    k = math.cos(math.radians((lat0 + lat1) / 2)) or 1e-6  # bend in roughly metric space
    x0, x1 = lon0 * k, lon1 * k
    mx, my = (x0 + x1) / 2 + bend * (lat1 - lat0), (lat0 + lat1) / 2 - bend * (x1 - x0)
    points = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t**2 * x1
        y = (1 - t) ** 2 * lat0 + 2 * (1 - t) * t * my + t**2 * lat1
        points.append((y, x / k))
    return points


def arrowhead(points: Sequence[LatLon], size: float | None = None) -> list[LatLon]:
    """A triangle (three lat/lon corners) at the end of a line, pointing along its last step."""
    (lat0, lon0), (lat1, lon1) = points[-2], points[-1]
    k = math.cos(math.radians(lat1)) or 1e-6
    dx, dy = (lon1 - lon0) * k, lat1 - lat0
    step = math.hypot(dx, dy) or 1e-9
    if size is None:
        span = math.hypot((points[-1][1] - points[0][1]) * k, points[-1][0] - points[0][0])
        size = min(max(0.04 * span, 0.12), 0.6)
    ux, uy = dx / step, dy / step
    bx, by = lon1 * k - ux * size, lat1 - uy * size
    half = size * 0.45
    left = (by + ux * half, (bx - uy * half) / k)
    right = (by - ux * half, (bx + uy * half) / k)
    return [(lat1, lon1), left, right]


def _weight(ref: EventRef) -> float:
    """Line width: grows with the log of the troop count."""
    force = ref.event.force
    count = force.count if force is not None else None
    if ref.event.type == "diplomatic_visit":
        return 2.0
    if not count:
        return 3.0
    return round(min(12.0, max(3.0, 2.0 + 2.2 * math.log10(max(count, 10) / 10))), 1)


def _style(ref: EventRef, colours: dict[str, str]) -> dict:
    """Polyline options by event type and modality."""
    event = ref.event
    colour = (
        ARMS_COLOUR if event.type == "arms_transfer" else actor_colour(event_actor(event), colours)
    )
    dash = {"diplomatic_visit": "8 6", "arms_transfer": "1 8", "withdrawal": "12 4"}.get(event.type)
    hidden = event.modality not in SHOWN_MODALITIES
    return {
        "color": colour,
        "weight": _weight(ref),
        "opacity": 0.45 if hidden else 0.85,
        "dash_array": "3 6" if hidden and dash is None else dash,
        "line_cap": "round",
    }


def _tip(title: str, token: str) -> str:
    """Tooltip HTML: the escaped title, then the selection token in a hidden span.

    The token is hidden from the reader but is part of the tooltip's text, which is what
    the map reports when the feature is clicked.
    """
    return f'{escape(title)}<span class="tm-id"> {escape(token)}</span>'


def _tooltip(ref: EventRef) -> str:
    """One line saying what the event is, carrying its selection token."""
    return _tip(event_title(ref.event), selection_token("ev", ref.event.id))


def _count_label(ref: EventRef) -> str | None:
    """The map label of an event with a troop or weapon count; others stay unlabelled."""
    force = ref.event.force
    if force is None or (force.count is None and not force.count_text):
        return None
    return event_label(ref.event)


def _rank(ref: EventRef) -> int:
    """A label's precedence when labels overlap: its count, and shown events before others."""
    force = ref.event.force
    count = force.count if force is not None and force.count else 1
    return count if ref.event.modality in SHOWN_MODALITIES else 0


def _label_marker(at: LatLon, text: str, ref: EventRef, colour: str) -> folium.Marker:
    """A small always-visible text label that selects its event when clicked."""
    tooltip = _tooltip(ref)
    title, sel = escape(event_title(ref.event)), escape(f"ev:{ref.event.id}")
    html = (
        f'<div class="tm-label" style="border-color:{colour}" data-title="{title}" '
        f'data-sel="{sel}" data-rank="{_rank(ref)}">{escape(text)}</div>'
    )
    icon = folium.DivIcon(html=html, icon_size=(1, 1), icon_anchor=(0, 0), class_name="tm-lbl")
    return folium.Marker(at, icon=icon, tooltip=folium.Tooltip(tooltip, sticky=False))


def _add_movement(ref: EventRef, group: folium.FeatureGroup, colours: dict[str, str]) -> bool:
    """An arc with an arrowhead and a label; False when the event has no two ends."""
    ends = endpoints(ref)
    if ends is None:
        return False
    style, tip = _style(ref, colours), _tooltip(ref)
    points = curve_points(*ends)
    folium.PolyLine(points, tooltip=tip, **style).add_to(group)
    folium.Polygon(
        arrowhead(points),
        color=style["color"],
        weight=1,
        fill=True,
        fill_opacity=style["opacity"],
        tooltip=tip,
    ).add_to(group)
    label = _count_label(ref)
    if label:
        _label_marker(points[len(points) // 2], label, ref, style["color"]).add_to(group)
    return True


def _rings(geom: BaseGeometry, tolerance: float = 0.01) -> list[list[LatLon]]:
    """Outer rings of a polygon or multipolygon as lat/lon lists, simplified for drawing."""
    simple = shapely.set_precision(geom.simplify(tolerance), tolerance / 2)
    parts = [p for p in getattr(simple, "geoms", [simple]) if isinstance(p, Polygon)]
    return [[latlon(x, y) for x, y, *_ in p.exterior.coords] for p in parts]


def _add_place_event(ref: EventRef, group: folium.FeatureGroup, colours: dict[str, str]) -> bool:
    """An area for a concentration, or a circle when only a point is known."""
    geom, tip = ref.event.geometry, _tooltip(ref)
    colour = actor_colour(event_actor(ref.event), colours)
    hidden = ref.event.modality not in SHOWN_MODALITIES
    dash = "6 4" if ref.event.type == "exercise" or hidden else None
    label = _count_label(ref)
    if isinstance(geom, (Polygon, MultiPolygon)):
        for ring in _rings(geom):
            folium.Polygon(
                ring,
                color=colour,
                weight=2,
                fill=True,
                dash_array=dash,
                fill_opacity=0.12 if hidden else 0.28,
                tooltip=tip,
            ).add_to(group)
        if label:
            _label_marker(point_of(ref), label, ref, colour).add_to(group)
        return True
    at = point_of(ref)
    if at is None:
        return False
    radius = 6 + min(14, _weight(ref))
    folium.CircleMarker(
        at,
        radius=radius,
        color=colour,
        fill=True,
        fill_opacity=0.15 if hidden else 0.35,
        dash_array=dash,
        tooltip=tip,
    ).add_to(group)
    if label:
        _label_marker(at, label, ref, colour).add_to(group)
    return True


def country_roles(refs: Iterable[EventRef]) -> dict[str, str]:
    """Country code -> "sends", "receives" or "faces" for countries in military events."""
    roles: dict[str, str] = {}
    rank = {"sends": 0, "receives": 1, "faces": 2}

    def put(cc: str | None, role: str) -> None:
        if cc and rank[role] >= rank.get(roles.get(cc, "sends"), 0):
            roles[cc] = role

    for ref in refs:
        event = ref.event
        if event.type in ("diplomatic_visit", "meeting") or event.modality not in SHOWN_MODALITIES:
            continue
        actor = event_actor(event)
        if event.type in ("deployment", "arms_transfer", "withdrawal"):
            put(actor if actor and len(actor) == 2 else None, "sends")
            dest = event.destination.place if event.destination else None
            put(dest.country if dest else None, "receives")
        elif event.location is not None and event.location.place is not None:
            cc = event.location.place.country
            put(cc, "faces" if event.extent == "border" or cc != actor else "receives")
    return roles


@functools.lru_cache(maxsize=512)
def geojson_text(geom: BaseGeometry, tolerance: float = 0.0) -> str:
    """Compact GeoJSON text of a geometry, simplified to ``tolerance`` degrees (cached)."""
    if tolerance:
        geom = shapely.set_precision(geom.simplify(tolerance), tolerance / 2)
    return shapely.to_geojson(geom)


class _Text(Element):
    """Ready text in the page: rendering returns it as is, with no template to compile."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        """The text."""
        return self.text


class StaticGeoJson(Layer):
    """A non-interactive GeoJSON layer from ready-made text: rendering only pastes it in.

    folium's GeoJson re-serialises its data whenever the page is rendered, and branca
    compiles every element's script as a template; the basemap and the country shading are
    large and never change, so they are serialised once and pasted in untouched.
    """

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson({{ this.data }}, {
  interactive: false, renderer: L.canvas({padding: 0.5}),
  style: function() { return {{ this.style }}; }
}).addTo({{ this._parent.get_name() }});
{% endmacro %}""")

    def __init__(self, data: str, style: dict, name: str | None = None, control: bool = True):
        super().__init__(name=name, overlay=True, control=control)
        self._name = "StaticGeoJson"
        self.data = data
        self.style = json.dumps(style)

    def render(self, **kwargs) -> None:
        """Add the layer's script to the page without compiling it as a template."""
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_Text(script), name=self.get_name())


def _add_countries(m: folium.Map, roles: dict[str, str], shape_of: ShapeOf | None) -> None:
    """Lightly shade countries by role; they take no clicks."""
    if shape_of is None or not roles:
        return
    group = folium.FeatureGroup(name="Countries by role", show=True)
    for cc, role in sorted(roles.items()):
        geom = shape_of(cc)
        if geom is None or geom.is_empty:
            continue
        colour = ROLE_COLOURS[role]
        style = {"fillColor": colour, "color": colour, "weight": 1, "fillOpacity": 0.25}
        StaticGeoJson(geojson_text(geom, 0.05), style, control=False).add_to(group)
    group.add_to(m)


def outline_basemap(shapes: Iterable[BaseGeometry | None], tolerance: float = 0.15):
    """One simplified multipolygon of country outlines for the vector basemap.

    Islands smaller than about a grid cell of ``tolerance`` are left out: at the zooms the
    basemap is for they would be specks, and they would weigh on every page load.
    """
    parts = []
    for shape in shapes:
        if shape is None or shape.is_empty:
            continue
        simple = shapely.set_precision(shape.simplify(tolerance), tolerance / 5)
        parts += [
            p
            for p in getattr(simple, "geoms", [simple])
            if isinstance(p, Polygon) and p.area >= 4 * tolerance**2
        ]
    return MultiPolygon(parts) if parts else None


def _add_outlines(m: folium.Map, outlines: BaseGeometry | None) -> None:
    """A vector basemap of country outlines, readable when no tile server answers."""
    if outlines is None or outlines.is_empty:
        return
    style = {"fillColor": "#f2efe9", "color": "#8a8a8a", "weight": 0.7, "fillOpacity": 1}
    StaticGeoJson(geojson_text(outlines), style, name="Country outlines").add_to(m)


def _add_places(m: folium.Map, tallies: Sequence[PlaceTally], cluster_over: int) -> None:
    """Places as circles sized by mentions; clustered when there are many."""
    group = folium.FeatureGroup(name="Places", show=True)
    target = MarkerCluster().add_to(group) if len(tallies) > cluster_over else group
    for tally in tallies:
        place = tally.place
        mentions = f"{tally.count} mention{'s' if tally.count != 1 else ''}"
        tip = _tip(f"{place.name} · {place.kind} · {mentions}", selection_token("pl", place.id))
        folium.CircleMarker(
            (place.lat, place.lon),
            radius=min(18, 4 + 3 * math.sqrt(tally.count)),
            color="#333333",
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=0.9,
            tooltip=tip,
        ).add_to(target)
    group.add_to(m)


_LEGEND = Template("""{% macro script(this, kwargs) %}
(function(){var c=L.control({position:'bottomleft'});
c.onAdd=function(){var d=L.DomUtil.create('div','tm-legend');d.innerHTML={{ this.html }};
L.DomEvent.disableClickPropagation(d);return d;};c.addTo({{ this._parent.get_name() }});})();
{% endmacro %}""")

# The map's frame is resized while the page lays out: until the reader moves the map, each
# resize fits the focus again, so the opening view is the focus at the frame's final size.
_FIT = Template("""{% macro script(this, kwargs) %}
(function(){var m={{ this._parent.get_name() }},c=L.control({position:'topleft'}),moved=false;
function fit(){m.fitBounds({{ this.focus }},{padding:[24,24],maxZoom:7});}
fit();m.on('resize',function(){if(!moved){fit();}});
['mousedown','wheel','touchstart','keydown'].forEach(function(k){
m.getContainer().addEventListener(k,function(){moved=true;},{passive:true});});
c.onAdd=function(){var a=L.DomUtil.create('a','tm-all leaflet-bar');a.href='#';
a.title='Show all events';a.setAttribute('role','button');a.textContent='\u2922';
L.DomEvent.disableClickPropagation(a);L.DomEvent.on(a,'click',function(e){
L.DomEvent.preventDefault(e);m.fitBounds({{ this.full }},{padding:[24,24]});});return a;};
c.addTo(m);})();
{% endmacro %}""")

# Labels overlapping a label of a larger count are hidden until zooming in frees them.
_DECLUTTER = Template("""{% macro script(this, kwargs) %}
(function(){var m={{ this._parent.get_name() }},due=false;
function run(){due=false;var els=[].slice.call(m.getContainer().querySelectorAll('.tm-label'));
els.sort(function(a,b){return (+b.dataset.rank||0)-(+a.dataset.rank||0);});var kept=[];
els.forEach(function(el){var r=el.getBoundingClientRect(),hit=kept.some(function(k){
return r.left<k.right&&r.right>k.left&&r.top<k.bottom&&r.bottom>k.top;});
el.style.visibility=hit?'hidden':'';if(!hit){kept.push(r);}});}
function soon(){if(!due){due=true;requestAnimationFrame(run);}}
m.on('zoomend moveend layeradd layerremove resize',soon);soon();})();
{% endmacro %}""")

_CSS = """<style>
.tm-all{display:block;width:30px;height:30px;line-height:30px;text-align:center;
font:18px/30px sans-serif;background:#fff;color:#333;text-decoration:none}
.tm-label{background:rgba(255,255,255,.88);border:1px solid;border-radius:3px;padding:0 3px;
font:11px/1.3 sans-serif;white-space:nowrap;transform:translate(-50%,-50%);display:inline-block}
.tm-legend{background:rgba(255,255,255,.92);padding:4px 7px;font:11px/1.35 sans-serif;
border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:190px}
.tm-id{display:none}
.tm-legend summary{cursor:pointer;font-weight:600}
.tm-legend .a{display:inline-block;margin-right:8px;white-space:nowrap}
.tm-legend i{display:inline-block;width:18px;height:0;margin-right:5px;vertical-align:middle}
.tm-legend b.sw{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:middle}
</style>"""


def _legend_html(colours: dict[str, str]) -> str:
    """The legend: actor colours, line styles, country roles and places (escaped)."""
    actors = "".join(
        f'<span class="a"><i style="border-top:4px solid {c}"></i>{escape(a)}</span>'
        for a, c in colours.items()
    )
    rows = [
        '<i style="border-top:2px dashed #555"></i>diplomatic trip',
        f'<i style="border-top:3px dotted {ARMS_COLOUR}"></i>arms transfer',
        '<i style="border-top:2px dashed #999;opacity:.6"></i>not happening / demanded',
        *(f'<b class="sw" style="background:{c}"></b>{r} forces' for r, c in ROLE_COLOURS.items()),
        '<b class="sw" style="background:#fff;border:1px solid #333;border-radius:6px"></b>'
        "place (size: mentions)",
    ]
    return f"<details><summary>Legend</summary>{actors}<br>{'<br>'.join(rows)}</details>"


def _add_legend(m: folium.Map, colours: dict[str, str]) -> None:
    """A legend control in the bottom-left corner."""
    legend = MacroElement()
    legend._template = _LEGEND
    legend.html = json.dumps(_legend_html(colours))
    m.add_child(legend)
    declutter = MacroElement()
    declutter._template = _DECLUTTER
    m.add_child(declutter)
    m.get_root().header.add_child(folium.Element(_CSS))


def _add_events(m: folium.Map, refs: Sequence[EventRef], colours: dict[str, str]) -> None:
    """Each event into its layer: movements, concentrations or diplomacy."""
    groups = {name: folium.FeatureGroup(name=name) for name in LAYERS}
    for ref in refs:
        kind = ref.event.type
        if kind in ("diplomatic_visit", "meeting"):
            group = groups["Diplomacy"]
        else:
            group = groups["Movements" if kind in MOVES else "Concentrations"]
        if kind not in MOVES or not _add_movement(ref, group, colours):
            _add_place_event(ref, group, colours)
    for group in groups.values():
        group.add_to(m)


def _fit(m: folium.Map, refs: Sequence[EventRef], places: Sequence[PlaceTally]) -> None:
    """Open on where most events are; a control shows the full extent in one click."""
    focus, full = focus_bounds(refs, places), full_bounds(refs, places)
    if focus is None or full is None:
        return
    control = MacroElement()
    control._template = _FIT
    control.focus = json.dumps([list(corner) for corner in focus])
    control.full = json.dumps([list(corner) for corner in full])
    m.add_child(control)


def build_map(
    refs: Sequence[EventRef],
    places: Sequence[PlaceTally] = (),
    *,
    shape_of: ShapeOf | None = None,
    outlines: BaseGeometry | None = None,
    colours: dict[str, str] | None = None,
    tiles: bool = True,
    cluster_over: int = 40,
) -> folium.Map:
    """The full map: outlines, shaded countries, movements, concentrations, places, controls."""
    if colours is None:
        colours = actor_colours(sorted({a for r in refs if (a := event_actor(r.event))}))
    m = folium.Map(location=(48.0, 20.0), zoom_start=4, tiles=None, control_scale=True)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="Street map").add_to(m)
    _add_outlines(m, outlines)
    _add_countries(m, country_roles(refs), shape_of)
    _add_events(m, refs, colours)
    _add_places(m, places, cluster_over)
    shown = {a for r in refs if (a := event_actor(r.event))}
    _add_legend(m, {a: c for a, c in colours.items() if a in shown})
    folium.LayerControl(collapsed=True).add_to(m)
    Fullscreen().add_to(m)
    _fit(m, refs, places)
    return m


def selection_layer(refs: Sequence[EventRef], places: Sequence[PlaceTally], selection: str | None):
    """A feature group outlining the selected event or place, or None."""
    if not selection:
        return None
    group = folium.FeatureGroup(name="Selection", control=False)
    kind, _, ident = selection.partition(":")
    halo = {"color": "#ffd400", "weight": 14, "opacity": 0.55, "interactive": False}
    if kind == "ev":
        ref = next((r for r in refs if r.event.id == ident), None)
        ends = endpoints(ref) if ref else None
        at = point_of(ref) if ref else None
        if ends:
            folium.PolyLine(curve_points(*ends), **halo).add_to(group)
        elif at:
            folium.CircleMarker(at, radius=22, fill=False, **halo).add_to(group)
    elif kind == "pl":
        tally = next((t for t in places if t.place.id == ident), None)
        if tally:
            folium.CircleMarker(
                (tally.place.lat, tally.place.lon), radius=20, fill=False, **halo
            ).add_to(group)
    return group
