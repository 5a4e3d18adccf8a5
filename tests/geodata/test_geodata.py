"""Gazetteer: names as news writes them resolve to the right place; bad input never crashes."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata import load_gazetteer, normalize
from geodata.records import Place


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


# name, expected country, lat, lon, tolerance in km, expected kind (None: any)
NAMES = [
    # Ukraine and Russia
    ("Kiev", "UA", 50.45, 30.52, 20, "city"),
    ("Kyiv", "UA", 50.45, 30.52, 20, "city"),
    ("Kharkov", "UA", 49.99, 36.23, 20, "city"),
    ("Kharkiv", "UA", 49.99, 36.23, 20, "city"),
    ("Odessa", "UA", 46.48, 30.73, 20, "city"),
    ("Lviv", "UA", 49.84, 24.03, 20, "city"),
    ("Zaporizhzhia", "UA", 47.84, 35.14, 25, "city"),
    ("Mariupol", "UA", 47.10, 37.55, 20, "city"),
    ("Bakhmut", "UA", 48.60, 38.00, 20, "city"),
    ("Lugansk", "UA", 48.57, 39.31, 30, None),
    ("Donbas", "UA", 48.2, 38.3, 161, "conflict_area"),
    ("the Donbass", "UA", 48.2, 38.3, 161, "conflict_area"),
    ("Crimea", "UA", 45.3, 34.4, 161, "admin1"),
    ("Sevastopol", "UA", 44.60, 33.52, 30, None),
    ("Simferopol", "UA", 44.95, 34.10, 20, "city"),
    ("Kursk region", "RU", 51.7, 36.2, 161, "admin1"),
    ("Kursk Oblast", "RU", 51.7, 36.2, 161, "admin1"),
    ("Belgorod", "RU", 50.60, 36.59, 20, "city"),
    ("Kiev region", "UA", 50.4, 30.8, 161, "admin1"),
    ("Kharkov region", "UA", 49.6, 36.5, 161, "admin1"),
    ("Lugansk region", "UA", 48.9, 39.1, 161, "admin1"),
    ("Zaporozhye region", "UA", 47.4, 35.6, 161, "admin1"),
    ("Ivanovo Region", "RU", 57.0, 41.5, 161, "admin1"),
    ("Moscow", "RU", 55.75, 37.62, 20, "city"),
    ("St. Petersburg", "RU", 59.94, 30.31, 25, "city"),
    ("Yelnya", "RU", 54.57, 33.17, 20, None),
    ("Rostov-on-Don", "RU", 47.23, 39.72, 20, "city"),
    ("Kaliningrad", "RU", 54.71, 20.51, 161, None),
    # Moldova, Belarus, Baltics, Poland, Romania
    ("Transnistria", "MD", 47.2, 29.4, 100, None),
    ("Minsk", "BY", 53.90, 27.57, 20, "city"),
    ("Baltics", None, 57.0, 24.5, 161, "region"),
    ("the Baltic states", None, 57.0, 24.5, 161, "region"),
    ("Tapa", "EE", 59.26, 25.96, 20, None),
    ("Adazi", "LV", 57.08, 24.33, 25, None),
    ("Rukla", "LT", 55.03, 24.38, 20, None),
    ("Suwalki Gap", "PL", 54.1, 23.2, 100, "conflict_area"),
    ("Rzeszow", "PL", 50.04, 22.00, 20, None),
    ("Orzysz", "PL", 53.81, 21.95, 20, None),
    ("Kogalniceanu", "RO", 44.36, 28.49, 20, "installation"),
    ("Constanta", "RO", 44.18, 28.63, 20, "city"),
    # NATO and US bases, US places
    ("Fort Bragg", "US", 35.14, -79.01, 30, "installation"),
    ("Fort Liberty", "US", 35.14, -79.01, 30, "installation"),
    ("Ft. Campbell", "US", 36.66, -87.47, 30, "installation"),
    ("Fort Cavazos", "US", 31.13, -97.78, 30, "installation"),
    ("Ramstein", "DE", 49.44, 7.60, 20, "installation"),
    ("Grafenwoehr", "DE", 49.70, 11.94, 25, None),
    ("Incirlik", "TR", 37.00, 35.43, 25, None),
    ("Camp Lemonnier", "DJ", 11.55, 43.16, 20, "installation"),
    ("Rapides Parish", "US", 31.2, -92.5, 60, "admin2"),
    ("Washington", "US", 38.90, -77.04, 30, "city"),
    ("the United States", "US", 39.76, -98.5, 161, "country"),
    ("U.S.", "US", 39.76, -98.5, 161, "country"),
    ("Britain", "GB", 54.76, -2.70, 161, "country"),
    # Caucasus and Central Asia
    ("Tbilisi", "GE", 41.69, 44.83, 20, "city"),
    ("Georgia", "GE", 42.0, 43.5, 161, "country"),
    ("Nagorno-Karabakh", "AZ", 39.85, 46.75, 100, "conflict_area"),
    ("Stepanakert", "AZ", 39.82, 46.75, 30, None),
    ("Yerevan", "AM", 40.18, 44.51, 20, "city"),
    ("Baku", "AZ", 40.38, 49.89, 20, "city"),
    ("South Ossetia", "GE", 42.3, 44.0, 100, None),
    # Middle East
    ("Gaza Strip", "PS", 31.42, 34.35, 60, None),
    ("Gaza", "PS", 31.50, 34.47, 30, "city"),
    ("West Bank", "PS", 31.95, 35.25, 100, None),
    ("Golan Heights", "SY", 33.0, 35.8, 60, "conflict_area"),
    ("Idlib", "SY", 35.93, 36.63, 60, None),
    ("Tartus", "SY", 34.89, 35.89, 30, None),
    ("Hmeimim", "SY", 35.40, 35.95, 20, "installation"),
    ("Al Udeid", "QA", 25.12, 51.32, 20, "installation"),
    ("Ain al-Asad", "IQ", 33.79, 42.44, 25, "installation"),
    ("Strait of Hormuz", None, 26.57, 56.25, 100, "sea"),
    ("Persian Gulf", None, 26.5, 52.0, 300, "sea"),
    ("Bab el-Mandeb", None, 12.58, 43.33, 60, "sea"),
    ("Red Sea", None, 20.0, 38.5, 400, "sea"),
    ("Tehran", "IR", 35.69, 51.42, 20, "city"),
    ("Kurdistan", "IQ", 36.4, 44.3, 161, None),
    # East Asia
    ("Taiwan Strait", None, 24.0, 119.5, 161, "sea"),
    ("Taiwan", "TW", 24.0, 121.0, 161, "country"),
    ("Taipei", "TW", 25.05, 121.53, 20, "city"),
    ("South China Sea", None, 12.0, 113.0, 400, "sea"),
    ("Pyongyang", "KP", 39.03, 125.75, 20, "city"),
    ("North Korea", "KP", 40.0, 127.0, 161, "country"),
    ("Korean Peninsula", None, 38.0, 127.5, 161, "region"),
    ("Camp Humphreys", "KR", 36.96, 127.03, 20, "installation"),
    ("Kadena", "JP", 26.36, 127.77, 20, "installation"),
    ("Guam", "GU", 13.44, 144.79, 60, "country"),
    # Africa
    ("Sahel", None, 15.5, 2.0, 400, "region"),
    ("Bamako", "ML", 12.65, -8.00, 20, "city"),
    ("Niamey", "NE", 13.51, 2.11, 20, "city"),
    ("Ivory Coast", "CI", 7.5, -5.5, 200, "country"),
    # Seas and regions
    ("Black Sea", None, 43.4, 34.0, 300, "sea"),
    ("Sea of Azov", None, 46.1, 36.6, 161, "sea"),
    ("eastern Europe", None, 50.0, 27.0, 400, "region"),
    ("NATO's eastern flank", None, 51.0, 23.0, 400, "region"),
    # Islands news names (the populated places of the same name are small or elsewhere)
    ("Palawan", "PH", 9.8, 118.7, 100, "island"),
    ("Trinidad", "TT", 10.45, -61.3, 60, "island"),
    ("Lesvos", "GR", 39.2, 26.3, 60, "island"),
    ("Franz Josef Land", "RU", 80.6, 54.0, 200, "island"),
    ("Kara Sea", None, 76.0, 80.0, 400, "sea"),
]


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon", "tolerance", "kind"), NAMES, ids=[n[0] for n in NAMES]
)
def test_news_names_resolve(gazetteer, name, country, lat, lon, tolerance, kind):
    places = gazetteer.lookup(name)
    assert places, f"{name!r} found nothing"
    best = places[0]
    assert best.country == country, best
    assert km(best.lat, best.lon, lat, lon) <= tolerance, best
    if kind is not None:
        assert best.kind == kind, best


def test_country_filter(gazetteer):
    places = gazetteer.lookup("Moscow", country="US")
    assert places and all(p.country == "US" for p in places)
    assert gazetteer.lookup("Moscow", country="Russia")[0].country == "RU"


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("U.S.", "us"),
        ("the United States", "united states"),
        ("St. Petersburg", "saint petersburg"),
        ("Mihail Kogălniceanu", "mihail kogalniceanu"),
        ("Rzeszów", "rzeszow"),
        ("Łask", "lask"),
        ("Ādaži", "adazi"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("  Bab   el-Mandeb ", "bab el mandeb"),
        ("Dnipropetrovs\u2019k", "dnipropetrovsk"),
        ("", ""),
    ],
)
def test_normalize(raw, key):
    assert normalize(raw) == key


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "x" * 10_000, "\x00\x01\x02", "Kyiv\x00" * 3000, "\u200b", "\ud800", "!!!", "the"],
)
def test_bad_input_returns_empty(gazetteer, bad):
    assert gazetteer.lookup(bad) == [] or all(isinstance(p, Place) for p in gazetteer.lookup(bad))
    assert gazetteer.lookup(bad, country="UA", limit=0) == []


def test_bad_input_is_empty_for_junk(gazetteer):
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup("x" * 10_000) == []
    assert gazetteer.lookup("\x00\x01\x02") == []
    assert gazetteer.lookup(None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("the US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("the United States", "US"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("the Netherlands", "NL"),
        ("Holland", "NL"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Czechia", "CZ"),
        ("Ivory Coast", "CI"),
        ("Congo", "CD"),
        ("Taiwan", "TW"),
        ("Palestine", "PS"),
        ("Kosovo", "XK"),
        ("Türkiye", "TR"),
        ("Atlantis", None),
    ],
)
def test_country_code(gazetteer, name, code):
    assert gazetteer.country_code(name) == code


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Russian", "RU"),
        ("American", "US"),
        ("Americans", "US"),
        ("Ukrainian", "UA"),
        ("Belarusian", "BY"),
        ("Turkish", "TR"),
        ("Dutch", "NL"),
        ("British", "GB"),
        ("French", "FR"),
        ("North Korean", "KP"),
        ("Israeli", "IL"),
        ("Iranian", "IR"),
        ("Chinese", "CN"),
        ("Syrian", "SY"),
        ("Georgian", "GE"),
        ("Azerbaijani", "AZ"),
        ("Armenian", "AM"),
        ("Afghan", "AF"),
        ("Emirati", "AE"),
        ("Saudi", "SA"),
        ("NATO", "NATO"),
        ("European Union", "EU"),
        ("Martian", None),
    ],
)
def test_demonym(gazetteer, word, code):
    assert gazetteer.demonym(word) == code


@pytest.mark.parametrize(
    ("abbreviation", "code"),
    [
        ("N.C.", "NC"),
        ("Calif.", "CA"),
        ("W.Va.", "WV"),
        ("D.C.", "DC"),
        ("NC", "NC"),
        ("CA", "CA"),
        ("Texas", "TX"),
        ("Ga.", "GA"),
        ("Xyz.", None),
    ],
)
def test_us_state(gazetteer, abbreviation, code):
    assert gazetteer.us_state(abbreviation) == code


def test_country_and_capital(gazetteer):
    us = gazetteer.country("US")
    assert us is not None and us.kind == "country"
    assert km(us.lat, us.lon, 39.76, -98.5) < 50
    capital = gazetteer.capital("UA")
    assert capital is not None and capital.name == "Kyiv"
    assert gazetteer.country("ZZ") is None and gazetteer.capital("ZZ") is None


def test_candidates_and_prefix(gazetteer):
    assert gazetteer.candidates("kyiv")[0].name == "Kyiv"
    assert gazetteer.candidates("no such place at all") == ()
    assert gazetteer.is_prefix("nagorno")
    assert gazetteer.is_prefix("new")
    assert not gazetteer.is_prefix("kyiv oblast region")
    assert gazetteer.max_tokens >= 3


def test_cli_prints_json():
    done = subprocess.run(
        [sys.executable, "-m", "geodata", "lookup", "Kharkov", "--limit", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    places = json.loads(done.stdout)
    assert places[0]["country"] == "UA" and places[0]["kind"] == "city"
    assert {"name", "kind", "country", "lat", "lon", "population"} <= set(places[0])


def test_cli_rejects_bad_input():
    done = subprocess.run(
        [sys.executable, "-m", "geodata", "lookup", ""], capture_output=True, text=True
    )
    assert done.returncode == 2 and "NAME" in done.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_lookup_never_crashes(text):
    gazetteer = load_gazetteer()
    key = normalize(text)
    assert key == key.strip() and "  " not in key
    for place in gazetteer.lookup(text, limit=3):
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    gazetteer.country_code(text)
    gazetteer.demonym(text)
    gazetteer.us_state(text)
    assert isinstance(gazetteer.is_prefix(key), bool)
