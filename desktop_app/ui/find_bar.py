"""Ctrl+F find bar: live search in the canonical text; Enter/F3 next, Shift+Enter/Shift+F3
previous (wrapping around); Escape keeps the match. Searches the draft's FindIndex once a worker
has built it (from the first Ctrl+F on a draft), and until then scans a slice of the text per
event-loop turn."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.ui.find_indexer import FindIndexer

if TYPE_CHECKING:
    from desktop_app.core.find_index import FindIndex, Hit, ScanSearch

SLICE_SECONDS = 0.006  # scanning without the index: at most this long per event-loop turn
COUNT_DELAY_MS = 300  # many matches are counted (one pass over the draft) once typing pauses


def _find() -> ModuleType:
    """The find engine, loaded with the first search rather than with the window."""
    from desktop_app.core import find_index

    return find_index


class _FindField(QLineEdit):
    step = Signal(int)
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    match_selected = Signal(int, int)  # code-point span
    match_lost = Signal()  # the typed text is not in the document: nothing may stay selected
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.origin = 0
        self.indexer = FindIndexer(parent=self)
        self.indexer.ready.connect(self._index_ready)
        self.hit: Hit | None = None  # the match shown
        self._matches: list[tuple[int, int]] = []  # all of them, when a scan found them
        self._scan: ScanSearch | None = None  # the search without the index, while it runs
        self._scanning = QTimer(self, interval=0)
        self._scanning.timeout.connect(self._scan_more)
        self._counting = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._counting.timeout.connect(self._count)
        self.field = _FindField(self)
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(90)
        done = QToolButton(self)
        done.setText("Done")
        done.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(done)
        self.field.textChanged.connect(self._search)
        self.field.step.connect(self.step)
        self.field.closed.connect(self.close_bar)
        # F3 / Shift+F3 anywhere in the window: again after the bar is closed, as in a browser.
        window = parent if parent is not None else self
        for key, direction in (("F3", 1), ("Shift+F3", -1)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.activated.connect(lambda d=direction: self.step(d))
        self.hide()

    # -- the draft ------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """The draft in front changed ("" for none): its matches and its index go; the index is
        built again when find is used on it."""
        if text != self.text:
            self.text = text
            self._forget()
        self.indexer.set_text(text)
        if self.isVisible():
            self.indexer.build()

    def open_bar(self, text: str, origin: int, initial: str = "") -> None:
        self.set_text(text)
        self.indexer.build()  # until it is ready, keystrokes scan the text a slice at a time
        self.origin = origin
        self.show()
        if initial:
            self.field.setText(initial)
        self.field.selectAll()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    # -- searching ------------------------------------------------------------------------------
    @property
    def index(self) -> FindIndex | None:
        return self.indexer.index

    def _forget(self) -> None:
        self.hit, self._scan, self._matches = None, None, []
        self._scanning.stop()
        self._counting.stop()

    def _search(self, needle: str) -> None:
        self._forget()
        if not needle.strip():
            self.count.setText("")
            self.match_lost.emit()
            return
        index = self.index
        if index is not None:
            self._show(index.first(needle, self.origin))
            return
        self._scan = _find().ScanSearch(self.text, needle, self.origin)
        self._scan_more()

    def _scan_more(self) -> None:
        scan = self._scan
        if scan is None:
            self._scanning.stop()
            return
        shown = scan.first
        scan.advance(SLICE_SECONDS)
        if scan.done:
            self._scanning.stop()
            self._scan = None
            self._matches = matches = scan.matches
            first = scan.first
            if first is None:
                self._show(None)
            else:
                n = matches.index(first)
                self._show(_find().Hit(*first, n + 1, len(matches)))
            return
        if not self._scanning.isActive():
            self._scanning.start()
        if shown is None and scan.first is not None:  # the first match: show it, count on
            self._select(_find().Hit(*scan.first, None, None), "searching…")

    def _index_ready(self) -> None:
        """Built while the editor typed: go on with the index from the match shown."""
        needle = self.field.text()
        if self._scan is None or not self.isVisible():
            return
        self._forget()
        self._search(needle)

    def _count(self) -> None:
        index, hit = self.index, self.hit
        if index is not None and hit is not None and hit.total is None:
            self._show(index.count(self.field.text(), hit))

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) match, wrapping around at either end."""
        needle = self.field.text()
        if not needle.strip() or not self.text:
            return
        if self._scan is not None:  # Enter before the scan without the index is done: finish it
            while not self._scan.advance(1.0):
                pass
            self._scan_more()
        hit, index = self.hit, self.index
        if hit is None:
            return
        if index is not None:
            self._show(index.step(needle, hit, direction))
        elif self._matches:
            assert hit.ordinal is not None
            n = (hit.ordinal - 1 + direction) % len(self._matches)
            self._show(_find().Hit(*self._matches[n], n + 1, len(self._matches)))

    def _show(self, hit: Hit | None) -> None:
        if hit is None:
            self.hit = None
            self.count.setText("No matches")
            self.match_lost.emit()
            return
        if hit.total is None:
            self._counting.start()
            label = f"over {_find().LISTED:,}"
        else:
            label = f"{hit.ordinal} of {hit.total:,}"
        self._select(hit, label)

    def _select(self, hit: Hit, label: str) -> None:
        self.hit = hit
        self.count.setText(label)
        self.match_selected.emit(hit.start, hit.end)
