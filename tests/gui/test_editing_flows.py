"""Keyboard flows where the window must keep the editor's place: undo, delete, statuses, switching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from desktop_app.app import open_repository
from tests.gui.conftest import add_document

TEXT = "alpha beta gamma delta epsilon zeta eta theta 🙂 iota kappa lambda"
CTRL = Qt.KeyboardModifier.ControlModifier


def _select(window: Any, words: str) -> None:
    s = window.review.state.text.index(words)
    window.view.select_cp(s, s + len(words))
    window.view.setFocus()


def test_undo_keeps_the_selection_so_the_next_key_tags_the_same_words(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Q on beta, Q on "zeta eta", Ctrl+Z, C: the claim is on "zeta eta", never on beta again."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    _select(window, "beta")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    _select(window, "zeta eta")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.view.selection_cp() == (TEXT.index("zeta"), TEXT.index("zeta") + 8)
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    rows = open_repository(db_path).annotations_for(doc_id)
    assert sorted((a.tag, a.exact) for a in rows) == [("claim", "zeta eta"), ("quote", "beta")]


def test_keys_right_after_tagging_act_on_the_new_annotation(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """A claim tagged inside a quote: Ctrl+3 verifies the claim, Delete removes the claim."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    _select(window, "gamma delta epsilon zeta")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    _select(window, "delta")
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    qtbot.keyClick(window.view, Qt.Key.Key_3, CTRL)
    repo = open_repository(db_path)
    statuses = {a.tag: a.status for a in repo.annotations_for(doc_id)}
    assert statuses == {"quote": "open", "claim": "verified"}
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert [a.tag for a in repo.annotations_for(doc_id)] == ["quote"]


def test_switching_documents_saves_a_half_typed_note_and_closes_find(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """A note still being typed is saved to its own document; the find bar does not follow."""
    first = add_document(db_path, TEXT, "First")
    second = add_document(db_path, "A different draft about the harbour.", "Second")
    window = make_window()
    window.open_document(first)
    _select(window, "iota kappa")
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.find_bar.field, "lambda")
    window.detail.note.setFocus()
    qtbot.keyClicks(window.detail.note, "ask who")
    window.open_document(second)
    (source,) = open_repository(db_path).annotations_for(first)
    assert source.note == "ask who"
    assert not window.find_bar.isVisible()
    window.open_document(first)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert open_repository(db_path).annotations_for(first)[0].note == ""


def test_deleting_the_filtered_tag_clears_the_filter(make_window: Any, db_path: Path) -> None:
    """Filtering by a custom tag, then deleting that tag, shows the remaining rows again."""
    from desktop_app.ui.tags_dialog import TagsDialog

    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    dialog = TagsDialog(window.desk, window.show_message, window)
    tag = dialog.add_tag("Rumour", "R")
    _select(window, "beta")
    assert window.review.tag_selection("quote")
    _select(window, "theta")
    assert window.review.tag_selection(tag.name)
    panel = window.panel
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData(tag.name))
    assert panel.model.rowCount() == 1
    dialog.confirm = lambda _parent, _question: True
    dialog.list.setCurrentRow(3)
    assert dialog.delete_current()
    assert panel.model.rowCount() == 1 and panel.model.index(0, 1).data() == "beta"
    dialog.deleteLater()


def test_one_long_paragraph_restores_its_scroll_position(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """A draft that is one huge paragraph comes back at the same place, not at its top."""
    text = " ".join(f"sentence {n} of the very long paragraph." for n in range(3000))
    doc_id = add_document(db_path, text)
    window = make_window()
    window.open_document(doc_id)
    window.review.scroll_to(text.index("sentence 2000 "))
    qtbot.wait(50)
    assert window.view.verticalScrollBar().value() > 100

    def first_shown(w: Any) -> int:
        return w.view.offsets.to_cp(w.view.cursorForPosition(QPoint(0, 0)).position())

    before = first_shown(window)
    assert text[before:].startswith(("sentence 2000 ", "sentence 1999 ", "of the", "the very"))
    window.close()
    again = make_window()
    # The same line comes back at the top: lines may wrap a few characters differently once the
    # docks settle, so "the same place" is within one line (~60 characters), not the same word.
    qtbot.waitUntil(lambda: abs(first_shown(again) - before) < 60, timeout=3000)
