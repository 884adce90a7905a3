"""The revision summary dialog: how many annotations kept, moved, changed or lost their words,
each changed one with its word diff, and a way to the orphans."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.reanchor import FATES
from desktop_app.core.revisions import RevisionSummary
from desktop_app.ui.revision_diff import diff_html

FATE_LABELS = {
    "same": "Same words, same place",
    "moved": "Same words, moved",
    "changed": "Words changed",
    "orphaned": "Orphaned (words gone)",
}


def summary_html(summary: RevisionSummary, labels: dict[str, str]) -> str:
    """Counts per fate as a table, then every changed annotation's diff, then the orphans."""
    rows = "".join(
        f"<tr><td>{FATE_LABELS[fate]}</td><td align='right'><b>{summary.counts.get(fate, 0)}</b>"
        "</td></tr>"
        for fate in FATES
    )
    html = f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
    if summary.changed:
        html += "<h4>Changed words</h4><ul>"
        for c in summary.changed:
            tag = escape(labels.get(c.tag, c.tag))
            html += f"<li><i>{tag}</i>: {diff_html(c.previous_text, c.text)}</li>"
        html += "</ul>"
    if summary.orphans:
        html += "<h4>Orphans</h4><ul>"
        for a in summary.orphans:
            tag = escape(labels.get(a.tag, a.tag))
            html += f"<li><i>{tag}</i>: “{escape(a.previous_text or a.exact)}”</li>"
        html += "</ul>"
    return html


class RevisionSummaryDialog(QDialog):
    """Non-modal: it stays beside the draft while the editor checks the changes."""

    orphans_requested = Signal()

    def __init__(
        self, summary: RevisionSummary, title: str, labels: dict[str, str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Revision Summary")
        self.setObjectName("revision_summary")
        self.resize(560, 420)
        carried = sum(summary.counts.get(f, 0) for f in FATES)
        heading = QLabel(
            f"<b>{escape(title)}</b><br>{carried} annotations carried over from the previous "
            "version.",
            self,
        )
        heading.setWordWrap(True)
        self.body = QTextBrowser(self)
        self.body.setHtml(summary_html(summary, labels))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.orphans_button = buttons.addButton(
            "Show Orphans", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.orphans_button.setEnabled(bool(summary.orphans))
        self.orphans_button.clicked.connect(self.orphans_requested.emit)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
