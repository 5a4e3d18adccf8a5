"""The record the gazetteer returns: one place with coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PlaceKind = Literal[
    "city",  # populated place (GeoNames P.*)
    "country",
    "admin1",  # first-level subdivision (oblast, state, province)
    "admin2",  # second-level subdivision (US county, ...)
    "region",  # macro-region ("eastern Europe", "the Baltic states")
    "conflict_area",  # "Donbas", "Nagorno-Karabakh", "the Gaza Strip"
    "sea",  # seas, gulfs, straits
    "installation",  # military bases and airfields
]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``id`` is stable across builds (e.g. ``gn:703448``, ``cc:UA``)."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # admin-1 name or code within the country
    population: int | None = None
    feature_code: str | None = None
