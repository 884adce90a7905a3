"""Opening the window's database at start-up, and what to do when it is damaged: the composition
root's part of recovery (the dialog is ui/damaged_dialog.py, the file work storage/backup.py)."""

from __future__ import annotations

import sys

from desktop_app.app import open_desk, resolve_db_path
from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk


def is_damaged(error: CopydeskError) -> bool:
    text = str(error)
    return "is damaged" in text or "malformed" in text or "not a database" in text


def open_for_window(db: str | None, interactive: bool = True) -> Desk | None:
    """The desk for the window, or None (after telling the user) when there is none to open.
    A damaged database offers its latest backup, a new database, or quitting."""
    from PySide6.QtWidgets import QMessageBox

    try:
        return _open(db)
    except CopydeskError as error:
        print(f"copydesk: {error}", file=sys.stderr)
        if not interactive:
            return None
        if not is_damaged(error):
            QMessageBox.critical(None, "Copydesk cannot open its database", str(error))
            return None
        try:
            return recover(db, str(error))
        except CopydeskError as again:
            print(f"copydesk: {again}", file=sys.stderr)
            QMessageBox.critical(None, "Copydesk cannot open its database", str(again))
            return None


def recover(db: str | None, message: str) -> Desk | None:
    from desktop_app.storage.backup import list_backups, put_in_place, set_aside
    from desktop_app.ui.damaged_dialog import OPEN_BACKUP, QUIT, ask_damaged

    path = resolve_db_path(db)
    backups = list_backups(path)
    choice = ask_damaged(message, str(backups[0]) if backups else None)
    if choice == QUIT:
        return None
    aside = set_aside(path)
    print(f"copydesk: the damaged database was kept as {aside}", file=sys.stderr)
    if choice == OPEN_BACKUP and backups:
        put_in_place(backups[0], path)
    return _open(db)


def _open(db: str | None) -> Desk:
    from desktop_app.storage.database import UI_BUSY_TIMEOUT_MS

    desk = open_desk(db)
    # A window must never freeze on another process's write lock: refuse fast ("busy, try
    # again") instead of waiting the CLI's five seconds.
    desk.repo.set_busy_timeout(UI_BUSY_TIMEOUT_MS)
    return desk
