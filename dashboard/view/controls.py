"""Map controls: the legend, the opening view with a show-all button, label decluttering."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.view.basemap import ROLE_COLOURS
from dashboard.view.extent import focus_bounds, full_bounds
from dashboard.view.filters import EventRef, PlaceTally

__all__ = ["ARMS_COLOUR", "add_legend", "add_fit"]

ARMS_COLOUR = "#8c510a"

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
{% if this.auto %}fit();m.on('resize',function(){if(!moved){fit();}});{% endif %}
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


def add_legend(m: folium.Map, colours: dict[str, str]) -> None:
    """A legend control in the bottom-left corner."""
    legend = MacroElement()
    legend._template = _LEGEND
    legend.html = json.dumps(_legend_html(colours))
    m.add_child(legend)
    declutter = MacroElement()
    declutter._template = _DECLUTTER
    m.add_child(declutter)
    m.get_root().header.add_child(folium.Element(_CSS))


def add_fit(m: folium.Map, refs: Sequence[EventRef], places: Sequence[PlaceTally],
            auto: bool = True) -> None:
    """Open on where most events are (unless ``auto`` is off because the page asks for a view
    of its own, e.g. a shared link's); a control shows the full extent in one click."""
    focus, full = focus_bounds(refs, places), full_bounds(refs, places)
    if focus is None or full is None:
        return
    control = MacroElement()
    control._template = _FIT
    control.focus = json.dumps([list(corner) for corner in focus])
    control.full = json.dumps([list(corner) for corner in full])
    control.auto = auto
    m.add_child(control)
