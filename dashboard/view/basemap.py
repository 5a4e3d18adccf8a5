"""The map's backdrop: a vector basemap of country outlines and countries shaded by role.

Both are large and never change, so they go into the page as ready GeoJSON text.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable

import folium
import numpy as np
import shapely
from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from dashboard.view.filters import SHOWN_MODALITIES, EventRef, event_actor

__all__ = [
    "ROLE_COLOURS",
    "country_roles",
    "geojson_text",
    "short_numbers",
    "ReadyText",
    "StaticGeoJson",
    "add_countries",
    "outline_basemap",
    "outline_layer",
    "watch_tiles",
]

ShapeOf = Callable[[str], BaseGeometry | None]
ROLE_COLOURS = {"sends": "#fdae6b", "receives": "#9ecae1", "faces": "#fc9272"}


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


_NUMBER = re.compile(r"-?\d+\.\d{4,}")


def short_numbers(text: str, digits: int = 3) -> str:
    """Numbers in the text rounded to ``digits`` decimals (a grid's floats print long)."""
    return _NUMBER.sub(lambda match: repr(round(float(match.group()), digits)), text)


@functools.lru_cache(maxsize=512)
def geojson_text(geom: BaseGeometry, tolerance: float = 0.0) -> str:
    """Compact GeoJSON text of a geometry, simplified to ``tolerance`` degrees (cached).

    Coordinates keep three decimals (about 100 m), far finer than any simplification used.
    """
    if tolerance:
        geom = shapely.set_precision(geom.simplify(tolerance), tolerance / 2)
    return short_numbers(shapely.to_geojson(geom))


class ReadyText(Element):
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
    large and never change, so they are serialised once and pasted in untouched. All of them
    draw on one canvas (``tmCanvas``): a canvas each, twice the map's size, made a fresh
    page spend a quarter of a second on forty shaded countries.
    """

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson({{ this.data }}, {
  interactive: false, renderer: window.tmCanvas || (window.tmCanvas = L.canvas({padding: 0.5})),
  style: function() { return {{ this.style }}; }
});
{% if this.fallback %}
(function(layer, parent) {
  function show() { if (!parent.hasLayer(layer)) { layer.addTo(parent); layer.bringToBack(); } }
  if (window.tmTilesFailed === undefined || window.tmTilesFailed) { show(); }
  else { (window.tmWhenTilesFail = window.tmWhenTilesFail || []).push(show); }
})({{ this.get_name() }}, {{ this._parent.get_name() }});
{% else %}
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endif %}
{% endmacro %}""")

    def __init__(self, data: str, style: dict, name: str | None = None, control: bool = True,
                 fallback: bool = False):
        super().__init__(name=name, overlay=True, control=control)
        self._name = "StaticGeoJson"
        self.data = data
        self.style = json.dumps(style)
        # A fallback shows only once the street map fails to load (see TILE_WATCH), or at
        # once when the map has no street map.
        self.fallback = fallback

    def render(self, **kwargs) -> None:
        """Add the layer's script to the page without compiling it as a template."""
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(ReadyText(script), name=self.get_name())


@functools.lru_cache(maxsize=256)
def _shading_text(shape: BaseGeometry, tolerance: float = 0.15) -> str | None:
    """A shaded country as GeoJSON text: no finer than the basemap, without island specks."""
    simple = outline_basemap([shape], tolerance)
    return None if simple is None else geojson_text(simple)


def add_countries(group: Element, roles: dict[str, str], shape_of: ShapeOf | None) -> None:
    """Lightly shaded countries by role, added to ``group``; they take no clicks."""
    if shape_of is None or not roles:
        return
    for cc, role in sorted(roles.items()):
        geom = shape_of(cc)
        if geom is None or geom.is_empty:
            continue
        colour = ROLE_COLOURS[role]
        style = {"fillColor": colour, "color": colour, "weight": 1, "fillOpacity": 0.25}
        text = _shading_text(geom)
        if text is not None:
            StaticGeoJson(text, style, control=False).add_to(group)


# The layers that change are sent to the browser again on every run (a click included), so
# the outline basemap, a fallback for when the street map fails, is kept coarse: 0.35 degrees
# (about 35 km) is 80 kB where 0.25 was 114 kB; shaded countries 0.15 degrees.
def outline_basemap(shapes: Iterable[BaseGeometry | None], tolerance: float = 0.35):
    """One simplified multipolygon of country outlines for the vector basemap.

    Islands smaller than about a grid cell of ``tolerance`` are left out: at the zooms the
    basemap is for they would be specks, and they would weigh on every page load. The shapes
    are simplified all at once without keeping topology (a fifteenth of the time; the first
    page of a fresh server waits for this), then snapped to a grid, which mends them.
    """
    found = [s for s in shapes if s is not None and not s.is_empty]
    if not found:
        return None
    simple = shapely.simplify(np.array(found, dtype=object), tolerance, preserve_topology=False)
    parts = [
        p
        for shape in shapely.set_precision(simple, tolerance / 5)
        for p in getattr(shape, "geoms", [shape])
        if isinstance(p, Polygon) and p.area >= 4 * tolerance**2
    ]
    return MultiPolygon(parts) if parts else None


# In the base map: whether the street map failed to load (``tmTilesFailed``: undefined
# without a street map), and what to show when it does (``tmWhenTilesFail``). The outline
# basemap is one of the layers that change, so it can come a moment after the first map.
_TILE_WATCH = Template("""{% macro script(this, kwargs) %}
(function(){var m={{ this._parent.get_name() }};m.eachLayer(function(l){
if(!(l instanceof L.TileLayer)){return;}window.tmTilesFailed=false;l.on('tileerror',function(){
if(window.tmTilesFailed){return;}window.tmTilesFailed=true;
(window.tmWhenTilesFail||[]).forEach(function(show){show();});});});})();
{% endmacro %}""")


def watch_tiles(m: folium.Map) -> None:
    """Let fallback layers know when the street map fails to load (add after the tiles)."""
    watch = MacroElement()
    watch._template = _TILE_WATCH
    m.add_child(watch)


def outline_layer(outlines: BaseGeometry | None) -> folium.FeatureGroup:
    """A vector basemap of country outlines, shown only when the street map fails to load
    (or at once when the map has none), so that it never hides the streets."""
    group = folium.FeatureGroup(name="Country outlines", control=False)
    if outlines is not None and not outlines.is_empty:
        style = {"fillColor": "#f2efe9", "color": "#8a8a8a", "weight": 0.7, "fillOpacity": 1}
        StaticGeoJson(geojson_text(outlines), style, control=False, fallback=True).add_to(group)
    return group
