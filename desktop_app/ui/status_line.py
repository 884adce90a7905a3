"""The status bar: transient messages on the left, reviewer, counts and database on the right.
Errors also open a non-blocking box, and the last one is kept for tests and bug reports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar

from desktop_app.core.model import Tag


class StatusLine:
    def __init__(self, bar: QStatusBar, database: str) -> None:
        self.bar = bar
        self.last_error = ""
        self.reviewer = QLabel(bar)
        self.counts = QLabel(bar)
        self.database = QLabel(database, bar)
        self.database.setToolTip(database)
        for label in (self.reviewer, self.counts, self.database):
            bar.addPermanentWidget(label)

    def say(self, text: str, error: bool = False) -> None:
        first = text.splitlines()[0] if text else ""
        # Elided to the room left of the permanent labels, so it never runs into them.
        room = (
            self.bar.width()
            - sum(w.width() for w in (self.reviewer, self.counts, self.database))
            - 40
        )
        shown = self.bar.fontMetrics().elidedText(
            first, Qt.TextElideMode.ElideRight, max(room, 120)
        )
        self.bar.showMessage(shown, 8000)
        self.bar.setToolTip(first if shown != first else "")
        if error:
            self.last_error = text
            box = QMessageBox(QMessageBox.Icon.Warning, "Copydesk", text, parent=self.bar.window())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def show_reviewer(self, name: str) -> None:
        self.reviewer.setText(f"Reviewer: {name or '— (set in Preferences)'}")

    def show_counts(self, counts: dict[str, int] | None, tags: list[Tag]) -> None:
        if counts is None:
            self.counts.setText("")
            return
        labels = {t.name: t.label for t in tags}
        text = ", ".join(f"{labels.get(k, k)}: {n}" for k, n in sorted(counts.items()))
        self.counts.setText(text or "No annotations")
