"""Keeps the Checks panel and the library's per-draft counts current, without running a check pass
on the UI thread. An open draft's `CheckState` is built in a worker from a snapshot and installed
in its DocumentState; from then on each edit re-checks only what it touched (well under a
millisecond, in core). Drafts not open are checked in the worker on its own database connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation
from desktop_app.desk import Desk
from desktop_app.desk.suggestions import findings as suggestion_findings
from desktop_app.ui.checks_panel import ChecksPanel
from desktop_app.ui.library import LibraryList

if TYPE_CHECKING:
    from desktop_app.core.check_state import CheckState
    from desktop_app.core.checks import Finding
    from desktop_app.core.suggest import Suggestion

# open document id -> (its version when taken, text, annotations)
Snapshot = dict[str, tuple[int, str, list[Annotation]]]


class _Signals(QObject):
    # {open id: (version, CheckState)}, {other id: findings}, error ("" if none)
    done = Signal(object, object, str)


class _CheckJob(QRunnable):
    def __init__(
        self, snapshot: Snapshot, others: list[str], open_reader: Callable[[], Desk] | None
    ) -> None:
        super().__init__()
        self.snapshot, self.others = snapshot, others
        self.open_reader = open_reader
        self.signals = _Signals()

    def run(self) -> None:
        from desktop_app.core.check_state import CheckState  # loaded here, in the worker

        built: dict[str, tuple[int, CheckState]] = {}
        found: dict[str, list[Finding]] = {}
        try:
            for doc_id, (version, text, annotations) in self.snapshot.items():
                state = CheckState(doc_id, text, annotations)
                state.findings()  # sorted here, not on the UI thread at the first refresh
                built[doc_id] = (version, state)
            if self.others and self.open_reader is not None:
                reader = self.open_reader()  # its own connection: the UI's stays free
                try:
                    for doc_id in self.others:
                        found[doc_id] = reader.findings(doc_id)
                finally:
                    reader.close()
        except CopydeskError as error:
            self.signals.done.emit(built, found, str(error))
            return
        self.signals.done.emit(built, found, "")


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
        # The suggestions still open in a draft, kept current by the suggestions pane (None if
        # it has none for that draft yet): set by the window once the pane exists.
        self.open_suggestions: Callable[[str], list[Suggestion] | None] = lambda _doc: None
        self.running = False  # one check job at a time
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
        """Show what is known now; hand the worker what is not (open drafts without a
        CheckState yet, drafts not open and not cached). Debounced after edits."""
        snapshot, others = self._pending()
        if snapshot or others:
            if self.busy():
                # Pure-Python rules in a worker would take the interpreter lock from the UI
                # thread while a just-opened draft is still being highlighted: wait.
                self.timer.start()
            elif not self.running:
                self.running = True
                job = _CheckJob(snapshot, others, self.open_reader)
                job.signals.done.connect(self._done)  # a bound method: runs on the UI thread
                self.pool.start(job)
                return  # shown when the worker is done
        self.show()

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    def _done(
        self,
        built: dict[str, tuple[int, CheckState]],
        found: dict[str, list[Finding]],
        error: str,
    ) -> None:
        self.running = False
        if error:
            self.say(error, error=True)
        stale = False
        for doc_id, (version, checks) in built.items():
            if self.desk.is_open(doc_id):
                stale |= not self.desk.state(doc_id).install_checks(checks, version)
        for doc_id, findings in found.items():
            if not self.desk.is_open(doc_id):
                self.cached[doc_id] = findings
        if stale or any(self._pending()):
            self.timer.start()  # edited meanwhile, or more to check: go again from the latest
        self.show()

    def _pending(self) -> tuple[Snapshot, list[str]]:
        """Open drafts without a CheckState yet (as snapshots), and drafts not open or cached."""
        snapshot: Snapshot = {}
        others: list[str] = []
        for doc_id in self.library.titles():
            if self.desk.is_open(doc_id):
                state = self.desk.state(doc_id)
                if state.checks is None:
                    snapshot[doc_id] = state.snapshot()
            elif doc_id not in self.cached:
                others.append(doc_id)
        return snapshot, others

    def show(self) -> None:
        titles = self.library.titles()
        per_doc = {doc: list(self._findings(doc)) for doc in titles}
        current = self.current()
        if current in per_doc and self.desk.is_open(current):
            # What the suggester found (computed off the UI thread) and nobody tagged yet.
            pending = self.open_suggestions(current)
            per_doc[current] += suggestion_findings(self.desk, current, pending)
        self.library.update_checks({doc: len(found) for doc, found in per_doc.items()})
        if self.panel.whole_library:
            shown = [f for doc in titles for f in per_doc[doc]]
        else:
            shown = per_doc.get(current, [])
        self.panel.show_findings(shown, titles)
        self.refreshed.emit()

    def _findings(self, doc_id: str) -> list[Finding]:
        if self.desk.is_open(doc_id):
            checks = self.desk.state(doc_id).checks
            return checks.findings() if checks is not None else []
        return self.cached.get(doc_id, [])
