"""The window's secondary dialogs, opened non-modally so the draft stays usable behind them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

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


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action that has keys, read from the actions themselves, so
    the list cannot drift from what the keys really do."""
    rows = []
    for menu_action in window.menuBar().actions():  # type: ignore[attr-defined]
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            if keys and action.text():
                rows.append(
                    (menu_action.text().replace("&", ""), action.text().replace("&", ""), keys)
                )
    rows.append(("Draft", "Tag the selection (1–9: tags in list order)", "Q, C, A, 1–9"))
    rows.append(("Draft", "Delete the annotation at the caret", "Delete"))
    rows.append(("Annotations", "Edit the note of the row", "Enter"))
    rows.append(("Details", "Back to the draft", "Escape"))
    return rows


def shortcuts(window: QWidget) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle("Keyboard Shortcuts")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    table = QTableWidget(0, 3, dialog)
    table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for row, values in enumerate(shortcut_rows(window)):
        table.insertRow(row)
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(560, 560)
    dialog.open()
    return dialog
