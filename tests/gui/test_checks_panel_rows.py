"""The checks panel's rows answer their text, tooltip and ids when asked (they are not stored per
row): through the item, through the model, and as the tooltip the view shows on hover."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop_app.core.checks import Finding
from desktop_app.ui.checks_panel import ANNOTATION_ROLE, DOC_ROLE, ChecksPanel

TIP = Qt.ItemDataRole.ToolTipRole
FINDINGS = [
    Finding("d1", "a1", "quote_no_speaker", "Quote without a speaker: “Ça va 🙂”", 5, 12),
    Finding("d2", "a2", "quote_no_speaker", "Quote without a speaker: “Non”", 0, 5),
]
TITLES = {"d1": "Ferry fares", "d2": "Harbour deal"}


def _panel(qtbot: Any) -> ChecksPanel:
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.show()
    panel.show_findings(FINDINGS, TITLES)
    return panel


def test_a_rows_tooltip_and_ids_are_there_when_asked(qtbot: Any) -> None:
    panel = _panel(qtbot)
    row = panel.tree.topLevelItem(0).child(0)
    assert row.text(0) == FINDINGS[0].message
    assert row.toolTip(0) == f"{FINDINGS[0].message}\nFerry fares"
    assert (row.data(0, DOC_ROLE), row.data(0, ANNOTATION_ROLE)) == ("d1", "a1")
    model = panel.tree.model()
    index = model.index(1, 0, model.index(0, 0))
    assert model.data(index, TIP) == f"{FINDINGS[1].message}\nHarbour deal"
    assert model.data(index, ANNOTATION_ROLE) == "a2"

    # Hovering shows it: the view asks the model for the tooltip of the row under the mouse.
    viewport = panel.tree.viewport()
    at = panel.tree.visualItemRect(row).center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == f"{FINDINGS[0].message}\nFerry fares"
    QToolTip.hideText()


def test_the_library_view_shows_each_findings_draft_and_a_set_tooltip_wins(qtbot: Any) -> None:
    panel = _panel(qtbot)
    panel.scope.setCurrentIndex(panel.scope.findData("library"))
    panel.show_findings(FINDINGS, TITLES)
    row = panel.tree.topLevelItem(0).child(1)
    assert row.text(0) == f"{FINDINGS[1].message}\n— Harbour deal"
    row.setToolTip(0, "<b>changed</b>")  # as the revisions view does for a changed quote
    assert row.toolTip(0) == "<b>changed</b>"
    assert panel.tree.topLevelItem(0).child(0).toolTip(0).endswith("\nFerry fares")
