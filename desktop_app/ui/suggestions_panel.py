"""The Suggestions tab: what the suggester proposes in this draft, by kind, with the speaker or
reason it would fill in. Y or Enter accepts the current one, N or Backspace rejects it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the suggester loads in its worker, after the draft's first paint
    from desktop_app.core.suggest import Suggestion


SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 1
ROWS_PER_PASS = 150  # suggestions listed per event-loop turn: ~10-15 ms
GROUPS = (("quote", "Quotes"), ("anonymous_source", "Anonymous sources"), ("claim", "Claims"))
ACCEPT_ALL = (("quote", "Accept all quotes"), ("claim", "Accept all claims"))
ACCEPT_ALL += (("anonymous_source", "Accept all sources"),)


def detail_of(s: Suggestion) -> str:
    """What accepting fills in, in words: "Ana Ruiz · said", "reason: because …", "percentage"."""
    f = s.fields
    if s.kind == "quote":
        who = str(f.get("speaker") or "no speaker found")
        return " · ".join(
            x for x in (who, str(f.get("cue", "")), str(f.get("quote_type", ""))) if x
        )
    if s.kind == "anonymous_source":
        reason = " ".join(str(f.get("reason", "")).split())
        return f"reason: {reason}" if reason else "no reason given in the text"
    return str(f.get("claim_type", ""))


def _one_line(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


class _Row(QTreeWidgetItem):
    """One suggestion's row, answering its text and tooltip when the view asks (only rows on
    screen): copied into Qt per row, thousands of tooltips held megabytes."""

    __slots__ = ("suggestion",)

    def __init__(self, suggestion: Suggestion) -> None:
        super().__init__()
        self.suggestion = suggestion

    def data(self, column: int, role: int) -> object:
        s = self.suggestion
        if role == _DISPLAY:
            return _one_line(s.text) if column == 0 else detail_of(s)
        if role == SUGGESTION_ROLE:
            return s
        if role == _TOOLTIP and column == 0:
            return s.text[:500]
        return super().data(column, role)


class _Tree(QTreeWidget):
    decided = Signal(object, bool)  # the suggestion, True = accept
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        item = self.currentItem()
        s = item.data(0, SUGGESTION_ROLE) if item is not None else None
        if s is not None and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            key = event.key()
            if key in (Qt.Key.Key_Y, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.decided.emit(s, True)
                return
            if key in (Qt.Key.Key_N, Qt.Key.Key_Backspace):
                self.decided.emit(s, False)
                return
        super().keyPressEvent(event)


class SuggestionsPanel(QWidget):
    accept_requested = Signal(object)  # a Suggestion
    reject_requested = Signal(object)
    accept_all_requested = Signal(str)  # a kind
    chosen = Signal(object)  # the current suggestion changed (show its words in the draft)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Open a draft to see suggestions.", self)
        self.summary.setWordWrap(True)
        self.tree = _Tree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Suggestions")
        self.tree.setMinimumWidth(120)
        self.tree.setToolTip("Y or Enter: accept · N or Backspace: reject")
        # Stacked, so the tab never asks for more width than the Annotations tab beside it (a
        # wider dock would narrow the draft and re-wrap it under the editor's eyes).
        buttons = QVBoxLayout()
        self.accept_all: dict[str, QPushButton] = {}
        for kind, label in ACCEPT_ALL:
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, k=kind: self.accept_all_requested.emit(k))
            buttons.addWidget(button)
            self.accept_all[kind] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.tree.decided.connect(self._decided)
        self.tree.resized.connect(self._fit_columns)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.items: dict[tuple[str, int, int], QTreeWidgetItem] = {}
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.totals: dict[str, int] = {}  # rows per group once filled (they come in slices)
        self._waiting: list[tuple[QTreeWidgetItem, Suggestion]] = []  # rows still to add
        self._more = QTimer(self, singleShot=True, interval=0)
        self._more.timeout.connect(self._add_rows)

    def show_suggestions(self, found: list[Suggestion] | None) -> None:
        """List `found` by kind (None: still computing). Keeps the current row where it can;
        when suggestions only went away (accepted, rejected), removes just their rows."""
        current = self.current()
        self.tree.blockSignals(True)
        try:
            if found is None:
                self._clear()
                self.summary.setText("Looking for quotes, sources and claims…")
                return
            keys = {(s.kind, s.start, s.end) for s in found}
            if self.items and not self._waiting and keys <= self.items.keys():
                for key in self.items.keys() - keys:
                    row = self.items.pop(key)
                    self.totals[key[0]] -= 1
                    parent = row.parent()
                    if parent is not None:
                        parent.removeChild(row)
            else:
                self._fill(found)
            self._titles(found)
        finally:
            self.tree.blockSignals(False)
        self._restore(current, found or [])

    def _clear(self) -> None:
        self.tree.clear()
        self.items, self.groups, self.totals, self._waiting = {}, {}, {}, []

    def _fill(self, found: list[Suggestion]) -> None:
        """The group rows at once, their suggestions in slices (a long draft has thousands, and
        building them all in one go would hold the window)."""
        self._clear()
        for kind, _title in GROUPS:
            mine = [s for s in found if s.kind == kind]
            if not mine:
                continue
            top = QTreeWidgetItem(["", ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
            self.groups[kind], self.totals[kind] = top, len(mine)
            self._waiting += [(top, s) for s in mine]
        self._waiting.reverse()  # popped from the end, in reading order
        self._add_rows()
        self._fit_columns()

    def _add_rows(self) -> None:
        rows: dict[int, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = {}
        for _ in range(min(ROWS_PER_PASS, len(self._waiting))):
            top, s = self._waiting.pop()
            row = _Row(s)
            rows.setdefault(id(top), (top, []))[1].append(row)
            self.items[(s.kind, s.start, s.end)] = row
        for top, made in rows.values():
            top.addChildren(made)
        if self._waiting:
            self._more.start()

    def _fit_columns(self) -> None:
        """The words take what they need up to 60% of the width, so the speaker, cue or reason
        beside them stays in view (long words are elided; the tooltip has them whole)."""
        if not self.tree.topLevelItemCount():
            # Nothing to measure (as at launch, before the suggester has run); asking Qt
            # anyway costs ~6 ms of first-use set-up on the way to the first paint.
            self.tree.setColumnWidth(0, 80)
            return
        room = int(self.tree.viewport().width() * 0.6)
        self.tree.setColumnWidth(0, max(80, min(self.tree.sizeHintForColumn(0), room)))

    def _titles(self, found: list[Suggestion]) -> None:
        """Group headings with their counts, the accept-all buttons, the summary line."""
        for kind, title in GROUPS:
            top = self.groups.get(kind)
            n = self.totals.get(kind, 0) if top is not None else 0
            self.accept_all[kind].setEnabled(n > 0)
            if top is not None and n == 0:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(top))
                del self.groups[kind]
            elif top is not None:
                top.setText(0, f"{title} ({n})")
        n = len(found)
        self.summary.setText(
            f"{n} suggestion{'s' if n != 1 else ''} · Y/Enter accept · N/Backspace reject"
            if n
            else "No suggestions left in this draft."
        )

    def _restore(self, previous: Suggestion | None, found: list[Suggestion]) -> None:
        """Select the same suggestion, or the next one after it in the text (keyboard flow)."""
        if not found:
            return
        target = None
        if previous is not None:
            same = self.items.get((previous.kind, previous.start, previous.end))
            if same is not None:
                target = same
            else:
                after = [s for s in found if s.kind == previous.kind and s.start >= previous.start]
                if after:
                    target = self.items.get((after[0].kind, after[0].start, after[0].end))
        if target is None and previous is not None:
            target = self.items.get((found[0].kind, found[0].start, found[0].end))
        if target is not None:
            self.tree.setCurrentItem(target)

    def current(self) -> Suggestion | None:
        item = self.tree.currentItem()
        return item.data(0, SUGGESTION_ROLE) if item is not None else None

    def select(self, s: Suggestion) -> None:
        item = self.items.get((s.kind, s.start, s.end))
        if item is not None:
            self.tree.setCurrentItem(item)

    def _decided(self, s: Suggestion, accept: bool) -> None:
        (self.accept_requested if accept else self.reject_requested).emit(s)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        s = item.data(0, SUGGESTION_ROLE) if item is not None else None
        if s is not None:
            self.chosen.emit(s)
