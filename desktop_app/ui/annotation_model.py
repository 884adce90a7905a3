"""Qt table model over a session's annotations: a thin adapter that follows the session's Changes."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from desktop_app.core.model import STATUSES, Annotation, Tag
from desktop_app.core.operations import Change
from desktop_app.ui.session import DocumentSession
from desktop_app.ui.status_icons import status_colour, status_icon, status_label

COLUMNS = ("Tag", "Text", "Note", "Status")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
TAG_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
Index = QModelIndex | QPersistentModelIndex
STATUS_ORDER = {s: n for n, s in enumerate(STATUSES)}


def one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class AnnotationTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.session: DocumentSession | None = None
        self.rows: list[Annotation] = []
        self.tags: dict[str, Tag] = {}
        self.sort_column = 1
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_tags(self, tags: list[Tag]) -> None:
        self.tags = {t.name: t for t in tags}
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def set_session(self, session: DocumentSession | None) -> None:
        self.beginResetModel()
        self.session = session
        self.rows = list(session.annotations.values()) if session else []
        self.rows.sort(
            key=self.sort_key(self.sort_column),
            reverse=self.sort_order == Qt.SortOrder.DescendingOrder,
        )
        self.endResetModel()

    def sort_key(self, column: int) -> Callable[[Annotation], tuple[Any, ...]]:
        if column == 0:
            return lambda a: (a.tag, a.start, a.end)
        if column == 2:
            return lambda a: (a.note.casefold(), a.start, a.end)
        if column == 3:
            return lambda a: (STATUS_ORDER.get(a.status, 9), a.start, a.end)
        return lambda a: (a.start, a.end)  # the Text column: reading order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """One Python sort here instead of pairwise comparisons through Python in the proxy."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = [a.id for a in self.rows]
        self.rows.sort(key=self.sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        after = {a.id: n for n, a in enumerate(self.rows)}
        for index in self.persistentIndexList():
            new_row = after[before[index.row()]]
            self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    def _replace_row(self, n: int, annotation: Annotation) -> None:
        """Show the edited annotation; if the edit changed its sort key, move the row (a move keeps
        the selection on it, unlike remove and insert)."""
        key = self.sort_key(self.sort_column)
        if key(self.rows[n]) != key(annotation):
            rest = self.rows[:n] + self.rows[n + 1 :]
            target = self._insert_position(annotation, rest)
            destination = target if target <= n else target + 1
            if target != n and self.beginMoveRows(QModelIndex(), n, n, QModelIndex(), destination):
                rest.insert(target, annotation)
                self.rows = rest
                self.endMoveRows()
                n = target
        self.rows[n] = annotation
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def _insert_position(self, annotation: Annotation, rows: list[Annotation] | None = None) -> int:
        rows = self.rows if rows is None else rows
        key = self.sort_key(self.sort_column)
        reverse = self.sort_order == Qt.SortOrder.DescendingOrder
        target = key(annotation)
        if not reverse:
            return bisect_right(rows, target, key=key)
        for n, a in enumerate(rows):
            if (key(a) < target) if reverse else (key(a) > target):
                return n
        return len(rows)

    def row_of(self, ident: str) -> int:
        for n, a in enumerate(self.rows):
            if a.id == ident:
                return n
        return -1

    def apply_change(self, change: Change) -> None:
        """Update only the rows the Change names."""
        if self.session is None:
            return
        for ident in change.removed:
            n = self.row_of(ident)
            if n >= 0:
                self.beginRemoveRows(QModelIndex(), n, n)
                del self.rows[n]
                self.endRemoveRows()
        for ident in change.updated:
            n = self.row_of(ident)
            annotation = self.session.annotations.get(ident)
            if n >= 0 and annotation is not None:
                self._replace_row(n, annotation)
        for ident in change.added:
            annotation = self.session.annotations.get(ident)
            if annotation is None or self.row_of(ident) >= 0:
                continue
            n = self._insert_position(annotation)
            self.beginInsertRows(QModelIndex(), n, n)
            self.rows.insert(n, annotation)
            self.endInsertRows()

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            tag = self.tags.get(a.tag)
            orphan = " (orphaned)" if a.anchor_state == "orphaned" else ""
            return (
                (tag.label if tag else a.tag),
                one_line(a.exact) + orphan,
                one_line(a.note) if role == Qt.ItemDataRole.DisplayRole else a.note,
                status_label(a.status),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col in (1, 2):
            return a.exact if col == 1 else a.note
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            tag = self.tags.get(a.tag)
            return QColor(tag.colour) if tag else None
        if role == Qt.ItemDataRole.DecorationRole and col == 3:
            return status_icon(a.status)
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return status_colour(a.status)
        if role == ID_ROLE:
            return a.id
        if role == START_ROLE:
            return a.start
        if role == TAG_ROLE:
            return a.tag
        if role == STATUS_ROLE:
            return a.status
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else base


class AnnotationFilter(QSortFilterProxyModel):
    """Filter by tag, by status and by text (in the quote or the note); sorts by position by default."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tag = ""
        self.status = ""
        self.needle = ""

    def set_filter(
        self, tag: str | None = None, text: str | None = None, status: str | None = None
    ) -> None:
        changing = hasattr(self, "beginFilterChange")  # Qt 6.10+; older Qt only has invalidate
        if changing:
            self.beginFilterChange()
        if tag is not None:
            self.tag = tag
        if text is not None:
            self.needle = text.casefold()
        if status is not None:
            self.status = status
        if changing:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, AnnotationTableModel)
        a = model.rows[row]
        if self.tag and a.tag != self.tag:
            return False
        if self.status and a.status != self.status:
            return False
        return (
            not self.needle or self.needle in a.exact.casefold() or self.needle in a.note.casefold()
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        assert isinstance(model, AnnotationTableModel)
        model.sort(column, order)
