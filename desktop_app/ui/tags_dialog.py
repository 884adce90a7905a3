"""Tag > Manage Tags: add, rename, recolour, re-key, describe, reorder and delete custom tags.

Each change is applied at once through the desk (one undoable step each); a tag still in use asks
before it goes (with its annotations), and built-in tags can be changed but not deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Tag
from desktop_app.core.rules import tag_problem
from desktop_app.desk import Desk
from desktop_app.ui.actions import swatch


def ask_yes_no(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Copydesk", question)
    return answer == QMessageBox.StandardButton.Yes


class TagsDialog(QDialog):
    def __init__(self, desk: Desk, say: Callable[..., None], parent: QWidget) -> None:
        super().__init__(parent)
        self.desk, self.say = desk, say
        self.confirm: Callable[[QWidget, str], bool] = (
            ask_yes_no  # tests replace the modal question
        )
        self.setWindowTitle("Manage Tags")
        self.list = QListWidget(self)
        self.label = QLineEdit(self)
        self.colour = QPushButton(self)
        self.key = QKeySequenceEdit(self)
        self.key.setMaximumSequenceLength(1)
        self.description = QLineEdit(self)
        form = QFormLayout()
        form.addRow("&Label:", self.label)
        form.addRow("&Colour:", self.colour)
        form.addRow("&Key:", self.key)
        form.addRow("&Description:", self.description)
        self.add = QPushButton("&Add Tag", self)
        self.delete = QPushButton("&Delete Tag", self)
        self.up = QPushButton("Move &Up", self)
        self.down = QPushButton("Move Do&wn", self)
        buttons = QHBoxLayout()
        for button in (self.add, self.delete, self.up, self.down):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._show)
        self.label.editingFinished.connect(lambda: self._update(label=self.label.text().strip()))
        self.description.editingFinished.connect(
            lambda: self._update(description=self.description.text().strip())
        )
        self.key.editingFinished.connect(
            lambda: self._update(shortcut=self.key.keySequence().toString())
        )
        self.colour.clicked.connect(self._pick_colour)
        self.add.clicked.connect(lambda: self.add_tag("New tag"))
        self.delete.clicked.connect(self.delete_current)
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self._reload()

    # -- list -------------------------------------------------------------------------------------
    def _reload(self, select: str = "") -> None:
        self.tags = self.desk.tags()
        self.list.blockSignals(True)
        self.list.clear()
        for n, tag in enumerate(self.tags):
            keys = ", ".join(k for k in (tag.shortcut, str(n + 1) if n < 9 else "") if k)
            item = QListWidgetItem(swatch(tag.colour), f"{tag.label}    [{keys or 'no key'}]")
            item.setData(Qt.ItemDataRole.UserRole, tag.name)
            item.setToolTip(tag.description)
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = [t.name for t in self.tags]
        self.list.setCurrentRow(names.index(select) if select in names else 0)
        self._show(self.list.currentRow())

    def current(self) -> Tag | None:
        row = self.list.currentRow()
        return self.tags[row] if 0 <= row < len(self.tags) else None

    def _show(self, _row: int) -> None:
        tag = self.current()
        for widget in (self.label, self.colour, self.key, self.description, self.delete):
            widget.setEnabled(tag is not None)
        if tag is None:
            return
        self.label.setText(tag.label)
        self.colour.setText(tag.colour)
        self.colour.setStyleSheet(f"background-color: {tag.colour};")
        self.key.setKeySequence(QKeySequence(tag.shortcut))
        self.description.setText(tag.description)
        self.delete.setEnabled(not tag.builtin)
        self.delete.setToolTip("Built-in tags cannot be deleted." if tag.builtin else "")

    # -- edits ------------------------------------------------------------------------------------
    def _run(self, call: Callable[[], object]) -> bool:
        try:
            call()
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        return True

    def _update(self, **changes: str) -> None:
        tag = self.current()
        if tag is None:
            return
        after = replace(tag, **changes)  # type: ignore[arg-type]
        if after == tag:
            return
        if self._run(lambda: self.desk.update_tags([after])):
            self._reload(tag.name)
        else:
            self._show(self.list.currentRow())

    def key_clash(self, tag: Tag) -> str:
        return tag_problem(tag, self.tags)

    def _pick_colour(self) -> None:
        tag = self.current()
        if tag is None:
            return
        colour = QColorDialog.getColor(QColor(tag.colour), self, f"Colour for {tag.label}")
        if colour.isValid():
            self._update(colour=colour.name())

    def add_tag(self, label: str, shortcut: str = "") -> Tag | None:
        added: list[Tag] = []
        if not self._run(lambda: added.append(self.desk.add_tag(label, shortcut))):
            return None
        self._reload(added[0].name)
        self.label.setFocus()
        self.label.selectAll()
        return added[0]

    def delete_current(self) -> bool:
        tag = self.current()
        if tag is None or tag.builtin:
            return False
        in_use = self.desk.tag_usage(tag.name)
        if in_use:
            question = (
                f"{in_use} annotation{'s' if in_use != 1 else ''} use the tag {tag.label}. "
                "Delete the tag and those annotations? (Edit > Undo brings them back.)"
            )
            if not self.confirm(self, question):
                return False
        if not self._run(lambda: self.desk.delete_tag(tag.name)):
            return False
        self._reload()
        return True

    def move(self, step: int) -> None:
        tag = self.current()
        if tag is not None and self._run(lambda: self.desk.move_tag(tag.name, step)):
            self._reload(tag.name)
