"""The checks panel: what the standards rules find in this draft or the whole library, live."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop_app.core.checks import CHECK_KINDS, CHECK_LABELS, Finding

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 2


class _Tree(QTreeWidget):
    activated_item = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.activated_item.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class ChecksPanel(QWidget):
    finding_chosen = Signal(str, str)  # document id, annotation id
    scope_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = QComboBox(self)
        self.scope.addItem("This document", "document")
        self.scope.addItem("All documents", "library")
        self.scope.setAccessibleName("Checks scope")
        self.summary = QLabel(self)
        self.tree = _Tree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        # Findings wrap instead of being cut off in the narrow dock (the full text is also in the
        # tooltip); a few hundred rows at most, so varying heights cost nothing.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.scope)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit())
        self.tree.itemClicked.connect(self._choose)
        self.tree.activated_item.connect(self._choose)
        self.findings: list[Finding] = []

    @property
    def whole_library(self) -> bool:
        return self.scope.currentData() == "library"

    def show_findings(self, findings: list[Finding], titles: dict[str, str]) -> None:
        """Group findings by rule; keep the rules' order and the expanded state the user chose."""
        self.findings = findings
        collapsed = {
            self.tree.topLevelItem(i).data(0, DOC_ROLE)
            for i in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(i).isExpanded()
        }
        self.tree.clear()
        by_kind: dict[str, list[Finding]] = {}
        for finding in findings:
            by_kind.setdefault(finding.kind, []).append(finding)
        for kind in CHECK_KINDS:
            group = by_kind.get(kind)
            if not group:
                continue
            top = QTreeWidgetItem([f"{CHECK_LABELS.get(kind, kind)} ({len(group)})"])
            top.setData(0, DOC_ROLE, kind)
            self.tree.addTopLevelItem(top)
            for finding in group:
                title = titles.get(finding.document_id, "")
                # In the library view the finding comes first, its draft after: both readable.
                shown = f"{finding.message}\n— {title}" if self.whole_library else finding.message
                child = QTreeWidgetItem([shown])
                child.setToolTip(0, f"{finding.message}\n{title}" if title else finding.message)
                child.setData(0, DOC_ROLE, finding.document_id)
                child.setData(0, ANNOTATION_ROLE, finding.annotation_id)
                top.addChild(child)
            top.setExpanded(kind not in collapsed)
        n = len(findings)
        self.summary.setText(
            "No open checks." if not n else f"{n} check{'s' if n != 1 else ''} to resolve."
        )

    def _choose(self, item: Any) -> None:
        annotation_id = item.data(0, ANNOTATION_ROLE)
        if annotation_id:
            self.finding_chosen.emit(item.data(0, DOC_ROLE), annotation_id)
