"""Two real windows on one database: a stale edit in one is refused and refreshed, and each sees
the other's changes after polling (as the ExternalWatch timer does every second)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.app import open_repository
from desktop_app.ui.external_watch import ExternalWatch
from tests.gui.conftest import add_document

TEXT = "Budget vote\n\nOfficials said the deficit grew 12 percent 🙂, the mayor said."


def test_a_stale_edit_in_window_b_is_refused_and_a_sees_b_s_change(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    doc_id = add_document(db_path, TEXT)
    window_a, window_b = make_window(), make_window()
    watch_a = ExternalWatch(window_a.desk, window_a.show_message, window_a)
    watch_b = ExternalWatch(window_b.desk, window_b.show_message, window_b)
    assert watch_a.timer.isActive() and watch_b.timer.isActive()
    for window in (window_a, window_b):
        window.open_document(doc_id)

    s = TEXT.index("grew 12 percent")
    window_a.activateWindow()
    qtbot.waitUntil(window_a.isActiveWindow, timeout=3000)
    window_a.view.select_cp(s, s + len("grew 12 percent"))
    window_a.view.setFocus()
    qtbot.keyClick(window_a.view, Qt.Key.Key_C)  # tag as claim in A
    ident = window_a.review.current_id
    assert ident and window_b.panel.model.rowCount() == 0
    watch_b.poll()
    assert window_b.panel.model.rowCount() == 1  # B's table refreshed without reopening

    window_a.review.focus_annotation(ident)
    window_a.view.setFocus()
    window_a.review.set_status("verified")  # A verifies ...
    window_b.review.edit_note(ident, "B's note")  # ... while B edits its older copy
    assert "changed in another window or program" in window_b.status.last_error
    assert window_b.review.state.annotations[ident].status == "verified"  # refreshed in B
    stored = open_repository(db_path).get_annotation(ident)
    assert (stored.status, stored.note) == ("verified", "")  # nothing overwritten

    window_b.review.edit_note(ident, "B's note")  # B's retry, on the latest
    watch_a.poll()
    assert window_a.review.state.annotations[ident].note == "B's note"
    assert window_a.review.document_id == doc_id  # A kept its place
    stored = open_repository(db_path).get_annotation(ident)
    assert (stored.status, stored.note) == ("verified", "B's note")

    window_a.view.setFocus()
    qtbot.keyClick(window_a.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (
        "changed in another window" in window_a.status.last_error
    )  # A's undo would erase B's note
    assert open_repository(db_path).get_annotation(ident).note == "B's note"
