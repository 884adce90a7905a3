"""Keeps the Checks panel and the library's per-draft counts current, without running a check on
the UI thread: the rules run in a worker (on a snapshot of the open drafts' annotations, and on
its own database connection for the rest); results come back and only then are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop_app.core.checks import Finding, check_document
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation
from desktop_app.core.operations import Change
from desktop_app.desk import Desk
from desktop_app.desk.suggestions import findings as suggestion_findings
from desktop_app.ui.checks_panel import ChecksPanel
from desktop_app.ui.library import LibraryList

Snapshot = dict[str, tuple[str, list[Annotation]]]  # open document id -> (text, annotations)


class _Signals(QObject):
    done = Signal(int, object, str)  # generation, {document id: findings}, error ("" if none)


class _CheckJob(QRunnable):
    def __init__(
        self,
        generation: int,
        snapshot: Snapshot,
        others: list[str],
        open_reader: Callable[[], Desk] | None,
    ) -> None:
        super().__init__()
        self.generation, self.snapshot, self.others = generation, snapshot, others
        self.open_reader = open_reader
        self.signals = _Signals()

    def run(self) -> None:
        found: dict[str, list[Finding]] = {}
        try:
            for doc_id, (text, annotations) in self.snapshot.items():
                found[doc_id] = check_document(doc_id, text, annotations)
            if self.others and self.open_reader is not None:
                reader = self.open_reader()  # its own connection: the UI's stays free
                try:
                    for doc_id in self.others:
                        found[doc_id] = reader.findings(doc_id)
                finally:
                    reader.close()
        except CopydeskError as error:
            self.signals.done.emit(self.generation, found, str(error))
            return
        self.signals.done.emit(self.generation, found, "")


class ChecksView(QObject):
    refreshed = Signal()

    def __init__(
        self,
        desk: Desk,
        panel: ChecksPanel,
        library: LibraryList,
        current: Callable[[], str],
        say: Callable[..., None],
        parent: QObject | None = None,
        open_reader: Callable[[], Desk] | None = None,
        busy: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self.desk, self.panel, self.library = desk, panel, library
        self.current, self.say, self.open_reader, self.busy = current, say, open_reader, busy
        self.cached: dict[str, list[Finding]] = {}  # documents not open
        self.latest: dict[str, list[Finding]] = {}
        self.generation = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self, singleShot=True, interval=150)
        self.timer.timeout.connect(self.refresh)
        panel.scope_changed.connect(self.show)
        desk.subscribe(self._changed)

    def _changed(self, change: Change, _initiator: object) -> None:
        for doc_id in change.document_ids | set(change.documents_removed):
            self.cached.pop(doc_id, None)
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    def refresh(self) -> None:
        """Hand the rules a snapshot to run in the worker (debounced after edits)."""
        if self.busy():
            # Pure-Python rules in a worker would take the interpreter lock from the UI thread
            # while a just-opened draft is still being highlighted: wait until it has settled.
            self.timer.start()
            return
        self.generation += 1
        snapshot: Snapshot = {}
        others: list[str] = []
        for doc_id in self.library.titles():
            if self.desk.is_open(doc_id):
                state = self.desk.state(doc_id)
                snapshot[doc_id] = (state.text, list(state.annotations.values()))
            elif doc_id not in self.cached:
                others.append(doc_id)
        job = _CheckJob(self.generation, snapshot, others, self.open_reader)
        job.signals.done.connect(self._done)  # a bound method: delivered on the UI thread
        self.pool.start(job)

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    def _done(self, generation: int, found: dict[str, list[Finding]], error: str) -> None:
        if error:
            self.say(error, error=True)
        for doc_id, findings in found.items():
            if not self.desk.is_open(doc_id):
                self.cached[doc_id] = findings
        if generation != self.generation:
            return  # a newer snapshot is on its way
        self.latest = {**self.cached, **found}
        self.show()

    def show(self) -> None:
        titles = self.library.titles()
        per_doc = {doc: list(self.latest.get(doc, [])) for doc in titles}
        current = self.current()
        if current in per_doc and self.desk.is_open(current):
            # What the suggester found (computed off the UI thread) and nobody tagged yet.
            per_doc[current] += suggestion_findings(self.desk, current)
        self.library.update_checks({doc: len(found) for doc, found in per_doc.items()})
        if self.panel.whole_library:
            shown = [f for doc in titles for f in per_doc[doc]]
        else:
            shown = per_doc.get(current, [])
        self.panel.show_findings(shown, titles)
        self.refreshed.emit()
