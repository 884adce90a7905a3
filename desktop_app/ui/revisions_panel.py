"""The Revisions pane: a picker of the story's revisions (earlier ones read-only) and the list of
orphans, annotations whose words are gone from this revision, with their old words and context."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model import Annotation, Document

ID_ROLE = Qt.ItemDataRole.UserRole + 1
REATTACH_KEY = "Ctrl+Shift+R"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def context_line(a: Annotation) -> str:
    """“…words before [old words] words after…”, on one line."""
    before, after = _one_line(a.prefix), _one_line(a.suffix)
    return f"…{before} [{_one_line(a.previous_text or a.exact)}] {after}…"


class _OrphanTree(QTreeWidget):
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class RevisionsPanel(QWidget):
    revision_chosen = Signal(str)  # a document id of the same story
    summary_requested = Signal()
    reattach_requested = Signal(str)  # annotation id
    dismiss_requested = Signal(str)
    orphan_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox(self)
        self.picker.setAccessibleName("Revision")
        self.summary_button = QPushButton("Summary…", self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { background: #fdebd0; color: #6e2c00; padding: 4px; }")
        self.notice.hide()
        self.heading = QLabel("Orphans", self)
        self.tree = _OrphanTree(self)
        self.tree.setHeaderLabels(["Tag", "Old words", "Context"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAccessibleName("Orphans")
        self.details = QLabel(self)  # the chosen orphan's old words in their full context
        self.details.setObjectName("orphan_details")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reattach_button = QPushButton(f"Re-attach to Selection ({REATTACH_KEY})", self)
        self.dismiss_button = QPushButton("Dismiss", self)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.summary_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reattach_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.picker.activated.connect(self._picked)
        self.summary_button.clicked.connect(self.summary_requested.emit)
        self.reattach_button.clicked.connect(self._reattach)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.tree.delete_pressed.connect(self._dismiss)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.read_only = False
        self._orphans: dict[str, Annotation] = {}
        self._update_buttons()

    # -- showing -------------------------------------------------------------------------------
    def show_revisions(self, chain: list[Document], current: str) -> None:
        """The picker lists the story's revisions, newest last; `current` is selected."""
        self.picker.blockSignals(True)
        self.picker.clear()
        for number, doc in enumerate(chain, start=1):
            latest = " (latest)" if number == len(chain) and len(chain) > 1 else ""
            self.picker.addItem(f"Revision {number} of {len(chain)}{latest} — {doc.title}", doc.id)
            if doc.id == current:
                self.picker.setCurrentIndex(number - 1)
        self.picker.blockSignals(False)
        self.picker.setEnabled(len(chain) > 1)
        self.summary_button.setEnabled(bool(chain) and chain[0].id != current)
        earlier = bool(chain) and chain[-1].id != current
        self.notice.setText(
            "An earlier revision, read-only: its annotations moved on to the latest revision."
        )
        self.notice.setVisible(earlier)
        self.read_only = earlier
        self._update_buttons()

    def show_orphans(self, orphans: list[Annotation], labels: dict[str, str]) -> None:
        keep = self.current_orphan()
        self.tree.clear()
        for a in orphans:
            old = _one_line(a.previous_text or a.exact)
            item = QTreeWidgetItem([labels.get(a.tag, a.tag), old, context_line(a)])
            item.setData(0, ID_ROLE, a.id)
            for column in (1, 2):
                item.setToolTip(column, f"{old}\n\n{context_line(a)}")
            self.tree.addTopLevelItem(item)
            if a.id == keep:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.heading.setText(f"Orphans ({len(orphans)})" if orphans else "No orphans.")
        self._orphans = {a.id: a for a in orphans}
        self._current_changed()

    def current_orphan(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else ""

    # -- user actions ---------------------------------------------------------------------------
    def _picked(self, index: int) -> None:
        ident = self.picker.itemData(index)
        if ident:
            self.revision_chosen.emit(str(ident))

    def _reattach(self) -> None:
        if self.current_orphan() and not self.read_only:
            self.reattach_requested.emit(self.current_orphan())

    def _dismiss(self) -> None:
        if self.current_orphan() and not self.read_only:
            self.dismiss_requested.emit(self.current_orphan())

    def _current_changed(self, *_args: object) -> None:
        self._update_buttons()
        a = self._orphans.get(self.current_orphan())
        self.details.setText("" if a is None else _orphan_html(a))
        if self.current_orphan():
            self.orphan_chosen.emit(self.current_orphan())

    def _update_buttons(self) -> None:
        has = bool(self.current_orphan()) and not self.read_only
        self.reattach_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)


def _orphan_html(a: Annotation) -> str:
    from html import escape  # its entity table loads with the first orphan shown

    return (
        f"…{escape(_one_line(a.prefix))} <b>{escape(_one_line(a.previous_text or a.exact))}"
        f"</b> {escape(_one_line(a.suffix))}…<br><i>Select the words it belongs to in the "
        f"draft and press {REATTACH_KEY}, or dismiss it.</i>"
    )
