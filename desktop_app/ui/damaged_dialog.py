"""The start-up dialog for a damaged database: open the latest backup, start a new database (the
damaged file is kept aside), or quit. Started from a menu there is no terminal to read stderr."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

OPEN_BACKUP, START_NEW, QUIT = "backup", "new", "quit"


def ask_damaged(message: str, latest_backup: str | None, parent: QWidget | None = None) -> str:
    """OPEN_BACKUP, START_NEW or QUIT."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("The Copydesk database is damaged")
    box.setText("Copydesk cannot read its database.")
    where = (
        f"The latest backup is {latest_backup}."
        if latest_backup
        else "There is no backup of it yet."
    )
    box.setInformativeText(
        f"{message}\n\n{where} Either way the damaged file is kept aside, renamed with "
        "today's date, so nothing is deleted."
    )
    backup = box.addButton("Open the Latest Backup", QMessageBox.ButtonRole.AcceptRole)
    backup.setEnabled(latest_backup is not None)
    new = box.addButton("Start a New Database", QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(backup if latest_backup else quit_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is backup:
        return OPEN_BACKUP
    if clicked is new:
        return START_NEW
    return QUIT
