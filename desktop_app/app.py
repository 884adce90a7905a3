"""Composition root: opens the database and wires the storage adapter into a `Desk`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.paths import default_db_path

if TYPE_CHECKING:  # `copydesk list` opens the repository alone and never loads the desk
    from desktop_app.desk import Desk


def resolve_db_path(db: str | Path | None) -> Path:
    return Path(db).expanduser() if db else default_db_path()


def open_repository(db: str | Path | None):  # type: ignore[no-untyped-def]
    """The SQLite repository for `db` (or the default database); StorageError with one line."""
    from desktop_app.storage import SqliteRepository, open_database

    path = resolve_db_path(db)
    return SqliteRepository(open_database(path), str(path))


def open_desk(db: str | Path | None, reviewer: str = "") -> Desk:
    from desktop_app.desk import Desk

    return Desk(open_repository(db), reviewer)
