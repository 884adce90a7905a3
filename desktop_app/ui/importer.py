"""Reads draft files off the UI thread, with progress and cancel; storing happens on the UI thread.

Cancel stops the file being read too, not only the batch: the worker reads each file under the
formats' cancel hook (`desk.cancel`), so the importer gives up within a fraction of a second
and returns nothing from that file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    loaded = Signal(str, object)  # path, SourceText
    failed = Signal(str, str)  # path, one-line message
    finished = Signal()


class _ReadFiles(QRunnable):
    def __init__(
        self,
        paths: list[str],
        load: Callable[[str], Any],
        signals: _Signals,
        cancelled: threading.Event,
    ) -> None:
        super().__init__()
        self.paths, self.load, self.signals, self.cancelled = paths, load, signals, cancelled

    def run(self) -> None:
        # Imported here: the desk (and through it the formats package) loads on first import.
        from desktop_app.desk.cancel import ImportCancelled, cancel_on

        with cancel_on(self.cancelled):
            for path in self.paths:
                if self.cancelled.is_set():
                    break
                try:
                    source = self.load(path)
                except ImportCancelled:
                    break  # nothing of this file was returned; the flow says "cancelled"
                except Exception as error:  # every importer error becomes one line for the user
                    message = str(error).splitlines()[0] if str(error) else type(error).__name__
                    self.signals.failed.emit(path, message)
                else:
                    self.signals.loaded.emit(path, source)
        self.signals.finished.emit()


class FileImporter(QObject):
    """Start with `start(paths)`; `loaded`, `failed` and `finished` arrive on the UI thread."""

    def __init__(self, load: Callable[[str], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.load = load
        self.signals = _Signals(self)
        self.cancelled = threading.Event()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def start(self, paths: list[str]) -> None:
        self.cancelled = threading.Event()
        self.pool.start(_ReadFiles(list(paths), self.load, self.signals, self.cancelled))

    def cancel(self) -> None:
        self.cancelled.set()

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
