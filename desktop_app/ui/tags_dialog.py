"""Tag > Manage Tags: add, rename, recolour, re-key, describe, reorder and delete custom tags.

Each change is applied at once as a core operation; a tag still in use asks before it goes (with
its annotations), and built-in tags can be changed but not deleted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

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

from desktop_app.core.model import Tag
from desktop_app.core.operations import AddTag, Batch, UpdateTag, delete_tag_op
from desktop_app.ui.actions import swatch

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

PALETTE = ("#16a085", "#c0392b", "#2c3e50", "#8e44ad", "#d35400", "#27ae60", "#7f8c8d")


def tag_name_for(label: str, taken: set[str]) -> str:
    """A stable identifier from the first label: lowercase words joined by underscores."""
    base = re.sub(r"[^0-9a-z]+", "_", label.casefold()).strip("_") or "tag"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def tag_key_problem(tag: Tag, tags: list[Tag]) -> str:
    """Why `tag.shortcut` cannot be a tag key ("" if it can). Tag keys are single unmodified
    characters: anything with Ctrl/Alt, a function key or a digit would shadow the window's own
    shortcuts (Qt then fires neither), and digits already pick tags by their place in the list."""
    key = tag.shortcut
    if not key:
        return ""
    if len(key) != 1 or not key.isprintable() or key.isspace():
        return f"{key} cannot be a tag key: use a single letter or symbol without Ctrl or Alt."
    if key.isdigit():
        return f"{key} already picks a tag by its place in the list; choose a letter."
    other = next(
        (t for t in tags if t.shortcut.casefold() == key.casefold() and t.name != tag.name), None
    )
    return f"{key} is already the key of {other.label}." if other else ""


def ask_yes_no(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Copydesk", question)
    return answer == QMessageBox.StandardButton.Yes


class TagsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
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
        self.tags = self.w.repo.tags()
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
    def _update(self, **changes: str) -> None:
        tag = self.current()
        if tag is None:
            return
        after = replace(tag, **changes)  # type: ignore[arg-type]
        if after == tag:
            return
        if not after.label:
            self.w.show_message("A tag needs a label.", error=True)
            self._show(self.list.currentRow())
            return
        clash = self.key_clash(after)
        if clash:
            self.w.show_message(clash, error=True)
            self._show(self.list.currentRow())
            return
        if self.w.apply_global(UpdateTag(after, "Edit Tag")):
            self._reload(tag.name)

    def key_clash(self, tag: Tag) -> str:
        return tag_key_problem(tag, self.tags)

    def _pick_colour(self) -> None:
        tag = self.current()
        if tag is None:
            return
        colour = QColorDialog.getColor(QColor(tag.colour), self, f"Colour for {tag.label}")
        if colour.isValid():
            self._update(colour=colour.name())

    def add_tag(self, label: str, shortcut: str = "") -> Tag | None:
        taken = {t.name for t in self.tags}
        tag = Tag(
            name=tag_name_for(label, taken),
            label=label,
            colour=PALETTE[len(self.tags) % len(PALETTE)],
            shortcut=shortcut,
            position=max((t.position for t in self.tags), default=0) + 1,
        )
        clash = self.key_clash(tag)
        if clash:
            self.w.show_message(clash, error=True)
            return None
        if not self.w.apply_global(AddTag(tag, "Add Tag")):
            return None
        self._reload(tag.name)
        self.label.setFocus()
        self.label.selectAll()
        return tag

    def delete_current(self) -> bool:
        tag = self.current()
        if tag is None or tag.builtin:
            return False
        in_use = len(self.w.repo.annotations_with_tag(tag.name))
        if in_use:
            question = (
                f"{in_use} annotation{'s' if in_use != 1 else ''} use the tag {tag.label}. "
                "Delete the tag and those annotations?"
            )
            if not self.confirm(self, question):
                return False
        if not self.w.apply_global(delete_tag_op(self.w.repo, tag.name, f"Delete Tag {tag.label}")):
            return False
        self._reload()
        return True

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        other = row + step
        if not (0 <= row < len(self.tags) and 0 <= other < len(self.tags)):
            return
        a, b = self.tags[row], self.tags[other]
        pa, pb = (b.position, a.position) if a.position != b.position else (other, row)
        swap = Batch(
            (UpdateTag(replace(a, position=pa)), UpdateTag(replace(b, position=pb))), "Move Tag"
        )
        if self.w.apply_global(swap):
            self._reload(a.name)
