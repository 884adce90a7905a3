"""Composition root: opens the database and wires storage, formats and export into the core."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.paths import default_db_path
from desktop_app.storage import SqliteRepository, open_database


def resolve_db_path(db: str | None) -> Path:
    return Path(db).expanduser() if db else default_db_path()


def open_repository(db: str | Path | None) -> SqliteRepository:
    path = resolve_db_path(str(db) if db else None)
    return SqliteRepository(open_database(path), str(path))
