"""The Suggestions tab's rows answer their text, detail and tooltip when the view asks: through
the item, through the model, and as the tooltip shown on hover."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop_app.core.suggest import Suggestion
from desktop_app.ui.suggestions_panel import SUGGESTION_ROLE, SuggestionsPanel

LONG = "“" + "Ça va 🙂 " * 80 + "”"
FOUND = [
    Suggestion("quote", 3, 3 + len(LONG), LONG, {"speaker": "Ana Ruiz", "cue": "said"}),
    Suggestion("claim", 0, 9, "12 percent", {"claim_type": "percentage"}),
]


def test_a_rows_words_detail_and_tooltip_are_there_when_asked(qtbot: Any) -> None:
    panel = SuggestionsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    panel.show_suggestions(FOUND)
    row = panel.items[("quote", FOUND[0].start, FOUND[0].end)]
    assert row.text(0).startswith("“Ça va 🙂 Ça va") and row.text(0).endswith("…")
    assert len(row.text(0)) == 90
    assert row.text(1) == "Ana Ruiz · said"
    assert row.toolTip(0) == LONG[:500]
    assert row.data(0, SUGGESTION_ROLE) is FOUND[0]
    model = panel.tree.model()
    claims = next(
        model.index(i, 0)
        for i in range(model.rowCount())
        if model.index(i, 0).data().startswith("Claims")
    )
    assert model.index(0, 1, claims).data() == "percentage"

    viewport = panel.tree.viewport()
    at = panel.tree.visualItemRect(row).center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == LONG[:500]
    QToolTip.hideText()
    assert panel.tree.topLevelItem(0).data(0, Qt.ItemDataRole.DisplayRole).startswith("Quotes")


def test_the_speaker_column_stays_in_view_beside_long_words(qtbot: Any) -> None:
    """A 90-character claim does not push the quote's speaker out of a narrow dock."""
    long_claim = (
        "The council said the harbour budget grew 12 percent in 2025 and 14 percent in 2026 too."
    )
    found = [*FOUND, Suggestion("claim", 700, 700 + len(long_claim), long_claim, {})]
    panel = SuggestionsPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 400)
    panel.show()
    panel.show_suggestions(found)
    tree = panel.tree
    width = tree.viewport().width()
    assert tree.columnWidth(0) <= width * 0.6
    row = panel.items[("quote", FOUND[0].start, FOUND[0].end)]
    speaker = tree.visualRect(tree.indexFromItem(row, 1))
    assert 0 < speaker.left() < width  # the speaker's cell starts inside the view
    panel.resize(900, 400)  # wider: the words get their room back
    qtbot.waitUntil(lambda: tree.columnWidth(0) > width * 0.6, timeout=3000)
