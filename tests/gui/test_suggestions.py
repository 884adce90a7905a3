"""Suggestions in the real window: computed off the UI thread on open, outlined in the draft, Y
accepts (an annotation with its speaker, highlighted), N rejects (still gone after reopening),
accept-all is one step, and undo brings a suggestion back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from desktop_app.app import open_repository
from desktop_app.core.suggest import suggest
from desktop_app.desk import suggestions
from desktop_app.ui.suggestions_view import SuggestionsView
from tests.gui.conftest import add_document

TEXT = (
    "Crème 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz, the mayor. “Not this year.”\n\n"
    "A council aide, who spoke on condition of anonymity because the talks are private, said "
    "the deficit grew 12 percent in 2025.\n\n"
    "“It is a mess,” the aide said. Ruiz called the plan “reckless” on Monday."
)
DASHED = QTextCharFormat.UnderlineStyle.DashDotDotLine


def open_with_suggestions(qtbot: Any, make_window: Any, doc_id: str) -> tuple[Any, SuggestionsView]:
    window = make_window()
    view = SuggestionsView.install(window, window.desk, window.review, window.show_message)
    assert view.dock is not None
    view.dock.raise_()  # the Suggestions tab in front, as an editor working through it has it
    with qtbot.waitSignal(view.computed, timeout=20000):
        assert window.open_document(doc_id)
    return window, view


def quote(view: SuggestionsView, words: str) -> Any:
    return next(s for s in view.open if s.kind == "quote" and words in s.text)


def marks(window: Any, line: int) -> list[tuple[int, int, bool]]:
    """(start, length, has background) of the dash-dot-dot underlined ranges on a line."""
    block = window.view.document().findBlockByNumber(line)
    return [
        (r.start, r.length, r.format.background().style() != Qt.BrushStyle.NoBrush)
        for r in block.layout().formats()
        if r.format.underlineStyle() == DASHED
    ]


def filled(window: Any, line: int) -> list[tuple[int, int]]:
    """(start, length) of the ranges painted with a background (accepted annotations)."""
    block = window.view.document().findBlockByNumber(line)
    return [
        (r.start, r.length)
        for r in block.layout().formats()
        if r.format.background().style() != Qt.BrushStyle.NoBrush
    ]


def press(qtbot: Any, view: SuggestionsView, s: Any, key: Qt.Key) -> None:
    tree = view.panel.tree
    tree.setCurrentItem(view.panel.items[(s.kind, s.start, s.end)])
    tree.setFocus()
    qtbot.keyClick(tree, key)


def test_y_accepts_a_quote_with_its_speaker_and_highlights_it(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Computed on a pool thread; outlined without a background; Y makes the annotation."""
    suggestions._CACHE.clear()  # so the window computes them, off the UI thread
    doc_id = add_document(db_path, TEXT)
    window, view = open_with_suggestions(qtbot, make_window, doc_id)
    s = quote(view, "raise taxes")
    qtbot.waitUntil(lambda: bool(marks(window, 2)), timeout=3000)  # painted once on screen
    assert (0, 26, False) in marks(window, 2)  # the quote's 26 characters, dashed, no fill
    assert filled(window, 2) == []
    assert view.panel.tree.topLevelItem(0).text(0).startswith("Quotes (")
    press(qtbot, view, s, Qt.Key.Key_Y)
    rows = [a for a in open_repository(db_path).annotations_for(doc_id) if a.tag == "quote"]
    assert [(a.start, a.end, a.fields.get("speaker")) for a in rows] == [
        (s.start, s.end, "Ana Ruiz")
    ]
    assert rows[0].fields["cue"] == "said"
    assert filled(window, 2) == [(0, 26)]  # now a real annotation, filled
    assert (0, 26, False) not in marks(window, 2)
    assert (s.kind, s.start, s.end) not in view.panel.items
    assert view.panel.current() is not None  # the next suggestion is ready for the next key


def test_n_rejects_and_it_stays_gone_after_reopening(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """N (and Backspace) reject; stored in the database, and not shown again on reopening."""
    doc_id = add_document(db_path, TEXT)
    window, view = open_with_suggestions(qtbot, make_window, doc_id)
    first, second = quote(view, "reckless"), quote(view, "Not this year")
    press(qtbot, view, first, Qt.Key.Key_N)
    press(qtbot, view, second, Qt.Key.Key_Backspace)
    assert first not in view.open and second not in view.open
    assert open_repository(db_path).annotations_for(doc_id) == []
    stored = open_repository(db_path).rejected_suggestions(doc_id)  # what a restart reads
    assert stored == {(x.kind, x.start, x.end) for x in (first, second)}
    window.review.close_document()
    with qtbot.waitSignal(view.computed, timeout=20000):
        assert window.open_document(doc_id)
    assert view.open and first not in view.open and second not in view.open
    assert (first.kind, first.start, first.end) not in view.panel.items


def test_undo_of_accept_and_of_reject_bring_the_suggestion_back(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Ctrl+Z after Y removes the annotation and lists the suggestion again; same after N."""
    doc_id = add_document(db_path, TEXT)
    window, view = open_with_suggestions(qtbot, make_window, doc_id)
    s = quote(view, "mess")
    press(qtbot, view, s, Qt.Key.Key_Return)
    assert len(open_repository(db_path).annotations_for(doc_id)) == 1
    assert window.undo.undo.text().replace("&", "") == "Undo Accept Quote Suggestion"
    window.undo.undo.trigger()
    assert open_repository(db_path).annotations_for(doc_id) == []
    qtbot.waitUntil(lambda: s in view.open, timeout=3000)
    press(qtbot, view, s, Qt.Key.Key_N)
    assert s not in view.open
    window.undo.undo.trigger()
    qtbot.waitUntil(lambda: (s.kind, s.start, s.end) in view.panel.items, timeout=3000)


def test_accept_all_quotes_is_one_step(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """The button tags every listed quote at once; one undo takes them all back."""
    doc_id = add_document(db_path, TEXT)
    window, view = open_with_suggestions(qtbot, make_window, doc_id)
    n = sum(s.kind == "quote" for s in view.open)
    assert view.dock is not None
    view.dock.raise_()  # the Suggestions tab in front of the Annotations tab
    qtbot.waitUntil(view.panel.accept_all["quote"].isVisible, timeout=3000)
    qtbot.mouseClick(view.panel.accept_all["quote"], Qt.MouseButton.LeftButton)
    quotes = [a for a in open_repository(db_path).annotations_for(doc_id) if a.tag == "quote"]
    assert len(quotes) == n >= 3 and not [s for s in view.open if s.kind == "quote"]
    assert not view.panel.accept_all["quote"].isEnabled()
    window.undo.undo.trigger()
    assert open_repository(db_path).annotations_for(doc_id) == []
    qtbot.waitUntil(lambda: sum(s.kind == "quote" for s in view.open) == n, timeout=3000)


def test_a_quote_tagged_by_hand_drops_its_suggestion(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """The controller follows the desk: a hand-made quote over the words removes the outline."""
    doc_id = add_document(db_path, TEXT)
    window, view = open_with_suggestions(qtbot, make_window, doc_id)
    s = quote(view, "Not this year")
    window.desk.annotate(doc_id, "quote", s.start + 1, s.end - 1)
    qtbot.waitUntil(lambda: s not in view.open, timeout=3000)
    assert (s.kind, s.start, s.end) not in view.panel.items


def test_a_long_draft_is_computed_off_the_ui_thread(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Opening returns before the suggestions exist (the panel says it is looking); they arrive
    later through the event loop, and the window keeps answering meanwhile."""
    suggestions._CACHE.clear()
    doc_id = add_document(db_path, "\n\n".join([TEXT] * 800), "Long")
    window = make_window()
    view = SuggestionsView.install(window, window.desk, window.review, window.show_message)
    with qtbot.waitSignal(view.computed, timeout=60000):
        assert window.open_document(doc_id)
        assert view.everything is None and view.panel.summary.text().startswith("Looking")
    per_copy = sum(s.kind == "quote" for s in suggest(TEXT))
    assert per_copy == 4 and sum(s.kind == "quote" for s in view.open) == 800 * per_copy
