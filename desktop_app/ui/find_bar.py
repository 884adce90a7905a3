"""Ctrl+F find bar: live search in the canonical text; Enter/Shift+Enter step; Escape keeps the match."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.core.search import find_all


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
        self.matches: list[tuple[int, int]] = []
        self.current = -1
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
        self.hide()

    def open_bar(self, text: str, origin: int, initial: str = "") -> None:
        self.text, self.origin = text, origin
        self.show()
        if initial:
            self.field.setText(initial)
        self.field.selectAll()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def _search(self, needle: str) -> None:
        self.matches = find_all(self.text, needle)
        self.current = -1
        if self.matches:
            after = [n for n, (s, _) in enumerate(self.matches) if s >= self.origin]
            self._go(after[0] if after else 0)
        else:
            self.count.setText("No matches" if needle else "")
            self.match_lost.emit()

    def step(self, direction: int) -> None:
        if self.matches:
            self._go((self.current + direction) % len(self.matches))

    def _go(self, n: int) -> None:
        self.current = n
        self.count.setText(f"{n + 1} of {len(self.matches)}")
        self.match_selected.emit(*self.matches[n])
