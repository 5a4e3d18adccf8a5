"""Map controls: the legend, fitting the view to what is drawn, label decluttering, tooltips."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.view.basemap import ROLE_COLOURS
from dashboard.view.extent import Bounds
from dashboard.view.panel import actor_name

__all__ = ["ARMS_COLOUR", "FIT_MAX_ZOOM", "add_legend", "add_view_controls", "fit_to"]

ARMS_COLOUR = "#8c510a"
# Fitting never goes closer than this: a point event is shown with its country around it.
FIT_MAX_ZOOM = 7

_LEGEND = Template("""{% macro script(this, kwargs) %}
(function(){var c=L.control({position:'bottomleft'});
c.onAdd=function(){var d=L.DomUtil.create('div','tm-legend');d.innerHTML={{ this.html }};
L.DomEvent.disableClickPropagation(d);return d;};c.addTo({{ this._parent.get_name() }});})();
{% endmacro %}""")

# The view control, in the stable base map: a button that fits the view to everything drawn,
# and ``tmFit``, which each new set of layers calls with its bounds. A set of layers with the
# bounds the map has already fitted (a click that only moves the selection) keeps the view the
# reader chose; new bounds (a filter changed) are fitted unless the page asked for a view of
# its own (a shared link's). Until the reader moves the map, each resize of its frame while the
# page lays out fits the bounds again, so the opening view is right at the frame's final size.
# Those fits jump rather than glide: the layers that ask for one come before the features they
# fit, which are then drawn once, at the final zoom (a glide would draw them at the old zoom,
# then again, and make the place clusters split and merge while the page opens); only the
# button's fit glides.
_FIT = Template("""{% macro script(this, kwargs) %}
(function(){var m={{ this._parent.get_name() }},c=L.control({position:'topleft'}),moved=false,
b=null,key=null;function fit(animate){if(b){m.fitBounds(b,{padding:[28,28],
maxZoom:{{ this.max_zoom }},animate:!!animate});}}
window.tmFit=function(bounds,auto){var k=JSON.stringify(bounds);if(k===key){return;}key=k;
b=bounds;if(auto){moved=false;fit();}};
m.on('resize',function(){if(!moved){fit();}});
['mousedown','wheel','touchstart','keydown'].forEach(function(k){
m.getContainer().addEventListener(k,function(){moved=true;},{passive:true});});
c.onAdd=function(){var a=L.DomUtil.create('a','tm-all leaflet-bar');a.href='#';
a.title='Show everything drawn';a.setAttribute('aria-label','Show everything drawn');
a.dataset.tip='Show everything drawn';a.setAttribute('role','button');a.textContent='\u2922';
L.DomEvent.disableClickPropagation(a);L.DomEvent.on(a,'click',function(e){
L.DomEvent.preventDefault(e);fit(true);});return a;};c.addTo(m);})();
{% endmacro %}""")

# Called by a set of layers: the bounds of what it draws (see _FIT), and the selection's halo
# to be drawn again on the new layers (see _SELECTION).
_FIT_TO = Template("""{% macro script(this, kwargs) %}
if (window.tmFit) { window.tmFit({{ this.bounds }}, {{ this.auto|tojson }}); }
if (window.tmSelectionLayers) { window.tmSelectionLayers(); }
{% endmacro %}""")

# Tooltips are kept inside the map's frame: a tooltip that would cross an edge is moved back
# in, so that none is cut off (the frame clips everything outside it).
_CLAMP = Template("""{% macro script(this, kwargs) %}
(function(){var P=L.Tooltip.prototype;if(P.__tmClamp){return;}P.__tmClamp=true;
var put=P._setPosition;P._setPosition=function(pos){put.call(this,pos);var el=this._container,
m=this._map;if(!el||!m){return;}var size=m.getSize(),at=L.DomUtil.getPosition(el),
tl=m.layerPointToContainerPoint(at),w=el.offsetWidth,h=el.offsetHeight,dx=0,dy=0,g=4;
if(tl.x+w>size.x-g){dx=size.x-g-(tl.x+w);}if(tl.x+dx<g){dx=g-tl.x;}
if(tl.y+h>size.y-g){dy=size.y-g-(tl.y+h);}if(tl.y+dy<g){dy=g-tl.y;}
if(dx||dy){L.DomUtil.setPosition(el,at.add([dx,dy]));}};})();
{% endmacro %}""")

# The selection's yellow halo is drawn here, in the browser, from the page's address (the app
# writes the selection into it as ``sel=``), so that selecting never sends the map's layers
# again: a click's evidence shows sooner and the map does not redraw. A new set of layers
# (a filter changed) redraws the halo on them. A report drawn only as part of a fused
# movement has no feature of its own: its evidence panel names the movement
# (``data-movement``), whose features get the halo instead.
_SELECTION = Template("""{% macro script(this, kwargs) %}
(function(){var m={{ this._parent.get_name() }},halo=null,shown=null,
style={color:'#ffd400',weight:14,opacity:0.55,interactive:false,fill:false};
function token(l){var t=l.getTooltip&&l.getTooltip(),c=t?t.getContent():'';
var k=(typeof c==='string'?c:'').match(/#((?:ev|pl|mv):[^\\s<]+)/);return k?k[1]:null;}
function find(sel){var out=[];(window.feature_group||[]).forEach(function(g){
if(!m.hasLayer(g)){return;}(function walk(l){if(l.eachLayer){l.eachLayer(walk);}
else if(!(l instanceof L.Marker)&&token(l)===sel){out.push(l);}})(g);});return out;}
function draw(sel,alias,key){if(halo){m.removeLayer(halo);halo=null;}shown=key;if(!sel){return;}
var found=find(sel);if(!found.length&&alias){found=find(alias);}
var parts=found.map(function(l){return l.getLatLngs?new L.Polyline(l.getLatLngs(),style):
new L.CircleMarker(l.getLatLng(),L.extend({radius:(l.getRadius?l.getRadius():10)+8},style));});
if(parts.length){halo=L.featureGroup(parts).addTo(m);halo.bringToBack();}}
function wanted(){try{return new URLSearchParams(window.parent.location.search).get('sel');}
catch(e){return null;}}
function movement(sel){try{var el=sel&&window.parent.document.querySelector(
'.tm-ev[data-movement][data-selection="'+CSS.escape(sel)+'"]');return el?el.dataset.movement:null;}
catch(e){return null;}}
window.tmSelectionLayers=function(){shown=undefined;};
setInterval(function(){var sel=wanted(),alias=movement(sel),key=sel+'|'+alias;
if(key!==shown){draw(sel,alias,key);}},200);})();
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
.tm-all{display:block;position:relative;width:30px;height:30px;line-height:30px;
text-align:center;font:18px/30px sans-serif;background:#fff;color:#333;text-decoration:none}
.tm-all:hover::after,.tm-all:focus::after{content:attr(data-tip);position:absolute;left:36px;
top:3px;padding:2px 7px;font:12px/20px sans-serif;white-space:nowrap;background:#fff;
color:#222;border-radius:3px;box-shadow:0 1px 4px rgba(0,0,0,.35)}
.leaflet-tooltip{white-space:normal;width:max-content;max-width:300px}
.tm-label{background:rgba(255,255,255,.88);border:1px solid;border-radius:3px;padding:0 3px;
font:11px/1.3 sans-serif;white-space:nowrap;transform:translate(-50%,-50%);display:inline-block}
.tm-legend{background:rgba(255,255,255,.92);padding:4px 7px;font:11px/1.35 sans-serif;
border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:240px}
.tm-id{display:none}
.tm-legend summary{cursor:pointer;font-weight:600}
.tm-legend .a{display:inline-block;margin-right:8px;white-space:nowrap}
.tm-legend i{display:inline-block;width:18px;height:0;margin-right:5px;vertical-align:middle}
.tm-legend b.sw{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:middle}
</style>"""


def _legend_html(colours: dict[str, str], names: Mapping[str, str] | None = None) -> str:
    """The legend: actor colours (with names), line styles, country roles and places."""
    actors = "".join(
        f'<span class="a"><i style="border-top:4px solid {c}"></i>'
        f"{escape(actor_name(a, names))}</span>"
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


def add_legend(m: folium.Map, colours: dict[str, str],
               names: Mapping[str, str] | None = None) -> None:
    """A legend control in the bottom-left corner."""
    legend = MacroElement()
    legend._template = _LEGEND
    legend.html = json.dumps(_legend_html(colours, names))
    m.add_child(legend)
    declutter = MacroElement()
    declutter._template = _DECLUTTER
    m.add_child(declutter)
    m.get_root().header.add_child(folium.Element(_CSS))


def add_view_controls(m: folium.Map, max_zoom: int = FIT_MAX_ZOOM) -> None:
    """The fit-to-everything button and the fitting that sets of layers ask for (``fit_to``),
    tooltips kept inside the map's frame, and the selection's halo."""
    control = MacroElement()
    control._template = _FIT
    control.max_zoom = int(max_zoom)
    m.add_child(control)
    clamp = MacroElement()
    clamp._template = _CLAMP
    m.add_child(clamp)
    selection = MacroElement()
    selection._template = _SELECTION
    m.add_child(selection)


def fit_to(bounds: Bounds | None, auto: bool = True) -> MacroElement | None:
    """An element that fits the map to ``bounds`` when its layers arrive (see ``_FIT``);
    with ``auto`` off the bounds are only remembered for the fit-to-everything button."""
    if bounds is None:
        return None
    element = MacroElement()
    element._template = _FIT_TO
    element.bounds = json.dumps([[round(v, 4) for v in corner] for corner in bounds])
    element.auto = auto
    return element
