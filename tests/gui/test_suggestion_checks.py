"""The checks panel's suggestion findings ("N quotations in the text are not annotated") follow
the suggestions pane key by key: accept, reject and undo each change the count, from the pane's
own list of what is still open (not by deciding every suggestion again on the UI thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.desk import suggestions
from tests.gui.conftest import add_document

TEXT = (
    "Crème 🙂 harbour\n\n"
    "“We will not raise fares,” said Ana Ruiz, the mayor. “Not this year.”\n\n"
    "“The ferry is late again,” said Tomas Berg, a commuter.\n\n"
    "“It is a mess,” said Lena Holm, who runs the kiosk."
)


def unannotated(window: Any) -> str:
    return next(
        (f.message for f in window.checks.findings if f.kind == "quote_unannotated"), "none"
    )


def test_accept_reject_and_undo_change_the_unannotated_quote_count(
    qtbot: Any, make_window: Any, db_path: Path, monkeypatch: Any
) -> None:
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    view = window.extras.suggestions
    with qtbot.waitSignal(view.computed, timeout=20000):
        assert window.open_document(doc_id)
    quotes = [s for s in view.open if s.kind == "quote"]
    assert len(quotes) == 4
    qtbot.waitUntil(lambda: unannotated(window).startswith("4 quotations"), timeout=5000)

    decided_again: list[int] = []
    real = suggestions.still_open
    monkeypatch.setattr(suggestions, "still_open", lambda *a: decided_again.append(1) or real(*a))
    tree = view.panel.tree
    tree.setFocus()
    tree.setCurrentItem(view.panel.items[(quotes[0].kind, quotes[0].start, quotes[0].end)])
    qtbot.keyClick(tree, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: unannotated(window).startswith("3 quotations"), timeout=5000)
    tree.setCurrentItem(view.panel.items[(quotes[1].kind, quotes[1].start, quotes[1].end)])
    qtbot.keyClick(tree, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: unannotated(window).startswith("2 quotations"), timeout=5000)
    assert decided_again == []  # the pane's list was used

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: unannotated(window).startswith("3 quotations"), timeout=5000)
    assert [a.tag for a in window.desk.annotations(doc_id)] == ["quote"]
