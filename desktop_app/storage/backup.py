"""Backups with SQLite's online backup API: consistent copies taken while the database is open,
kept in `<database folder>/backups/` (the last KEEP of each database), and restored the same way."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from desktop_app.core.errors import StorageError

KEEP = 7
FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"


def backup_folder(db_path: str | Path) -> Path:
    return Path(db_path).parent / FOLDER


def _slug(reason: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")[:30] or "manual"


def copy_into(source: sqlite3.Connection, target: str | Path) -> None:
    """Copy the database behind `source` (even one whose file was deleted while open) into a new
    file `target`, whole or not at all: written beside it, synced, then renamed into place."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=".copydesk-", suffix=".tmp", dir=str(target.parent))
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            # A backup is one self-contained file: no -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_backup(source: sqlite3.Connection, db_path: str | Path, reason: str) -> Path:
    """A new backup of `source` for the database at `db_path`; the oldest beyond KEEP go.
    Raises StorageError with one line when it cannot be written."""
    folder = backup_folder(db_path)
    stem = Path(db_path).stem
    name = f"{stem}-{datetime.now().strftime(_STAMP)}-{_slug(reason)}.sqlite3"
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        n = 1
        while target.exists():  # two backups in one second
            n += 1
            target = folder / name.replace(".sqlite3", f"-{n}.sqlite3")
        copy_into(source, target)
    except (OSError, sqlite3.Error) as error:
        why = getattr(error, "strerror", None) or str(error)
        raise StorageError(f"{folder}: cannot write a backup ({why})") from None
    for old in list_backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(db_path: str | Path) -> list[Path]:
    """The backups of the database at `db_path`, newest first."""
    folder = backup_folder(db_path)
    stem = re.escape(Path(db_path).stem)
    pattern = re.compile(rf"{stem}-(\d{{8}}-\d{{6}})-.*\.sqlite3$")
    try:
        found = [p for p in folder.iterdir() if pattern.match(p.name)]
    except OSError:
        return []
    # The name's time first (mtime can be touched by a copy), then mtime for one second's twins.
    return sorted(
        found,
        key=lambda p: (pattern.match(p.name).group(1), p.stat().st_mtime),  # type: ignore[union-attr]
        reverse=True,
    )


def backed_up_today(db_path: str | Path) -> bool:
    today = datetime.now().strftime("%Y%m%d")
    stem = Path(db_path).stem
    return any(p.name.startswith(f"{stem}-{today}-") for p in list_backups(db_path))


def daily_backup(conn: sqlite3.Connection, db_path: str | Path) -> Path | None:
    """The first open of a day copies a database that holds any document; best effort (a
    read-only folder or a full disk must not stop the app from opening)."""
    try:
        if backed_up_today(db_path):
            return None
        if not conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
            return None
        return make_backup(conn, db_path, "daily")
    except (StorageError, sqlite3.Error, OSError):
        return None


def check_backup(path: str | Path) -> None:
    """Refuse (StorageError) a file that is not a sound Copydesk database, having only read it."""
    from desktop_app.storage.database import APPLICATION_ID, SCHEMA_TABLES

    path = Path(path)
    if not path.is_file():
        raise StorageError(f"{path}: no such backup file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StorageError(f"{path}: not a usable backup ({error})") from None
    if app_id not in (0, APPLICATION_ID) or not SCHEMA_TABLES <= names:
        raise StorageError(f"{path}: not a Copydesk database")
    if ok != "ok":
        raise StorageError(f"{path}: the backup is damaged ({ok})")


def restore_into(target: sqlite3.Connection, backup: str | Path) -> None:
    """Replace the whole content of the open database `target` with the backup file (page by page
    under SQLite's locks, so other connections see either the old or the restored database)."""
    check_backup(backup)
    source = sqlite3.connect(f"{Path(backup).resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise StorageError(f"{backup}: cannot restore ({error})") from None
    finally:
        source.close()


def set_aside(db_path: str | Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `<name>-damaged-<time><suffix>` beside it,
    so a new or restored one can take its place and nothing is lost."""
    path = Path(db_path)
    aside = path.with_name(f"{path.stem}-damaged-{datetime.now().strftime(_STAMP)}{path.suffix}")
    try:
        for extra in ("-wal", "-shm", "-journal"):
            side = Path(f"{path}{extra}")
            if side.exists():
                os.replace(side, f"{aside}{extra}")
        os.replace(path, aside)
    except OSError as error:
        raise StorageError(
            f"{path}: cannot move the damaged file aside ({error.strerror})"
        ) from None
    return aside


def put_in_place(backup: str | Path, db_path: str | Path) -> None:
    """Make a (checked) backup file the database at `db_path`, which must not exist."""
    check_backup(backup)
    target = Path(db_path)
    source = sqlite3.connect(f"{Path(backup).resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy_into(source, target)
    except (OSError, sqlite3.Error) as error:
        why = getattr(error, "strerror", None) or str(error)
        raise StorageError(f"{target}: cannot restore the backup ({why})") from None
    finally:
        source.close()
