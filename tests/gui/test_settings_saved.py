"""The draft in front is saved in the settings as soon as it changes (off the UI thread), so a
window that is killed, or crashes, reopens that draft at the next launch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.gui.conftest import add_document


def last_saved(home: Path) -> str:
    return json.loads((home / "settings.json").read_text(encoding="utf-8")).get(
        "last_document_id", ""
    )


def test_a_killed_window_reopens_the_draft_chosen_last(
    qtbot: Any, make_window: Any, db_path: Path, copydesk_home: Path
) -> None:
    first = add_document(db_path, "Crème 🙂 first draft. “We act,” she said.", "First")
    second = add_document(db_path, "Second draft: costs rose 12 percent.", "Second")
    window = make_window()
    library = window.library
    library.setFocus()
    for wanted in (first, second):
        items = [library.item(r) for r in range(library.count())]
        item = next(i for i in items if window.desk.document(wanted).title in i.text())
        rect = library.visualItemRect(item)
        qtbot.mouseClick(library.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.review.document_id == wanted
        qtbot.waitUntil(lambda wanted=wanted: last_saved(copydesk_home) == wanted, timeout=3000)
    # No quit, no closeEvent: the next launch reads what was saved while the window ran.
    again = make_window()
    assert again.review.document_id == second
