"""Suggestions for the draft in front: computed off the UI thread when it opens, listed in the
Suggestions tab and outlined in the text; accept, reject and accept-all go through the desk, and
any change to the draft (an annotation made by hand, an undo) updates the list and the outlines."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow

from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Document
from desktop_app.core.operations import Change
from desktop_app.core.suggest import Suggestion
from desktop_app.desk import Desk, suggestions
from desktop_app.ui.review import Review
from desktop_app.ui.suggestions_panel import SuggestionsPanel

Marks = list[tuple[int, int, str]]  # (start, end, kind) in code points within one line


class _Done(QObject):
    finished = Signal(str, object)  # document id, list[Suggestion]


class _Job(QRunnable):
    """Computes one draft's suggestions on a pool thread (pure Python, no database)."""

    def __init__(self, document: Document, done: _Done) -> None:
        super().__init__()
        self.document, self.done = document, done

    def run(self) -> None:
        try:
            found = suggestions.of_document(self.document)
        except Exception:  # the suggester never raises; if it ever did, show none, not crash
            found = []
        self.done.finished.emit(self.document.id, found)


class SuggestionsView(QObject):
    computed = Signal(str)  # a document's suggestions are ready (the checks panel may refresh)

    def __init__(
        self,
        desk: Desk,
        review: Review,
        panel: SuggestionsPanel,
        say: Callable[..., None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.review, self.panel, self.say = desk, review, panel, say
        self.document_id = ""
        self.everything: list[Suggestion] | None = None  # None while computing
        self.open: list[Suggestion] = []
        self.by_line: dict[int, Marks] = {}
        self.dock: QDockWidget | None = None
        self._done = _Done(self)  # emitted from the pool thread, delivered on the UI thread
        self._done.finished.connect(self._ready, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self, singleShot=True, interval=0)  # one refresh per burst of edits
        self._timer.timeout.connect(self.refresh)
        review.document_shown.connect(self.show_document)
        panel.accept_requested.connect(self.accept)
        panel.reject_requested.connect(self.reject)
        panel.accept_all_requested.connect(self.accept_all)
        panel.chosen.connect(lambda s: self.review.view.select_cp(s.start, s.end))
        desk.subscribe(self._changed)

    @classmethod
    def install(
        cls, window: QMainWindow, desk: Desk, review: Review, say: Callable[..., None]
    ) -> SuggestionsView:
        """The Suggestions dock, tabbed with the Annotations dock when there is one."""
        panel = SuggestionsPanel(window)
        dock = QDockWidget("Suggestions", window)
        dock.setObjectName("suggestions")
        dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        annotations = window.findChild(QDockWidget, "annotations")
        if annotations is not None:
            window.tabifyDockWidget(annotations, dock)
            annotations.raise_()
        view = cls(desk, review, panel, say, window)
        view.dock = dock
        return view

    # -- computing ------------------------------------------------------------------------------
    def show_document(self, document_id: str) -> None:
        # The highlighter is new for every document shown: nothing of the old one to repaint.
        self.document_id, self.everything, self.open, self.by_line = document_id, None, [], {}
        state = self.review.state
        if not document_id or state is None:
            self.panel.show_suggestions([])
            self.panel.summary.setText("Open a draft to see suggestions.")
            return
        if self.review.highlighter is not None:
            self.review.highlighter.overlay = self.marks_on  # a dict lookup per painted line
        found = suggestions.cached(state.document)
        if found is not None:
            self._ready(document_id, found)
            return
        self.panel.show_suggestions(None)
        QThreadPool.globalInstance().start(_Job(state.document, self._done))

    def _ready(self, document_id: str, found: list[Suggestion]) -> None:
        if document_id != self.document_id:
            return  # the editor moved on to another draft meanwhile
        self.everything = found
        self.refresh()
        self.computed.emit(document_id)

    def marks_on(self, line: int) -> Marks:
        return self.by_line.get(line, [])

    def refresh(self) -> None:
        """Drop what became annotations or was rejected; repaint only lines whose marks moved."""
        state = self.review.state
        if self.everything is None or state is None or state.id != self.document_id:
            return
        try:
            self.open = suggestions.open_suggestions(self.desk, state.id, self.everything)
        except CopydeskError as error:  # a vanished document: the review closes it
            self.say(str(error), error=True)
            return
        before, self.by_line = self.by_line, self._lines(self.open)
        self.panel.show_suggestions(self.open)
        highlighter = self.review.highlighter
        if highlighter is not None:
            changed = {
                n for n in set(before) | set(self.by_line) if before.get(n) != self.by_line.get(n)
            }
            view = self.review.view
            top = view.firstVisibleBlock().blockNumber()
            rows = view.viewport().height() // max(1, view.fontMetrics().lineSpacing())
            highlighter.repaint_later(changed, range(max(0, top - 2), top + rows + 2))

    def _lines(self, found: list[Suggestion]) -> dict[int, Marks]:
        state = self.review.state
        assert state is not None
        index, size = state.index, len(state.text)
        starts = index.starts
        out: dict[int, Marks] = {}
        for s in found:
            for line in index.lines_touched(s.start, s.end):
                first = starts[line]
                last = starts[line + 1] - 1 if line + 1 < len(starts) else size
                a, b = max(s.start, first) - first, min(s.end, last) - first
                if b > a:
                    out.setdefault(line, []).append((a, b, s.kind))
        return out

    def _changed(self, change: Change, initiator: object) -> None:
        if self.document_id and self.document_id in change.document_ids:
            # Our own accept/reject already dropped its row: reconcile after a pause in typing.
            self._timer.start(400 if initiator is self else 0)

    def _drop(self, s: Suggestion) -> None:
        """Take one decided suggestion out of the list and the text at once (a Y/N key must
        stay quick on a long draft; the full refresh follows when the keys pause)."""
        self.open = [x for x in self.open if x is not s]
        for line, marks in self._lines([s]).items():
            left = [m for m in self.by_line.get(line, []) if m not in marks]
            if left:
                self.by_line[line] = left
            else:
                self.by_line.pop(line, None)
        self.panel.show_suggestions(self.open)
        highlighter = self.review.highlighter
        if highlighter is not None and self.review.state is not None:
            highlighter.rehighlight_lines(self.review.state.index.lines_touched(s.start, s.end))

    # -- deciding -------------------------------------------------------------------------------
    def accept(self, s: Suggestion) -> None:
        doc_id = self.document_id
        a = self.review.run(lambda: suggestions.accept(self.desk, doc_id, s, initiator=self))
        if a is not None:
            self._drop(s)  # now, so the next Y acts on the next suggestion
            self.say(f"Accepted: {' '.join(a.exact.split())[:80]}")

    def reject(self, s: Suggestion) -> None:
        doc_id = self.document_id
        if self.review.run(lambda: suggestions.reject(self.desk, doc_id, s, initiator=self)):
            self._drop(s)

    def accept_all(self, kind: str) -> None:
        doc_id = self.document_id
        change = self.review.run(
            lambda: suggestions.accept_all(self.desk, doc_id, kind, initiator=self)
        )
        if change is not None:
            self.refresh()
            self.say(f"Accepted {len(change.added)} suggestions (one step to undo).")
