"""The annotations panel: selecting rows reveals spans, Enter edits the note, filters narrow the rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.app import open_repository
from tests.gui.conftest import add_document

TEXT = "Mayor 🙂 said “yes” to the plan.\n\nTwo officials said the cost doubled to 4\u00a0million."


def _tagged_window(make_window: Any, db_path: Path) -> tuple[Any, str]:
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    for phrase, tag in (
        ("“yes”", "quote"),
        ("Two officials", "anonymous_source"),
        ("the cost doubled to 4\u00a0million", "claim"),
    ):
        s = TEXT.index(phrase)
        window.view.select_cp(s, s + len(phrase))
        assert window.review.tag_selection(tag)
    return window, doc_id


def test_selecting_a_row_selects_the_span(make_window: Any, db_path: Path) -> None:
    """Choosing a row selects exactly its words in the view, after an emoji."""
    window, _ = _tagged_window(make_window, db_path)
    window.view.select_cp(0, 0)
    table = window.panel.table
    table.selectRow(0)
    s = TEXT.index("“yes”")
    assert window.view.selection_cp() == (s, s + 5)
    table.selectRow(2)
    s = TEXT.index("the cost")
    assert window.view.selection_cp() == (s, s + len("the cost doubled to 4\u00a0million"))


def test_enter_edits_the_note_and_undo_restores(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Enter on a row opens the note editor; the typed note is saved at once and undoable."""
    window, doc_id = _tagged_window(make_window, db_path)
    table = window.panel.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Check the recording")
    with qtbot.waitSignal(
        window.review.annotations_changed, timeout=2000
    ):  # the delegate commits queued
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    repo = open_repository(db_path)
    notes = {a.exact: a.note for a in repo.annotations_for(doc_id)}
    assert notes["“yes”"] == "Check the recording"
    assert window.panel.model.index(0, 2).data() == "Check the recording"
    window.actions.undo.trigger()
    notes = {a.exact: a.note for a in repo.annotations_for(doc_id)}
    assert notes["“yes”"] == ""


def test_filters_by_tag_and_text(make_window: Any, db_path: Path) -> None:
    """The tag filter and the text filter narrow the visible rows."""
    window, _ = _tagged_window(make_window, db_path)
    panel = window.panel
    assert panel.model.rowCount() == 3
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("claim"))
    assert panel.model.rowCount() == 1
    panel.tag_filter.setCurrentIndex(0)
    panel.text_filter.setText("OFFICIALS")
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 1).data().startswith("Two officials")


def test_clicking_a_highlight_selects_its_row(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """A mouse click on highlighted words selects that annotation's row in the panel."""
    window, _ = _tagged_window(make_window, db_path)
    view = window.view
    s = TEXT.index("officials")
    cursor = view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(s + 2))
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.selected_ids() == [
        next(a.id for a in window.review.state.annotations.values() if a.tag == "anonymous_source")
    ]


def test_sorted_by_status_an_edited_row_moves_and_stays_selected(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Sorted by status, marking the first row Resolved moves it below the open rows, still chosen."""
    window, doc_id = _tagged_window(make_window, db_path)
    panel = window.panel
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    panel.table.setFocus()
    panel.table.selectRow(0)
    moved = panel.selected_ids()[0]
    qtbot.keyClick(panel.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert open_repository(db_path).get_annotation(moved).status == "resolved"
    assert [panel.model.index(r, 3).data() for r in range(3)] == ["Open", "Open", "Resolved"]
    assert panel.selected_ids() == [moved]
