"""Paragraphs highlighted in the background get their formats without being laid out (Qt lays
a block out when it is first painted, as for a bare QPlainTextEdit), and show them once scrolled
to, with emoji and accents before the words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.app import open_desk
from tests.gui.conftest import add_document, highlight_ranges

PARAGRAPH = "Été 🙂 the council said the ferry budget grew 12 percent in {n}, officials said."


def test_far_paragraphs_are_formatted_but_laid_out_only_when_shown(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    text = "Long report\n\n" + "\n\n".join(PARAGRAPH.format(n=n) for n in range(400))
    doc_id = add_document(db_path, text)
    desk = open_desk(db_path, "Ana")
    words = "the ferry budget grew 12 percent in 350"
    start = text.index(words)
    desk.annotate(doc_id, "claim", start, start + len(words))
    desk.close()
    window = make_window()
    window.open_document(doc_id)
    highlighter = window.review.highlighter
    # the first pass defers what is off screen; then the background pass takes it all
    qtbot.waitUntil(
        lambda: highlighter.defer_outside is None and not highlighter.pending, timeout=15000
    )
    line = text[:start].count("\n")
    block = window.view.document().findBlockByNumber(line)
    assert block.layout().lineCount() == 0  # formatted in the background, not laid out
    ranges = highlight_ranges(window, line)
    prefix = text[text.rfind("\n", 0, start) + 1 : start]
    u16 = len(prefix.encode("utf-16-le")) // 2  # the emoji takes two UTF-16 units
    assert ranges == [(u16, len(words))]
    window.view.select_cp(start, start + len(words))  # scrolls there: laid out when painted
    window.view.viewport().repaint()
    assert block.layout().lineCount() > 0
    assert highlight_ranges(window, line) == [(u16, len(words))]
