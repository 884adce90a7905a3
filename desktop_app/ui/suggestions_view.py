"""Suggestions for the draft in front: computed off the UI thread when it opens, listed in the
Suggestions tab and outlined in the text; accept, reject and accept-all go through the desk, and
any change to the draft (an annotation made by hand, an undo) updates the list and the outlines."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow

from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Document
from desktop_app.desk import Desk, suggestions
from desktop_app.desk.open_suggestions import OpenSuggestions
from desktop_app.ui.review import Review
from desktop_app.ui.suggestions_panel import SuggestionsPanel

if TYPE_CHECKING:  # the suggester loads in its worker, after the draft's first paint
    from desktop_app.core.suggest import Suggestion

Marks = list[tuple[int, int, str]]  # (start, end, kind) in code points within one line


# Outlined in the text: quotes and unnamed sources. Claim suggestions are whole sentences and would
# underline most of a draft, so they are listed in the Suggestions pane only.
OUTLINED = ("quote", "anonymous_source")
SETTLE_MS = 250  # after a draft opens, before background Python work starts
CHECKS_WAIT_MS = 5000


class _Done(QObject):
    # document id, list[Suggestion], the open ones, the document's version they were decided on
    finished = Signal(str, object, object, int)


class _Job(QRunnable):
    """Computes one draft's suggestions on a pool thread (pure Python, no database), and which
    are still open against a snapshot of its annotations and rejections."""

    def __init__(
        self,
        document: Document,
        snapshot: tuple[int, list[tuple[str, int, int]], set[tuple[str, int, int]]],
        done: _Done,
    ) -> None:
        super().__init__()
        self.document, self.snapshot, self.done = document, snapshot, done

    def run(self) -> None:
        version, spans, rejected = self.snapshot
        try:
            found = suggestions.of_document(self.document)
            still = suggestions.still_open(found, spans, rejected)
        except Exception:  # the suggester never raises; if it ever did, show none, not crash
            found = still = []
        self.done.finished.emit(self.document.id, found, still, version)


class SuggestionsView(QObject):
    computed = Signal(str)  # a document's suggestions are ready (the checks panel may refresh)
    open_changed = Signal()  # the suggestions still open changed (one decided, an edit)

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
        self.shown: set[int] = set()  # lines painted with their outlines (been on screen)
        self.dock: QDockWidget | None = None
        self.closed = False  # the window closed (and its desk with it): late results are dropped
        self._done = _Done(self)  # emitted from the pool thread, delivered on the UI thread
        self._done.finished.connect(self._ready, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self, singleShot=True, interval=0)  # one refresh per burst of edits
        self._timer.timeout.connect(self.refresh)
        self.tracker: OpenSuggestions | None = None  # what is open, re-decided near each edit
        self._touched: list[tuple[int, int]] = []  # spans edited since the last reconcile
        self._quick = QTimer(self, singleShot=True, interval=0)
        self._quick.timeout.connect(self._reconcile)
        self._start = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._waited = 0  # ms spent waiting for the checks' first pass
        self._start.timeout.connect(self._start_job)
        review.document_shown.connect(self.show_document)
        panel.accept_requested.connect(self.accept)
        panel.reject_requested.connect(self.reject)
        panel.accept_all_requested.connect(self.accept_all)
        panel.chosen.connect(lambda s: self.review.view.select_cp(s.start, s.end))
        review.view.verticalScrollBar().valueChanged.connect(self._reveal)
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
        window.installEventFilter(view)
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Close:
            self.closed = True  # a job may still finish, a timer still fire: touch nothing then
        return False

    # -- computing ------------------------------------------------------------------------------
    def show_document(self, document_id: str) -> None:
        # The highlighter is new for every document shown: nothing of the old one to repaint.
        self.document_id, self.everything, self.open, self.by_line = document_id, None, [], {}
        self.tracker, self._touched = None, []
        state = self.review.state
        if not document_id or state is None:
            self.panel.show_suggestions([])
            self.panel.summary.setText("Open a draft to see suggestions.")
            return
        self.shown = set()
        if self.review.highlighter is not None:
            self.review.highlighter.overlay = self.marks_on  # a dict lookup per painted line
        found = suggestions.cached(state.document)
        if found is not None:
            self._ready(document_id, found)
            return
        self.panel.show_suggestions(None)
        self._waited = 0
        self._start.start()  # once the draft has painted and settled (see _start_job)

    def _start_job(self) -> None:
        """The suggester is pure Python: run alongside the first paint and the background
        highlighting, it would take the interpreter lock from the UI thread for most of a second.
        So it starts once the window has settled."""
        state = self.review.state
        if self.closed or state is None or state.id != self.document_id:
            return
        # Still highlighting, or the checks' first pass still running in its worker: two
        # pure-Python workers beside the UI thread left it a third of the interpreter and the
        # window stalled 50-130 ms. Look again shortly (the checks get a few seconds at most).
        checking = state.checks is None and self._waited < CHECKS_WAIT_MS
        if self.review.busy or checking:
            self._waited += SETTLE_MS
            self._start.start()
            return
        self._waited = 0
        try:
            rejected = self.desk.repo.rejected_suggestions(state.id)
        except CopydeskError:
            return
        snapshot = (state.version, suggestions.tagged_spans(state.annotations.values()), rejected)
        QThreadPool.globalInstance().start(_Job(state.document, snapshot, self._done))

    def _ready(
        self,
        document_id: str,
        found: list[Suggestion],
        still: list[Suggestion] | None = None,
        version: int = -1,
    ) -> None:
        if self.closed or document_id != self.document_id:
            return  # the editor moved on to another draft meanwhile
        self.everything = found
        state = self.review.state
        if (
            still is not None
            and state is not None
            and state.id == document_id
            and (state.version == version)
        ):
            self.open = still  # decided in the worker on the draft as it still is
            self.tracker = OpenSuggestions(found, still)
            self._show_open()
        else:
            self.refresh()  # edited meanwhile: decide again here
        self.computed.emit(document_id)

    def marks_on(self, line: int) -> Marks:
        # Only lines that have been on screen get outlines. New formats re-shape a line (its
        # wrapping can move by a pixel); done to lines above the view by a background pass,
        # that would scroll the draft away from where the editor is reading.
        return self.by_line.get(line, []) if line in self.shown else []

    def _repaint(self, lines: list[int]) -> None:
        """Repaint these lines, keeping the character at the top of the view where it was: new
        formats re-shape a line, and in a long paragraph its wrapping (so the view) can move."""
        highlighter = self.review.highlighter
        if highlighter is None or not lines:
            return
        view = self.review.view
        anchor = view.cursorForPosition(QPoint(0, 0))
        before = view.cursorRect(anchor).top()
        for line in lines:
            highlighter.rehighlight_lines(range(line, line + 1))
        moved = view.cursorRect(anchor).top() - before
        step = max(1, view.fontMetrics().lineSpacing())
        if abs(moved) >= step // 2:
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + round(moved / step))

    def _on_screen(self) -> range:
        view = self.review.view
        top = view.firstVisibleBlock().blockNumber()
        rows = view.viewport().height() // max(1, view.fontMetrics().lineSpacing())
        return range(max(0, top - 2), top + rows + 2)

    def _reveal(self, _value: int = 0) -> None:
        """Outline the lines now on screen that were never shown (on scroll, and once settled
        after a draft opens). While the highlighter is still on its first screen, only lines of
        that screen count: the view may be about to jump to the remembered position."""
        highlighter = self.review.highlighter
        if self.closed or highlighter is None or not self.by_line:
            return
        lines = set(self._on_screen())
        if highlighter.defer_outside is not None:
            lines &= set(highlighter.defer_outside)
        new = lines - self.shown
        self.shown |= new
        self._repaint(sorted(n for n in new if n in self.by_line))

    def refresh(self) -> None:
        """Drop what became annotations or was rejected; repaint only lines whose marks moved."""
        state = self.review.state
        if self.closed or self.everything is None or state is None or state.id != self.document_id:
            return
        try:
            self.open = suggestions.open_suggestions(self.desk, state.id, self.everything)
        except CopydeskError:  # a vanished document or database: the review says so, not us
            return
        self.tracker = OpenSuggestions(self.everything, self.open)
        self._show_open()

    def _reconcile(self) -> None:
        """After an edit made by hand: re-decide only the suggestions it touched."""
        state, spans, self._touched = self.review.state, self._touched, []
        if self.closed or self.tracker is None or state is None or state.id != self.document_id:
            return
        try:
            rejected = self.desk.repo.rejected_suggestions(state.id)
        except CopydeskError:
            return
        if self.tracker.reconcile(state, spans, rejected):
            self.open = self.tracker.open()
            self._show_open()

    def open_of(self, document_id: str) -> list[Suggestion] | None:
        """The suggestions still open in this draft, if this pane keeps them (None if not)."""
        if document_id != self.document_id or self.everything is None:
            return None
        return self.open

    def _show_open(self) -> None:
        before, self.by_line = self.by_line, self._lines(self.open)
        self.panel.show_suggestions(self.open)
        self.open_changed.emit()
        self._repaint([n for n in sorted(self.shown) if before.get(n) != self.by_line.get(n)])
        QTimer.singleShot(0, self, self._reveal)  # after the view settles (a remembered position)

    def _lines(self, found: list[Suggestion]) -> dict[int, Marks]:
        state = self.review.state
        assert state is not None
        index, size = state.index, len(state.text)
        starts = index.starts
        out: dict[int, Marks] = {}
        for s in found:
            if s.kind not in OUTLINED:
                continue
            for line in index.lines_touched(s.start, s.end):
                first = starts[line]
                last = starts[line + 1] - 1 if line + 1 < len(starts) else size
                a, b = max(s.start, first) - first, min(s.end, last) - first
                if b > a:
                    out.setdefault(line, []).append((a, b, s.kind))
        return out

    def _changed(self, change: Change, initiator: object) -> None:
        if not (self.document_id and self.document_id in change.document_ids):
            return
        spans = [(a, b) for doc, a, b in change.spans if doc == self.document_id]
        if initiator is self or self.tracker is None or change.tags_changed or not spans:
            # Our own accept/reject already dropped its row: reconcile after a pause in typing.
            self._timer.start(400 if initiator is self else 0)
            return
        self._touched += spans
        self._quick.start()

    def _drop(self, s: Suggestion) -> None:
        """Take one decided suggestion out of the list and the text at once (a Y/N key must
        stay quick on a long draft; the full refresh follows when the keys pause)."""
        self.open = [x for x in self.open if x is not s]
        if self.tracker is not None:
            self.tracker.open_keys.discard((s.kind, s.start, s.end))
        for line, marks in self._lines([s]).items():
            left = [m for m in self.by_line.get(line, []) if m not in marks]
            if left:
                self.by_line[line] = left
            else:
                self.by_line.pop(line, None)
        self.panel.show_suggestions(self.open)
        self.open_changed.emit()
        if self.review.state is not None:
            touched = self.review.state.index.lines_touched(s.start, s.end)
            self._repaint([n for n in touched if n in self.shown])

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
