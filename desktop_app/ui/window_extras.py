"""The parts of the window that bring their own docks and File entries: revised drafts,
suggestions, exchange (other formats, reports, annotations in, merging reviewers), backups, and the watch on
other processes' changes. Composed by MainWindow; each talks to the desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.desk import Desk
from desktop_app.ui.checks_panel import ChecksPanel
from desktop_app.ui.exchange_actions import ExchangeActions
from desktop_app.ui.exports import ExportFlow
from desktop_app.ui.external_watch import ExternalWatch
from desktop_app.ui.imports import ImportFlow
from desktop_app.ui.restore_dialog import restore_from_backup
from desktop_app.ui.review import Review
from desktop_app.ui.revisions_view import RevisionsView
from desktop_app.ui.suggestions_view import SuggestionsView


class WindowExtras:
    def __init__(
        self,
        desk: Desk,
        window: QMainWindow,
        review: Review,
        checks: ChecksPanel,
        exports: ExportFlow,
        imports: ImportFlow,
        file_menu: tuple[QMenu, QAction],
        view_menu: QMenu,
        open_other: Callable[[str], Any] | None,
        say: Callable[..., None],
    ) -> None:
        menu, before = file_menu
        current = lambda: review.document_id  # noqa: E731 (read at the time of asking)
        self.revisions = RevisionsView(desk, review.view, current, say, window)
        self.revisions.install(window, checks, menu, before)
        self.revisions.document_chosen.connect(review.open_document)
        self.revisions.read_only_changed.connect(review.set_read_only)
        imports.version_chosen.connect(self.revisions.flow.start)
        review.document_shown.connect(self.revisions.show_document)
        menu.insertSeparator(before)
        self.exchange = ExchangeActions(
            desk, window, say, current, open_other=open_other, choose_export=exports.choose
        )
        self.exchange.add_to(menu, before)
        self.restore = QAction("Restore From &Backup…", window)
        self.restore.triggered.connect(lambda: restore_from_backup(desk, say, window))
        menu.insertActions(before, [self.restore])
        self.watch = ExternalWatch(desk, say, window)
        self.suggestions = SuggestionsView.install(window, desk, review, say)
        for dock in (self.revisions.dock, self.suggestions.dock):
            if dock is not None:  # every pane can be shown again from View
                view_menu.addAction(dock.toggleViewAction())

    def wait(self) -> None:
        """Let a revision import that is running finish before the window goes."""
        self.revisions.flow.wait(30000)
