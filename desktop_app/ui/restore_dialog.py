"""File > Restore From Backup: pick one of the kept copies; the current state is backed up first
and the window refreshes from the restored database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk


def describe(name: str) -> str:
    """`copydesk-20260301-093000-daily.sqlite3` -> `2026-03-01 09:30:00 · daily`."""
    stem = Path(name).stem
    parts = stem.split("-")
    for i in range(len(parts) - 1):
        day, time = parts[i], parts[i + 1]
        if len(day) == 8 and len(time) == 6 and day.isdigit() and time.isdigit():
            reason = " ".join(parts[i + 2 :]) or "backup"
            return f"{day[:4]}-{day[4:6]}-{day[6:]} {time[:2]}:{time[2:4]}:{time[4:]} · {reason}"
    return stem


class RestoreDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Restore From Backup")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Replace the whole database with a backup. The current state is backed up "
                "first, so this can itself be undone by restoring that copy."
            )
        )
        self.list = QListWidget()
        for name in desk.backups():
            item = QListWidgetItem(describe(name))
            item.setToolTip(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def restore_from_backup(desk: Desk, say: Callable[..., None], parent: QWidget | None) -> bool:
    """The menu action: choose, restore, report in one line. True if something was restored."""
    if not desk.backups():
        say("There are no backups of this database yet.", error=True)
        return False
    dialog = RestoreDialog(desk, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
        return False
    source = dialog.chosen()
    assert source is not None
    try:
        desk.restore(source)
    except CopydeskError as error:
        QMessageBox.warning(parent, "Could not restore", str(error))
        return False
    say(f"Restored {describe(source)}.")
    return True
