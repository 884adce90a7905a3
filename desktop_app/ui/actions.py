"""Menus, toolbar and shortcuts of the main window, following platform conventions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolBar

from desktop_app import __version__
from desktop_app.core.model import STATUSES, Tag
from desktop_app.ui.status_icons import status_icon, status_label

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

Std = QKeySequence.StandardKey


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class WindowActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.tag_actions: list[QAction] = []
        bar = window.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.tag_menu = bar.addMenu("&Tag")
        self.status_menu = bar.addMenu("&Status")
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
        self.quit = self._action("&Quit", Std.Quit, window.close, self.file_menu)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = window.undo_group.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(QKeySequence.keyBindings(Std.Undo))
        self.redo = window.undo_group.createRedoAction(window, "&Redo")
        redo_keys = QKeySequence.keyBindings(Std.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # Windows binds only Ctrl+Y by default
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo.setShortcuts(redo_keys)
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.find = self._action("&Find…", Std.Find, window.open_find, self.edit_menu)
        self.delete = self._action("&Delete Annotation", None, self.delete_current, self.edit_menu)
        self.delete.setShortcutVisibleInContextMenu(True)
        self.edit_menu.addSeparator()
        self.preferences = self._action(
            "&Preferences…", Std.Preferences, self.open_preferences, self.edit_menu
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.manage_tags = QAction("&Manage Tags…", window)
        self.manage_tags.triggered.connect(self.open_tags_dialog)
        self.status_actions: list[QAction] = []
        for n, status in enumerate(STATUSES, start=1):
            action = self._action(
                f"Mark {status_label(status)}",
                f"Ctrl+{n}",
                lambda _=False, s=status: self.w.set_status(s),
                self.status_menu,
            )
            action.setIcon(status_icon(status))
            self.status_actions.append(action)
        self.details = self._action(
            "Annotation &Details", "Ctrl+I", window.edit_details, self.edit_menu
        )
        self.next_pane = self._action("Next &Pane", "F6", window.focus_next_pane, self.view_menu)
        self.view_menu.addSeparator()
        self.view_menu.addAction(window.library_dock.toggleViewAction())
        self.view_menu.addAction(window.panel_dock.toggleViewAction())
        self.view_menu.addAction(self.toolbar.toggleViewAction())
        about = self._action("&About Copydesk", None, self.about, self.help_menu)
        about.setMenuRole(QAction.MenuRole.AboutRole)

        self.toolbar.addAction(self.open)
        self.toolbar.addSeparator()
        self.tag_toolbar_anchor = self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo)
        self.toolbar.addAction(self.redo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_current)
        window.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.view.customContextMenuRequested.connect(self.context_menu)
        self.rebuild_recent()

    def _action(self, text: str, shortcut: object, slot: object, menu: QMenu) -> QAction:
        action = QAction(text, self.w)
        if isinstance(shortcut, Std):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif shortcut:
            action.setShortcut(QKeySequence(str(shortcut)))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)
        return action

    def build_tag_actions(self, tags: list[Tag]) -> None:
        """One action per tag: its own key and 1-9 in list order, active while the document has focus."""
        view = self.w.view
        for action in self.tag_actions:
            view.removeAction(action)
            self.toolbar.removeAction(action)
            action.deleteLater()
        self.tag_actions = []
        self.tag_menu.clear()
        for n, tag in enumerate(tags):
            action = QAction(swatch(tag.colour), f"Tag as {tag.label}", self.w)
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
            action.triggered.connect(lambda _=False, name=tag.name: self.w.tag_selection(name))
            view.addAction(action)
            self.tag_menu.addAction(action)
            self.toolbar.insertAction(self.tag_toolbar_anchor, action)
            self.tag_actions.append(action)
        self.tag_menu.addSeparator()
        self.tag_menu.addAction(self.manage_tags)

    def rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.w.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.w.import_files([p]))
        self.recent_menu.setEnabled(bool(self.w.settings.recent_files))

    def context_menu(self, pos: object) -> None:
        menu = self.w.view.createStandardContextMenu()
        menu.addSeparator()
        menu.addActions(self.tag_actions)
        menu.addSeparator()
        status_menu = menu.addMenu("Status")
        status_menu.addActions(self.status_actions)
        menu.addAction(self.delete)
        menu.exec(self.w.view.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
        menu.deleteLater()

    def delete_current(self) -> None:
        if self.w.panel.table.hasFocus():
            self.w.delete_selected_rows()
        else:
            self.w.delete_at_caret()

    def choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in self.w.services.supported_extensions)
        paths, _ = QFileDialog.getOpenFileNames(
            self.w, "Open Drafts", "", f"Drafts ({patterns});;All files (*)"
        )
        self.w.import_files(paths)

    def choose_export(self, all_documents: bool) -> None:
        if not all_documents and self.w.session is None:
            self.w.show_message("Open a document first.")
            return
        stem = (
            "copydesk-annotations"
            if all_documents or self.w.session is None
            else (
                "".join(
                    c if c.isalnum() or c in " -_" else "_" for c in self.w.session.document.title
                )[:60]
            )
        )
        path, _ = QFileDialog.getSaveFileName(self.w, "Export CSV", f"{stem}.csv", "CSV (*.csv)")
        if path:
            self.w.export_csv_to(path, all_documents)

    def open_preferences(self) -> None:
        from desktop_app.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.w)
        dialog.open()

    def open_tags_dialog(self) -> None:
        from desktop_app.ui.tags_dialog import TagsDialog

        dialog = TagsDialog(self.w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def about(self) -> None:
        QMessageBox.about(
            self.w,
            "About Copydesk",
            f"<b>Copydesk {__version__}</b><p>Review drafts: tag quotes, claims and anonymous sources."
            f"<p>Database: {self.w.services.db_path}",
        )
