"""Undo and Redo as a thin view of the desk's history: their labels and enabled state follow the
document in front; triggering them asks the desk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk

Std = QKeySequence.StandardKey


class UndoView(QObject):
    def __init__(
        self, desk: Desk, view: Callable[[], str], say: Callable[..., None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.desk, self.view, self.say = desk, view, say
        self.undo = QAction("&Undo", parent)
        self.undo.setShortcuts(QKeySequence.keyBindings(Std.Undo))
        self.redo = QAction("&Redo", parent)
        redo_keys = QKeySequence.keyBindings(Std.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # Windows binds only Ctrl+Y by default
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo.setShortcuts(redo_keys)
        self.undo.triggered.connect(lambda: self._step(self.desk.undo))
        self.redo.triggered.connect(lambda: self._step(self.desk.redo))
        desk.subscribe(lambda _change, _by: self.refresh())
        self.refresh()

    def _step(self, step: Callable[..., Change | None]) -> None:
        try:
            step(self.view() or None, self)
        except CopydeskError as error:
            self.say(f"Cannot undo or redo that step: {error}", error=True)
        self.refresh()

    def refresh(self) -> None:
        view = self.view() or None
        for action, verb, label in (
            (self.undo, "Undo", self.desk.undo_label(view)),
            (self.redo, "Redo", self.desk.redo_label(view)),
        ):
            action.setEnabled(bool(label))
            action.setText(f"&{verb} {label}" if label else f"&{verb}")
            action.setIconText(verb)  # the toolbar keeps one width whatever the step is called
            action.setToolTip(f"{verb} {label}" if label else verb)
