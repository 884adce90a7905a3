"""Opening the database: PRAGMAs, one-line errors, and append-only schema migrations."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.errors import StorageError
from desktop_app.core.model import BUILTIN_TAGS

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = (
    5000  # the CLI waits for a busy database; the window lowers it (UI_BUSY_TIMEOUT_MS)
)
UI_BUSY_TIMEOUT_MS = 200  # a window must not freeze: a longer wait is refused as "busy, try again"
APPLICATION_ID = int.from_bytes(b"CPDK", "big")  # PRAGMA application_id of a Copydesk database
SCHEMA_TABLES = frozenset({"documents", "tags", "annotations"})


class Connection:
    """The open database as the repository uses it: sqlite3's connection and `execute`. Opening
    an up-to-date database needs nothing more, so start-up never imports sqlite-utils; that is
    loaded only when a migration runs (see `_migrate`)."""

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)


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


def _revisions(db: sqlite_utils.Database) -> None:
    """Optimistic concurrency: every stored change bumps a row's revision, and an edit based on an
    older revision is refused (two windows, or a window and the CLI, on one database). Also marks
    the file as Copydesk's (application_id), so another program's database is never touched."""
    for table in ("documents", "tags", "annotations"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _document_notes_and_search(db: sqlite_utils.Database) -> None:
    """A note per document, and a full-text index over every document's title and text (FTS5,
    kept in step with the documents table by triggers)."""
    db.execute("ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    db.execute(
        "CREATE VIRTUAL TABLE document_search USING fts5(title, text, content='documents', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        "CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN "
        "INSERT INTO document_search(rowid, title, text) VALUES (new.rowid, new.title, new.text); "
        "END"
    )
    db.execute(
        "CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN "
        "INSERT INTO document_search(document_search, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); END"
    )
    db.execute(
        "CREATE TRIGGER documents_search_update AFTER UPDATE OF title, text ON documents BEGIN "
        "INSERT INTO document_search(document_search, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); "
        "INSERT INTO document_search(rowid, title, text) VALUES (new.rowid, new.title, new.text); "
        "END"
    )
    db.execute("INSERT INTO document_search(document_search) VALUES ('rebuild')")


def _revised_drafts(db: sqlite_utils.Database) -> None:
    """Revised drafts: each annotation remembers its words in the previous revision, and an
    earlier revision keeps frozen copies of its annotations (same ids: the live rows moved on to
    the next revision), so it stays readable and exportable."""
    db.execute("ALTER TABLE annotations ADD COLUMN previous_text TEXT NOT NULL DEFAULT ''")
    db.execute(
        """CREATE TABLE revision_annotations (
            id TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
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
            anchor_state TEXT NOT NULL DEFAULT 'anchored',
            revision INTEGER NOT NULL DEFAULT 0,
            previous_text TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (document_id, id)
        )"""
    )
    db.execute("CREATE INDEX documents_by_revision ON documents(revision_of)")


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


def _count_indexes(db: sqlite_utils.Database) -> None:
    """`copydesk list` and the library count annotations per draft and tag: from these two
    indexes alone (1 ms for 10,000), not by reading every annotation row (14 ms)."""
    db.execute("CREATE INDEX annotations_by_document_tag ON annotations(document_id, tag)")
    db.execute(
        "CREATE INDEX revision_annotations_by_document_tag "
        "ON revision_annotations(document_id, tag)"
    )


# Append only: never edit a released step, add a new one.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _v1,
    _revisions,
    _document_notes_and_search,
    _revised_drafts,
    _rejected_suggestions,
    _count_indexes,
)

FOREIGN = "the file is an SQLite database of another program, not Copydesk's; nothing was changed"


def _schema_version(db: Connection | sqlite_utils.Database) -> int:
    """The schema version of a Copydesk database, or 0 for an empty file; refuses (StorageError)
    another program's database or a newer Copydesk's, having only read it."""
    # One statement, so all come from the same snapshot of a database that another process may
    # be migrating right now.
    version, app_id, tables = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), "
        "(SELECT application_id FROM pragma_application_id), "
        "(SELECT json_group_array(name) FROM sqlite_master)"
    ).fetchone()
    names = set(json.loads(tables))
    if not names and version == 0 and app_id == 0:
        return 0  # a new, empty file
    # Copydesk's own id, or (before it was set) a Copydesk schema: never a foreign file.
    if app_id not in (0, APPLICATION_ID) or not SCHEMA_TABLES <= names or version == 0:
        raise StorageError(FOREIGN)
    if version > len(MIGRATIONS):
        raise StorageError(
            f"the database was written by a newer Copydesk (schema {version}, this app knows "
            f"{len(MIGRATIONS)}); update the app"
        )
    return version


def _migrate(connection: Connection, path: Path | None = None) -> None:
    version = _schema_version(connection)
    if version == len(MIGRATIONS):
        return
    import sqlite_utils  # loaded for a schema change only, never when opening a current file

    db = sqlite_utils.Database(connection.conn, execute_plugins=False)
    if version and path is not None:
        # A copy as it was, before a step this app has never run on this user's data.
        from desktop_app.storage.backup import make_backup

        make_backup(db.conn, path, f"before-schema-{len(MIGRATIONS)}")
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
        return (
            f"{path}: the database is busy (another window or program is writing); "
            "nothing was saved, try again"
        )
    if "readonly" in text or "read-only" in text:
        return f"{path}: {_read_only_part(Path(path))}; nothing was changed"
    if "disk is full" in text:
        return f"{path}: the disk is full; nothing was changed"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path}: the file is not a Copydesk database or is damaged ({text})"
    if "unable to open" in text:
        return f"{path}: cannot open the database file (check the folder exists and is writable)"
    return f"{path}: database error: {text}"


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _read_only_part(path: Path) -> str:
    """Which is read-only: the file, or the folder that must hold its -wal and -shm files."""
    if path.exists() and not _writable(path):
        return "the database file is read-only"
    if path.parent.is_dir() and not _writable(path.parent):
        return (
            f"the folder {path.parent} is read-only (SQLite must create {path.name}-wal "
            f"and {path.name}-shm beside the database)"
        )
    return "the database is read-only"


def open_database(
    path: str | Path, busy_timeout_ms: int | None = None, backups: bool = True
) -> Connection:
    """Open (creating if needed) and migrate the database; raises StorageError with one line.

    A file that cannot be written still opens for reading: SQLite falls back to read-only and
    the first write fails with "the database is read-only" (see `describe_sqlite_error`).
    Another program's SQLite file is refused having only been read (journal mode included).
    With `backups`, the first open of a day copies the database into backups/ beside it.
    """
    path = Path(path)
    _check_path(path)
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
        db = Connection(conn)
        wait = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        db.execute(f"PRAGMA busy_timeout = {int(wait)}")
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
        _migrate(db, path)
        if backups:
            from desktop_app.storage.backup import daily_backup

            daily_backup(conn, path)
    except sqlite3.Error as error:
        _close(conn)
        if "unable to open" in str(error) and path.is_file():
            # The file is there but SQLite cannot open it or create its -wal/-shm companions.
            raise StorageError(f"{path}: {_read_only_part(path)}; nothing was changed") from None
        raise StorageError(describe_sqlite_error(error, str(path))) from None
    except StorageError as error:
        _close(conn)
        message = str(error)
        if not message.startswith(str(path)):
            message = f"{path}: {message}"
        raise StorageError(message) from None
    return db


def _check_path(path: Path) -> None:
    """One line for a path SQLite would only call "unable to open"."""
    try:
        path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise StorageError(f"{path}: a symbolic link to a missing file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StorageError(f"{path}: a symbolic link loop (it points back to itself)") from None
        raise StorageError(f"{path}: cannot open the file ({error.strerror})") from None
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a database file")


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass
