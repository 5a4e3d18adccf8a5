"""The event layers as compact data, drawn in the browser by one small script.

A layer of a few hundred movements used to be thousands of folium objects (a line, an
arrowhead, a label and a tooltip each), every one a Jinja template compiled and rendered in
Python and a block of script in the page. Here a layer is one data block (``DrawnFeatures``):
the features' points, styles, tooltips and labels as JSON, areas that many features share
(a country's outline) given once. ``tmDraw``, defined once in the base map
(``add_drawing``), turns each feature into the same Leaflet objects folium would have made:
paths with their tooltip (which ends with the selection token, read back on a click) and an
always-visible label marker, so that clicking, the selection's halo and label decluttering
work as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard.view.basemap import ReadyText

__all__ = ["DrawnFeatures", "add_drawing", "drawn_paths", "data_json"]

Feature = dict[str, Any]

# ``tmDraw(group, data)``: each feature of ``data`` into ``group``. A feature has a ``line``
# (with an arrowhead ``head``), ``rings`` (an index into ``data.shapes``: the outer rings of
# an area) or a point ``at`` (a circle); its ``style`` (Leaflet path options, over the
# layer's ``data.style``), its tooltip ``tip`` (HTML) and an optional ``label`` (``at`` and
# ready ``html``). Paths are added to the group in one go when it can take many at once
# (a marker cluster).
_DRAW = Template("""{% macro script(this, kwargs) %}
window.tmDraw=function(group,data){var shapes=data.shapes||[],base=data.style||{},all=[];
data.features.forEach(function(f){var style=L.extend({},base,f.style),parts=[];
if(f.line){parts.push(L.polyline(f.line,style));}
if(f.head){parts.push(L.polygon(f.head,{color:style.color,weight:1,fill:true,
fillOpacity:style.opacity}));}
if(f.rings!==undefined){shapes[f.rings].forEach(function(r){parts.push(L.polygon(r,style));});}
if(f.at){parts.push(L.circleMarker(f.at,style));}
parts.forEach(function(p){p.bindTooltip(f.tip,{sticky:true});all.push(p);});
if(f.label){all.push(L.marker(f.label.at,{icon:L.divIcon({html:f.label.html,iconSize:[1,1],
iconAnchor:[0,0],className:'tm-lbl'})}).bindTooltip(f.tip,{sticky:false}));}});
if(group.addLayers){group.addLayers(all);}else{all.forEach(function(p){group.addLayer(p);});}
return group;};
{% endmacro %}""")


def add_drawing(m: folium.Map) -> None:
    """Put ``tmDraw``, which draws the layers' data blocks, into the (stable) base map."""
    draw = MacroElement()
    draw._template = _DRAW
    m.add_child(draw)


def data_json(data: object) -> str:
    """JSON that can sit in a page's script as it is.

    ``<`` is written as an escape, so that no text can close the script element, and a
    second ``{`` after a first as one, so that streamlit-folium, which reads ``{{'name'}}``
    in a layer's script as a reference to resolve, finds none in the data (structural JSON
    never has two opening braces in a row: only text does).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("{{", "{\\u007b")


class DrawnFeatures(Element):
    """One layer's features as a data block that ``tmDraw`` draws into the parent layer.

    Rendering pastes the ready data into the page: it is never compiled as a template, so
    nothing in a story can be run as one, and a layer of hundreds of features costs one
    ``json.dumps``.
    """

    _template = Template("""{% macro script(this, kwargs) %}
tmDraw({{ this._parent.get_name() }}, {{ this.data }});
{% endmacro %}""")

    def __init__(self, features: Sequence[Feature], shapes: Sequence[object] = (),
                 style: dict | None = None):
        super().__init__()
        self._name = "DrawnFeatures"
        self.features = list(features)
        self.shapes = list(shapes)
        self.data = data_json({"shapes": self.shapes, "style": style or {},
                               "features": self.features})

    def render(self, **kwargs) -> None:
        """Add the layer's script to the page without compiling it as a template."""
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(ReadyText(script), name=self.get_name())

    def paths(self) -> int:
        """How many clickable paths the block draws (lines, arrowheads, area parts, circles;
        labels are markers)."""
        count = 0
        for feature in self.features:
            count += bool(feature.get("line")) + bool(feature.get("head"))
            count += bool(feature.get("at"))
            if "rings" in feature:
                count += len(self.shapes[feature["rings"]])  # type: ignore[arg-type]
        return count


def drawn_paths(elements: Iterable[Element]) -> int:
    """How many clickable paths the data blocks in the elements (and below them) draw."""
    total = 0
    for element in elements:
        if isinstance(element, DrawnFeatures):
            total += element.paths()
        total += drawn_paths(element._children.values())
    return total
