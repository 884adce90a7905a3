"""Menus, toolbar and shortcuts of the main window, following platform conventions. Each action
calls the object that owns the behaviour (the review, imports, exports, the undo view)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QToolBar

from desktop_app.core.model import STATUSES, Tag, status_label
from desktop_app.core.settings import Settings
from desktop_app.ui.exports import ExportFlow
from desktop_app.ui.file_open import start_folder
from desktop_app.ui.imports import ImportFlow
from desktop_app.ui.review import Review
from desktop_app.ui.status_icons import status_icon
from desktop_app.ui.undo_view import UndoView

Std = QKeySequence.StandardKey


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class WindowActions:
    def __init__(
        self,
        window: QMainWindow,
        review: Review,
        imports: ImportFlow,
        exports: ExportFlow,
        undo: UndoView,
        settings: Settings,
        extensions: tuple[str, ...],
        dialogs: dict[str, Callable[[], None]],
        docks: list[QDockWidget],
    ) -> None:
        self.window, self.review, self.imports, self.exports = window, review, imports, exports
        self.settings, self.extensions = settings, extensions
        self.tag_actions: list[QAction] = []
        bar = window.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.tag_menu = bar.addMenu("&Tag")
        self.status_menu = bar.addMenu("St&atus")
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        self.toolbar = QToolBar("Main", window)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        window.addToolBar(self.toolbar)

        self.open = self._action("&Open…", Std.Open, self.choose_files, self.file_menu)
        self.recent_menu = QMenu("Open &Recent", window)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.export_current = self._action(
            "&Export CSV (This Document)…",
            "Ctrl+E",
            lambda: self.choose_export(False),
            self.file_menu,
        )
        self.export_all = self._action(
            "Export CSV (&All Documents)…",
            "Ctrl+Shift+E",
            lambda: self.choose_export(True),
            self.file_menu,
        )
        self.file_menu.addSeparator()
        self.quit_separator = self.file_menu.addSeparator()
        # Other parts add their File actions above Quit (LibraryActions: rename, delete).
        self.library_menu = (self.file_menu, self.quit_separator)
        self.quit = self._action("&Quit", Std.Quit, window.close, self.file_menu)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo, self.redo = undo.undo, undo.redo
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.paste_draft = self._action(
            "Paste as New &Draft", "Ctrl+Shift+V", imports.paste_new_draft, self.edit_menu
        )
        self.edit_menu.addSeparator()
        self.find = self._action("&Find…", Std.Find, review.open_find, self.edit_menu)
        self.find_library = self._action(
            "Find in &Library…", "Ctrl+Shift+F", dialogs["find_library"], self.edit_menu
        )
        self.delete = self._action(
            "&Delete Annotation", None, review.delete_current, self.edit_menu
        )
        self.delete.setShortcutVisibleInContextMenu(True)
        self.details = self._action(
            "Annotation &Details", "Ctrl+I", dialogs["details"], self.edit_menu
        )
        self.edit_menu.addSeparator()
        self.next_annotation = self._action(
            "&Next Annotation", "F8", lambda: review.step_annotation(1), self.edit_menu
        )
        self.previous_annotation = self._action(
            "Pre&vious Annotation", "Shift+F8", lambda: review.step_annotation(-1), self.edit_menu
        )
        self.next_check = self._action(
            "Next &Check", "F9", lambda: review.step_finding(1), self.edit_menu
        )
        self.previous_check = self._action(
            "Previous Chec&k", "Shift+F9", lambda: review.step_finding(-1), self.edit_menu
        )
        self.edit_menu.addSeparator()
        self.preferences = self._action(
            "&Preferences…", Std.Preferences, dialogs["preferences"], self.edit_menu
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.manage_tags = QAction("&Manage Tags…", window)
        self.manage_tags.triggered.connect(dialogs["tags"])
        self.status_actions: list[QAction] = []
        for n, status in enumerate(STATUSES, start=1):
            action = self._action(
                f"Mark {status_label(status)}",
                f"Ctrl+{n}",
                lambda _=False, s=status: review.set_status(s),
                self.status_menu,
            )
            action.setIcon(status_icon(status))
            self.status_actions.append(action)
        self.next_pane = self._action("Next &Pane", "F6", dialogs["next_pane"], self.view_menu)
        self.view_menu.addSeparator()
        self.zoom_in = self._action("Zoom &In", Std.ZoomIn, lambda: review.zoom(1), self.view_menu)
        self.zoom_in.setShortcuts([*QKeySequence.keyBindings(Std.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out = self._action(
            "Zoom &Out", Std.ZoomOut, lambda: review.zoom(-1), self.view_menu
        )
        self.zoom_reset = self._action(
            "&Actual Size", "Ctrl+0", lambda: review.zoom(0), self.view_menu
        )
        self.view_menu.addSeparator()
        for dock in docks:
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(self.toolbar.toggleViewAction())
        self.shortcuts = self._action(
            "&Keyboard Shortcuts", "Ctrl+/", dialogs["shortcuts"], self.help_menu
        )
        about = self._action("&About Copydesk", None, dialogs["about"], self.help_menu)
        about.setMenuRole(QAction.MenuRole.AboutRole)

        self.toolbar.addAction(self.open)
        self.toolbar.addSeparator()
        self.tag_toolbar_anchor = self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo)
        self.toolbar.addAction(self.redo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_current)
        view = review.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.context_menu)
        self.rebuild_recent()

    def _action(self, text: str, shortcut: object, slot: object, menu: QMenu) -> QAction:
        action = QAction(text, self.window)
        if isinstance(shortcut, Std):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif shortcut:
            action.setShortcut(QKeySequence(str(shortcut)))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)
        return action

    def build_tag_actions(self, tags: list[Tag]) -> None:
        """One action per tag: its own key and 1-9 in list order, active while the document has focus."""
        view = self.review.view
        for action in self.tag_actions:
            view.removeAction(action)
            self.toolbar.removeAction(action)
            action.deleteLater()
        self.tag_actions = []
        self.tag_menu.clear()
        for n, tag in enumerate(tags):
            action = QAction(swatch(tag.colour), f"Tag as {tag.label}", self.window)
            keys = [QKeySequence(tag.shortcut)] if tag.shortcut else []
            if n < 9:
                keys.append(QKeySequence(str(n + 1)))
            action.setIconText(tag.label)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(
                f"Tag the selection as {tag.label.lower()} ({', '.join(k.toString() for k in keys)})"
            )
            action.setStatusTip(tag.description)
            action.triggered.connect(lambda _=False, name=tag.name: self.review.tag_selection(name))
            view.addAction(action)
            self.tag_menu.addAction(action)
            self.toolbar.insertAction(self.tag_toolbar_anchor, action)
            self.tag_actions.append(action)
        self.tag_menu.addSeparator()
        self.tag_menu.addAction(self.manage_tags)

    def rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.imports.import_files([p]))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def context_menu(self, pos: object) -> None:
        view = self.review.view
        menu = view.createStandardContextMenu()
        menu.addSeparator()
        menu.addActions(self.tag_actions)
        menu.addSeparator()
        status_menu = menu.addMenu("Status")
        status_menu.addActions(self.status_actions)
        menu.addAction(self.delete)
        menu.exec(view.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
        menu.deleteLater()

    def choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in self.extensions)
        folder = start_folder(*self.settings.recent_files)  # where the last draft came from
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Open Drafts", folder, f"Drafts ({patterns});;All files (*)"
        )
        self.imports.import_files(paths)

    def choose_export(self, all_documents: bool) -> None:
        state = self.review.state
        if not all_documents and state is None:
            self.review.say("Open a document first.")
            return
        document_id = None if all_documents or state is None else state.id
        title = state.document.title if state is not None else ""
        self.exports.choose("csv", document_id, title)
