"""Builds the draft's FindIndex in a worker once the draft is idle, and drops it when another
text comes in front (a revision import, another draft), so find-as-you-type stays cheap."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop_app.core.find_index import FindIndex


class _Signals(QObject):
    built = Signal(int, object)  # generation, FindIndex


class _Build(QRunnable):
    def __init__(self, generation: int, text: str) -> None:
        super().__init__()
        self.generation, self.text = generation, text
        self.signals = _Signals()

    def run(self) -> None:
        self.signals.built.emit(self.generation, FindIndex(self.text))


class FindIndexer(QObject):
    """`index` is the FindIndex of `text`, or None while it is being built."""

    ready = Signal()

    def __init__(self, busy: Callable[[], bool] = lambda: False, parent: QObject | None = None):
        super().__init__(parent)
        self.busy = busy  # the draft is still being highlighted: the worker would starve it
        self.text = ""
        self.index: FindIndex | None = None
        self.generation = 0
        self._pending = False  # waiting to start, or building
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._start)

    def set_text(self, text: str) -> None:
        """The draft in front (\"\" for none); an index for another text is dropped at once."""
        if text == self.text and (self.index is not None or self._pending):
            return
        self.generation += 1
        self.text, self.index = text, None
        self._timer.stop()
        self._pending = bool(text)
        if text:
            self._timer.start()

    def _start(self) -> None:
        if self.busy():
            self._timer.start()  # wait until the draft has settled
            return
        job = _Build(self.generation, self.text)
        job.signals.built.connect(self._built)  # delivered on the UI thread
        self.pool.start(job)

    def _built(self, generation: int, index: FindIndex) -> None:
        if generation == self.generation:  # else the text changed meanwhile: a newer build runs
            self.index, self._pending = index, False
            self.ready.emit()

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)
