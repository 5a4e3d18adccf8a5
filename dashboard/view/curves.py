"""Curves and arrowheads for movements: pure geometry in (lat, lon), folium's order."""

from __future__ import annotations

import math
from collections.abc import Sequence

from dashboard.view.extent import LatLon

__all__ = ["curve_points", "arrowhead"]


def curve_points(origin: LatLon, destination: LatLon, n: int = 24, bend: float = 0.18):
    """Points of a quadratic Bezier arc from origin to destination, bent to the right."""
    (lat0, lon0), (lat1, lon1) = origin, destination
    k = math.cos(math.radians((lat0 + lat1) / 2)) or 1e-6  # bend in roughly metric space
    x0, x1 = lon0 * k, lon1 * k
    mx, my = (x0 + x1) / 2 + bend * (lat1 - lat0), (lat0 + lat1) / 2 - bend * (x1 - x0)
    points = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t**2 * x1
        y = (1 - t) ** 2 * lat0 + 2 * (1 - t) * t * my + t**2 * lat1
        points.append((y, x / k))
    return points


def arrowhead(points: Sequence[LatLon], size: float | None = None) -> list[LatLon]:
    """A triangle (three lat/lon corners) at the end of a line, pointing along its last step."""
    (lat0, lon0), (lat1, lon1) = points[-2], points[-1]
    k = math.cos(math.radians(lat1)) or 1e-6
    dx, dy = (lon1 - lon0) * k, lat1 - lat0
    step = math.hypot(dx, dy) or 1e-9
    if size is None:
        span = math.hypot((points[-1][1] - points[0][1]) * k, points[-1][0] - points[0][0])
        size = min(max(0.04 * span, 0.12), 0.6)
    ux, uy = dx / step, dy / step
    bx, by = lon1 * k - ux * size, lat1 - uy * size
    half = size * 0.45
    left = (by + ux * half, (bx - uy * half) / k)
    right = (by - ux * half, (bx + uy * half) / k)
    return [(lat1, lon1), left, right]
