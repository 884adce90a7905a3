"""The window's secondary dialogs, whose module loads only when one is first opened, open from
their menu actions and keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTableWidget


def open_dialogs(window: Any) -> list[QDialog]:
    return [d for d in window.findChildren(QDialog) if d.isVisible()]


def test_dialogs_open_from_the_menus_and_keys(qtbot: Any, make_window: Any, db_path: Path):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(open_dialogs(window)) == 1)
    shortcuts = open_dialogs(window)[0]
    assert shortcuts.windowTitle() == "Keyboard Shortcuts"
    table = shortcuts.findChild(QTableWidget)
    rows = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Keyboard Shortcuts"] == "Ctrl+/"
    shortcuts.close()
    window.actions.manage_tags.trigger()
    qtbot.waitUntil(lambda: any(d.windowTitle() == "Manage Tags" for d in open_dialogs(window)))
    for dialog in open_dialogs(window):
        dialog.close()
    window.actions.preferences.trigger()
    qtbot.waitUntil(lambda: any(d.windowTitle() == "Preferences" for d in open_dialogs(window)))
