"""Exporting from the window: a file dialog (for CSV the export dialog: scope and filters) that
starts in Documents with a clean name, then the export written off the UI thread (its own
database connection) with a busy indicator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk

if TYPE_CHECKING:
    # The export dialog and query types load on the first export, not with the window.
    from desktop_app.core.export_data import ExportQuery
    from desktop_app.ui.csv_export_dialog import CsvExportDialog


class _Signals(QObject):
    done = Signal(int)
    failed = Signal(str)


class _Export(QRunnable):
    def __init__(self, open_desk: Callable[[], Desk], job: tuple[str, str, ExportQuery]) -> None:
        super().__init__()
        self.open_desk, self.job, self.signals = open_desk, job, _Signals()

    def run(self) -> None:
        fmt, path, query = self.job
        try:
            desk = self.open_desk()
            try:
                count = desk.export_query_to_file(fmt, path, query)
            finally:
                desk.close()
        except CopydeskError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # a bug must still reach the editor as one line
            self.signals.failed.emit(f"{path}: export failed ({type(error).__name__}: {error})")
        else:
            self.signals.done.emit(count)


class ExportFlow(QObject):
    """`current()` is the document in front (None: none), `selection()` the ids selected in the
    review pane: the CSV dialog offers them as scopes."""

    finished = Signal(int)  # annotations written, -1 on failure

    def __init__(
        self,
        desk: Desk,
        open_reader: Callable[[], Desk],
        say: Callable[..., None],
        window: QWidget,
        current: Callable[[], str | None] = lambda: None,
        selection: Callable[[], list[str]] = list,
    ) -> None:
        super().__init__(window)
        self.desk, self.open_reader, self.say, self.window = desk, open_reader, say, window
        self.current, self.selection = current, selection
        self.dialog: CsvExportDialog | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.busy: QProgressDialog | None = None
        self._path = ""

    def bind(self, current: Callable[[], str | None], selection: Callable[[], list[str]]) -> None:
        """The window's one line of wiring: the draft in front and the review pane's selection."""
        self.current, self.selection = current, selection

    def choose(self, fmt: str, document_id: str | None, title: str) -> None:
        """Ask where to write, then export (`document_id` None: the whole library). CSV opens the
        export dialog (scope, filters, file) instead of a bare file dialog."""
        formats = {name: (label, suffix) for name, label, suffix in self.desk.export_formats()}
        label, suffix = formats[fmt]
        from PySide6.QtCore import QStandardPaths  # its enums are built on first use

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if not Path(folder).is_dir():
            folder = str(Path.home())  # no Documents folder (a fresh account, a server login)
        if fmt == "csv":
            self.choose_csv(document_id, folder)
            return
        from desktop_app.ui.csv_export_dialog import clean_stem

        stem = clean_stem(title if document_id else "copydesk-annotations")
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            f"Export {label}",
            str(Path(folder) / f"{stem}{suffix}"),
            f"{label} (*{suffix})",
        )
        if path:
            self.export_to(path, fmt, document_id)

    def choose_csv(self, document_id: str | None, folder: str) -> None:
        from desktop_app.ui.csv_export_dialog import DOCUMENT, LIBRARY, CsvExportDialog

        in_front = document_id or self.current()
        try:
            choices = self.desk.export_choices(in_front)
        except CopydeskError as error:  # the document went away meanwhile
            self.say(str(error), error=True)
            return
        selection = self.selection() if in_front and in_front == self.current() else []
        scope = DOCUMENT if document_id else LIBRARY
        dialog = CsvExportDialog(choices, selection, folder, scope, self.window)
        dialog.accepted.connect(
            lambda: self.export_query_to(dialog.target(), "csv", dialog.query())
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def export_to(self, path: str, fmt: str, document_id: str | None) -> None:
        from desktop_app.core.export_data import ExportQuery

        self.export_query_to(path, fmt, ExportQuery(document_id=document_id))

    def export_query_to(self, path: str, fmt: str, query: ExportQuery) -> None:
        job = _Export(self.open_reader, (fmt, path, query))
        self._path = path
        # Bound methods of this QObject: the worker's signals arrive queued on the UI thread.
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.busy = QProgressDialog("Exporting…", "", 0, 0, self.window)
        self.busy.setCancelButton(None)
        self.busy.setMinimumDuration(400)
        self.pool.start(job)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def _close_busy(self) -> None:
        if self.busy is not None:
            self.busy.reset()
            self.busy.deleteLater()
            self.busy = None

    def _done(self, count: int) -> None:
        self._close_busy()
        self.say(f"Exported {count} annotations to {self._path}")
        self.finished.emit(count)

    def _failed(self, message: str) -> None:
        self._close_busy()
        self.say(message, error=True)
        self.finished.emit(-1)
