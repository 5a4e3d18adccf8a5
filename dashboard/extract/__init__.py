"""Extraction: an ``Article`` in -> an ``Extraction`` out.

Sentences, dates, toponyms resolved against the gazetteer, forces, actors, events with their
modality, and a geometry for each event; every record keeps its evidence offsets.
"""

from dashboard.extract.pipeline import EXTRACTOR_VERSION, extract_article, predict_toponyms

__all__ = ["EXTRACTOR_VERSION", "extract_article", "predict_toponyms"]
