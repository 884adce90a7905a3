"""The window's secondary dialogs, opened non-modally so the draft stays usable behind them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.core.settings import Settings
from desktop_app.desk import Desk


def preferences(
    desk: Desk,
    settings: Settings,
    saved: Callable[[], None],
    say: Callable[..., None],
    parent: QWidget,
) -> None:
    from desktop_app.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(desk, settings, saved, say, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def manage_tags(desk: Desk, say: Callable[..., None], parent: QWidget) -> None:
    from desktop_app.ui.tags_dialog import TagsDialog

    dialog = TagsDialog(desk, say, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def about(parent: QWidget, database: str) -> None:
    QMessageBox.about(
        parent,
        "About Copydesk",
        f"<b>Copydesk {__version__}</b><p>Review drafts: tag quotes, claims and anonymous sources."
        f"<p>Database: {database}",
    )
