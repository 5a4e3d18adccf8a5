"""Events to a GeoDataFrame and to GeoJSON, GeoPackage or CSV files, one row per event."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import geopandas as gpd

from dashboard.records import Event, Extraction
from dashboard.store.serialize import PROPERTY_NAMES, event_properties, geometry_to_dict

__all__ = [
    "FORMATS",
    "ExportError",
    "csv_text",
    "events_frame",
    "event_features",
    "filter_events",
    "neutralise_formula",
    "write_events",
]

FORMATS: tuple[str, ...] = (".geojson", ".gpkg", ".csv")
LAYER = "events"
# Spreadsheets run a cell as a formula when it starts with one of these (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """An export the user asked for cannot be written (unknown format, bad path)."""


def _rows(extractions: Iterable[Extraction]) -> Iterable[tuple[dict[str, Any], Event]]:
    """Flat properties and the event, for every event of every extraction."""
    for ex in extractions:
        for event in ex.events:
            yield event_properties(event, ex.article), event


def events_frame(extractions: Iterable[Extraction]) -> gpd.GeoDataFrame:
    """One row per event with its flat properties and geometry, in EPSG:4326."""
    rows = list(_rows(extractions))
    columns = list(PROPERTY_NAMES)
    data = {name: [props[name] for props, _ in rows] for name in columns}
    geometry = [event.geometry for _, event in rows]
    frame = gpd.GeoDataFrame(data, columns=columns, geometry=geometry, crs="EPSG:4326")
    for name in ("count", "count_min", "count_max", "start", "end"):
        frame[name] = frame[name].astype("Int64")
    return frame


def event_features(extractions: Iterable[Extraction]) -> dict[str, Any]:
    """RFC 7946 FeatureCollection (lon/lat, no crs member) of all events."""
    features = [
        {
            "type": "Feature",
            "id": props["id"],
            "geometry": geometry_to_dict(event.geometry),
            "properties": props,
        }
        for props, event in _rows(extractions)
    ]
    return {"type": "FeatureCollection", "features": features}


def filter_events(
    extractions: Iterable[Extraction],
    *,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Extraction]:
    """Extractions keeping only events that pass every given filter.

    Dates compare the event's date range (or, failing that, its article's date) with
    ``since``/``until``; an event with no date at all fails an active date filter.
    """
    out = []
    for ex in extractions:
        events = tuple(
            event
            for event in ex.events
            if (actor is None or (event.actor or "").upper() == actor.upper())
            and (type is None or event.type == type)
            and (modality is None or event.modality == modality)
            and _in_range(event, ex.article.date, since, until)
        )
        out.append(replace(ex, events=events))
    return out


def _in_range(
    event: Event, fallback: dt.date | None, since: dt.date | None, until: dt.date | None
) -> bool:
    """True when the event's dates overlap [since, until]."""
    if since is None and until is None:
        return True
    first = event.date or fallback
    if first is None:
        return False
    last = event.date_end or first
    return (since is None or last >= since) and (until is None or first <= until)


def write_events(extractions: Sequence[Extraction] | Iterable[Extraction], out: str | Path) -> int:
    """Write every event to ``out`` (.geojson, .gpkg, .csv, or "-" for GeoJSON on stdout).

    Returns the number of events written.
    """
    extractions = list(extractions)
    if str(out) == "-":
        return _write_geojson(extractions, sys.stdout)
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(
            f"cannot write {path}: the file name must end in {', '.join(FORMATS)} "
            "(or use - for GeoJSON on standard output)"
        )
    if suffix == ".geojson":
        with path.open("w", encoding="utf-8") as stream:
            return _write_geojson(extractions, stream)
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            return _write_csv(extractions, stream)
    return _write_gpkg(extractions, path)


def _write_geojson(extractions: list[Extraction], stream: IO[str]) -> int:
    """Write a GeoJSON FeatureCollection to a text stream."""
    collection = event_features(extractions)
    json.dump(collection, stream, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
    stream.flush()
    return len(collection["features"])


def neutralise_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(extractions: list[Extraction], stream: IO[str]) -> int:
    """Write one CSV row per event, geometry as WKT, formula-like cells neutralised."""
    writer = csv.writer(stream)
    writer.writerow([*PROPERTY_NAMES, "geometry"])
    count = 0
    for props, event in _rows(extractions):
        wkt = event.geometry.wkt if event.geometry is not None else None
        row = [neutralise_formula(props[name]) for name in PROPERTY_NAMES]
        writer.writerow([*("" if v is None else v for v in row), wkt or ""])
        count += 1
    return count


def _write_gpkg(extractions: list[Extraction], path: Path) -> int:
    """Write the events layer of a GeoPackage, replacing the file."""
    frame = events_frame(extractions)
    if path.exists():
        path.unlink()
    types = set(frame.geometry.dropna().geom_type)
    kwargs: dict[str, Any] = {}
    if len(types) != 1:
        # Points, lines and polygons share one layer: declare it as generic geometry.
        kwargs["geometry_type"] = "Unknown"
    frame.to_file(path, layer=LAYER, driver="GPKG", engine="pyogrio", **kwargs)
    return len(frame)


def csv_text(extractions: Iterable[Extraction]) -> str:
    """The CSV export as a string (for download buttons)."""
    stream = io.StringIO()
    _write_csv(list(extractions), stream)
    return stream.getvalue()
