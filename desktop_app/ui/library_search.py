"""Across the library: find words in every draft (full-text, matches shown in context) and browse
annotations across drafts (all quotes by a speaker, all unverified claims, sources with no
stated reason). Each row jumps to its words."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import CopydeskError
from desktop_app.core.fields import who as who_of
from desktop_app.core.model import MATCH_END, MATCH_START, STATUSES, Tag, status_label
from desktop_app.core.search import find_occurrence
from desktop_app.desk import Desk

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2  # an annotation id, or the words to select


class _Results(QListWidget):
    chosen = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self.chosen.emit)
        self.itemClicked.connect(self.chosen.emit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.chosen.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class LibrarySearch(QTabWidget):
    """`go_to(document_id, annotation_id, words)` is emitted when a result is chosen."""

    go_to = Signal(str, str, str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Words in any draft (accents and case ignored)")
        self.query.setClearButtonEnabled(True)
        self.found = QLabel(self)
        self.hits = _Results(self)
        text_tab = QWidget(self)
        layout = QVBoxLayout(text_tab)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.found)
        layout.addWidget(self.hits, 1)
        self.addTab(text_tab, "Find in &Library")

        self.tag = QComboBox(self)
        self.tag.setAccessibleName("Tag")
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", "")
        self.status.addItem("Not verified or resolved", "unchecked")
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        self.speaker = QLineEdit(self)
        self.speaker.setPlaceholderText("Speaker, claimant or source (any part)")
        self.speaker.setClearButtonEnabled(True)
        self.listed = QLabel(self)
        self.rows = _Results(self)
        browse_tab = QWidget(self)
        filters = QHBoxLayout()
        filters.addWidget(self.tag)
        filters.addWidget(self.status)
        layout = QVBoxLayout(browse_tab)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.speaker)
        layout.addWidget(self.listed)
        layout.addWidget(self.rows, 1)
        self.addTab(browse_tab, "&Browse Annotations")

        self.timer = QTimer(self, singleShot=True, interval=200)  # search as the editor pauses
        self.timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self.query.returnPressed.connect(self._first_hit)
        self.hits.chosen.connect(self._choose)
        self.rows.chosen.connect(self._choose)
        self.tag.currentIndexChanged.connect(lambda _i: self.browse())
        self.status.currentIndexChanged.connect(lambda _i: self.browse())
        self.speaker.textChanged.connect(lambda _t: self.browse())
        # Opening the Browse tab lists every annotation (filters narrow it): an empty list with
        # "Any tag" and "Any status" chosen would read as "no annotations".
        self.currentChanged.connect(lambda i: self.browse() if i == 1 else None)

    def set_tags(self, tags: list[Tag]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("Any tag", "")
        for t in tags:
            self.tag.addItem(t.label, t.name)
        self.tag.setCurrentIndex(max(0, self.tag.findData(current)))
        self.tag.blockSignals(False)

    def search(self) -> None:
        from html import escape  # its entity table: loaded when first used

        words = self.query.text().strip()
        self.hits.clear()
        if not words:
            self.found.setText("")
            return
        try:
            hits = self.desk.search(words)
        except CopydeskError as error:
            self.found.setText(str(error))
            return
        self.found.setText(f"{len(hits)} draft{'s' if len(hits) != 1 else ''}")
        for hit in hits:
            item = QListWidgetItem(self.hits)
            snippet = " ".join(hit.snippet.split())
            marked = escape(snippet).replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")
            item.setText(f"{hit.title}\n{snippet.replace(MATCH_START, '').replace(MATCH_END, '')}")
            item.setToolTip(f"<b>{escape(hit.title)}</b><br>{marked}")
            first = (
                snippet.split(MATCH_START, 1)[1].split(MATCH_END, 1)[0]
                if MATCH_START in snippet
                else ""
            )
            item.setData(DOC_ROLE, hit.document_id)
            item.setData(TARGET_ROLE, ("", first))

    def _first_hit(self) -> None:
        self.timer.stop()
        self.search()
        if self.hits.count():
            self.hits.setCurrentRow(0)
            self._choose(self.hits.item(0))

    def browse(self) -> None:
        status = self.status.currentData() or ""
        unchecked = status == "unchecked"
        try:
            found = self.desk.find_annotations(
                self.tag.currentData() or "",
                "" if unchecked else status,
                self.speaker.text().strip(),
            )
        except CopydeskError as error:
            self.listed.setText(str(error))
            return
        if unchecked:
            found = [h for h in found if h.annotation.status not in ("verified", "resolved")]
        labels = {t.name: t.label for t in self.desk.tags()}
        self.rows.clear()
        for hit in found[:2000]:
            a = hit.annotation
            who = who_of(a.fields)
            item = QListWidgetItem(self.rows)
            words = " ".join(a.exact.split())
            head = f"{labels.get(a.tag, a.tag)} · {status_label(a.status)}" + (
                f" · {who}" if who else ""
            )
            item.setText(f"{head}\n“{words[:140]}” — {hit.document_title}")
            item.setToolTip(f"{hit.document_title}\n{a.exact}")
            item.setData(DOC_ROLE, a.document_id)
            item.setData(TARGET_ROLE, (a.id, ""))
        shown = min(len(found), 2000)
        self.listed.setText(
            f"{len(found)} annotation{'s' if len(found) != 1 else ''}"
            + (f" (first {shown} shown)" if shown < len(found) else "")
        )

    def _choose(self, item: QListWidgetItem) -> None:
        annotation_id, words = item.data(TARGET_ROLE)
        self.go_to.emit(item.data(DOC_ROLE), annotation_id, words)

    def focus_search(self) -> None:
        self.setCurrentIndex(0)
        self.query.setFocus()
        self.query.selectAll()


def locate_words(text: str, words: str) -> tuple[int, int] | None:
    """Where a search hit's first matched word is in the draft (any case), for selecting it."""
    if not words:
        return None
    found = find_occurrence(text, words, 1)
    if found is None:
        lowered = text.lower().find(words.lower())
        return (lowered, lowered + len(words)) if lowered >= 0 else None
    return found
