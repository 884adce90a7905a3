"""The checks panel: what the standards rules find in this draft or the whole library, live."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop_app.core.checks import Finding


DOC_ROLE = Qt.ItemDataRole.UserRole + 1
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 2
DISPLAY_ROLE, TOOLTIP_ROLE = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
ROWS_PER_PASS = 300  # new rows added per event-loop turn: ~10 ms, never a visible stall
# Rows shown per rule until the editor asks for more: 10,000 findings of one rule are walked with
# F9, not scrolled, and their rows held ~6 MB and a third of a second of filling.
PAGE = 500


class _Row(QTreeWidgetItem):
    """One finding's row. Its text, tooltip and ids are answered from the finding when the view
    asks (only the rows on screen) instead of being copied into Qt per row: 10,000 rows held
    ~11 MB of strings that way, and were built five times slower."""

    __slots__ = ("finding", "title", "whole_library")  # no attribute dict: 1.6 MB less per 10,000

    def __init__(self, finding: Finding, title: str, whole_library: bool) -> None:
        super().__init__()
        self.finding, self.title, self.whole_library = finding, title, whole_library

    def data(self, column: int, role: int) -> Any:
        if column == 0:
            finding = self.finding
            message = finding.message
            if role == DISPLAY_ROLE:
                # In the library view the finding comes first, its draft after: both readable.
                return f"{message}\n— {self.title}" if self.whole_library else message
            if role == ANNOTATION_ROLE:
                return finding.annotation_id
            if role == DOC_ROLE:
                return finding.document_id
            if role == TOOLTIP_ROLE:  # one set on the row (a changed quote's diff) comes first
                return super().data(column, role) or (
                    f"{message}\n{self.title}" if self.title else message
                )
        return super().data(column, role)


class _MoreRow(QTreeWidgetItem):
    """The last row of a rule with more findings than shown: activating it shows a page more."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        font = self.font(0)
        font.setItalic(True)
        self.setFont(0, font)
        self.setToolTip(0, "Enter or click: show more rows of this check. F9 steps through all.")

    def count(self, hidden: int) -> None:
        self.setText(0, f"Show {min(PAGE, hidden):,} more… ({hidden:,} not shown)")


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
        self._groups: dict[str, QTreeWidgetItem] = {}  # rule -> its row
        self._shown: dict[str, list[Finding]] = {}  # rule -> the findings its rows show
        self._pages: dict[str, _MoreRow] = {}  # rule -> its "show more" row, while it has one
        self._limits: dict[str, int] = {}  # rule -> rows to show (PAGE until asked for more)
        self._shape: object = None
        self._budget = ROWS_PER_PASS
        self._titles: dict[str, str] = {}
        self._more = QTimer(self, singleShot=True, interval=0)  # the rows a pass had no room for
        self._more.timeout.connect(self._apply)
        self._wanted: dict[str, list[Finding]] = {}  # rule -> its findings, all of them

    @property
    def whole_library(self) -> bool:
        return self.scope.currentData() == "library"

    def show_findings(self, findings: list[Finding], titles: dict[str, str]) -> None:
        """Group findings by rule, in the rules' order. Only the rows that changed are touched
        (an edit changes a finding or two among thousands), so the selection, the scroll
        position and the groups the user collapsed stay as they were. Rows are compared by
        finding: the check state keeps one object per finding, so unchanged rows compare by
        identity."""
        self.findings, self._titles = findings, titles
        by_kind: dict[str, list[Finding]] = {}
        for finding in findings:
            by_kind.setdefault(finding.kind, []).append(finding)
        self._wanted = by_kind
        self._apply()

    def _apply(self) -> None:
        """One pass towards the rows wanted (the rest, if the budget runs out, a turn later)."""
        from desktop_app.core.checks import CHECK_KINDS, CHECK_LABELS  # with the first findings

        titles = self._titles
        shape = (self.whole_library, titles if self.whole_library else None)
        if shape != self._shape:  # the rows read differently: start afresh
            self._shape = shape
            self.tree.clear()
            self._groups.clear()
            self._shown.clear()
            self._pages.clear()
            self._limits.clear()
        self._budget = ROWS_PER_PASS
        position = 0
        for kind in CHECK_KINDS:
            wanted = self._wanted.get(kind, [])
            top = self._groups.get(kind)
            if not wanted:
                if top is not None:
                    self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(top))
                    del self._groups[kind], self._shown[kind]
                    self._pages.pop(kind, None)
                continue
            if top is None:
                top = self._groups[kind] = QTreeWidgetItem()
                top.setData(0, DOC_ROLE, kind)
                self.tree.insertTopLevelItem(position, top)
                top.setExpanded(True)
                self._shown[kind] = []
            position += 1
            top.setText(0, f"{CHECK_LABELS.get(kind, kind)} ({len(wanted):,})")
            page = wanted[: self._limits.get(kind, PAGE)]
            self._update_group(top, kind, page, titles)
            self._page_row(top, kind, len(wanted) - len(page))
        n = len(self.findings)
        self.summary.setText(
            "No open checks." if not n else f"{n:,} check{'s' if n != 1 else ''} to resolve."
        )

    def _page_row(self, top: QTreeWidgetItem, kind: str, hidden: int) -> None:
        """Keep the rule's "show more" row last, counting the findings not shown."""
        row = self._pages.get(kind)
        if not hidden:
            if row is not None:
                top.removeChild(self._pages.pop(kind))
            return
        if row is None:
            row = self._pages[kind] = _MoreRow(kind)
            top.addChild(row)
        row.count(hidden)

    def show_more(self, kind: str) -> None:
        """A page more of this rule's rows; the first new row becomes current."""
        first = len(self._shown.get(kind, []))
        self._limits[kind] = self._limits.get(kind, PAGE) + PAGE
        self._apply()
        top = self._groups.get(kind)
        if top is not None and first < top.childCount():
            self.tree.setCurrentItem(top.child(first))

    def _update_group(
        self,
        top: QTreeWidgetItem,
        kind: str,
        new: list[Finding],
        titles: dict[str, str],
    ) -> None:
        """Bring this rule's rows to `new`, adding at most the pass's budget of new rows: the
        rest follow a moment later, while removals, always cheap, happen at once."""
        old = self._shown[kind]
        if old == new:
            return
        shown: list[Finding] = []
        at = 0  # where `old[i1]` sits in the tree now
        steps = _steps(old, new)
        for n, (op, i1, i2, j1, j2) in enumerate(steps):
            if op == "equal":
                shown += old[i1:i2]
                at += i2 - i1
                continue
            for _ in range(i2 - i1):
                top.takeChild(at)
            take = min(j2 - j1, self._budget)
            self._budget -= take
            library = self.whole_library
            top.insertChildren(
                at,
                [_Row(f, titles.get(f.document_id, ""), library) for f in new[j1 : j1 + take]],
            )
            shown += new[j1 : j1 + take]
            at += take
            if take < j2 - j1:  # out of budget: keep the old rows after this point for now
                shown += [f for _op, a1, a2, _b1, _b2 in steps[n + 1 :] for f in old[a1:a2]]
                self._more.start()
                break
        self._shown[kind] = shown

    def _choose(self, item: Any) -> None:
        if isinstance(item, _MoreRow):
            self.show_more(item.kind)
            return
        annotation_id = item.data(0, ANNOTATION_ROLE)
        if annotation_id:
            self.finding_chosen.emit(item.data(0, DOC_ROLE), annotation_id)


def _steps(old: list[Any], new: list[Any]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes, with the common head and tail taken off first: an edit or a
    pass that ran out of budget leaves nearly all rows equal, and matching 10,000 is not free."""
    from difflib import SequenceMatcher  # loaded with the first update of the tree

    if new[: len(old)] == old:  # rows only added at the end (a fill in slices): C-speed check
        return [
            ("equal", 0, len(old), 0, len(old)),
            ("insert", len(old), len(old), len(old), len(new)),
        ]
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    ).get_opcodes()
    steps = [("equal", 0, head, 0, head)] if head else []
    steps += [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in middle]
    if tail:
        steps.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return steps
