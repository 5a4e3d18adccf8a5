"""A compact encoding of (multi)polygons: quantized, delta-coded coordinates, zlib-compressed."""

from __future__ import annotations

import zlib

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = ["encode", "decode", "GRID"]

GRID = 1e-4  # degrees, about 11 m: far finer than the simplification tolerance
_MAGIC = b"GP1"


def encode(geometry: BaseGeometry) -> bytes:
    """Encode a Polygon or MultiPolygon (lon/lat) as compact bytes."""
    geometry = shapely.set_precision(geometry, GRID)
    polygons = [g for g in shapely.get_parts(geometry) if isinstance(g, Polygon) and not g.is_empty]
    _, coords, offsets = shapely.to_ragged_array([MultiPolygon(polygons)])
    quantized = np.rint(coords / GRID).astype(np.int64)
    deltas = np.diff(quantized, axis=0, prepend=np.zeros((1, 2), np.int64)).astype("<i4")
    rings, parts, _ = (np.asarray(o, dtype="<i4") for o in offsets)
    header = np.array([len(deltas), len(rings), len(parts)], dtype="<i4")
    body = header.tobytes() + rings.tobytes() + parts.tobytes() + deltas.tobytes()
    return _MAGIC + zlib.compress(body, 9)


def decode(blob: bytes) -> BaseGeometry:
    """Decode bytes written by :func:`encode` back into a MultiPolygon."""
    if not blob.startswith(_MAGIC):
        raise ValueError("not an encoded polygon")
    body = zlib.decompress(blob[len(_MAGIC) :])
    n_coords, n_rings, n_parts = np.frombuffer(body[:12], dtype="<i4")
    at = 12
    rings = np.frombuffer(body, dtype="<i4", count=n_rings, offset=at).astype(np.int64)
    at += 4 * int(n_rings)
    parts = np.frombuffer(body, dtype="<i4", count=n_parts, offset=at).astype(np.int64)
    at += 4 * int(n_parts)
    deltas = np.frombuffer(body, dtype="<i4", count=2 * int(n_coords), offset=at)
    coords = np.cumsum(deltas.reshape(-1, 2).astype(np.int64), axis=0) * GRID
    geometries = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON, coords, (rings, parts, np.array([0, len(parts) - 1]))
    )
    return geometries[0]
