"""Files in the review window: importing drafts off the UI thread, exporting CSV, drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QProgressDialog

from desktop_app.core.errors import CopydeskError

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class FilesMixin(_Base):
    def import_files(self, paths: list[str]) -> None:
        paths = [str(p) for p in paths]
        if not paths:
            return
        if self.progress is not None:
            # Already importing (a second drop, or macOS sending one open event per file):
            # these files follow once the current batch is done, with their own summary.
            self._queued_imports.extend(paths)
            return
        self._import_failures, self._import_opened, self._import_known = [], [], 0
        self.progress = QProgressDialog("Importing drafts…", "Cancel", 0, len(paths), self)
        self.progress.setWindowTitle("Copydesk")
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(True)
        self.progress.canceled.connect(self.importer.cancel)
        self.progress.setValue(0)  # starts the clock, so a single slow file still shows Cancel
        self.importer.start(paths)

    def _step_progress(self) -> None:
        if self.progress is not None:
            self.progress.setValue(self.progress.value() + 1 if self.progress.value() >= 0 else 1)

    def _file_loaded(self, path: str, source: object) -> None:
        try:
            document, created = self.repo.add_document(source, str(Path(path).resolve()))
        except CopydeskError as error:
            self._file_failed(path, str(error))
            return
        self.settings.add_recent(str(Path(path).resolve()))
        self._import_opened.append(document.id)
        self._import_known += not created
        self._step_progress()

    def _file_failed(self, path: str, message: str) -> None:
        self._import_failures.append(
            message if Path(path).name in message else f"{path}: {message}"
        )
        self._step_progress()

    def _import_done(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.refresh_library()
        self.actions.rebuild_recent()
        if self._import_opened:
            self.open_document(self._import_opened[-1])
        if self._import_failures:
            self.show_message("\n".join(self._import_failures), error=True)
        elif self.importer.cancelled.is_set():
            count = len(self._import_opened)
            self.show_message(
                f"Import cancelled; {count} draft{'s' if count != 1 else ''} imported."
            )
        elif self._import_opened:
            new = len(self._import_opened) - self._import_known
            parts = [f"Imported {new} draft{'s' if new != 1 else ''}."] if new else []
            if self._import_known:
                known = self._import_known
                parts.append(
                    f"{known} draft{' was' if known == 1 else 's were'} already in the library "
                    "and opened with {0} annotations.".format("its" if known == 1 else "their")
                )
            self.show_message(" ".join(parts))
        self.save_settings()
        self.import_finished.emit()
        if self._queued_imports:
            queued, self._queued_imports = self._queued_imports, []
            self.import_files(queued)

    def export_csv_to(self, path: str, all_documents: bool) -> int:
        document_id = None if all_documents or self.session is None else self.session.document.id
        count = 0

        def write(handle: object) -> None:
            nonlocal count
            count = self.services.export_csv(self.repo, document_id, handle)  # type: ignore[arg-type]

        try:
            self.services.write_text_atomically(path, write)
        except CopydeskError as error:
            self.show_message(str(error), error=True)
            return -1
        self.show_message(f"Exported {count} annotations to {path}")
        return count

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)
