"""The detail form: every built-in tag's fields filled with the keyboard, saved, undoable, restored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.app import open_repository
from tests.gui.conftest import add_document

TEXT = (
    "Bridge repairs to cost more\n\n"
    "“We will finish by June,” said Ana Núñez, the city engineer 🙂.\n\n"
    "Repairs will cost 4.2\u00a0million dollars, double the first estimate.\n\n"
    "A county official, who asked not to be named because she was not allowed to speak "
    "to reporters, said the contractor was late."
)


def _tag(window: Any, phrase: str, tag: str) -> str:
    s = TEXT.index(phrase)
    window.view.select_cp(s, s + len(phrase))
    assert window.review.tag_selection(tag)
    return window.review.current_id


def _type_line(qtbot: Any, window: Any, key: str, text: str) -> None:
    widget = window.detail.widgets[key]
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    # Like a real keyboard: an open completion popup gets the key first.
    target = QApplication.activePopupWidget() or widget
    qtbot.keyClick(target, Qt.Key.Key_Tab)  # leaving the field commits it


def _choose(qtbot: Any, window: Any, key: str, downs: int) -> None:
    combo = window.detail.widgets[key]
    combo.setFocus()
    for _ in range(downs):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_quote_fields_by_keyboard_persist_undo_and_restart(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Speaker, cue, type, checked and linked source typed in; saved at once; Ctrl+Z; restart."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    source_id = _tag(window, "A county official", "anonymous_source")
    quote_id = _tag(window, "“We will finish by June,”", "quote")
    _type_line(qtbot, window, "speaker", "Ana Nunez")  # QTest types ASCII only
    _type_line(qtbot, window, "cue", "said")
    _choose(qtbot, window, "quote_type", 1)  # full
    _choose(qtbot, window, "checked_against", 1)  # yes
    _choose(qtbot, window, "linked_source", 1)  # the only anonymous source
    window.detail.note.setFocus()
    qtbot.keyClicks(window.detail.note, "Confirm date with her office")
    qtbot.keyClick(window.detail.note, Qt.Key.Key_Tab)
    repo = open_repository(db_path)
    saved = repo.get_annotation(quote_id)
    assert saved.fields == {
        "speaker": "Ana Nunez",
        "cue": "said",
        "quote_type": "full",
        "checked_against": "yes",
        "linked_source": source_id,
    }
    assert saved.note == "Confirm date with her office"
    assert window.actions.undo.text().replace("&", "") == "Undo Edit Note"

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert repo.get_annotation(quote_id).note == ""
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "linked_source" not in repo.get_annotation(quote_id).fields
    assert window.detail.widgets["linked_source"].currentData() == ""
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert repo.get_annotation(quote_id).fields["linked_source"] == source_id
    window.close()

    again = make_window()
    again.review.focus_annotation(quote_id)
    assert again.detail.widgets["speaker"].text() == "Ana Nunez"
    assert again.detail.widgets["quote_type"].currentData() == "full"
    assert again.detail.widgets["linked_source"].currentData() == source_id


def test_anonymous_source_and_claim_fields(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """Every field of an anonymous source and a claim, by keyboard; verifying fills who and when."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    source_id = _tag(window, "A county official", "anonymous_source")
    _type_line(qtbot, window, "description", "a county official")
    _type_line(qtbot, window, "how_knows", "works on the contract")
    _choose(qtbot, window, "reason_given", 1)
    _type_line(qtbot, window, "approved_by", "M. Ortiz")
    reason = "because she was not allowed to speak to reporters"
    s = TEXT.index(reason)
    window.view.select_cp(s, s + len(reason))
    window.review.focus_annotation(source_id)
    pick = window.detail.widgets["reason"]
    pick.setFocus()  # the focus proxy is the Use Selection button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    repo = open_repository(db_path)
    fields = repo.get_annotation(source_id).fields
    assert fields == {
        "description": "a county official",
        "how_knows": "works on the contract",
        "reason_given": "yes",
        "approved_by": "M. Ortiz",
        "reason": reason,
        "reason_span": f"{s}-{s + len(reason)}",
    }

    claim_id = _tag(window, "4.2\u00a0million dollars", "claim")
    _choose(qtbot, window, "claim_type", 1)
    _type_line(qtbot, window, "claimant", "the city")
    _type_line(qtbot, window, "evidence", "https://example.org/budget.pdf")
    _choose(qtbot, window, "verification", 2)  # verified
    claim = repo.get_annotation(claim_id)
    assert claim.fields["claim_type"] == "quantity or statistic"
    assert claim.fields["claimant"] == "the city"
    assert claim.fields["evidence"] == "https://example.org/budget.pdf"
    assert claim.fields["verification"] == "verified"
    assert claim.fields["checked_by"] == "Test Editor"
    assert len(claim.fields["checked_at"]) == 10
    assert claim.status == "verified"


def test_status_keys_and_filter(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """Ctrl+4 marks the annotation at the caret disputed; the status filter shows only it."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    _tag(window, "double the first estimate", "claim")
    target = _tag(window, "the contractor was late", "claim")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    repo = open_repository(db_path)
    assert repo.get_annotation(target).status == "disputed"
    assert {a.status for a in repo.annotations_for(doc_id)} == {"open", "disputed"}
    panel = window.panel
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("disputed"))
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 3).data() == "Disputed"


def test_ctrl_i_jumps_to_the_fields_and_escape_comes_back(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """From the words: Q, Ctrl+I, type the speaker, Tab, Escape, and the caret is back in the draft."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    view = window.view
    s = TEXT.index("“We will finish")
    view.select_cp(s, s + len("“We will finish by June,”"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Q)
    qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    speaker = window.detail.widgets["speaker"]
    assert speaker.hasFocus()
    qtbot.keyClicks(speaker, "Ana Nunez")
    qtbot.keyClick(QApplication.activePopupWidget() or speaker, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert view.hasFocus()
    (quote,) = open_repository(db_path).annotations_for(doc_id)
    assert quote.fields == {"speaker": "Ana Nunez"}
    qtbot.keyClick(view, Qt.Key.Key_F6)
    assert window.panel.table.hasFocus()


def test_speaker_completes_from_speakers_in_this_draft(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """A second quote's speaker field offers the name already given to the first quote."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    # The suggester runs once the draft has settled; it names the draft's speakers too.
    qtbot.waitUntil(lambda: window.extras.suggestions.everything is not None, timeout=10000)
    _tag(window, "“We will finish by June,”", "quote")
    _type_line(qtbot, window, "speaker", "Ana Nunez")
    _tag(window, "the contractor was late", "quote")
    speaker = window.detail.widgets["speaker"]
    speaker.setFocus()
    qtbot.keyClicks(speaker, "nu")
    completer = speaker.completer()
    # The name typed for the first quote, and the speaker the draft itself names ("said Ana Núñez").
    assert completer.model().stringList() == ["Ana Nunez", "Ana Núñez"]
    assert completer.currentCompletion() == "Ana Nunez"
