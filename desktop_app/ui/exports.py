"""Exporting from the window: a file dialog that starts in Documents with a clean name, then the
export written off the UI thread (its own database connection) with a busy indicator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk


class _Signals(QObject):
    done = Signal(int)
    failed = Signal(str)


class _Export(QRunnable):
    def __init__(self, open_desk: Callable[[], Desk], job: tuple[str, str, str | None]) -> None:
        super().__init__()
        self.open_desk, self.job, self.signals = open_desk, job, _Signals()

    def run(self) -> None:
        fmt, path, document_id = self.job
        try:
            desk = self.open_desk()
            try:
                count = desk.export_to_file(fmt, path, document_id)
            finally:
                desk.close()
        except CopydeskError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # a bug must still reach the editor as one line
            self.signals.failed.emit(f"{path}: export failed ({type(error).__name__}: {error})")
        else:
            self.signals.done.emit(count)


def clean_stem(title: str) -> str:
    stem = "".join(c if c.isalnum() or c in " -_" else "_" for c in title)[:60].strip()
    return stem or "copydesk-annotations"


class ExportFlow(QObject):
    finished = Signal(int)  # annotations written, -1 on failure

    def __init__(
        self,
        desk: Desk,
        open_reader: Callable[[], Desk],
        say: Callable[..., None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.desk, self.open_reader, self.say, self.window = desk, open_reader, say, window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.busy: QProgressDialog | None = None
        self._path = ""

    def choose(self, fmt: str, document_id: str | None, title: str) -> None:
        """Ask where to write, then export (`document_id` None: the whole library)."""
        formats = {name: (label, suffix) for name, label, suffix in self.desk.export_formats()}
        label, suffix = formats[fmt]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stem = clean_stem(title if document_id else "copydesk-annotations")
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            f"Export {label}",
            str(Path(folder) / f"{stem}{suffix}"),
            f"{label} (*{suffix})",
        )
        if path:
            self.export_to(path, fmt, document_id)

    def export_to(self, path: str, fmt: str, document_id: str | None) -> None:
        job = _Export(self.open_reader, (fmt, path, document_id))
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
