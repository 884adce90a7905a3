"""Importing drafts from the window: files are read off the UI thread with progress and Cancel,
then stored through the desk (one undoable step each); a batch ends with one summary line."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.core.errors import CopydeskError
from desktop_app.core.settings import Settings
from desktop_app.desk import Desk
from desktop_app.ui.importer import FileImporter


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def ask_new_version(parent: QWidget, title: str) -> str:
    """ "version", "separate" or "skip" for a draft that looks like a new version of `title`."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Copydesk")
    box.setText(f"This draft looks like a new version of “{title}”.")
    box.setInformativeText(
        "Import it as a new version to carry every annotation over (changed quotes are flagged), "
        "or keep it as a separate draft."
    )
    version = box.addButton("Import as New &Version", QMessageBox.ButtonRole.AcceptRole)
    separate = box.addButton("&Separate Draft", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(version)
    box.exec()
    clicked = box.clickedButton()
    return "version" if clicked is version else "separate" if clicked is separate else "skip"


class ImportFlow(QObject):
    finished = Signal()
    document_ready = Signal(str)  # the document to show once a batch is in
    version_chosen = Signal(str, str)  # file, the document it is a new version of

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        say: Callable[..., None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.desk, self.settings, self.say, self.window = desk, settings, say, window
        self.importer = FileImporter(desk.read_file, self)
        self.progress: QProgressDialog | None = None
        self._failures: list[str] = []
        self._opened: list[str] = []
        self._known = 0
        self._queued: list[str] = []
        self.ask_version: Callable[[QWidget, str], str] = ask_new_version  # tests answer it
        self.importer.signals.loaded.connect(self._loaded)
        self.importer.signals.failed.connect(self._failed)
        self.importer.signals.finished.connect(self._done)

    def import_files(self, paths: list[str]) -> None:
        paths = [str(p) for p in paths]
        if not paths:
            return
        if self.progress is not None:
            # Already importing (a second drop, or macOS sending one open event per file):
            # these files follow once the current batch is done, with their own summary.
            self._queued.extend(paths)
            return
        self._failures, self._opened, self._known = [], [], 0
        self.progress = QProgressDialog("Importing drafts…", "Cancel", 0, len(paths), self.window)
        self.progress.setWindowTitle("Copydesk")
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(True)
        self.progress.canceled.connect(self.importer.cancel)
        self.progress.setValue(0)  # starts the clock, so a single slow file still shows Cancel
        self.importer.start(paths)

    def _step(self) -> None:
        if self.progress is not None:
            self.progress.setValue(max(self.progress.value(), 0) + 1)

    def _loaded(self, path: str, source: object) -> None:
        if self.importer.cancelled.is_set():
            return  # read just before Cancel came: the user asked for nothing more to be stored
        # Re-anchoring and fuzzy matching load on the first import, not with the window.
        from desktop_app.desk.revisions import likely_earlier_version

        full = str(Path(path).resolve())
        earlier = likely_earlier_version(self.desk, source, full)  # type: ignore[arg-type]
        if earlier is not None:
            answer = self.ask_version(self.window, earlier.title)
            if answer == "version":  # re-anchored off the UI thread by the revisions flow
                self.version_chosen.emit(full, earlier.id)
                self._step()
                return
            if answer == "skip":
                self._step()
                return
        try:
            result = self.desk.add_source(source, full, initiator=self)  # type: ignore[arg-type]
        except CopydeskError as error:
            self._failed(path, str(error))
            return
        self.settings.add_recent(full)
        self._opened.append(result.document.id)
        self._known += not result.created
        self._step()

    def _failed(self, path: str, message: str) -> None:
        self._failures.append(message if Path(path).name in message else f"{path}: {message}")
        self._step()

    def _done(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        if self._opened:
            self.document_ready.emit(self._opened[-1])
        if self._failures:
            self.say("\n".join(self._failures), error=True)
        elif self.importer.cancelled.is_set():
            self.say(f"Import cancelled; {_plural(len(self._opened), 'draft')} imported.")
        elif self._opened:
            new = len(self._opened) - self._known
            parts = [f"Imported {_plural(new, 'draft')}."] if new else []
            if self._known:
                known = self._known
                parts.append(
                    f"{_plural(known, 'draft')} {'was' if known == 1 else 'were'} already in the "
                    f"library and opened with {'its' if known == 1 else 'their'} annotations."
                )
            self.say(" ".join(parts))
        self.finished.emit()
        if self._queued:
            queued, self._queued = self._queued, []
            self.import_files(queued)

    def paste_new_draft(self) -> str:
        """Edit > Paste as New Draft: HTML on the clipboard goes through the web-page importer,
        plain text through the text importer; the title is the first line. Returns the new
        document's id ("" if nothing was pasted)."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not (mime.hasHtml() or mime.hasText()):
            self.say("The clipboard holds no text to paste as a draft.")
            return ""
        html = mime.hasHtml() and mime.html().strip()
        content = mime.html() if html else mime.text()
        with tempfile.TemporaryDirectory(prefix="copydesk-paste-") as folder:
            path = Path(folder) / ("pasted.html" if html else "pasted.txt")
            path.write_text(content, encoding="utf-8")
            try:
                source = self.desk.read_file(str(path))
            except CopydeskError as error:
                self.say(str(error).replace(str(path), "the clipboard"), error=True)
                return ""
        first = next((line.strip() for line in source.text.splitlines() if line.strip()), "")
        source = replace(source, title=first[:200] or "Pasted draft")
        try:
            result = self.desk.add_source(source, "", initiator=self)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return ""
        if result.created:
            self.say(f"Pasted as a new draft: {source.title}")
        else:
            self.say("That text is already in the library; opened it.")
        self.document_ready.emit(result.document.id)
        return result.document.id
