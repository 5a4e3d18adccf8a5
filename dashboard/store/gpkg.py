"""The GeoPackage parts of the store: core tables, layer registration, geometry blobs.

Written with the standard library's sqlite3 so that each story's rows commit in one
transaction of our own; GDAL, QGIS and geopandas read the result as an ordinary GeoPackage.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import struct

import shapely
from shapely.geometry.base import BaseGeometry

__all__ = [
    "APPLICATION_ID",
    "GPKG_VERSION",
    "create_core_tables",
    "register_attributes",
    "register_features",
    "to_gpkg_blob",
    "from_gpkg_blob",
    "holds_exactly",
    "wkb_of_gpkg_blob",
]

APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_VERSION = 10400  # GeoPackage 1.4, stored in PRAGMA user_version as the standard asks
WGS84 = 4326

_CORE_TABLES = """
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL,
    srs_id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL,
    definition TEXT NOT NULL,
    description TEXT
);
CREATE TABLE IF NOT EXISTS gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY,
    data_type TEXT NOT NULL,
    identifier TEXT UNIQUE,
    description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
    srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL,
    z TINYINT NOT NULL,
    m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
"""

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
_SPATIAL_REF_ROWS = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
    ("WGS 84 geodetic", WGS84, "EPSG", 4326, _WGS84_WKT, "longitude/latitude on WGS 84"),
)
# Envelope indicator -> number of bytes of the envelope after the 8-byte header.
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _now() -> str:
    """UTC timestamp in the form GeoPackage asks for."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def create_core_tables(conn: sqlite3.Connection) -> None:
    """Create the GeoPackage core tables and mark the file as a GeoPackage."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {GPKG_VERSION}")
    for statement in _CORE_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany(
        "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        _SPATIAL_REF_ROWS,
    )


def register_attributes(conn: sqlite3.Connection, table: str, description: str = "") -> None:
    """List a table without geometry in gpkg_contents."""
    conn.execute(
        "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, description,"
        " last_change) VALUES (?, 'attributes', ?, ?, ?)",
        (table, table, description, _now()),
    )


def register_features(
    conn: sqlite3.Connection, table: str, column: str, description: str = ""
) -> None:
    """List a feature table (any geometry type, WGS 84) in gpkg_contents."""
    conn.execute(
        "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, description,"
        " last_change, srs_id) VALUES (?, 'features', ?, ?, ?, ?)",
        (table, table, description, _now(), WGS84),
    )
    conn.execute(
        "INSERT OR REPLACE INTO gpkg_geometry_columns VALUES (?, ?, 'GEOMETRY', ?, 0, 0)",
        (table, column, WGS84),
    )


def to_gpkg_blob(geometry: BaseGeometry | None) -> bytes | None:
    """GeoPackage binary (header, envelope, little-endian WKB) of a 2-D geometry."""
    if geometry is None:
        return None
    wkb = shapely.to_wkb(geometry, output_dimension=2, byte_order=1, flavor="iso")
    if geometry.is_empty:
        flags = 0b0001_0001  # little endian, no envelope, empty
        return b"GP\x00" + bytes([flags]) + struct.pack("<i", WGS84) + wkb
    if geometry.geom_type == "Point":
        flags = 0b0000_0001  # a point is its own envelope
        return b"GP\x00" + bytes([flags]) + struct.pack("<i", WGS84) + wkb
    minx, miny, maxx, maxy = geometry.bounds
    flags = 0b0000_0011  # little endian, xy envelope
    header = b"GP\x00" + bytes([flags]) + struct.pack("<i", WGS84)
    return header + struct.pack("<4d", minx, maxx, miny, maxy) + wkb


def wkb_of_gpkg_blob(blob: bytes) -> bytes:
    """The WKB inside GeoPackage binary (after its header and envelope)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    envelope = (blob[3] >> 1) & 0b111
    return bytes(blob[8 + _ENVELOPE_BYTES[envelope] :])


def from_gpkg_blob(blob: bytes | None) -> BaseGeometry | None:
    """Shapely geometry from GeoPackage binary."""
    if blob is None:
        return None
    return shapely.from_wkb(wkb_of_gpkg_blob(blob))


def holds_exactly(blob: bytes | None, geometry: BaseGeometry | None) -> bool:
    """Whether the GeoPackage binary gives back ``geometry`` exactly (not when it had a Z
    or M coordinate, which the 2-D layer leaves out)."""
    return blob is not None and geometry is not None and from_gpkg_blob(blob) == geometry
