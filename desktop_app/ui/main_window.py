"""The review window: library on the left, the draft in the middle, annotations on the right."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QTextCursor,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.checks import Finding
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Tag
from desktop_app.core.operations import Change, Operation, apply
from desktop_app.core.settings import Settings
from desktop_app.ui.actions import WindowActions
from desktop_app.ui.annotations_panel import AnnotationsPanel
from desktop_app.ui.checks_panel import ChecksPanel
from desktop_app.ui.detail_form import AnnotationDetail
from desktop_app.ui.document_view import DocumentView
from desktop_app.ui.editing import EditingMixin
from desktop_app.ui.files import FilesMixin
from desktop_app.ui.find_bar import FindBar
from desktop_app.ui.highlighter import AnnotationHighlighter
from desktop_app.ui.importer import FileImporter
from desktop_app.ui.library import LibraryList
from desktop_app.ui.services import Services
from desktop_app.ui.session import DocumentSession
from desktop_app.ui.window_checks import ChecksMixin


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class MainWindow(EditingMixin, FilesMixin, ChecksMixin, QMainWindow):
    import_finished = Signal()

    def __init__(self, services: Services, settings: Settings, settings_path: Path) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.settings = settings
        self.settings_path = settings_path
        self.sessions: dict[str, DocumentSession] = {}
        self.session: DocumentSession | None = None
        self.highlighter: AnnotationHighlighter | None = None
        self.tags: list[Tag] = self.repo.tags()
        self.last_error = ""
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("Copydesk")
        self.setAcceptDrops(True)
        self.setUnifiedTitleAndToolBarOnMac(True)

        self.view = DocumentView(self)
        self.find_bar = FindBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.library = LibraryList(self)
        self.panel = AnnotationsPanel(self)
        self.detail = AnnotationDetail(self)
        self.detail.reviewer = settings.reviewer
        self.current_id = ""
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.setObjectName("annotations_splitter")
        side.addWidget(self.panel)
        detail_scroll = QScrollArea(self)  # a long form scrolls instead of squeezing its rows
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        side.addWidget(detail_scroll)
        side.setSizes([320, 380])  # the form needs room for a claim's six fields
        self.library_dock = self._dock(
            "Library", "library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.panel_dock = self._dock(
            "Annotations", "annotations", side, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.checks = ChecksPanel(self)
        self.checks_dock = self._dock(
            "Checks", "checks", self.checks, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.documents: list[dict[str, object]] = []  # the library as last listed
        self.library_findings: dict[str, list[Finding]] = {}  # documents not open: computed once
        self.checks_timer = QTimer(self, singleShot=True, interval=150)
        self.checks_timer.timeout.connect(self.refresh_checks)
        self.status_reviewer = QLabel(self)
        self.status_counts = QLabel(self)
        self.status_db = QLabel(str(services.db_path), self)
        for label in (self.status_reviewer, self.status_counts, self.status_db):
            self.statusBar().addPermanentWidget(label)
        self.actions = WindowActions(self)
        self.importer = FileImporter(services.load_source, self)
        self.progress: QProgressDialog | None = None
        self._import_failures: list[str] = []
        self._import_opened: list[str] = []
        self._import_known = 0
        self._queued_imports: list[str] = []
        self._wire()
        self.refresh_tags()
        self.refresh_library()
        self.show_reviewer()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _wire(self) -> None:
        self.library.document_chosen.connect(self.open_document)
        self.panel.annotation_selected.connect(lambda i: self.focus_annotation(i, reveal=True))
        self.detail.edit_requested.connect(self.apply_detail_edit)
        self.detail.pick_requested.connect(self.pick_span_for)
        self.detail.back_to_text.connect(
            lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        )
        self.panel.note_edited.connect(self.edit_note)
        self.panel.delete_requested.connect(self.delete_selected_rows)
        self.view.annotation_clicked.connect(self.focus_annotation)
        self.view.delete_requested.connect(self.delete_at_caret)
        self.find_bar.match_selected.connect(lambda s, e: self.view.select_cp(s, e))
        self.find_bar.match_lost.connect(self.view.clear_selection)
        self.find_bar.closed.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        self.importer.signals.loaded.connect(self._file_loaded)
        self.importer.signals.failed.connect(self._file_failed)
        self.importer.signals.finished.connect(self._import_done)
        self.view.verticalScrollBar().valueChanged.connect(self._highlight_visible)
        self.checks.finding_chosen.connect(self.go_to_finding)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.checks.scope_changed.connect(self.refresh_checks)

    def _scheme_changed(self) -> None:
        """Light and dark follow the system while the app runs: highlight strength follows too."""
        if self.highlighter is not None:
            self.highlighter.dark = is_dark()
            self.highlighter.set_tags(self.tags)

    def _highlight_visible(self, _value: int) -> None:
        # The scroll bar counts wrapped lines; the highlighter counts blocks.
        top = self.view.firstVisibleBlock().blockNumber()
        if self.highlighter is not None:
            rows = (
                self.view.viewport().height() // max(1, self.view.fontMetrics().lineSpacing()) + 2
            )
            self.highlighter.ensure_lines(range(max(0, top - 5), top + rows))

    # -- messages -------------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        """Status-bar message; errors are also kept in `last_error` and shown in a non-blocking box."""
        self.statusBar().showMessage(text, 8000)
        if error:
            self.last_error = text
            box = QMessageBox(QMessageBox.Icon.Warning, "Copydesk", text, parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def show_reviewer(self) -> None:
        self.status_reviewer.setText(f"Reviewer: {self.settings.reviewer or '—'}")

    def save_settings(self) -> None:
        try:
            self.settings.save(self.settings_path)
        except OSError as error:
            self.statusBar().showMessage(f"Could not save settings: {error.strerror}", 8000)

    # -- library and documents --------------------------------------------------------------------
    def refresh_tags(self) -> None:
        self.tags = self.repo.tags()
        labels = {t.name: t.label for t in self.tags}
        self.view.tag_labels = self.detail.tag_labels = labels
        self.actions.build_tag_actions(self.tags)
        self.panel.set_tags(self.tags)
        if self.highlighter is not None:
            self.highlighter.set_tags(self.tags)
        self.update_counts()
        if self.session is not None and self.current_id in self.session.annotations:
            self.detail.set_annotation(self.session.annotations[self.current_id], self.session)

    def refresh_library(self) -> None:
        current = self.session.document.id if self.session else ""
        self.documents = self.repo.list_documents()
        self.library.populate(self.documents, self.tags, current)
        self.checks_timer.start()

    def open_document(self, document_id: str) -> bool:
        if self.session is not None and self.session.document.id == document_id:
            return True
        # Reading 10,000 annotations allocates enough objects to trigger full GC passes (~30 ms on a
        # long draft); nothing here makes reference cycles, so collection can wait until it is done.
        gc.disable()
        try:
            return self._open_document(document_id)
        finally:
            gc.enable()

    def _open_document(self, document_id: str) -> bool:
        self.detail.commit_pending()  # a half-typed note belongs to the document it was typed in
        self.remember_position()
        if self.find_bar.isVisible():
            self.find_bar.hide()  # its matches are offsets into the document being left
        session = self.sessions.get(document_id)
        if session is None:
            try:
                document = self.repo.get_document(document_id)
            except CopydeskError as error:
                self.show_message(str(error), error=True)
                return False
            if document is None:
                return False
            session = DocumentSession(self.repo, document, self)
            session.changed.connect(self._session_changed)
            session.failed.connect(lambda msg: self.show_message(msg, error=True))
            self.undo_group.addStack(session.undo_stack)
            self.sessions[document_id] = session
        self.session = session
        if self.highlighter is not None:
            self.highlighter.setDocument(None)
        self.view.show_session(session)
        position = self.settings.positions.get(document_id, 0)
        first = session.index.line_of(min(max(position, 0), len(session.text)))
        self.highlighter = AnnotationHighlighter(
            self.view.document(),
            session,
            self.tags,
            is_dark(),
            range(max(0, first - 40), first + 160),
        )
        with self.panel.syncing():
            self.panel.model.set_session(session)
        self.current_id = ""
        self.detail.set_annotation(None, session)
        self.undo_group.setActiveStack(session.undo_stack)
        self.library.select_document(document_id)
        self.setWindowTitle(f"{session.document.title} — Copydesk")
        self.setWindowFilePath(session.document.source_path)
        self.settings.last_document_id = document_id
        self.update_counts()
        QTimer.singleShot(0, lambda: self.scroll_to(position))
        self.checks_timer.start()
        return True

    def scroll_to(self, position: int) -> None:
        """Put the line holding `position` at the top of the view, with the caret there."""
        if self.session is None or not 0 < position <= len(self.session.text):
            return  # 0 is where a freshly shown document already is
        view = self.view
        if view.textCursor().hasSelection() or view.textCursor().position() != 0:
            return  # the editor (or a jump to an annotation) moved first: do not take it away
        # The scroll bar counts wrapped lines, which change with the width; instead come from the
        # end so that making the caret visible leaves its line at the top.
        view.moveCursor(QTextCursor.MoveOperation.End)
        view.ensureCursorVisible()
        cursor = view.textCursor()
        cursor.setPosition(self.session.offsets.to_utf16(position))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()

    def remember_position(self) -> None:
        if self.session is None:
            return
        # The first character on screen, not its block's start: one paragraph may fill many screens.
        top = self.view.cursorForPosition(QPoint(0, 0))
        if not top.isNull():
            self.settings.positions[self.session.document.id] = self.session.offsets.to_cp(
                top.position()
            )

    def apply_global(self, op: Operation) -> bool:
        """Apply an edit that is not one document's (tags): outside the undo stacks, in one
        transaction; cached documents it touched are reloaded on next open."""
        try:
            _inverse, change = apply(self.repo, op)
        except CopydeskError as error:
            self.show_message(str(error), error=True)
            return False
        touched = change.document_ids
        for doc_id, session in list(self.sessions.items()):
            if session is self.session:
                session.absorb(change)
            elif doc_id in touched:
                self.library_findings.pop(doc_id, None)
                self.undo_group.removeStack(session.undo_stack)
                del self.sessions[doc_id]
                session.deleteLater()
        for doc_id in touched:
            self.library_findings.pop(doc_id, None)
        if change.removed and self.session is not None and self.session.document.id in touched:
            # Earlier steps may refer to the annotations just removed with their tag.
            self.session.undo_stack.clear()
            self.show_message("Undo history was cleared for drafts that used the deleted tag.")
        if change.tags_changed:
            self.refresh_tags()
        self.refresh_library()
        return True

    def update_counts(self) -> None:
        if self.session is None:
            self.status_counts.setText("")
            return
        counts = self.session.counts
        self.library.update_counts(self.session.document.id, counts)
        labels = {t.name: t.label for t in self.tags}
        text = ", ".join(f"{labels.get(k, k)}: {n}" for k, n in sorted(counts.items()))
        self.status_counts.setText(text or "No annotations")

    def _session_changed(self, change: Change) -> None:
        session = self.sender()
        if session is not self.session or self.session is None:
            return
        if self.highlighter is not None:
            for doc_id, start, end in change.spans:
                if doc_id == session.document.id:
                    self.highlighter.rehighlight_lines(session.index.lines_touched(start, end))
        with self.panel.syncing():
            self.panel.model.apply_change(change)
        self.update_counts()
        self.checks_timer.start()
        if self.current_id in change.removed:
            self.current_id = ""
            self.detail.set_annotation(None, None)
        elif self.current_id in change.updated or self.current_id in change.added:
            self.detail.set_annotation(session.annotations.get(self.current_id), session)

    # -- state ----------------------------------------------------------------------------------
    def window_state(self) -> QSettings:
        return QSettings(str(self.services.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def restore_state(self) -> None:
        state = self.window_state()
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 840)
            self.resizeDocks(
                [self.library_dock, self.panel_dock], [240, 520], Qt.Orientation.Horizontal
            )
        layout = state.value("state")
        if isinstance(layout, QByteArray):
            self.restoreState(layout)
        last = self.settings.last_document_id
        if last and not self.open_document(last):
            self.settings.last_document_id = ""

    def save_state(self) -> None:
        self.remember_position()
        state = self.window_state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("state", self.saveState())
        state.sync()
        self.save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.importer.cancel()
        self.importer.wait(5000)
        self.save_state()
        super().closeEvent(event)
