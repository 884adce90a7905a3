"""Notices other processes' changes to the database (a second window, the CLI) about once a second
and lets the desk publish them; stops, with a way to rescue the session's work, if the file went."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.core.errors import CopydeskError, StorageError
from desktop_app.desk import Desk

INTERVAL_MS = 1000  # PRAGMA data_version costs microseconds; a reload happens only on a change


class ExternalWatch(QObject):
    def __init__(
        self, desk: Desk, say: Callable[..., None], parent: QWidget, interval_ms: int = INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.say = say
        self.window = parent
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        try:
            self.desk.poll_external()
        except StorageError as error:
            if "deleted, moved" in str(error):
                self.timer.stop()  # one dialog, not one a second
                offer_rescue(self.desk, str(error), self.window)
            else:
                self.say(str(error), error=True)  # busy or unreadable for a moment: try again
        except CopydeskError as error:
            self.say(str(error), error=True)


def offer_rescue(desk: Desk, message: str, parent: QWidget | None) -> str | None:
    """The database file has gone: offer to save everything this session holds elsewhere (copied
    from the still-open connection). Returns the path saved to, or None."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, "The database file has gone", message, parent=parent
    )
    save = box.addButton("Save a Copy…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not Now", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not save:
        return None
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save a Copy of the Database", "copydesk-rescued.sqlite3", "Copydesk (*.sqlite3)"
    )
    if not path:
        return None
    try:
        desk.save_copy(path)
    except CopydeskError as error:
        QMessageBox.warning(parent, "Could not save a copy", str(error))
        return None
    return path
