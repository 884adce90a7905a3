"""Files reaching the window from outside: macOS "Open With" and Dock drops (QFileOpenEvent, not
arguments) and files dragged onto the window; both go to import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFileOpenEvent


class FileOpenFilter(QObject):
    def __init__(
        self, open_files: Callable[[list[str]], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.open_files = open_files

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self.open_files([path])
                return True
        return super().eventFilter(watched, event)


def accept_files(event: QDragEnterEvent) -> None:
    """Files dragged over the window: say they can be dropped."""
    if event.mimeData().hasUrls():
        event.acceptProposedAction()


def drop_files(event: QDropEvent, open_files: Callable[[list[str]], None]) -> None:
    """Files dropped on the window (from the desktop or a file manager) are imported."""
    paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
    if paths:
        event.acceptProposedAction()
        open_files(paths)


def start_folder(*files: str) -> str:
    """Where a file dialog opens: the folder of the first of `files` that still exists (the
    draft's own file, the draft opened last), else the home folder. Never Qt's default, the
    working directory: started from the Dock or the Start menu, that is / or the install folder."""
    for file in files:
        if file:
            folder = Path(file).expanduser().parent
            # A bare name, or a path written on another system (a review imported from a
            # colleague's Windows machine), has no folder here: its parent would be ".".
            if folder.is_absolute() and folder.is_dir():
                return str(folder)
    return str(Path.home())
