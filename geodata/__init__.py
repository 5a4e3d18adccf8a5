"""Offline geographic knowledge: gazetteer, boundaries, regions and demonyms."""

from geodata.gazetteer import Gazetteer, load_gazetteer
from geodata.records import Place
from geodata.text import normalize

__all__ = ["Gazetteer", "Place", "load_gazetteer", "normalize"]
