"""The desk's backup use cases: a copy now (before a merge or a revision import, or on request),
the list of kept copies, restoring one, and rescuing a session's work into a file elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError

if TYPE_CHECKING:  # the Desk calls in; only its type is needed here
    from desktop_app.desk.desk import Desk


def backup(desk: Desk, reason: str) -> str:
    """Copy the whole database now (kept with the last few); returns where it went."""
    return desk.repo.backup(reason)


def available(desk: Desk) -> list[str]:
    return desk.repo.backups()


def restore(desk: Desk, source: str, initiator: object = None) -> Change | None:
    """Replace the database with a backup. The undo history goes (it describes edits of the
    database that was replaced); open documents, tags and the library refresh from the restored
    one like after another process's change."""
    desk.repo.restore(source)
    desk.history = type(desk.history)()
    desk.concurrency.ledger.clear()
    return desk.concurrency.refresh(force=True)


def save_copy(desk: Desk, path: str) -> None:
    """Write everything into a new file at `path`, even when the database file itself was
    deleted or its disk removed while open (the copy is taken from the open connection)."""
    target = Path(path)
    if target.exists():
        raise CopydeskError(f"{path}: a file of that name exists; choose a new name")
    desk.repo.save_copy(str(target))
