"""Preferences: the reviewer's name and each tag's colour and key. Tag changes are operations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

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

from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Tag
from desktop_app.core.rules import tag_problem
from desktop_app.core.settings import Settings
from desktop_app.desk import Desk


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
    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        saved: Callable[[], None],
        say: Callable[..., None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.desk, self.settings, self.saved, self.say = desk, settings, saved, say
        self.setWindowTitle("Preferences")
        self.reviewer = QLineEdit(settings.reviewer, self)
        self.reviewer.setPlaceholderText("Your name, saved with every annotation")
        form = QFormLayout()
        form.addRow("Reviewer name:", self.reviewer)
        tags_box = QGroupBox("Tags: colour and key", self)
        tags_form = QFormLayout(tags_box)
        self.rows = [_TagRow(tag, self) for tag in desk.tags()]
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
        results = [r.result() for r in self.rows]
        problem = next((p for t in results if (p := tag_problem(t, results))), "")
        if problem:
            self.say(f"{problem} Tag keys were not changed.", error=True)
            return  # keep the dialog open so the key can be corrected
        self.settings.reviewer = self.desk.reviewer = self.reviewer.text().strip()
        self.saved()
        changed = [t for t, r in zip(results, self.rows, strict=True) if t != r.tag]
        try:
            self.desk.update_tags(changed, "Edit Tags")
        except CopydeskError as error:
            self.say(str(error), error=True)
            return
        super().accept()
