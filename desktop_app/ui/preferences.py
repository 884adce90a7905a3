"""Preferences: the reviewer's name and each tag's colour and key. Tag changes are operations."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model import Tag
from desktop_app.core.operations import Batch, UpdateTag
from desktop_app.ui.tags_dialog import tag_key_problem

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


class _TagRow(QWidget):
    def __init__(self, tag: Tag, parent: QWidget) -> None:
        super().__init__(parent)
        self.tag = tag
        self.colour = tag.colour
        self.button = QPushButton(tag.colour, self)
        self.button.clicked.connect(self.pick)
        self.key = QKeySequenceEdit(QKeySequence(tag.shortcut), self)
        self.key.setMaximumSequenceLength(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.key)
        self._paint()

    def _paint(self) -> None:
        self.button.setText(self.colour)
        self.button.setStyleSheet(f"background-color: {self.colour};")

    def pick(self) -> None:
        colour = QColorDialog.getColor(QColor(self.colour), self, f"Colour for {self.tag.label}")
        if colour.isValid():
            self.colour = colour.name()
            self._paint()

    def result(self) -> Tag:
        return replace(self.tag, colour=self.colour, shortcut=self.key.keySequence().toString())


class PreferencesDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Preferences")
        self.reviewer = QLineEdit(window.settings.reviewer, self)
        self.reviewer.setPlaceholderText("Your name, saved with every annotation")
        form = QFormLayout()
        form.addRow("Reviewer name:", self.reviewer)
        tags_box = QGroupBox("Tags: colour and key", self)
        tags_form = QFormLayout(tags_box)
        self.rows = [_TagRow(tag, self) for tag in window.tags]
        for row in self.rows:
            tags_form.addRow(row.tag.label + ":", row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tags_box)
        layout.addWidget(buttons)

    def accept(self) -> None:
        w = self.window_
        w.settings.reviewer = self.reviewer.text().strip()
        w.save_settings()
        w.show_reviewer()
        w.detail.reviewer = w.settings.reviewer
        results = [r.result() for r in self.rows]
        problem = next((p for t in results if (p := tag_key_problem(t, results))), "")
        changed = [t for t, r in zip(results, self.rows, strict=True) if t != r.tag]
        if problem:
            w.show_message(f"{problem} Tag keys were not changed.", error=True)
            return  # keep the dialog open so the key can be corrected
        if changed:
            w.apply_global(Batch(tuple(UpdateTag(t) for t in changed), "Edit Tags"))
        super().accept()
