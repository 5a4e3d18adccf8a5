"""Opening a store file: writable when it can be, read-only when the file or folder is.

SQLite needs to write beside the file (its journal), so a store whose file or folder the
user may not write is opened for reading only, and says so when asked to change.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from dashboard.store.schema import READ_ONLY_ADVICE, StoreError, check_header, prepare_schema

__all__ = ["connect", "read_only_error", "is_read_only_error"]


def _writable(path: Path) -> bool:
    """Whether this process may write the store file (or create it) and its folder."""
    folder = path.parent if path.parent.exists() else None
    if folder is not None and not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def read_only_error(path: Path, detail: str = "") -> StoreError:
    """The error for a change asked of a store that can only be read."""
    because = f" ({detail})" if detail else ""
    return StoreError(
        f"the store {path} is read-only{because}: its stories can be shown but none added; "
        f"{READ_ONLY_ADVICE}"
    )


def is_read_only_error(error: BaseException) -> bool:
    """True for SQLite's complaint about writing a read-only database or folder."""
    text = str(error).lower()
    return "readonly" in text or "read-only" in text


def _open(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to ``path``: autocommit, shared across threads, patient with locks."""
    target, uri = (f"{path.resolve().as_uri()}?mode=ro", True) if read_only else (path, False)
    return sqlite3.connect(
        target, uri=uri, isolation_level=None, check_same_thread=False, timeout=30
    )


def connect(path: Path) -> tuple[sqlite3.Connection, bool, bool]:
    """Open (or create) the store: the connection, whether it was created, and read-only."""
    check_header(path)
    read_only = path.exists() and not _writable(path)
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = _open(path, read_only)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(
            f"cannot open the store {path}: {error}; check the path and permissions"
        ) from error
    try:
        created = _prepare(conn, path, read_only)
    except BaseException:
        conn.close()
        raise
    return conn, created, read_only


def _prepare(conn: sqlite3.Connection, path: Path, read_only: bool) -> bool:
    """Make or check the schema and set the journal mode; True when the store was created.

    While another process is creating or opening the same store, SQLite may answer
    "database is locked" without waiting (the switch to write-ahead logging, or a lock it
    will not wait for lest two connections wait on each other); every step here can be
    repeated, so it is, for up to LOCK_PATIENCE seconds.
    """
    deadline = time.monotonic() + LOCK_PATIENCE
    created = False
    while True:
        try:
            # The schema first: GDAL reads the GeoPackage header from the main file, which
            # in WAL mode would only be updated at the next checkpoint.
            created = prepare_schema(conn, path, writable=not read_only) or created
            if not read_only:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            return created
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


LOCK_PATIENCE = 30.0
