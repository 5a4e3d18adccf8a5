"""Boundaries: polygons, point location, land borders and border bands."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata import load_gazetteer
from geodata.geometry import (
    border_band,
    border_segment,
    country_shape,
    geodesic_length_km,
    land_border,
    load_boundaries,
    locate,
    shape_of,
)


def test_country_shapes():
    ukraine = country_shape("UA")
    assert ukraine is not None and ukraine.geom_type in ("Polygon", "MultiPolygon")
    assert ukraine.contains(shapely.Point(30.52, 50.45))  # Kyiv
    assert country_shape("ZZ") is None


@pytest.mark.parametrize(
    ("lon", "lat", "country"),
    [
        (36.23, 49.99, "UA"),  # Kharkiv
        (34.10, 44.95, "UA"),  # Simferopol: Crimea is Ukraine in this data
        (37.62, 55.75, "RU"),  # Moscow
        (44.83, 41.69, "GE"),  # Tbilisi
        (-79.01, 35.14, "US"),  # Fort Bragg
        (121.53, 25.05, "TW"),  # Taipei
        (125.75, 39.03, "KP"),  # Pyongyang
        (24.33, 57.08, "LV"),  # Adazi
    ],
)
def test_locate_country(lon, lat, country):
    assert locate(lon, lat)[0] == country


def test_locate_admin1_and_sea():
    cc, admin1 = locate(34.10, 44.95)  # Simferopol
    assert cc == "UA" and admin1 is not None and "Krym" in admin1 or "Crimea" in (admin1 or "")
    assert locate(34.0, 43.4) == (None, None)  # the middle of the Black Sea
    assert locate(float("nan"), 10.0) == (None, None)
    assert locate(500.0, 10.0) == (None, None)


def test_simferopol_lies_in_crimea():
    crimea = load_gazetteer().lookup("Crimea")[0]
    shape = shape_of(crimea)
    assert shape is not None
    assert shape.contains(shapely.Point(34.10, 44.95))
    assert not shape.contains(shapely.Point(36.23, 49.99))


def test_russia_ukraine_border_length():
    border = land_border("RU", "UA")
    assert border.geom_type in ("LineString", "MultiLineString")
    assert 1500 <= geodesic_length_km(border) <= 2600
    assert land_border("UA", "RU").equals_exact(land_border("UA", "RU"), 0)
    assert land_border("FR", "JP").is_empty


def test_neighbours():
    assert {"RU", "BY", "PL", "MD", "RO", "HU", "SK"} <= set(load_boundaries().neighbours("UA"))


def test_border_segment_sides():
    east = border_segment("UA", sides=("east",))
    west = border_segment("UA", sides=("west",))
    assert not east.is_empty and not west.is_empty
    assert east.centroid.x > west.centroid.x
    with_russia = border_segment("UA", neighbour="RU")
    assert abs(geodesic_length_km(with_russia) - geodesic_length_km(land_border("UA", "RU"))) < 1


def test_border_band():
    band = border_band("UA", width_km=50, neighbour="RU", within="RU")
    assert band.geom_type in ("Polygon", "MultiPolygon") and not band.is_empty
    assert band.contains(shapely.Point(36.59, 50.60))  # Belgorod, ~35 km from the border
    assert not band.contains(shapely.Point(37.62, 55.75))  # Moscow
    assert country_shape("RU").buffer(0.01).contains(band)
    assert border_band("UA", width_km=0).is_empty


def test_region_shapes_from_members():
    gazetteer = load_gazetteer()
    baltics = shape_of(gazetteer.lookup("the Baltics")[0])
    assert baltics is not None and baltics.contains(shapely.Point(24.1, 56.95))  # Riga
    donbas = shape_of(gazetteer.lookup("Donbas")[0])
    assert donbas is not None and donbas.contains(shapely.Point(37.80, 48.00))  # Donetsk
    assert shape_of(gazetteer.lookup("Kyiv")[0]) is None  # a city is a point


@pytest.mark.parametrize(
    ("name", "inside", "outside"),
    [
        ("Black Sea", (34.0, 43.4), (36.6, 46.1)),  # not the Sea of Azov
        ("Sea of Azov", (36.6, 46.1), (34.0, 43.4)),
        ("Baltic Sea", (20.0, 57.0), (24.1, 56.95)),  # not Riga on land
        ("Persian Gulf", (51.5, 27.0), (51.42, 35.69)),  # not Tehran
        ("Taiwan Strait", (119.5, 24.0), (121.53, 25.05)),  # not Taipei
    ],
)
def test_sea_water(name, inside, outside):
    sea = load_gazetteer().lookup(name)[0]
    shape = shape_of(sea)
    assert sea.kind == "sea" and shape is not None
    assert shape.contains(shapely.Point(*inside))
    assert not shape.contains(shapely.Point(*outside))


def test_conflict_area_members():
    gazetteer = load_gazetteer()
    transnistria = shape_of(gazetteer.lookup("Transnistria")[0])
    assert transnistria is not None and transnistria.contains(shapely.Point(29.63, 46.84))
    assert not transnistria.contains(shapely.Point(28.86, 47.01))  # Chisinau


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True))
def test_locate_never_crashes(lon, lat):
    cc, admin1 = locate(lon, lat)
    assert cc is None or len(cc) == 2
    assert admin1 is None or cc is not None
