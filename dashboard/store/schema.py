"""The store's tables, its schema version, and the checks made when a file is opened."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.store.gpkg import (
    create_core_tables,
    holds_exactly,
    register_attributes,
    register_features,
)
from dashboard.store.serialize import PROPERTY_NAMES, extraction_from_dict, geometry_from_dict
from dashboard.store.viewrow import encode_view

__all__ = [
    "SCHEMA_VERSION",
    "StoreError",
    "READ_ONLY_ADVICE",
    "EVENT_COLUMNS",
    "check_header",
    "prepare_schema",
    "transaction",
]

SCHEMA_VERSION = 4
_SQLITE_HEADER = b"SQLite format 3\x00"

# Event properties become columns; the property "id" is the event id and "article" the story.
EVENT_COLUMNS: tuple[str, ...] = tuple(
    {"id": "event_id", "article": "story_id"}.get(name, name) for name in PROPERTY_NAMES
)
_INTEGER_COLUMNS = frozenset({"count", "count_min", "count_max", "start", "end"})

_STORIES = """
CREATE TABLE stories (
    fid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    identity TEXT,
    title TEXT,
    date TEXT,
    source TEXT,
    url TEXT,
    path TEXT,
    text TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    added_at TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    extraction TEXT NOT NULL,
    view TEXT
)
"""


def _events_table() -> str:
    """CREATE statement of the events feature table."""
    columns = ",\n    ".join(
        f'"{name}" {"INTEGER" if name in _INTEGER_COLUMNS else "TEXT"}' for name in EVENT_COLUMNS
    )
    return (
        "CREATE TABLE events (\n    fid INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        f"    geom GEOMETRY,\n    {columns},\n"
        "    FOREIGN KEY (story_id) REFERENCES stories(id) ON DELETE CASCADE\n)"
    )


class StoreError(Exception):
    """The store file cannot be used; the message names the file and what to do."""


READ_ONLY_ADVICE = (
    "make the file and its folder writable (chmod u+w), or choose another store file"
)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one write transaction: all of it is stored or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _source_file_and_publisher(conn: sqlite3.Connection) -> None:
    """Version 1 -> 2: events name their file in ``source``; the publisher moves to its own
    column ``publisher``."""
    conn.execute('ALTER TABLE events ADD COLUMN "publisher" TEXT')
    conn.execute(
        "UPDATE events SET publisher = source, "
        "source = (SELECT path FROM stories WHERE stories.id = events.story_id)"
    )


# Each event's geometry in a story's extraction JSON, with the events layer's blob for it.
_STORED_GEOMETRIES = """
SELECT s.fid, e.key, json_extract(e.value, '$.geometry'), g.geom
FROM stories AS s, json_each(s.extraction, '$.events') AS e
JOIN events AS g ON g.story_id = s.id AND g.event_id = json_extract(e.value, '$.id')
WHERE json_type(e.value, '$.geometry') = 'object' AND g.geom IS NOT NULL
"""


def _geometries_in_layer_only(conn: sqlite3.Connection) -> None:
    """Version 2 -> 3: an event's geometry is kept once, in the events layer; the stories'
    extraction JSON leaves out every one the layer holds exactly."""
    if conn.execute("SELECT count(*) FROM stories WHERE NOT json_valid(extraction)").fetchone()[0]:
        return  # a damaged story stops SQLite's JSON reading: the JSON is left whole
    same: dict[tuple[str, bytes], bool] = {}
    paths: dict[int, list[str]] = {}
    for fid, index, geometry, blob in conn.execute(_STORED_GEOMETRIES).fetchall():
        key = (geometry, bytes(blob))
        if key not in same:
            same[key] = holds_exactly(key[1], geometry_from_dict(json.loads(geometry)))
        if same[key]:
            paths.setdefault(fid, []).append(f"$.events[{index}].geometry")
    for fid, removed in paths.items():
        marks = ", ".join("?" * len(removed))
        conn.execute(f"UPDATE stories SET extraction = json_remove(extraction, {marks}) "
                     "WHERE fid = ?", (*removed, fid))


def _view_rows(conn: sqlite3.Connection) -> None:
    """Version 3 -> 4: each story has its light extraction as a compact row (``viewrow``);
    a damaged story has none (the map skips it, as before)."""
    if "view" not in {row[1] for row in conn.execute("PRAGMA table_info(stories)")}:
        conn.execute("ALTER TABLE stories ADD COLUMN view TEXT")
    rows = conn.execute("SELECT fid, text, extraction FROM stories WHERE view IS NULL").fetchall()
    for fid, text, encoded in rows:
        try:
            data = json.loads(encoded)
            if data["article"]["text"] is None:
                data["article"]["text"] = text
            view = encode_view(extraction_from_dict(data))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            continue
        conn.execute("UPDATE stories SET view = ? WHERE fid = ?", (view, fid))


# Migrations from an older schema version to the next one; a file claiming a version with
# no migration is refused rather than misread.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _source_file_and_publisher,
    2: _geometries_in_layer_only,
    3: _view_rows,
}


def check_header(path: Path) -> None:
    """Refuse a path that is a folder or a non-empty file that is not SQLite."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file: give a file path ending .gpkg")
    try:
        with path.open("rb") as stream:
            head = stream.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"cannot read the store {path}: {error.strerror}") from error
    if head and head != _SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a troopmap store (not a GeoPackage/SQLite file); "
            "move it away or choose another store file"
        )


def _tables(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables in the database."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _create(conn: sqlite3.Connection) -> None:
    """Create a fresh store in an empty database."""
    create_core_tables(conn)
    conn.execute("CREATE TABLE troopmap_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(_STORIES)
    conn.execute("CREATE INDEX stories_identity ON stories (identity)")
    conn.execute(_events_table())
    conn.execute("CREATE INDEX events_story ON events (story_id)")
    register_attributes(conn, "troopmap_meta", "store settings and schema version")
    register_attributes(conn, "stories", "news stories with their text and full extraction")
    register_features(conn, "events", "geom", "forces, movements and meetings, with evidence")
    conn.execute("INSERT INTO troopmap_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version recorded in the file."""
    row = conn.execute("SELECT value FROM troopmap_meta WHERE key='schema_version'").fetchone()
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreError(
            f"{path} has no readable schema version; it was not written by troopmap or is "
            "damaged: move it away or choose another store file"
        ) from None


def prepare_schema(conn: sqlite3.Connection, path: Path, *, writable: bool = True) -> bool:
    """Create the schema in a new file (returns True), migrate an older one, or refuse.

    Two processes creating the same new store both succeed: the schema is created under
    the write lock, by whichever process takes it first; the other finds it made.
    """
    tables = _tables(conn)
    if not tables and writable:
        with transaction(conn):
            if not _tables(conn):  # nobody created it while this process waited
                _create(conn)
                return True
        tables = _tables(conn)
    if not tables:
        raise StoreError(f"{path} is an empty file that cannot be written: {READ_ONLY_ADVICE}")
    if "troopmap_meta" not in tables or "stories" not in tables:
        raise StoreError(
            f"{path} is an SQLite/GeoPackage file but not a troopmap store; "
            "choose another store file (a new path is created on first use)"
        )
    version = _schema_version(conn, path)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer version of troopmap (store schema {version}, this "
            f"version reads {SCHEMA_VERSION}); upgrade troopmap to open it"
        )
    if version < SCHEMA_VERSION and not writable:
        raise StoreError(
            f"{path} was written by an older version of troopmap and is read-only, so it "
            f"cannot be brought up to date: {READ_ONLY_ADVICE}"
        )
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise StoreError(
                f"{path} was written by an older version of troopmap (store schema {version}) "
                "that cannot be migrated; move it away and ingest the articles again"
            )
        with transaction(conn):
            migrate(conn)
            version += 1
            conn.execute(
                "UPDATE troopmap_meta SET value=? WHERE key='schema_version'", (str(version),)
            )
    return False
