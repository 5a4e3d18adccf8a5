"""The folium map, tested by rendering it and reading what is in the page."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from html import escape, unescape

import pytest
from app_records import HOSTILE, sample, story_one
from drawn_map import areas, circles, features, lines, tokens
from shapely.geometry import box

from dashboard.records import MODALITIES
from dashboard.view.filters import (
    EventFilter,
    PlaceTally,
    all_events,
    filter_events,
    tally_places,
)
from dashboard.view.layers import (
    PALETTE,
    actor_colour,
    actor_colours,
    arrowhead,
    base_map,
    build_map,
    country_roles,
    curve_points,
    event_bounds,
    event_layers,
    most_mentioned,
    places_note,
    selection_from_tooltip,
    selection_token,
    template_safe,
    view_of,
)
from geodata.records import Place


def render(refs=None, places=None, **kwargs) -> str:
    """The whole page of a map of the sample stories."""
    refs = all_events(sample()) if refs is None else refs
    places = tally_places(sample()) if places is None else places
    return build_map(refs, places, **kwargs).get_root().render()


@pytest.mark.parametrize(
    ("tooltip", "selection"),
    [
        ("Deployment: 1,000 US → Romania #ev:e1", "ev:e1"),
        ("Romania · country · 3 mentions #pl:cc:RO  ", "pl:cc:RO"),
        ("Visit #ev:fake in the middle #pl:gn:1", "pl:gn:1"),
        ("no token here", None),
        ("", None),
        (None, None),
    ],
)
def test_selection_from_tooltip(tooltip, selection):
    assert selection_from_tooltip(tooltip) == selection


def test_token_round_trip():
    assert selection_from_tooltip("x " + selection_token("ev", "a:b-1")) == "ev:a:b-1"


def test_every_event_and_place_is_clickable():
    html = render()
    found = set(tokens(html))
    assert {"ev:e1", "ev:e2", "ev:e3", "ev:e4"} <= found
    assert {"pl:t:paris", "pl:t:tallinn", "pl:cc:LV", "pl:t:oslo"} <= found


def test_movement_is_an_arc_with_an_arrowhead_and_label():
    one = story_one()
    html = render([r for r in all_events([one]) if r.event.id == "e1"], [])
    (arc,) = features(html)
    assert len(arc["line"]) == 25 and len(arc["head"]) == 3  # the arc and its arrowhead
    assert arc["head"][0] == arc["line"][-1]  # the arrowhead points at the destination
    assert "1,200 FR · 7th Alpine Brigade" in arc["label"]["html"]
    assert arc["label"]["at"] == arc["line"][12]


@pytest.mark.parametrize(
    ("count", "wider_than"),
    [(100, None), (1000, 100), (10000, 1000), (100000, 10000)],
)
def test_line_width_grows_with_troop_count(count, wider_than):
    def weight(n: int) -> float:
        one = story_one()
        ev = one.events[0]
        ev = dataclasses.replace(ev, force=dataclasses.replace(ev.force, count=n))
        html = render(all_events([dataclasses.replace(one, events=(ev,))]), [])
        return lines(html)[0]["style"]["weight"]

    if wider_than is not None:
        assert weight(count) > weight(wider_than)


def test_vague_count_is_drawn_by_its_lower_bound():
    """ "Tens of thousands of troops" has no figure of its own but is drawn wider than 100."""
    def weight(**counts: object) -> float:
        one = story_one()
        ev = one.events[0]
        ev = dataclasses.replace(ev, force=dataclasses.replace(ev.force, **counts))
        html = render(all_events([dataclasses.replace(one, events=(ev,))]), [])
        return lines(html)[0]["style"]["weight"]

    vague = weight(count=None, count_min=20000, count_text="tens of thousands of")
    assert vague > weight(count=100)
    assert vague == weight(count=20000)


def test_diplomatic_trip_is_thin_and_dashed():
    refs = [r for r in all_events(sample()) if r.event.type == "diplomatic_visit"]
    (trip,) = lines(render(refs, []))
    assert trip["style"]["dashArray"] == "8 6" and trip["style"]["weight"] == 2.0


def test_concentration_is_an_area_with_its_count():
    refs = [r for r in all_events(sample()) if r.event.type == "presence"]
    (area,) = features(render(refs, []))
    assert len(area["rings"]) == 1 and "5,000 US troops" in area["label"]["html"]
    assert area["style"]["fillOpacity"] == 0.28 and "dashArray" not in area["style"]


def test_hidden_modalities_are_drawn_faint_when_shown():
    refs = filter_events(sample(), EventFilter(modalities=("negated",)))
    (oslo,) = circles(render(refs, []))
    assert oslo["style"]["dashArray"] == "6 4" and oslo["style"]["fillOpacity"] == 0.15


def test_places_are_sized_by_mentions_and_clustered_when_many():
    places = tally_places(sample())
    html = render([], places)
    radii = [f["style"]["radius"] for f in circles(html)]
    assert max(radii) == pytest.approx(4 + 3 * math.sqrt(3), abs=0.01)
    assert all(f["style"]["fillColor"] == "#ffffff" for f in circles(html))
    assert "markerClusterGroup" not in html
    assert "markerClusterGroup" in render([], places, cluster_over=2)


def test_layers_legend_and_controls():
    html = render()
    for control in ("L.control.layers", "L.control.fullscreen", "L.control.scale"):
        assert control in html
    assert "tm-legend" in html and "diplomatic trip" in html


def test_the_base_map_stays_while_the_filters_change():
    """What a filter changes is all in the event layers: the base map's page is the same."""
    colours = actor_colours(["FR", "NO", "US"])

    def page(refs) -> str:
        m = base_map(colours)
        event_layers(refs, tally_places(sample()), colours=colours)  # built, not added
        return re.sub(r"_[0-9a-f]{32}", "", m.get_root().render())

    assert page(all_events(sample())) == page(all_events(sample())[:1])
    groups = event_layers(all_events(sample()), tally_places(sample()), colours=colours)
    names = [g.layer_name.split(" (")[0] for g in groups]
    assert names[0] == "Fit"  # the view is fitted before the features are drawn
    assert names[1:] == ["Country outlines", "Countries by role", "Concentrations",
                         "Movements", "Diplomacy", "Places"]  # arrows over areas stay clickable


def test_the_legend_names_actors_beside_their_codes():
    html = render(names={"FR": "France", "US": "United States"})
    assert "France (FR)" in html and "United States (US)" in html
    assert "Deployment: 1,200 FR · 7th Alpine Brigade" in html


def test_hostile_text_is_escaped_everywhere_in_the_page():
    html = render()
    assert HOSTILE not in html
    assert "<script>window.__pwned" not in html and 'onerror=\\"window' not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "").replace("onerror=\\u0026quot;", "")


def test_outlines_and_country_roles_are_drawn_without_taking_clicks():
    shapes = {"EE": box(21.8, 57.5, 28.2, 59.7), "FR": box(-5, 42, 8, 51)}
    html = render(shape_of=shapes.get, outlines=box(-10, 35, 40, 70), tiles=False)
    assert html.count("interactive: false") == 3  # outlines and two shaded countries
    assert "tile.openstreetmap.org" not in html


def test_country_roles():
    roles = country_roles(filter_events(sample(), EventFilter(modalities=MODALITIES)))
    assert roles == {"FR": "sends", "EE": "receives", "LV": "faces"}


def test_curve_starts_and_ends_at_the_places_and_bends():
    points = curve_points((50.0, 10.0), (44.0, 26.0), n=10)
    assert points[0] == pytest.approx((50.0, 10.0)) and points[-1] == pytest.approx((44.0, 26.0))
    mid = points[5]
    straight = (47.0, 18.0)
    assert math.dist(mid, straight) > 0.5


def test_arrowhead_points_along_the_line():
    tip, left, right = arrowhead([(0.0, 0.0), (0.0, 10.0)], size=1.0)
    assert tip == (0.0, 10.0)
    assert left[1] < 10 and right[1] < 10 and left[0] == pytest.approx(-right[0])


def test_colours_are_distinct_for_the_corpus_actors():
    colours = actor_colours(["FR", "NO", "US"])
    assert len(set(colours.values())) == 3
    assert actor_colour(None) == "#555555"
    assert actor_colour("XX") == actor_colour("XX")
    assert actor_colour("FR", {"FR": "#000000"}) == "#000000"


def test_an_actors_colour_never_depends_on_the_other_actors():
    """Adding stories (new actors) never recolours an actor already on the map."""
    alone = actor_colours(["US"])["US"]
    for others in (["AA", "US"], ["DE", "FR", "RU", "US", "ZZ"], [f"X{i}" for i in range(30)]):
        assert actor_colours([*others, "US"])["US"] == alone
    assert all(c in PALETTE for c in actor_colours([f"Q{i}" for i in range(40)]).values())
    common = ["US", "RU", "UA", "NATO", "BY", "CN", "DE", "FR", "GB", "PL", "TR"]
    assert len({actor_colour(a) for a in common}) == len(common)


def test_the_selection_halo_follows_the_address_and_new_layers():
    html = render()
    assert "URLSearchParams(window.parent.location.search).get('sel')" in html
    assert "window.tmSelectionLayers()" in html  # a new set of layers redraws the halo


def test_a_selection_is_brought_into_view():
    refs = all_events(sample())
    (center, zoom) = view_of(event_bounds(refs[0]))
    assert 48 < center[0] < 60 and 2 <= zoom <= 9


def test_opens_on_everything_drawn_with_a_button_to_come_back():
    html = render()
    assert "Show everything drawn" in html and "fitBounds" in html and "maxZoom:7" in html
    assert re.search(r'data-rank=\\?"\d+', html)
    fitted = re.search(r"window\.tmFit\((\[\[.*?\]\]), true\)", html)
    assert fitted, "the layers ask the map to fit their bounds"
    (s, w), (n, e) = json.loads(fitted.group(1))
    assert s <= 55.7 and n >= 59.91 and w <= 2.35 and e >= 28.2  # Latvia's area, Paris, Oslo


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("[55.769999999999996,24.24]", "[55.77,24.24]"),
        ("[-0.30000000000000004,1.5]", "[-0.3,1.5]"),
        ('{"n":12,"x":1.25}', '{"n":12,"x":1.25}'),
    ],
)
def test_page_coordinates_keep_three_decimals(text, short):
    from dashboard.view.basemap import short_numbers

    assert short_numbers(text) == short


def test_a_large_corpus_draws_its_most_mentioned_places() -> None:
    """Thousands of places stay quick: the most mentioned are drawn, the layer says so."""
    many = [
        PlaceTally(Place(f"p{i}", f"Town {i}", "city", 10.0 + i * 0.01, 20.0),
                   (None,) * (i % 7 + 1))  # type: ignore[arg-type]
        for i in range(30)
    ]
    html = render([], many, max_places=10)
    assert len(set(re.findall(r"Town \d+", html))) == 10
    assert places_note(many, 10) == "The map draws the 10 most mentioned of 30 places."
    assert places_note(many, 400) is None
    kept = most_mentioned(many, 10)
    dropped = [t for t in many if t not in kept]
    assert min(t.count for t in kept) >= max(t.count for t in dropped)


def test_outline_basemap_waits_for_the_street_map_to_fail() -> None:
    """With a tile layer, the outlines appear only on a tile error, never over the streets;
    without one, they are drawn at once. They are one of the layers that change, so that a
    new page's first map need not wait for them."""
    with_tiles = render(outlines=box(-10, 35, 40, 70), tiles=True)
    assert "l.on('tileerror'" in with_tiles and "window.tmTilesFailed=false" in with_tiles
    assert "(window.tmWhenTilesFail = window.tmWhenTilesFail || []).push(show)" in with_tiles
    without = render(outlines=box(-10, 35, 40, 70), tiles=False)
    assert "tileerror" not in without and "window.tmTilesFailed === undefined" in without
    names = [g.layer_name for g in event_layers([], [], outlines=box(-10, 35, 40, 70))]
    assert names[1] == "Country outlines"
    assert "tmTilesFailed" not in base_map({}, tiles=False).get_root().render()


def test_a_requested_view_is_not_refitted() -> None:
    """A shared link's view stays: the map fits itself only when no view was asked for."""
    refs = filter_events([story_one()], EventFilter())
    assert re.search(r"window\.tmFit\(\[\[.*?\]\], true\)", render(refs))
    assert re.search(r"window\.tmFit\(\[\[.*?\]\], false\)", render(refs, fit=False))
    assert "Show everything drawn" in render(refs, fit=False)


@pytest.mark.parametrize(
    "title", ["a `backtick", "a ${window.__pwned=1} here", "back\\slash", "{{ 7*7 }} run",
              "{% broken", "{# half"])
def test_tooltips_are_safe_inside_the_javascript_template(title):
    """folium puts tooltip HTML in a JS template string: ` ${ and \\ must not reach it raw."""
    one = story_one()
    article = dataclasses.replace(one.article, title=title)
    ev = dataclasses.replace(one.events[2], person=title, force=None)
    html = render(all_events([dataclasses.replace(one, article=article, events=(ev,))]), [])
    texts = [f["tip"] for f in features(html)]
    assert any(title in unescape(text) for text in texts)
    for text in texts:
        assert not any(bad in text for bad in ("`", "${", "\\", "{{", "{%", "{#"))
    assert "49 run" not in html  # nothing in a story is run as a template
    assert template_safe("a`b${c}\\") == "a&#96;b&#36;&#123;c&#125;&#92;"
    assert unescape(template_safe(escape(title))) == title


def test_an_area_leaves_out_its_island_specks():
    """Each part of an area is a clickable shape: specks no one can see are not drawn."""
    from shapely.geometry import MultiPolygon

    one = story_one()
    islands = [box(30 + i * 0.3, 40, 30.1 + i * 0.3, 40.1) for i in range(20)]  # 0.01 deg²
    area = MultiPolygon([box(21.0, 55.7, 28.2, 58.0), *islands])
    presence = dataclasses.replace(one.events[1], geometry=area)
    html = render(all_events([dataclasses.replace(one, events=(presence,))]), [])
    assert [len(a["rings"]) for a in areas(html)] == [1]
    only_specks = dataclasses.replace(presence, geometry=MultiPolygon(islands[:3]))
    html = render(all_events([dataclasses.replace(one, events=(only_specks,))]), [])
    assert [len(a["rings"]) for a in areas(html)] == [1]  # the largest part is always drawn
