"""The review window: layout, docks, menus and wiring. Behaviour lives in the objects it composes
(review, imports, exports, checks, undo), each of which talks to the desk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from desktop_app.core.change import Change
from desktop_app.core.settings import Settings
from desktop_app.desk import Desk
from desktop_app.ui.actions import WindowActions
from desktop_app.ui.annotations_panel import AnnotationsPanel
from desktop_app.ui.checks_panel import ChecksPanel
from desktop_app.ui.checks_view import ChecksView
from desktop_app.ui.detail_form import AnnotationDetail
from desktop_app.ui.document_view import DocumentView
from desktop_app.ui.exports import ExportFlow
from desktop_app.ui.file_open import accept_files, drop_files
from desktop_app.ui.find_bar import FindBar
from desktop_app.ui.imports import ImportFlow
from desktop_app.ui.library import LibraryList
from desktop_app.ui.library_actions import LibraryActions
from desktop_app.ui.library_search import LibrarySearch
from desktop_app.ui.panes import (
    FOCUS_FRAME,
    add_dock,
    annotations_side,
    central_area,
    next_pane,
    restore_layout,
    save_layout,
)
from desktop_app.ui.review import Review
from desktop_app.ui.settings_saver import SettingsSaver
from desktop_app.ui.status_line import StatusLine
from desktop_app.ui.undo_view import UndoView
from desktop_app.ui.window_extras import WindowExtras


class MainWindow(QMainWindow):
    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        save_settings: Callable[[Settings], None],
        data_dir: Path,
        open_reader: Callable[[], Desk],
        extensions: tuple[str, ...] = (),
        open_other: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__()
        self.desk, self.settings, self.data_dir = desk, settings, data_dir
        self._save_settings = save_settings
        self._saver = SettingsSaver(save_settings)
        self._last_saved = settings.last_document_id
        self.setWindowTitle("Copydesk")
        self.setAcceptDrops(True)
        self.setUnifiedTitleAndToolBarOnMac(True)

        self.view = DocumentView(self)
        self.find_bar = FindBar(self)
        self.setCentralWidget(central_area(self, self.view, self.find_bar))
        self.library = LibraryList(self)
        self.panel = AnnotationsPanel(self)
        self.detail = AnnotationDetail(self)
        self.checks = ChecksPanel(self)
        self._search: LibrarySearch | None = None  # built when first wanted (see `search`)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.library_dock = add_dock(self, "Library", "library", self.library, left)
        side = annotations_side(self, self.panel, self.detail)
        self.panel_dock = add_dock(self, "Annotations", "annotations", side, right)
        self.checks_dock = add_dock(self, "Checks", "checks", self.checks, left)
        self.search_dock = add_dock(self, "Search", "search", QWidget(self), left)
        self.search_dock.visibilityChanged.connect(self._search_dock_shown)
        # On the panes only: a window-wide sheet slows all paint.
        for pane in (self.view, self.panel.table, self.library, self.checks):
            pane.setStyleSheet(FOCUS_FRAME)
        self.tabifyDockWidget(self.checks_dock, self.search_dock)
        self.checks_dock.raise_()
        self.status = StatusLine(self.statusBar(), desk.repo.path)

        say = self.show_message
        self.review = Review(
            desk, settings, self.view, self.panel, self.detail, self.find_bar, say, self
        )
        self.imports = ImportFlow(desk, settings, say, self)
        self.exports = ExportFlow(desk, open_reader, say, self)
        self.exports.bind(lambda: self.review.document_id, self.panel.selected_ids)
        self.checks_view = ChecksView(
            desk, self.checks, self.library, lambda: self.review.document_id, say, self,
            open_reader, lambda: self.review.busy,
        )  # fmt: skip
        self.undo = UndoView(desk, lambda: self.review.document_id, say, self)
        handlers = {
            "details": self.edit_details,
            "preferences": self.open_preferences,
            "tags": self.open_tags_dialog,
            "next_pane": self.focus_next_pane,
            "about": lambda: _dialogs().about(self, desk.repo.path),
            "shortcuts": lambda: _dialogs().shortcuts(self),
            "find_library": self.find_in_library,
        }
        docks = [self.library_dock, self.panel_dock, self.checks_dock, self.search_dock]
        self.actions = WindowActions(
            self,
            self.review,
            self.imports,
            self.exports,
            self.undo,
            settings,
            extensions,
            handlers,
            docks,
        )
        self.library_actions = LibraryActions(
            desk,
            self.library,
            lambda: self.review.document_id,
            say,
            self,
            self.actions.library_menu,
        )
        self.extras = WindowExtras(
            desk, self, self.review, self.checks, self.exports, self.imports,
            self.actions.library_menu,
            self.actions.view_menu, open_other, say,
        )  # fmt: skip
        # Computed or decided, the open suggestions feed the checks ("3 quotations not annotated").
        self.extras.suggestions.open_changed.connect(self.checks_view.schedule)
        self.checks_view.open_suggestions = self.extras.suggestions.open_of
        self.library.document_chosen.connect(self.open_document)
        self.review.document_shown.connect(self._document_shown)
        self.review.annotations_changed.connect(self.update_counts)
        self.imports.document_ready.connect(self.open_document)
        self.imports.finished.connect(self._imports_done)
        self.checks.finding_chosen.connect(lambda doc, a: self.review.go_to(doc, a, ""))
        desk.subscribe(self._changed)
        # A dock picked by its tab takes the keyboard: Qt leaves the focus where it was, so words
        # typed "into" the Search tab went to the Suggestions list (whose N rejects).
        self.tabifiedDockWidgetActivated.connect(self._dock_chosen)
        self.actions.build_tag_actions(self.review.tags)
        self.review.set_tags(self.review.tags)
        self.review.apply_zoom()
        self.refresh_library()
        self.show_reviewer()

    # -- messages and status ----------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        self.status.say(text, error)

    def show_reviewer(self) -> None:
        self.status.show_reviewer(self.settings.reviewer)

    def save_settings(self) -> None:
        self._saver.wait()
        try:
            self._save_settings(self.settings)
        except OSError as error:
            self.statusBar().showMessage(f"Could not save settings: {error.strerror}", 8000)

    def update_counts(self) -> None:
        state = self.review.state
        if state is not None:
            self.library.update_counts(state.id, state.counts)
        self.status.show_counts(state.counts if state else None, self.review.tags)

    # -- documents --------------------------------------------------------------------------------
    def open_document(self, document_id: str) -> bool:
        return self.review.open_document(document_id)

    def import_files(self, paths: list[str]) -> None:
        self.imports.import_files(paths)

    def refresh_library(self) -> None:
        self.library.populate(self.desk.documents(), self.review.tags, self.review.document_id)
        self.checks_view.schedule()

    def _document_shown(self, document_id: str) -> None:
        self.library.select_document(document_id)
        state = self.review.state
        self.setWindowTitle(f"{state.document.title} — Copydesk" if state else "Copydesk")
        self.setWindowFilePath(state.document.source_path if state else "")
        self.update_counts()
        self.undo.refresh()
        self.checks_view.schedule()
        if document_id and document_id != self._last_saved:
            self._last_saved = document_id
            self._saver.save_soon(self.settings)  # a killed window reopens this draft

    def _changed(self, change: Change, _initiator: object) -> None:
        if change.tags_changed:
            self.actions.build_tag_actions(self.review.tags)
            if self._search is not None:
                self._search.set_tags(self.review.tags)
            self.update_counts()
        if change.library_changed or change.tags_changed:
            self.refresh_library()
        if self.review.state is None:  # the draft in front was deleted (or an import undone)
            self._document_shown("")

    def _imports_done(self) -> None:
        self.actions.rebuild_recent()
        self.save_settings()

    # -- library search ---------------------------------------------------------------------------
    @property
    def search(self) -> LibrarySearch:
        """The Search pane, built the first time it is wanted (its tab chosen, Ctrl+Shift+F, F6):
        it sits behind the Checks tab, and building it cost each launch ~8 ms."""
        if self._search is None:
            search = LibrarySearch(self.desk, self)
            search.setStyleSheet(FOCUS_FRAME)
            search.go_to.connect(self.review.go_to)
            search.set_tags(self.review.tags)
            placeholder = self.search_dock.widget()
            self.search_dock.setWidget(search)
            placeholder.deleteLater()
            self._search = search
        return self._search

    def find_in_library(self) -> None:
        """Ctrl+Shift+F: the Search pane in front (it may be behind the Checks tab) with the
        keyboard in its words field."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_search()

    def _search_dock_shown(self, visible: bool) -> None:
        if visible and self._search is None:  # its tab chosen, or the dock shown on its own
            self.search  # noqa: B018 (builds it)

    # -- keyboard and dialogs ---------------------------------------------------------------------
    def edit_details(self) -> None:
        if self.review.edit_details():
            self.panel_dock.show()

    def _dock_chosen(self, dock: QDockWidget) -> None:
        suggestions = self.extras.suggestions
        if dock is self.search_dock:  # built here if not yet, and only for its own tab
            search = self.search
            target: QWidget | None = search.rows if search.currentIndex() else search.query
        else:
            targets: dict[QDockWidget | None, QWidget] = {
                self.panel_dock: self.panel.table,
                self.checks_dock: self.checks.tree,
                suggestions.dock: suggestions.panel.tree,
            }
            target = targets.get(dock) or dock.widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def focus_next_pane(self) -> None:
        """F6: document, annotations table or suggestions (whichever tab is in front), detail
        form, library, checks or search, revisions, and round again."""
        suggestions = self.extras.suggestions.panel.tree
        panes = [self.view, self.panel.table, suggestions, self.detail, self.library, self.checks]
        if self._search is not None:  # else never yet shown, so not on screen now
            panes.append(self._search)
        orphans = self.extras.revisions.panel.tree
        if orphans.topLevelItemCount():  # an empty list has nothing to act on
            panes.append(orphans)
        next_pane(panes, self.focusWidget())

    def open_preferences(self) -> None:
        def saved() -> None:
            self.save_settings()
            self.show_reviewer()

        _dialogs().preferences(self.desk, self.settings, saved, self.show_message, self)

    def open_tags_dialog(self) -> None:
        _dialogs().manage_tags(self.desk, self.show_message, self)

    # -- state ------------------------------------------------------------------------------------
    def window_state(self) -> QSettings:
        return QSettings(str(self.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def restore_state(self) -> None:
        if not restore_layout(self, self.window_state()):
            self.resize(1320, 840)
            self.resizeDocks(
                [self.library_dock, self.panel_dock], [240, 560], Qt.Orientation.Horizontal
            )
        last = self.settings.last_document_id
        if last and not self.open_document(last):
            self.settings.last_document_id = ""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.detail.commit_pending()
        self.imports.importer.cancel()
        self.imports.importer.wait(5000)
        self.exports.wait(60000)
        self.checks_view.wait()
        self.extras.wait()
        self.review.remember_position()
        save_layout(self, self.window_state())
        self.save_settings()
        super().closeEvent(event)
        self.desk.close()  # checkpoints the WAL: the .sqlite3 file alone then holds everything

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        accept_files(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        drop_files(event, self.import_files)


def _dialogs():  # type: ignore[no-untyped-def]
    """The secondary dialogs' module, loaded when one opens: its Qt classes (message box, button
    box, table widget) cost the launch ~2 ms to set up, for dialogs most sessions never open."""
    from desktop_app.ui import dialogs

    return dialogs
