"""Tests for dashboard.store.export: GeoDataFrame, GeoJSON, GeoPackage and CSV output, filters."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

from dashboard.records import Article, Event, Extraction, Force, Sentence
from dashboard.store.export import (
    ExportError,
    csv_text,
    events_frame,
    filter_events,
    neutralise_formula,
    write_events,
)

TEXT = '=HYPERLINK("x") 3,000 troops moved. Tanks rolled. Talks were held in Minsk.'


def _event(i: int, geometry, **kw) -> Event:
    """A small event on sentence ``i`` of TEXT."""
    sentence = Sentence("a1", 0, 0, 36, TEXT[:36])
    return Event(id=f"a1-e{i}", article_id="a1", sentence=sentence, geometry=geometry, **kw)


EXTRACTION = Extraction(
    article=Article("a1", TEXT, title="@title", date=dt.date(2022, 2, 2), source="Wire"),
    events=(
        _event(
            0,
            LineString([(37.6, 55.7), (27.5, 53.9)]),
            type="deployment",
            modality="asserted",
            actor="RU",
            force=Force(16, 28, "3,000 troops", count=3000, personnel="troops"),
            date=dt.date(2022, 2, 10),
            date_end=dt.date(2022, 2, 20),
        ),
        _event(1, Point(27.5, 53.9), type="meeting", modality="planned", actor="BY"),
        _event(
            2,
            Polygon([(30, 50), (31, 50), (31, 51)]),
            type="presence",
            modality="negated",
            actor="us",
            date=dt.date(2022, 1, 5),
        ),
        _event(3, None, type="exercise", modality="asserted", actor=None),
    ),
)


def test_events_frame_has_one_row_per_event_in_wgs84() -> None:
    frame = events_frame([EXTRACTION])
    assert len(frame) == 4
    assert frame.crs.to_epsg() == 4326
    assert list(frame["id"]) == ["a1-e0", "a1-e1", "a1-e2", "a1-e3"]
    assert frame.loc[0, "count"] == 3000
    assert frame.geometry.isna().tolist() == [False, False, False, True]


def test_empty_frame_keeps_its_columns() -> None:
    frame = events_frame([])
    assert len(frame) == 0
    assert {"id", "type", "sentence", "geometry"} <= set(frame.columns)


def test_geojson_is_lon_lat_and_keeps_null_geometry(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    assert write_events([EXTRACTION], out) == 4
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in data
    first, *_, last = data["features"]
    assert first["geometry"]["coordinates"][0] == [37.6, 55.7]
    assert first["properties"]["count"] == 3000
    assert first["properties"]["date_end"] == "2022-02-20"
    assert last["geometry"] is None


def test_geojson_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert write_events([EXTRACTION], "-") == 4
    data = json.loads(capsys.readouterr().out)
    assert len(data["features"]) == 4


def test_gpkg_opens_with_geopandas(tmp_path: Path) -> None:
    out = tmp_path / "events.gpkg"
    write_events([EXTRACTION], out)
    write_events([EXTRACTION], out)  # writing again replaces, never appends
    frame = gpd.read_file(out, layer="events")
    assert len(frame) == 4
    assert frame.crs.to_epsg() == 4326
    assert sorted(frame.geometry.dropna().geom_type) == ["LineString", "Point", "Polygon"]


def test_gpkg_with_no_events(tmp_path: Path) -> None:
    out = tmp_path / "none.gpkg"
    assert write_events([], out) == 0
    assert len(gpd.read_file(out, layer="events")) == 0


def test_csv_has_wkt_and_neutralised_cells(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    write_events([EXTRACTION], out)
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 4
    assert rows[0]["geometry"].startswith("LINESTRING (37.6 55.7")
    assert rows[0]["sentence"].startswith("'=HYPERLINK")
    assert rows[0]["title"] == "'@title"
    assert rows[3]["geometry"] == ""
    assert csv_text([EXTRACTION]) == out.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30", "'+49 30"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Troops", "Troops"),
        ("", ""),
        (-2, -2),
        (None, None),
    ],
)
def test_neutralise_formula(value: object, expected: object) -> None:
    assert neutralise_formula(value) == expected


@pytest.mark.parametrize("name", ["events.shp", "events", "events.json"])
def test_unknown_format_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError, match="must end in"):
        write_events([EXTRACTION], tmp_path / name)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a1-e0", "a1-e1", "a1-e2", "a1-e3"]),
        ({"actor": "US"}, ["a1-e2"]),
        ({"actor": "ru"}, ["a1-e0"]),
        ({"type": "meeting"}, ["a1-e1"]),
        ({"modality": "asserted"}, ["a1-e0", "a1-e3"]),
        ({"since": dt.date(2022, 2, 15)}, ["a1-e0"]),
        ({"until": dt.date(2022, 2, 1)}, ["a1-e2"]),
        ({"since": dt.date(2022, 2, 2), "until": dt.date(2022, 2, 2)}, ["a1-e1", "a1-e3"]),
        ({"type": "deployment", "modality": "negated"}, []),
    ],
)
def test_filter_events(filters: dict, expected: list[str]) -> None:
    (ex,) = filter_events([EXTRACTION], **filters)
    assert [e.id for e in ex.events] == expected
