"""The CSV export dialog: what to export (this document, the selected rows, a revision, the
library), which tag, status and reviewer, and where. It only gathers choices: the desk's
`ExportChoices` come in, an `ExportQuery` and a file path go out (ui/exports.py writes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.export_data import ExportQuery
from desktop_app.core.model import status_label
from desktop_app.desk.exports import ExportChoices, query_for

LIBRARY, DOCUMENT, SELECTION = "library", "document", "selection"


def clean_stem(title: str, limit: int = 60) -> str:
    """A file name from a title, valid on Windows and macOS alike: the characters those refuse
    (and control characters) become spaces, runs of space collapse, and a long title is cut on
    a word boundary ("…audit finds €4.2", not "…audit finds _4_2 m")."""
    kept = "".join(" " if c in '<>:"/\\|?*' or not c.isprintable() else c for c in title)
    stem = " ".join(kept.split())
    if len(stem) > limit:
        stem = stem[:limit].rsplit(" ", 1)[0] if " " in stem[:limit] else stem[:limit]
    # A cut can leave the clause's comma or dash behind ("…until March,.docx").
    return stem.lstrip(" .").rstrip(" .,;:-–—") or "copydesk-annotations"


def _ask_replace(parent: QWidget, path: str) -> bool:
    answer = QMessageBox.question(
        parent, "Export CSV", f"{Path(path).name} already exists. Replace it?"
    )
    return answer == QMessageBox.StandardButton.Yes


class CsvExportDialog(QDialog):
    """`scope` preselects DOCUMENT or LIBRARY; `selection` are the ids selected in the review
    pane (the "Selected annotations" scope is offered only when there are some)."""

    def __init__(
        self,
        choices: ExportChoices,
        selection: list[str],
        folder: str,
        scope: str = DOCUMENT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export CSV")
        self.choices, self.selection, self.folder = choices, selection, folder
        # Asked before writing over a file typed in by hand (the file dialog asks by itself).
        self.confirm_replace: Callable[[str], bool] = lambda path: _ask_replace(self, path)
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Export scope")
        doc = choices.document
        if doc is not None:
            self.scope.addItem(f"This document: {doc.title}", (DOCUMENT, doc.id, doc.title))
            if selection:
                label = f"Selected annotations ({len(selection)})"
                self.scope.addItem(label, (SELECTION, doc.id, doc.title))
            for rev in choices.revisions:
                when = rev.imported_at[:16].replace("T", " ")
                self.scope.addItem(f"Revision: {rev.title} ({when})", (DOCUMENT, rev.id, rev.title))
        self.scope.addItem("Whole library", (LIBRARY, None, "copydesk-annotations"))
        if scope == LIBRARY or doc is None:
            self.scope.setCurrentIndex(self.scope.count() - 1)
        self.tag = self._combo(
            "Filter by tag", "All tags", [(t.label, t.name) for t in choices.tags]
        )
        statuses = [(status_label(s), s) for s in choices.statuses]
        self.status = self._combo("Filter by status", "All statuses", statuses)
        reviewers = [(r or "(no reviewer)", r) for r in choices.reviewers]
        self.reviewer = self._combo("Filter by reviewer", "All reviewers", reviewers)
        self.path = QLineEdit(self)
        self.path.setAccessibleName("File to write")
        self._auto_path = self._chosen = ""
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Export:", self.scope)
        form.addRow("Tag:", self.tag)
        form.addRow("Status:", self.status)
        form.addRow("Reviewer:", self.reviewer)
        form.addRow("File:", where)
        note = QLabel(
            "UTF-8 with a BOM for Excel; cells that a spreadsheet would run as a formula start "
            "with an apostrophe.",
            self,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel, Qt.Orientation.Horizontal, self
        )
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.path.textChanged.connect(lambda text: self.export_button.setEnabled(bool(text)))
        self._scope_changed()
        self.setMinimumWidth(520)

    def _combo(self, name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(everything, "")
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _scope_changed(self) -> None:
        """A clean file name for the scope in the Documents folder, unless one was typed."""
        _, _, title = self.scope.currentData()
        if self.path.text() in ("", self._auto_path):
            self._auto_path = str(Path(self.folder) / f"{clean_stem(title)}.csv")
            self.path.setText(self._auto_path)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export CSV", self.path.text(), "CSV spreadsheet (*.csv)"
        )
        if path:
            self._auto_path = ""  # chosen (and any replacing confirmed) by the file dialog
            self._chosen = path if path.lower().endswith(".csv") else f"{path}.csv"
            self.path.setText(self._chosen)

    def query(self) -> ExportQuery:
        kind, document_id, _ = self.scope.currentData()
        query = query_for(
            document_id,
            self.selection if kind == SELECTION else None,
            [self.tag.currentData()],
            [self.status.currentData()],
        )
        if self.reviewer.currentIndex() > 0:  # "(no reviewer)" is a choice too: ""
            query = replace(query, reviewers=(self.reviewer.currentData(),))
        return query

    def target(self) -> str:
        return str(Path(self.path.text()).expanduser())

    def _accept(self) -> None:
        target = self.target()
        if Path(target).exists() and target != self._chosen:
            if not self.confirm_replace(target):
                return
        self.accept()
