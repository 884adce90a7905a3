"""The annotations panel: filters, the table, and note editing that goes through operations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby, islice

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model import STATUSES, Annotation, Tag, status_label
from desktop_app.ui.annotation_model import COLUMNS, ID_ROLE, AnnotationTableModel
from desktop_app.ui.status_icons import status_icon


class _NoteDelegate(QStyledItemDelegate):
    """Edits happen in the editor; committing goes to the panel (an operation), not into the model."""

    def __init__(self, panel: AnnotationsPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def setModelData(self, editor: QWidget, model: object, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        ident = index.data(ID_ROLE)
        if editor.text() != (index.data(Qt.ItemDataRole.EditRole) or ""):
            self.panel.note_edited.emit(ident, editor.text())


class _Table(QTableView):
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            current = self.currentIndex()
            if current.isValid():
                self.edit(current.siblingAtColumn(2))
                return
        if (
            key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != self.State.EditingState
        ):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class AnnotationsPanel(QWidget):
    annotation_selected = Signal(str)
    note_edited = Signal(str, str)
    delete_requested = Signal()
    document_note_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._syncing = 0
        self.model = AnnotationTableModel(self)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Filter by tag")
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", "")
        for status in STATUSES:
            self.status_filter.addItem(status_icon(status), status_label(status), status)
        # Shown only when the draft has more than one reviewer (after a merge, or a shared
        # database): with one reviewer it could only ever say "everyone".
        self.reviewer_filter = QComboBox(self)
        self.reviewer_filter.setAccessibleName("Filter by reviewer")
        self.reviewer_filter.addItem("All reviewers", None)
        self.reviewer_filter.hide()
        self._reviewers_due = QTimer(self)
        self._reviewers_due.setSingleShot(True)
        self._reviewers_due.setInterval(100)  # once after a burst of edits, off the key press
        self._reviewers_due.timeout.connect(self.refresh_reviewers)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter: words, note, speaker, any field…")
        self.document_note = QLineEdit(self)
        self.document_note.setPlaceholderText("Note on the whole draft (for the desk)")
        self.document_note.setAccessibleName("Note on this draft")
        self.document_note.setEnabled(False)
        self.document_note.editingFinished.connect(self._document_note_finished)
        self.text_filter.setClearButtonEnabled(True)
        # The first keystroke in the filter box would fold every row's words (~60 ms for 10,000
        # annotations): they are folded in short slices from the moment the box takes the focus.
        self._unfolded: Iterator[Annotation] | None = None
        self._fold_more = QTimer(self)
        self._fold_more.setInterval(0)
        self._fold_more.timeout.connect(self._fold_slice)
        self.text_filter.installEventFilter(self)
        self.table = _Table(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setItemDelegateForColumn(2, _NoteDelegate(self))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        # Two wrapped lines per row, then elided: the words are readable, and rows keep one
        # height so 10,000 of them never need measuring.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents would ask every row for its size on each change.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 74), (2, 56), (3, 100), (4, 88), (5, 64)):
            header.resizeSection(column, width)
        header.setSortIndicatorShown(True)
        # The header shares the table's selection by default and repaints every section (asking
        # Python for each one's title) whenever the chosen row changes, as on every tag key.
        # Rows are chosen whole here, so the header has nothing to show of the selection.
        header.setHighlightSections(False)
        header.setSelectionModel(QItemSelectionModel(self.model, header))
        filters = QHBoxLayout()
        filters.addWidget(self.tag_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.reviewer_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.document_note)
        layout.addLayout(filters)
        layout.addWidget(self.text_filter)
        layout.addWidget(self.table, 1)
        self.tag_filter.currentIndexChanged.connect(
            lambda: self.filter(tag=self.tag_filter.currentData() or "")
        )
        self.status_filter.currentIndexChanged.connect(
            lambda: self.filter(status=self.status_filter.currentData() or "")
        )
        self.reviewer_filter.currentIndexChanged.connect(
            lambda: self.filter(reviewer=self.reviewer_filter.currentData())
        )
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.dataChanged,
        ):
            signal.connect(self._reviewers_due.start)
        self.text_filter.textChanged.connect(lambda text: self.filter(text=text))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.delete_pressed.connect(self.delete_requested)
        # A click on the row that is already current still reveals its span.
        self.table.clicked.connect(lambda index: self.annotation_selected.emit(index.data(ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.text_filter and event.type() == QEvent.Type.FocusIn:
            state = self.model.state
            if state is not None and not self._fold_more.isActive():
                self._unfolded = iter(list(state.annotations.values()))
                self._fold_more.start()
        return False

    def _fold_slice(self) -> None:
        batch = list(islice(self._unfolded or iter(()), 400))
        if not batch:
            self._fold_more.stop()
            self._unfolded = None
            return
        self.model.criteria.warm(batch, self.model.tags)

    @contextmanager
    def syncing(self) -> Iterator[None]:
        """While rows are added, removed or filtered out, Qt moves the current row by itself; that
        is not the editor choosing an annotation, so it must not move the view's selection."""
        self._syncing += 1
        try:
            yield
        finally:
            self._syncing -= 1

    def filter(self, **criteria: str | None) -> None:
        """Show only the rows the criteria describe, keeping the selected ones that still show
        (and the current row, scrolled to, if it does)."""
        selection = self.table.selectionModel()
        current = self.table.currentIndex().data(ID_ROLE)
        selected = [index.data(ID_ROLE) for index in selection.selectedRows()]
        with self.syncing():
            self.model.set_filter(**criteria)
            rows = sorted(n for n in map(self.model.row_of, selected) if n >= 0)
            kept = QItemSelection()
            last = len(COLUMNS) - 1
            for _, run in groupby(enumerate(rows), lambda pair: pair[1] - pair[0]):
                block = [n for _, n in run]  # consecutive rows: one range
                kept.select(self.model.index(block[0], 0), self.model.index(block[-1], last))
            selection.select(kept, QItemSelectionModel.SelectionFlag.Select)
            n = self.model.row_of(current) if current else -1
            if n >= 0:
                index = self.model.index(n, 1)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)

    def refresh_reviewers(self) -> None:
        """The reviewer choices of the draft in front; the filter keeps its reviewer while they
        still have annotations here, else it goes back to everyone."""
        state = self.model.state
        names = sorted({a.reviewer for a in state.annotations.values()}) if state else []
        combo = self.reviewer_filter
        if names == [combo.itemData(i) for i in range(1, combo.count())]:
            return
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("All reviewers", None)
        for name in names:
            combo.addItem(name or "(no reviewer)", name)
        found = combo.findData(current) if current is not None and len(names) > 1 else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        combo.setVisible(len(names) > 1)
        if combo.currentData() != current:
            self.filter(reviewer=combo.currentData())

    def set_tags(self, tags: list[Tag]) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", "")
        for tag in tags:
            self.tag_filter.addItem(tag.label, tag.name)
        found = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(found, 0))
        self.tag_filter.blockSignals(False)
        self.filter(tag=self.tag_filter.currentData() or "")  # a deleted tag's filter goes too
        self.model.set_tags(tags)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._syncing:
            self.annotation_selected.emit(current.data(ID_ROLE))

    def select_annotation(self, ident: str, notify: bool = False) -> None:
        state = self.model.state
        if state is None or ident not in state.annotations:
            return
        row = self.model.row_of(ident)
        if row < 0:  # filtered out: show everything again so the row can be seen
            self.tag_filter.setCurrentIndex(0)
            self.status_filter.setCurrentIndex(0)
            self.reviewer_filter.setCurrentIndex(0)
            self.text_filter.clear()
            row = self.model.row_of(ident)
            if row < 0:
                return
        index = self.model.index(row, 1)
        # Not blocking signals: the view must hear the change to repaint the old row unselected;
        # `syncing` is what keeps this from being taken as the editor choosing a row.
        if notify:
            self._select(index)
        else:
            with self.syncing():
                self._select(index)
        self.table.scrollTo(index)

    def _select(self, index: QModelIndex) -> None:
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [r.data(ID_ROLE) for r in rows]

    def show_document_note(self, note: str | None) -> None:
        """The draft's own note (None: no draft open)."""
        self.document_note.setEnabled(note is not None)
        if not self.document_note.hasFocus():
            self.document_note.setText(note or "")

    def _document_note_finished(self) -> None:
        self.document_note_edited.emit(self.document_note.text())
