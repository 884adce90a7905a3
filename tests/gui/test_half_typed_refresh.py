"""A refresh from another process never replaces what the editor is typing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.app import open_desk
from desktop_app.ui.external_watch import ExternalWatch
from tests.gui.conftest import add_document

TEXT = "Budget vote\n\nÉté 🙂 “We will cut,” the mayor said. Officials said the deficit grew 12 percent."


def _quote_tagged(qtbot: Any, make_window: Any, db_path: Path) -> tuple[str, Any, Any, str]:
    """A window on the draft, polling for other processes, with its quote tagged by the Q key."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    watch = ExternalWatch(window.desk, window.show_message, window)
    window.open_document(doc_id)
    s = TEXT.index("“We will cut,”")
    window.view.select_cp(s, s + len("“We will cut,”"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    return doc_id, window, watch, window.review.current_id


def test_half_typed_fields_survive_an_external_refresh(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    doc_id, window, watch, quote = _quote_tagged(qtbot, make_window, db_path)
    other = open_desk(db_path)
    c = TEXT.index("grew 12 percent")
    speaker = window.detail.widgets["speaker"]
    assert isinstance(speaker, QLineEdit)
    speaker.setFocus()
    qtbot.keyClicks(speaker, "Ali")
    window.detail.note.setFocus()
    qtbot.keyClicks(window.detail.note, "chec")
    window.panel.document_note.setFocus()
    qtbot.keyClicks(window.panel.document_note, "draft n")
    # another process: changes this quote's status, adds a claim, renames the draft
    other.set_status([quote], "verified")
    other.annotate(doc_id, "claim", c, c + len("grew 12 percent"))
    other.rename_document(doc_id, "Budget vote, final")
    watch.poll()
    assert window.review.state.annotations[quote].status == "verified"
    assert window.panel.model.rowCount() == 2
    assert speaker.text() == "Ali"
    assert window.detail.note.text() == "chec"
    assert window.panel.document_note.text() == "draft n"


def test_switching_to_another_program_keeps_the_typed_speaker_through_a_refresh(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """The editor types a speaker, switches to a terminal (the window loses activation) where
    the CLI changes the same quote's note; the speaker typed is neither lost nor overwritten."""
    from PySide6.QtWidgets import QWidget

    doc_id, window, watch, quote = _quote_tagged(qtbot, make_window, db_path)
    speaker = window.detail.widgets["speaker"]
    speaker.setFocus()
    qtbot.keyClicks(speaker, "The mayor")
    terminal = QWidget()
    qtbot.addWidget(terminal)
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=3000)
    other = open_desk(db_path)
    other.set_note(quote, "asked for the tape")
    watch.poll()
    stored = open_desk(db_path).annotation(quote)
    assert stored.fields.get("speaker") == "The mayor"
    assert stored.note == "asked for the tape"
    assert speaker.text() == "The mayor"


def test_an_open_source_list_is_not_emptied_by_a_refresh(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Linking a quote to its source while another process edits the quote: the list being
    chosen from stays, and the choice made from it is stored."""
    text = "Policy\n\nA senior official said “cuts are coming” on Monday. Analysts disagreed."
    doc_id = add_document(db_path, text)
    window = make_window()
    watch = ExternalWatch(window.desk, window.show_message, window)
    window.open_document(doc_id)
    for words, key in (("A senior official", Qt.Key.Key_A), ("“cuts are coming”", Qt.Key.Key_Q)):
        s = text.index(words)
        window.view.select_cp(s, s + len(words))
        window.view.setFocus()
        qtbot.keyClick(window.view, key)
    quote = window.review.current_id
    source = next(i for i, a in window.review.state.annotations.items() if i != quote)
    link = window.detail.widgets["linked_source"]
    link.setFocus()
    qtbot.waitUntil(lambda: link.count() == 2, timeout=3000)
    open_desk(db_path).set_note(quote, "ask the desk")
    watch.poll()
    assert window.review.state.annotations[quote].note == "ask the desk"
    assert link.count() == 2  # the candidates are still there
    qtbot.keyClick(link, Qt.Key.Key_Down)
    assert open_desk(db_path).annotation(quote).fields.get("linked_source") == source
