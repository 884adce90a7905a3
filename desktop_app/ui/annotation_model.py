"""Qt table model over a document's annotations: a thin adapter over the desk's DocumentState
(its rows are the ids of the annotations the filter keeps, in sort order; values are read from
the state)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop_app.core.change import Change
from desktop_app.core.fields import who as who_of
from desktop_app.core.model import STATUSES, Annotation, Tag, status_label
from desktop_app.desk import DocumentState
from desktop_app.ui.annotation_filter import AnnotationFilter
from desktop_app.ui.status_icons import status_colour, status_icon

COLUMNS = ("Tag", "Text", "Note", "Status", "Who", "Changed")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
TAG_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
Index = QModelIndex | QPersistentModelIndex
STATUS_ORDER = {s: n for n, s in enumerate(STATUSES)}
_DISPLAY, _EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
_TOOLTIP, _DECORATION = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_CUSTOM = (ID_ROLE, START_ROLE, TAG_ROLE, STATUS_ROLE)
_ROLES = frozenset((_DISPLAY, _EDIT, _TOOLTIP, _DECORATION, _FOREGROUND, *_CUSTOM))
# what QAbstractTableModel.flags gives a valid cell, computed once
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)
_NOTE_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsEditable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def who(a: Annotation) -> str:
    """Who the annotation is about: the speaker, the claimant or the source's description."""
    return who_of(a.fields)


def when(stamp: str) -> str:
    """An ISO time as the editor reads it: "14:05" today, else "30 Nov 14:05"."""
    return _when(stamp, date.today())


@lru_cache(maxsize=4096)
def _when(stamp: str, today: date) -> str:
    # Asked for every visible row at each repaint of the table (a key press repaints the rows
    # below a new one): parsed once per time and day, not each time.
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    if moment.date() == today:
        return moment.strftime("%H:%M")
    return moment.strftime("%d %b %H:%M").lstrip("0")


_READING = attrgetter("start", "end")  # the Text column's order


class AnnotationTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.state: DocumentState | None = None
        self.order: list[str] = []  # ids of the annotations the filter keeps, one per row, sorted
        self._all: list[str] | None = None  # every annotation's id, sorted (None: sort again)
        self.criteria = AnnotationFilter()
        self._row: dict[str, int] | None = {}  # id -> row, rebuilt after rows move
        self._leaving: dict[str, Annotation] = {}
        self.tags: dict[str, Tag] = {}
        self.sort_column = 1
        self.sort_order = Qt.SortOrder.AscendingOrder

    @property
    def rows(self) -> list[Annotation]:
        assert self.state is not None or not self.order
        return [self.state.annotations[i] for i in self.order] if self.state else []

    def annotation(self, row: int) -> Annotation:
        assert self.state is not None
        ident = self.order[row]
        found = self.state.annotations.get(ident)
        # A row being removed is gone from the state already while Qt still asks about it.
        return found if found is not None else self._leaving[ident]

    def set_tags(self, tags: list[Tag]) -> None:
        self.tags = {t.name: t for t in tags}
        self.criteria.forget_words()  # a row's words hold its tag's label
        if self.criteria.needle:
            self._refilter()  # a renamed tag's rows match other words now
        elif self.order:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.order) - 1, len(COLUMNS) - 1)
            )

    def set_state(self, state: DocumentState | None) -> None:
        self.beginResetModel()
        self.state = state
        self.criteria.forget_words()
        self.order = []
        self._sort_order()
        self.endResetModel()

    def set_filter(self, **criteria: str | None) -> None:
        """Keep only the rows the criteria describe (see AnnotationFilter.set); the table starts
        afresh, so the caller brings back the selection it wants kept."""
        narrower = self.criteria.set(**criteria)  # type: ignore[arg-type]
        self._refilter(within_shown=narrower)

    def _refilter(self, within_shown: bool = False) -> None:
        self.beginResetModel()
        if within_shown:
            # Typing on in the filter box only narrows: the rows it keeps are among those shown,
            # already in order, so a keystroke tests those alone and sorts nothing.
            self.order = self._kept(self.order)
        elif self._all is not None:
            self.order = self._kept(self._all)
        else:
            self._sort_order()
        self._row = None
        self.endResetModel()

    def _kept(self, ids: list[str]) -> list[str]:
        criteria = self.criteria
        if self.state is None or not criteria.active:
            return list(ids)
        return criteria.keep(ids, self.state.annotations, self.tags)

    def _sort_order(self) -> None:
        if self.state is None:
            return
        reverse = self.sort_order == Qt.SortOrder.DescendingOrder
        # The annotations sorted themselves (no id -> annotation lookup per row); the default
        # Text column's key is one C-level attrgetter.
        key = self.sort_key(self.sort_column)
        rows = sorted(self.state.annotations.values(), key=key, reverse=reverse)
        self._all = [a.id for a in rows]
        self.order = self._kept(self._all)
        self._row = None

    def sort_key(self, column: int) -> Callable[[Annotation], tuple[Any, ...]]:
        if column == 0:
            return lambda a: (a.tag, a.start, a.end)
        if column == 2:
            return lambda a: (a.note.casefold(), a.start, a.end)
        if column == 3:
            return lambda a: (STATUS_ORDER.get(a.status, 9), a.start, a.end)
        if column == 4:
            return lambda a: (who(a).casefold(), a.start, a.end)
        if column == 5:
            return lambda a: (a.updated_at, a.start, a.end)
        return _READING  # the Text column: reading order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """One Python sort here instead of pairwise comparisons through Python in the proxy."""
        if column != self.sort_column:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, 1)
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = list(self.order)
        self._sort_order()  # the same rows (the filter has not changed), in the new order
        for index in self.persistentIndexList():
            new_row = self.row_of(before[index.row()])
            self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    def row_of(self, ident: str, new: bool = False) -> int:
        """The row showing `ident` (-1 if none): a bisect on the sorted rows, so selecting the
        annotation just tagged costs no pass over 10,000 rows; the full map only as a fallback."""
        if self._row is not None:
            return self._row.get(ident, -1)
        state = self.state
        a = (state.annotations.get(ident) if state else None) or self._leaving.get(ident)
        if a is not None and self.sort_order == Qt.SortOrder.AscendingOrder:
            key = self.sort_key(self.sort_column)
            annotations, order, target = self._values(), self.order, key(a)
            n = bisect_left(order, target, key=lambda i: key(annotations(i)))
            while n < len(order) and key(annotations(order[n])) == target:
                if order[n] == ident:
                    return n
                n += 1
        if new:
            return -1  # just added: not among the rows yet, no need to map them all
        self._row = {ident: n for n, ident in enumerate(self.order)}  # its key moved: map all
        return self._row.get(ident, -1)

    def _values(self) -> Callable[[str], Annotation]:
        live = self.state.annotations if self.state else {}
        leaving = self._leaving
        return lambda i: live.get(i) or leaving[i]

    def _position(self, annotation: Annotation, order: list[str]) -> int:
        """Where `annotation` belongs in `order` (a bisect: the rows are kept sorted)."""
        assert self.state is not None
        key = self.sort_key(self.sort_column)
        annotations = self.state.annotations
        target = key(annotation)
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            lo, hi = 0, len(order)
            while lo < hi:
                mid = (lo + hi) // 2
                if key(annotations[order[mid]]) > target:
                    lo = mid + 1
                else:
                    hi = mid
            return lo
        return bisect_right(order, target, key=lambda i: key(annotations[i]))

    def apply_change(self, change: Change) -> None:
        """Update only the rows the Change names (the state has already taken it in)."""
        state = self.state
        if state is None:
            return
        self._leaving = {a.id: a for a in change.departed}
        self._all = None  # rows may come, go or move: the full order is sorted again when asked
        for ident in change.removed:
            n = self.row_of(ident)
            if n >= 0 and ident not in state.annotations:
                self.beginRemoveRows(QModelIndex(), n, n)
                del self.order[n]
                self._row = None
                self.endRemoveRows()
        self._leaving = {}
        added = set(change.added) - set(change.updated)
        criteria, tags = self.criteria, self.tags
        for ident in dict.fromkeys(change.updated + change.added):
            annotation = state.annotations.get(ident)
            if annotation is None:
                continue
            n = self.row_of(ident, new=ident in added)
            if criteria.active and not criteria.accepts(annotation, tags):
                if n >= 0:  # changed so that the filter no longer keeps it: its row goes
                    self.beginRemoveRows(QModelIndex(), n, n)
                    del self.order[n]
                    self._row = None
                    self.endRemoveRows()
                continue
            if n < 0:
                n = self._position(annotation, self.order)
                self.beginInsertRows(QModelIndex(), n, n)
                self.order.insert(n, ident)
                self._row = None
                self.endInsertRows()
                continue
            rest = self.order[:n] + self.order[n + 1 :]
            target = self._position(annotation, rest)
            if target != n:  # its sort key changed: move the row (a move keeps the selection)
                destination = target if target <= n else target + 1
                if self.beginMoveRows(QModelIndex(), n, n, QModelIndex(), destination):
                    rest.insert(target, ident)
                    self.order = rest
                    self._row = None
                    self.endMoveRows()
                    n = target
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 1 and self.sort_column == 1:
                return "Text (in order)"  # the default order is the draft's, and says so
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 1:
            return "Sorted by position in the draft (document order); click to reverse"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks each visible cell for ten-odd roles on every repaint: answer the ones this model
        # does not fill before any other work, and compare plain ints (enum lookups cost more).
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        a = self.annotation(index.row())
        col = index.column()
        if role == _DISPLAY or role == _EDIT:
            if col == 1:
                orphan = " (orphaned)" if a.anchor_state == "orphaned" else ""
                return one_line(a.exact, 400) + orphan  # two wrapped lines, then elided
            if col == 0:
                tag = self.tags.get(a.tag)
                return tag.label if tag else a.tag
            if col == 2:
                return one_line(a.note) if role == _DISPLAY else a.note
            if col == 3:
                return status_label(a.status)
            if col == 4:
                return who(a)
            # No-break spaces: a narrow column elides the name on its line instead of wrapping
            # it onto the time's line and hiding when it changed.
            name = a.reviewer.replace(" ", "\u00a0")
            return f"{name}\n{when(a.updated_at)}" if name else when(a.updated_at)
        if role == _TOOLTIP:
            if col not in (1, 2, 4, 5):
                return None
            changed = f"{a.reviewer or 'unknown reviewer'}, last changed {a.updated_at[:19]}"
            return (a.exact, a.note, who(a), changed)[(1, 2, 4, 5).index(col)]
        if role == _DECORATION:
            if col == 0:
                tag = self.tags.get(a.tag)
                return QColor(tag.colour) if tag else None
            return status_icon(a.status) if col == 3 else None
        if role == _FOREGROUND:
            return status_colour(a.status) if col == 3 else None
        if role == ID_ROLE:
            return a.id
        if role == START_ROLE:
            return a.start
        if role == TAG_ROLE:
            return a.tag
        return a.status  # STATUS_ROLE

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _NOTE_FLAGS if index.column() == 2 else _ROW_FLAGS
