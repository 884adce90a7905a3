"""The find bar driven with the keyboard, before and after the draft's find index is built:
typing, Enter/F3 next, Shift+Enter/Shift+F3 previous, wrap-around, emoji and accents before the
match (offsets are code points), and a revised draft searched in its new text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.model import Block, SourceText
from tests.gui.conftest import add_document

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
TEXT = (
    "Ferry fares rise\n\n"
    "Señora Ibáñez 🙂🚢 said the fares “will rise”. The harbour board said nothing.\n\n"
    "Later the board said — again — that the fares will rise in May."
)
SAID = [i for i in range(len(TEXT)) if TEXT.startswith("said", i)]


def _open(make_window: Any, db_path: Path, indexed: bool, qtbot: Any) -> Any:
    window = make_window()
    if not indexed:  # the index never starts: the bar scans the text instead
        window.find_bar.indexer.busy = lambda: True
    assert window.open_document(add_document(db_path, TEXT))
    if indexed:  # the first Ctrl+F on the draft builds its index
        window.review.open_find()
        qtbot.waitUntil(lambda: window.find_bar.index is not None, timeout=10000)
        window.find_bar.close_bar()
    window.view.setFocus()
    return window


def _find(qtbot: Any, window: Any, words: str) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    assert window.find_bar.field.hasFocus()
    qtbot.keyClicks(window.find_bar.field, words)
    qtbot.waitUntil(lambda: window.find_bar._scan is None, timeout=5000)


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "scan"])
def test_typing_steps_and_wraps_with_emoji_before_the_match(
    qtbot: Any, make_window: Any, db_path: Path, indexed: bool
) -> None:
    window = _open(make_window, db_path, indexed, qtbot)
    view, bar = window.view, window.find_bar
    _find(qtbot, window, "SAID")
    assert view.selection_cp() == (SAID[0], SAID[0] + 4)  # after two emoji: code points
    assert bar.count.text() == "1 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert view.selection_cp() == (SAID[1], SAID[1] + 4)
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert view.selection_cp() == (SAID[2], SAID[2] + 4)
    assert bar.count.text() == "3 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)  # past the last: round to the first
    assert view.selection_cp() == (SAID[0], SAID[0] + 4)
    assert bar.count.text() == "1 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)  # before the first: round to the last
    assert view.selection_cp() == (SAID[2], SAID[2] + 4)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert view.selection_cp() == (SAID[1], SAID[1] + 4)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_F3)  # again from the text, with the bar closed
    assert view.selection_cp() == (SAID[2], SAID[2] + 4)
    assert view.textCursor().selectedText() == "said"


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "scan"])
def test_typed_quotes_dashes_and_accents_find_the_typographic_text(
    qtbot: Any, make_window: Any, db_path: Path, indexed: bool
) -> None:
    window = _open(make_window, db_path, indexed, qtbot)
    view, bar = window.view, window.find_bar
    _find(qtbot, window, '"will rise"')
    start = TEXT.index("“will rise”")
    assert view.selection_cp() == (start, start + len("“will rise”"))
    bar.field.clear()
    qtbot.keyClicks(bar.field, "said - again -")
    qtbot.waitUntil(lambda: bar._scan is None, timeout=5000)
    start = TEXT.index("said — again —")
    assert view.selection_cp() == (start, start + len("said — again —"))
    bar.field.clear()
    bar.field.insert("ibáñez 🙂")  # pasted: QTest types ASCII keys only
    qtbot.waitUntil(lambda: bar._scan is None, timeout=5000)
    start = TEXT.index("Ibáñez")
    assert view.selection_cp() == (start, start + len("Ibáñez 🙂"))
    qtbot.keyClicks(bar.field, " zebra")
    qtbot.waitUntil(lambda: bar._scan is None, timeout=5000)
    assert bar.count.text() == "No matches"
    assert not view.textCursor().hasSelection()


def test_a_revised_draft_is_searched_in_its_new_text(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    window = _open(make_window, db_path, True, qtbot)
    old_index = window.find_bar.index
    revised = TEXT.replace("in May", "in June, 🙂 said the mayor")
    blocks = []
    for part in revised.split("\n\n"):
        start = revised.index(part)
        blocks.append(Block("paragraph", start, start + len(part)))
    source = SourceText(revised, "Ferry fares rise", tuple(blocks), "txt")
    document, _ = window.desk.import_revision(source, window.review.document_id)
    assert window.open_document(document.id)
    assert window.find_bar.index is None  # the old text's index went with it
    _find(qtbot, window, "in june")
    start = revised.index("in June")
    assert window.view.selection_cp() == (start, start + len("in June"))
    qtbot.waitUntil(lambda: window.find_bar.index is not None, timeout=10000)
    assert window.find_bar.index is not old_index and window.find_bar.index.text == revised
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(window.find_bar.field, "said")
    assert window.find_bar.count.text().endswith("of 4")


def test_without_the_index_a_long_scan_runs_a_slice_per_turn(
    qtbot: Any, make_window: Any, db_path: Path, monkeypatch: Any
) -> None:
    """Each event-loop turn scans one small window: the first match shows while the rest of the
    draft is still being searched, and the count comes when the scan is through."""
    from desktop_app.core.find_index import ScanSearch
    from desktop_app.ui import find_bar

    monkeypatch.setattr(ScanSearch, "WINDOW", 16)
    monkeypatch.setattr(find_bar, "SLICE_SECONDS", 0.0)
    window = _open(make_window, db_path, False, qtbot)
    bar = window.find_bar
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    bar.field.setText("said")
    assert bar._scan is not None and bar.hit is None  # one window read so far, no match in it
    # One event-loop turn at a time (waitUntil would spin the loop through the whole scan).
    for _turn in range(1000):
        if bar.hit is not None:
            break
        QApplication.processEvents()
    assert window.view.selection_cp() == (SAID[0], SAID[0] + 4)
    assert bar.count.text() == "searching…"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # before the scan is through: it finishes first
    assert bar._scan is None
    assert window.view.selection_cp() == (SAID[1], SAID[1] + 4)
    assert bar.count.text() == "2 of 3"


def test_the_index_is_built_on_the_first_find_and_the_first_keystroke_finds_before_it(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Opening a draft builds no find index (most drafts are never searched); Ctrl+F starts it,
    the keystrokes typed before it is ready find by scanning, and the ones after use it."""
    window = make_window()
    assert window.open_document(add_document(db_path, TEXT))
    bar = window.find_bar
    qtbot.wait(400)  # longer than the indexer ever waited after an open
    assert bar.index is None
    bar.indexer.busy = lambda: True  # hold the build back: the first keystroke has no index
    window.view.setFocus()
    _find(qtbot, window, "s")
    assert bar.index is None
    first_s = TEXT.index("s")
    assert window.view.selection_cp() == (first_s, first_s + 1)
    bar.indexer.busy = lambda: False
    qtbot.waitUntil(lambda: bar.index is not None, timeout=10000)
    assert bar.index.text == TEXT
    qtbot.keyClicks(bar.field, "aid")
    assert window.view.selection_cp() == (SAID[0], SAID[0] + 4)
    assert bar.count.text() == "1 of 3"
