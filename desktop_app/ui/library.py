"""The document library: every imported draft on two tidy lines (its title; then its file, format,
import date, counts per tag and open checks), with Delete, F2 (rename) and a context menu."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.core.model import DocumentSummary, Tag

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
# The detail line as it may be shortened: without the format, then the file name, then the date
# (the least telling first), so a narrow library keeps the counts and checks whole.
SHORTER_ROLE = Qt.ItemDataRole.UserRole + 4
SOURCE_NAMES = {"anonymous_source": "source"}  # short plural-friendly words for the counts


def counts_line(counts: dict[str, int], tags: list[Tag]) -> str:
    parts = []
    for t in tags:
        n = counts.get(t.name, 0)
        if n:
            word = SOURCE_NAMES.get(t.name, t.label.lower())
            parts.append(f"{n} {word}{'s' if n != 1 and not word.endswith('s') else ''}")
    return ", ".join(parts) if parts else "no annotations"


def imported_on(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y").lstrip("0")
    except ValueError:
        return stamp[:10]


def fitted(lines: list[str], metrics: QFontMetrics, width: int) -> str:
    """The first of `lines` (longest first) that fits `width`, else the last one elided in the
    middle (its counts at the start, its checks at the end)."""
    for line in lines:
        if metrics.horizontalAdvance(line) <= width:
            return line
    return metrics.elidedText(lines[-1], Qt.TextElideMode.ElideMiddle, width)


class _TwoLines(QStyledItemDelegate):
    """Title in bold, details below in the secondary colour; each line elided on its own."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # noqa: N802
        height = option.fontMetrics.lineSpacing()
        return QSize(option.rect.width(), 2 * height + 10)

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = ""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Background, selection and focus are Qt's (its item painting, given no text); the two
        # lines are drawn here. Nothing in Python touches QStyle: PySide builds that class's
        # dozen large enums on first use, ~10 ms of start-up.
        super().paint(painter, option, index)
        view = self.parent()
        listed = isinstance(view, QListWidget)
        selected = listed and view.selectionModel().isSelected(index)
        # The colours of the group Qt painted the selection in: in a window that is not active
        # some styles (Windows 11) draw it pale, where active white text would vanish.
        active = listed and view.isActiveWindow()
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        palette = option.palette
        rect = option.rect.adjusted(6, 4, -6, -4)
        bold = QFont(option.font)
        bold.setBold(True)
        line = option.fontMetrics.lineSpacing()
        painter.save()
        painter.setFont(bold)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(group, role))
        title = QFontMetrics(bold).elidedText(
            index.data(TITLE_ROLE) or "", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), 0, title)
        painter.setFont(option.font)
        if not selected:
            painter.setPen(palette.color(group, QPalette.ColorRole.PlaceholderText))
        detail = fitted(
            [index.data(DETAIL_ROLE) or "", *(index.data(SHORTER_ROLE) or ())],
            option.fontMetrics,
            rect.width(),
        )
        painter.drawText(QRect(rect.left(), rect.top() + line + 2, rect.width(), line), 0, detail)
        painter.restore()


class LibraryList(QListWidget):
    document_chosen = Signal(str)
    delete_requested = Signal(str)
    rename_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setItemDelegate(_TwoLines(self))
        self.setUniformItemSizes(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.tags: list[Tag] = []
        self.checks: dict[str, int] = {}
        self.counts: dict[str, dict[str, int]] = {}
        self.sources: dict[str, tuple[str, str, str]] = {}  # id -> ("file.docx", "DOCX", date)
        self.currentItemChanged.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is not None:
            self.document_chosen.emit(item.data(ID_ROLE))

    def populate(
        self, documents: list[DocumentSummary], tags: list[Tag], current: str = ""
    ) -> None:
        self.tags = tags
        self.blockSignals(True)
        self.clear()
        for doc in documents:
            item = QListWidgetItem(self)
            item.setData(ID_ROLE, doc.id)
            item.setData(TITLE_ROLE, doc.title)
            name = PurePath(doc.source_path).name if doc.source_path else "pasted text"
            fmt = doc.source_format.upper() or "TEXT"
            self.sources[doc.id] = (name, fmt, imported_on(doc.imported_at))
            item.setToolTip(f"{doc.title}\n{doc.source_path}\nimported {doc.imported_at[:16]}")
            self._render(item, doc.counts)
            if doc.id == current:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def titles(self) -> dict[str, str]:
        """Document id -> title, in list order."""
        return {
            self.item(r).data(ID_ROLE): self.item(r).data(TITLE_ROLE) for r in range(self.count())
        }

    def current_id(self) -> str:
        item = self.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def _render(self, item: QListWidgetItem, counts: dict[str, int]) -> None:
        document_id = item.data(ID_ROLE)
        self.counts[document_id] = dict(counts)
        tail = counts_line(counts, self.tags)
        checks = self.checks.get(document_id, 0)
        if checks:
            tail += f" · ⚠ {checks} check{'s' if checks != 1 else ''}"
        name, fmt, date = self.sources.get(document_id, ("", "", ""))
        line = " · ".join(p for p in (name, fmt, date, tail) if p)
        shorter = [
            " · ".join(p for p in parts if p) for parts in ((name, date, tail), (date, tail))
        ]
        item.setData(DETAIL_ROLE, line)
        item.setData(SHORTER_ROLE, (*shorter, tail))
        item.setText(f"{item.data(TITLE_ROLE)}\n{line}")  # for accessibility and keyboard search

    def update_checks(self, checks: dict[str, int]) -> None:
        self.checks = dict(checks)
        for row in range(self.count()):
            item = self.item(row)
            self._render(item, self.counts.get(item.data(ID_ROLE), {}))

    def update_counts(self, document_id: str, counts: dict[str, int]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == document_id:
                self._render(item, counts)

    def select_document(self, document_id: str) -> None:
        self.blockSignals(True)  # showing where we are is not the editor choosing a document
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == document_id:
                self.setCurrentRow(row)
                break
        else:
            self.setCurrentRow(-1)
        self.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        current = self.current_id()
        if current and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit(current)
            return
        if current and event.key() == Qt.Key.Key_F2:
            self.rename_requested.emit(current)
            return
        super().keyPressEvent(event)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        ident = item.data(ID_ROLE)
        menu = QMenu(self)
        menu.addAction("Rename…", lambda: self.rename_requested.emit(ident))
        menu.addAction("Delete…", lambda: self.delete_requested.emit(ident))
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()
