"""The review pane an editor works from all day: linking, selection, rows, filter, navigation,
the draft's own note, status in the text, overlaps."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QPalette

from desktop_app.app import open_repository
from tests.gui.conftest import add_document

TEXT = (
    "Harbour plan stalls 🙂\n\n"
    "“We will not sign this,” said Inés Carvalho, the port director. "
    "A dock worker, who asked not to be named because he feared losing shifts, said crews "
    "were told to stay home.\n\n"
    "Cargo volumes fell 18 percent last year, the authority said."
)


def _tag(window: Any, phrase: str, tag: str) -> str:
    s = TEXT.index(phrase)
    window.view.select_cp(s, s + len(phrase))
    assert window.review.tag_selection(tag)
    return window.review.current_id


def _window(make_window: Any, db_path: Path) -> tuple[Any, str]:
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    return window, doc_id


def test_linking_a_quote_to_its_source_through_the_popup_saves(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """Ctrl+I, Tab to "Anonymous source", open the list, Down + Return: stored and exported."""
    window, doc_id = _window(make_window, db_path)
    source = _tag(window, "A dock worker", "anonymous_source")
    quote = _tag(window, "“We will not sign this,”", "quote")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    combo = window.detail.widgets["linked_source"]
    for _ in range(8):
        if combo.hasFocus():
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert combo.hasFocus()
    combo.showPopup()
    popup = combo.view()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
    assert open_repository(db_path).get_annotation(quote).fields["linked_source"] == source
    assert combo.currentData() == source  # it did not snap back to "— none —"
    out = tmp_path / "out.csv"
    with qtbot.waitSignal(window.exports.finished, timeout=20000):
        window.exports.export_to(str(out), "csv", doc_id)
    rows = {r["annotation_id"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    assert rows[quote]["linked_source"] == source


def test_only_the_current_row_is_painted_selected(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Clicking another highlight in the text moves the table's selection, painted state too."""
    window, _ = _window(make_window, db_path)
    first = _tag(window, "A dock worker", "anonymous_source")
    second = _tag(window, "Cargo volumes fell 18 percent", "claim")
    window.review.focus_annotation(first)
    table = window.panel.table
    s = TEXT.index("Cargo volumes")
    window.view.select_cp(s + 2, s + 2)
    rect = window.view.cursorRect()
    # The view repaints rows only when it hears the selection change: it must be told.
    with qtbot.waitSignal(table.selectionModel().selectionChanged, timeout=1000):
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.review.current_id == second
    selected = [i.data(Qt.ItemDataRole.UserRole + 1) for i in table.selectionModel().selectedRows()]
    assert selected == [second]
    table.viewport().repaint()
    image = table.viewport().grab().toImage()
    highlight = table.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    rows = {table.model().index(r, 0).data(Qt.ItemDataRole.UserRole + 1): r for r in range(2)}

    def painted(ident: str) -> QColor:
        y = table.rowViewportPosition(rows[ident]) + 4
        return image.pixelColor(QPoint(table.columnViewportPosition(2) + 10, y))

    assert painted(second) == highlight
    assert painted(first) != highlight


def test_rows_show_who_and_the_filter_searches_every_field(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    window, _ = _window(make_window, db_path)
    quote = _tag(window, "“We will not sign this,”", "quote")
    window.desk.set_fields(quote, {"speaker": "Inés Carvalho"})
    _tag(window, "Cargo volumes fell 18 percent", "claim")
    model = window.panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["Tag", "Text (in order)"] and "Who" in headers and "Changed" in headers
    who = headers.index("Who")
    assert model.index(0, who).data() == "Inés Carvalho"
    assert "Test\u00a0Editor" in model.index(0, headers.index("Changed")).data()
    qtbot.keyClicks(window.panel.text_filter, "ines")  # no accent, any case: still found
    assert model.rowCount() == 1 and model.index(0, who).data() == "Inés Carvalho"
    window.panel.text_filter.clear()
    assert model.rowCount() == 2
    html = window.view.tooltip_html([window.review.state.annotations[quote]])
    assert "Quote" in html and "Inés Carvalho" in html and "Open" in html


def test_f8_walks_annotations_in_reading_order(qtbot: Any, make_window: Any, db_path: Path) -> None:
    window, _ = _window(make_window, db_path)
    claim = _tag(window, "Cargo volumes fell 18 percent", "claim")
    quote = _tag(window, "“We will not sign this,”", "quote")
    source = _tag(window, "A dock worker", "anonymous_source")
    window.view.select_cp(0, 0)
    window.review.current_id = ""
    window.view.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_F8)
        seen.append(window.review.current_id)
    assert seen == [quote, source, claim]
    qtbot.keyClick(window.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.review.current_id == source
    start, end = window.view.selection_cp()
    assert TEXT[start:end] == "A dock worker"


def test_the_drafts_own_note_is_saved_and_undoable(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    window, doc_id = _window(make_window, db_path)
    note = window.panel.document_note
    note.setFocus()
    qtbot.keyClicks(note, "Legal to read before 6 pm")
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert open_repository(db_path).get_document(doc_id).note == "Legal to read before 6 pm"
    window.actions.undo.trigger()
    assert open_repository(db_path).get_document(doc_id).note == ""
    assert note.text() == ""


def test_status_shows_in_the_margin_and_overlaps_never_turn_bold(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    window, _ = _window(make_window, db_path)
    claim = _tag(window, "Cargo volumes fell 18 percent", "claim")
    _tag(window, "18 percent", "quote")  # overlapping the claim
    margin = window.view.margin
    assert margin.statuses_on(4) == {"open"}
    window.desk.set_status([claim], "disputed")
    assert margin.statuses_on(4) == {"open", "disputed"}
    window.review.scroll_to(0)
    margin.repaint()
    image = margin.grab().toImage()
    block = window.view.document().findBlockByNumber(4)
    top = int(
        window.view.blockBoundingGeometry(block).translated(window.view.contentOffset()).top()
    )
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(max(0, top), min(image.height(), top + 30))
    ]
    assert any(c.red() > 150 and c.green() < 90 for c in inked)  # the red ✗ of "disputed"
    for r in block.layout().formats():
        assert r.format.fontWeight() <= QFont.Weight.Normal  # overlaps tint, never bold
    tints = {r.format.background().color().name() for r in block.layout().formats()}
    assert len(tints) == 2  # the claim alone, and the blend where both overlap


def test_no_check_runs_on_the_ui_thread_after_an_edit(
    qtbot: Any, make_window: Any, db_path: Path, monkeypatch: Any
) -> None:
    """A full check pass (check_document, or building a CheckState) only ever runs in a worker,
    once, when the draft opens; an edit afterwards re-checks only what it touched (CheckState
    .update) and the panel shows the new finding."""
    import threading

    import desktop_app.core.check_state as check_state
    import desktop_app.core.checks as checks

    full: list[str] = []
    updates: list[str] = []
    real_check, real_init = checks.check_document, check_state.CheckState.__init__
    real_update = check_state.CheckState.update

    def recording_check(*args: Any, **kwargs: Any) -> Any:
        full.append(threading.current_thread().name)
        return real_check(*args, **kwargs)

    def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
        full.append(threading.current_thread().name)
        real_init(self, *args, **kwargs)

    def recording_update(self: Any, *args: Any, **kwargs: Any) -> Any:
        updates.append(threading.current_thread().name)
        return real_update(self, *args, **kwargs)

    # document_state imports check_document when it first needs it: patching checks covers it
    monkeypatch.setattr(checks, "check_document", recording_check)
    monkeypatch.setattr(check_state.CheckState, "__init__", recording_init)
    monkeypatch.setattr(check_state.CheckState, "update", recording_update)
    window, _ = _window(make_window, db_path)
    state = window.review.state
    qtbot.waitUntil(lambda: state.checks is not None, timeout=15000)  # built in the worker
    passes = len(full)
    claim = _tag(window, "Cargo volumes fell 18 percent", "claim")
    qtbot.waitUntil(
        lambda: (
            ("claim_unverified", claim)
            in {(f.kind, f.annotation_id) for f in window.checks.findings}
        ),
        timeout=15000,
    )
    assert full and "MainThread" not in full
    assert len(full) == passes  # the edit ran no full pass anywhere
    assert updates == ["MainThread"]  # just the incremental re-check of what the edit touched
