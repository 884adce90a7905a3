"""File menu actions for exchange: Export…, Export Report…, Import Annotations…, Merge Review…,
Agreement…. Each one asks (file dialogs, a choice), calls one desk use case and says the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk
from desktop_app.ui.file_open import start_folder

Say = Callable[..., None]  # say(message, error=False)
REPORTS = ("html", "pdf")
THIS, ALL = "This document", "All documents"


class ExchangeActions:
    """`current()` gives the document in front (or None); `open_other(path)` opens another
    reviewer's database read-only as a Repository (the composition root passes
    `desktop_app.app.open_repository`; without it only JSON reviews can be merged);
    `choose_export(fmt, document_id, title)`, when given, is the window's background export."""

    def __init__(
        self,
        desk: Desk,
        parent: QWidget,
        say: Say,
        current: Callable[[], str | None] = lambda: None,
        open_other: Callable[[str], Any] | None = None,
        choose_export: Callable[[str, str | None, str], None] | None = None,
    ) -> None:
        self.desk, self.parent, self.say, self.current = desk, parent, say, current
        self.open_other, self.choose_export = open_other, choose_export
        self.actions: dict[str, QAction] = {}

    def add_to(self, menu: QMenu, before: QAction | None = None) -> None:
        for key, text, slot in (
            ("export", "Export…", self.export),
            ("report", "Export Report…", self.export_report),
            ("import", "Import Annotations…", self.import_annotations),
            ("merge", "Merge Review…", self.merge),
            ("agreement", "Agreement…", self.agreement),
        ):
            action = QAction(text, self.parent)
            action.triggered.connect(slot)
            menu.insertAction(before, action)  # None appends
            self.actions[key] = action

    # -- export ---------------------------------------------------------------------------------
    def export(self) -> None:
        formats = self.desk.export_formats()
        labels = [f"{label} ({suffix})" for _, label, suffix in formats]
        picked, ok = QInputDialog.getItem(self.parent, "Export", "Format:", labels, 0, False)
        if ok:
            self._export(formats[labels.index(picked)][0])

    def export_report(self) -> None:
        formats = {name: (label, suffix) for name, label, suffix in self.desk.export_formats()}
        labels = [formats[n][0] for n in REPORTS if n in formats]
        picked, ok = QInputDialog.getItem(self.parent, "Export Report", "Report:", labels, 0, False)
        if ok:
            self._export(next(n for n in REPORTS if formats[n][0] == picked))

    def _export(self, fmt: str) -> None:
        doc_id = self.current()
        if fmt == "csv" and self.choose_export is not None:
            # The CSV dialog asks the scope itself (and offers more: the selection, a revision).
            self.choose_export(
                fmt, doc_id or None, self.desk.document(doc_id).title if doc_id else ""
            )
            return
        if doc_id:
            scopes = [THIS, ALL]
            scope, ok = QInputDialog.getItem(self.parent, "Export", "Export:", scopes, 0, False)
            if not ok:
                return
            doc_id = doc_id if scope == THIS else None
        title = self.desk.document(doc_id).title if doc_id else "copydesk-export"
        if self.choose_export is not None:
            self.choose_export(fmt, doc_id, title)
            return
        suffix = next(s for n, _, s in self.desk.export_formats() if n == fmt)
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Export", str(Path.home() / f"{title}{suffix}"), f"*{suffix}"
        )
        if not path:
            return
        try:
            count = self.desk.export_to_file(fmt, path, doc_id)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return
        self.say(f"Exported {count} annotations to {path}")

    # -- bringing reviews in --------------------------------------------------------------------
    def import_annotations(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            "Import Annotations",
            start_folder(),
            "Web Annotation JSON (*.json *.jsonld)",
        )
        if path:
            self._run(lambda: self.desk.import_annotations(path))

    def merge(self) -> None:
        kinds = "Copydesk review (*.sqlite3 *.db *.json *.jsonld)"
        path, _ = QFileDialog.getOpenFileName(self.parent, "Merge Review", start_folder(), kinds)
        if not path:
            return
        if Path(path).suffix.lower() in (".json", ".jsonld"):
            summary = self._run(lambda: self.desk.import_annotations(path))
        elif self.open_other is None:
            self.say("Merging a database is not available here; merge its JSON export", error=True)
            return
        else:
            summary = self._run(lambda: self._merge_database(path))
        if summary is not None:
            QMessageBox.information(self.parent, "Merge Review", summary.line().replace(", ", "\n"))

    def _merge_database(self, path: str) -> Any:
        assert self.open_other is not None
        other = self.open_other(path)
        try:
            return self.desk.merge_repository(other, path)
        finally:
            other.close()

    def _run(self, job: Callable[[], Any]) -> Any:
        try:
            summary = job()
        except CopydeskError as error:
            self.say(str(error), error=True)
            return None
        self.say(summary.line())
        return summary

    # -- agreement ------------------------------------------------------------------------------
    def agreement(self) -> QDialog | None:
        doc_id = self.current()
        if not doc_id:
            self.say("Open a document to compare its reviewers", error=True)
            return None
        try:
            result = self.desk.agreement(doc_id)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return None
        dialog = QDialog(self.parent)
        dialog.setWindowTitle("Agreement")
        layout = QVBoxLayout(dialog)
        first, second = result.first, result.second
        layout.addWidget(QLabel(f"{first} and {second} on {self.desk.document(doc_id).title}"))
        headers = ["Tag", "Kappa", "Agreement", "Both", f"Only {first}", f"Only {second}"]
        table = QTableWidget(len(result.tags), len(headers), dialog)
        table.setHorizontalHeaderLabels(headers)
        for row, t in enumerate(result.tags):
            kappa = "n/a" if t.kappa is None else f"{t.kappa:.3f}"
            cells = [t.tag, kappa, f"{t.percent:.1f}%", t.both, t.first - t.both, t.second - t.both]
            for col, value in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(str(value)))
        layout.addWidget(table)
        spans = (
            f"Spans tagged by both: {len(result.both)} · only {first}: "
            f"{len(result.only_first)} · only {second}: {len(result.only_second)}"
        )
        layout.addWidget(QLabel(spans + "  (kappa per tag on characters)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(620, 300)
        dialog.open()
        return dialog
