"""Tagging in the real window with the keyboard: database rows, highlights, undo and redo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop_app.app import open_repository
from tests.gui.conftest import add_document, highlight_ranges

TEXT = (
    "Harbour plan delayed\n\n"
    "Café owners 🙂 said the plan was late. “We will rebuild the pier,” said Ana Núñez.\n\n"
    "The council spent 12\u00a0percent more than planned."
)


def _open(make_window: Any, db_path: Path, text: str = TEXT) -> tuple[Any, str]:
    doc_id = add_document(db_path, text)
    window = make_window()
    assert window.open_document(doc_id)
    window.view.setFocus()
    return window, doc_id


def test_keyboard_selection_and_q_tags_a_quote(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """Shift+Ctrl+Right selects words, Q stores the quote and paints it; Ctrl+Z and Ctrl+Shift+Z undo/redo."""
    window, doc_id = _open(make_window, db_path)
    view = window.view
    start = TEXT.index("“We")
    cursor = view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(start))
    view.setTextCursor(cursor)
    for _ in range(5):  # “We will rebuild the pier,”
        qtbot.keyClick(
            view,
            Qt.Key.Key_Right,
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier,
        )
    qtbot.keyClick(view, Qt.Key.Key_Q)

    repo = open_repository(db_path)
    rows = repo.annotations_for(doc_id)
    assert len(rows) == 1
    a = rows[0]
    assert a.tag == "quote" and a.reviewer == "Test Editor"
    assert a.exact == TEXT[a.start : a.end] and a.start == start
    assert a.exact.startswith("“We will rebuild the pier")
    line = 2  # the paragraph is the third Qt block (title, blank, paragraph)
    line_start = TEXT.index("Café")
    emoji_shift = 1  # 🙂 takes two UTF-16 units before the span
    assert highlight_ranges(window, line) == [(a.start - line_start + emoji_shift, a.end - a.start)]

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert repo.annotations_for(doc_id) == []
    assert highlight_ranges(window, line) == []
    assert window.panel.model.rowCount() == 0

    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [r.id for r in repo.annotations_for(doc_id)] == [a.id]
    assert highlight_ranges(window, line) == [(a.start - line_start + emoji_shift, a.end - a.start)]
    assert window.panel.model.rowCount() == 1


def test_edit_menu_names_the_step(make_window: Any, db_path: Path) -> None:
    """After tagging a claim the Edit menu offers "Undo Tag as Claim"."""
    window, _ = _open(make_window, db_path)
    start = TEXT.index("12")
    window.view.select_cp(start, TEXT.index("planned"))
    assert window.review.tag_selection("claim")
    assert window.actions.undo.text().replace("&", "") == "Undo Tag as Claim"


def test_find_bar_escape_then_key_tags_without_mouse(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Ctrl+F, typing, Enter, Escape, A: the found words become an anonymous source at the right offsets."""
    text = TEXT + "\n\nA city official 🙂 said the budget grew. A city official denied it."
    window, doc_id = _open(make_window, db_path, text)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "a city official")
    first = text.index("A city official")
    assert window.view.selection_cp() == (first, first + len("A city official"))
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    second = text.index("A city official", first + 1)
    assert window.view.selection_cp() == (second, second + len("A city official"))
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selection_cp()[0] == first
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_A)
    rows = open_repository(db_path).annotations_for(doc_id)
    assert [(r.tag, r.start, r.end) for r in rows] == [("anonymous_source", first, first + 15)]


def test_selection_is_trimmed_of_whitespace(make_window: Any, db_path: Path) -> None:
    """Selecting " the council " with spaces stores just the words."""
    window, doc_id = _open(make_window, db_path)
    start = TEXT.index("The council")
    window.view.select_cp(start - 2, start + len("The council") + 1)
    assert window.review.tag_selection("claim")
    (a,) = open_repository(db_path).annotations_for(doc_id)
    assert a.exact == "The council"


def test_delete_at_caret_and_from_panel(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """Delete in the view removes the annotation under the caret; Delete in the panel removes the row."""
    window, doc_id = _open(make_window, db_path)
    view = window.view
    for phrase, tag in (("Café owners", "anonymous_source"), ("12\u00a0percent", "claim")):
        s = TEXT.index(phrase)
        view.select_cp(s, s + len(phrase))
        assert window.review.tag_selection(tag)
    caret = view.textCursor()
    caret.setPosition(window.view.offsets.to_utf16(TEXT.index("owners")))
    view.setTextCursor(caret)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    repo = open_repository(db_path)
    assert [a.tag for a in repo.annotations_for(doc_id)] == ["claim"]
    table = window.panel.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert repo.annotations_for(doc_id) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.tag for a in repo.annotations_for(doc_id)] == ["claim"]


def test_no_selection_tags_nothing(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """Pressing Q with only a caret says what to do and writes nothing."""
    window, doc_id = _open(make_window, db_path)
    window.view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    assert open_repository(db_path).annotations_for(doc_id) == []
    assert "Select the words" in window.statusBar().currentMessage()


def test_find_matches_nbsp_and_curly_quotes_and_never_leaves_a_stale_match(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Typed spaces match no-break spaces, straight quotes match curly ones; no match selects nothing."""
    window, doc_id = _open(make_window, db_path)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, "spent 12 percent")
    s = TEXT.index("spent 12")
    assert view.selection_cp() == (s, s + len("spent 12\u00a0percent"))
    window.find_bar.field.clear()
    qtbot.keyClicks(window.find_bar.field, '"We will')
    s = TEXT.index("“We will")
    assert view.selection_cp() == (s, s + len("“We will"))
    qtbot.keyClicks(window.find_bar.field, " rebuild the moon")
    assert window.find_bar.count.text() == "No matches"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Q)
    assert open_repository(db_path).annotations_for(doc_id) == []
