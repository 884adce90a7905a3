"""Builds the draft's FindIndex in a worker when find is first used on it (and the draft is idle),
and drops it when another text comes in front (a revision import, another draft)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

if TYPE_CHECKING:
    from desktop_app.core.find_index import FindIndex

WAIT_MS = 250  # while the draft is still being highlighted, look again this much later


class _Signals(QObject):
    built = Signal(int, object)  # generation, FindIndex


class _Build(QRunnable):
    def __init__(self, generation: int, text: str) -> None:
        super().__init__()
        self.generation, self.text = generation, text
        self.signals = _Signals()

    def run(self) -> None:
        from desktop_app.core.find_index import FindIndex  # loads in the worker, when first used

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
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._start)

    def set_text(self, text: str) -> None:
        """The draft in front (\"\" for none); an index for another text is dropped at once.
        Nothing is built yet: most drafts are never searched, and the index of a 1 M-character
        draft holds a few MB (`build` starts it)."""
        if text == self.text:
            return
        self.generation += 1
        self.text, self.index = text, None
        self._timer.stop()
        self._pending = False

    def build(self) -> None:
        """Index the text in front, unless that is done or under way (find was opened)."""
        if self.text and self.index is None and not self._pending:
            self._pending = True
            self._timer.start(0)

    def _start(self) -> None:
        if self.busy():
            self._timer.start(WAIT_MS)  # wait until the draft has settled
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
