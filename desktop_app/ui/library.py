"""The document library: every imported draft with its count per tag."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop_app.core.model import DocumentSummary, Tag

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def counts_line(counts: dict[str, int], tags: list[Tag]) -> str:
    parts = [f"{counts.get(t.name, 0)} {t.label.lower()}" for t in tags if counts.get(t.name)]
    return " · ".join(parts) if parts else "no annotations"


class LibraryList(QListWidget):
    document_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.tags: list[Tag] = []
        self.checks: dict[str, int] = {}
        self.counts: dict[str, dict[str, int]] = {}
        self.currentItemChanged.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is not None:
            self.document_chosen.emit(item.data(ID_ROLE))

    def populate(
        self, documents: list[DocumentSummary], tags: list[Tag], current: str = ""
    ) -> None:
        self.tags = tags
        self.blockSignals(True)
        self.clear()
        for doc in documents:
            item = QListWidgetItem(self)
            item.setData(ID_ROLE, doc.id)
            item.setData(Qt.ItemDataRole.UserRole + 2, doc.title)
            item.setToolTip(doc.source_path)
            self._render(item, doc.title, doc.counts)
            if doc.id == current:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def titles(self) -> dict[str, str]:
        """Document id -> title, in list order."""
        return {
            self.item(r).data(ID_ROLE): self.item(r).data(Qt.ItemDataRole.UserRole + 2)
            for r in range(self.count())
        }

    def current_id(self) -> str:
        item = self.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def _render(self, item: QListWidgetItem, title: str, counts: dict[str, int]) -> None:
        document_id = item.data(ID_ROLE)
        self.counts[document_id] = dict(counts)
        line = counts_line(counts, self.tags)
        checks = self.checks.get(document_id, 0)
        if checks:
            line += f" · ⚠ {checks} check{'s' if checks != 1 else ''}"
        item.setText(f"{title}\n{line}")

    def update_checks(self, checks: dict[str, int]) -> None:
        self.checks = dict(checks)
        for row in range(self.count()):
            item = self.item(row)
            document_id = item.data(ID_ROLE)
            title = item.data(Qt.ItemDataRole.UserRole + 2)
            self._render(item, title, self.counts.get(document_id, {}))

    def update_counts(self, document_id: str, counts: dict[str, int]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == document_id:
                self._render(item, item.data(Qt.ItemDataRole.UserRole + 2), counts)

    def select_document(self, document_id: str) -> None:
        self.blockSignals(True)  # showing where we are is not the editor choosing a document
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == document_id:
                self.setCurrentRow(row)
                break
        else:
            self.setCurrentRow(-1)
        self.blockSignals(False)
