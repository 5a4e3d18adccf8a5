"""Storage: ``Extraction`` records in -> a GeoPackage store and exports out.

The store keeps every story once with its extraction and an ``events`` feature layer that QGIS
and geopandas open; exports write GeoJSON, GeoPackage and CSV. The export names load
geopandas, so they are imported on first use only.
"""

from typing import Any

from dashboard.store.database import (
    IngestSummary,
    Store,
    StoreError,
    default_store_path,
    open_store,
)

_EXPORT_NAMES = frozenset(
    {"FORMATS", "csv_text", "event_features", "filter_events", "write_events"}
)

__all__ = [
    "IngestSummary",
    "Store",
    "StoreError",
    "default_store_path",
    "open_store",
    *sorted(_EXPORT_NAMES),
]


def __getattr__(name: str) -> Any:
    """Export names, imported when first asked for (geopandas takes a second to load)."""
    if name in _EXPORT_NAMES:
        from dashboard.store import export

        return getattr(export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
