"""Opening the database: PRAGMAs, one-line errors, and append-only schema migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from desktop_app.core.errors import StorageError
from desktop_app.core.model import BUILTIN_TAGS

BUSY_TIMEOUT_MS = 5000


def _v1(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source_path TEXT NOT NULL DEFAULT '',
            source_format TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            blocks TEXT NOT NULL DEFAULT '[]',
            imported_at TEXT NOT NULL,
            revision_of TEXT REFERENCES documents(id) ON DELETE SET NULL
        )"""
    )
    db.execute(
        """CREATE TABLE tags (
            name TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            colour TEXT NOT NULL,
            shortcut TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            builtin INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            tag TEXT NOT NULL REFERENCES tags(name) ON UPDATE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            fields TEXT NOT NULL DEFAULT '{}',
            reviewer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            anchor_state TEXT NOT NULL DEFAULT 'anchored'
        )"""
    )
    db.execute("CREATE INDEX annotations_by_document ON annotations(document_id, start)")
    db.execute("CREATE INDEX annotations_by_tag ON annotations(tag)")
    for t in BUILTIN_TAGS:
        db.execute(
            "INSERT INTO tags VALUES (?, ?, ?, ?, ?, 1, ?)",
            [t.name, t.label, t.colour, t.shortcut, t.description, t.position],
        )


def _rejected_suggestions(db: sqlite_utils.Database) -> None:
    """Suggestions an editor rejected, by place (a document's text never changes), so they do
    not come back when the draft is opened again."""
    db.execute(
        """CREATE TABLE rejected_suggestions (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (document_id, kind, start, "end")
        )"""
    )


# Append only: never edit a released step, add a new one.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (_v1, _rejected_suggestions)


def _schema_version(db: sqlite_utils.Database) -> int:
    # One statement, so both numbers come from the same snapshot of a database that another
    # process may be migrating right now.
    version, objects = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if version > len(MIGRATIONS):
        raise StorageError(
            f"the database was written by a newer Copydesk (schema {version}, this app knows "
            f"{len(MIGRATIONS)}); update the app"
        )
    if version == 0 and objects:
        raise StorageError("the file is an SQLite database of another program, not Copydesk's")
    return version


def _migrate(db: sqlite_utils.Database) -> None:
    if _schema_version(db) == len(MIGRATIONS):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        version = _schema_version(db)
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def describe_sqlite_error(error: sqlite3.Error, path: str) -> str:
    """Turn an sqlite3 error into the one line a user reads."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"{path}: the database is locked by another program; close it and try again"
    if "readonly" in text or "read-only" in text:
        return f"{path}: the database is read-only; nothing was changed"
    if "disk is full" in text:
        return f"{path}: the disk is full; nothing was changed"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path}: the file is not a Copydesk database or is damaged ({text})"
    if "unable to open" in text:
        return f"{path}: cannot open the database file (check the folder exists and is writable)"
    return f"{path}: database error: {text}"


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database; raises StorageError with one line.

    A file that cannot be written still opens for reading: SQLite falls back to read-only and
    the first write fails with "the database is read-only" (see `describe_sqlite_error`).
    """
    path = Path(path)
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"{path.parent}: cannot create the data folder ({error.strerror})"
        ) from None
    conn: sqlite3.Connection | None = None
    try:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        # No sqlite-utils plugins: they cost start-up time and could change the connection.
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        db.execute("PRAGMA foreign_keys = ON")
        _schema_version(db)  # refuse a newer or foreign database before changing anything
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            try:
                db.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                pass  # a read-only file still opens for reading in its current mode
        # FULL: an acknowledged annotation survives power loss too (~0.2 ms per commit in WAL).
        db.execute("PRAGMA synchronous = FULL")
        _migrate(db)
    except sqlite3.Error as error:
        _close(conn)
        if "unable to open" in str(error) and path.is_file():
            # The file is there but SQLite cannot open it or create its -wal/-shm companions.
            raise StorageError(
                f"{path}: the database or its folder is read-only (SQLite must create "
                f"{path.name}-wal and {path.name}-shm beside it); nothing was changed"
            ) from None
        raise StorageError(describe_sqlite_error(error, str(path))) from None
    except StorageError as error:
        _close(conn)
        message = str(error)
        if not message.startswith(str(path)):
            message = f"{path}: {message}"
        raise StorageError(message) from None
    return db


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass
