"""File > Import New Version: the draft is read and its annotations re-anchored off the UI thread
(a pure computation) behind a progress dialog; the desk stores the revision on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation, Document
from desktop_app.desk import Desk, revisions
from desktop_app.ui.file_open import start_folder

if TYPE_CHECKING:
    from desktop_app.core.revisions import RevisionPlan


class _Signals(QObject):
    done = Signal(object)  # RevisionPlan
    failed = Signal(str)


class _Reanchor(QRunnable):
    """Read the new draft, place the previous revision's annotations in it and plan the new
    revision (no database)."""

    def __init__(
        self,
        path: str,
        previous: Document,
        annotations: tuple[Annotation, ...],
        rejected: set[tuple[str, int, int]],
        signals: _Signals,
        cancelled: threading.Event,
    ) -> None:
        super().__init__()
        self.path, self.previous, self.annotations = path, previous, annotations
        self.rejected = rejected
        self.signals, self.cancelled = signals, cancelled

    def run(self) -> None:
        try:
            source = Desk.read_file(self.path)
            if self.cancelled.is_set():
                return
            from desktop_app.core.reanchor import reanchor  # loaded here: not needed to start
            from desktop_app.core.revisions import plan_revision

            placements = reanchor(self.previous.text, source.text, self.annotations)
            plan = plan_revision(
                self.previous, self.annotations, source, self.path, placements, self.rejected
            )
        except Exception as error:  # one line for the user, whatever failed
            self.signals.failed.emit(str(error).splitlines()[0] if str(error) else repr(error))
            return
        if not self.cancelled.is_set():
            self.signals.done.emit(plan)


class RevisionImportFlow(QObject):
    imported = Signal(str, object)  # the new revision's id, its RevisionSummary
    finished = Signal()

    def __init__(
        self,
        desk: Desk,
        say: Callable[..., None],
        parent_widget: QWidget,
        choose_file: Callable[[QWidget, str, str], str] | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self.desk, self.say, self.parent_widget = desk, say, parent_widget
        self.choose_file = choose_file or _ask_for_file
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals(self)
        self.signals.done.connect(self._reanchored)
        self.signals.failed.connect(self._failed)
        self.progress: QProgressDialog | None = None
        self.cancelled = threading.Event()
        self._job: tuple[str, Document, tuple[Annotation, ...]] | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def choose(self, previous_id: str) -> None:
        """Ask for the new version of the draft `previous_id`, then import it."""
        if not previous_id:
            self.say("Open the draft the new version replaces first.", error=True)
            return
        try:
            source_path = self.desk.document(previous_id).source_path
        except CopydeskError:
            source_path = ""
        # A reporter's new version usually lands beside the draft it replaces.
        path = self.choose_file(self.parent_widget, "Import New Version", start_folder(source_path))
        if path:
            self.start(path, previous_id)

    def start(self, path: str, previous_id: str) -> bool:
        if self.busy:
            self.say("A new version is already being imported.", error=True)
            return False
        try:
            previous, annotations, rejected = revisions.revision_inputs(self.desk, previous_id)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        self._job = (str(Path(path).resolve()), previous, annotations)
        self.cancelled = threading.Event()
        self.progress = QProgressDialog(
            f"Placing {len(annotations)} annotations in the new version…",
            "Cancel",
            0,
            0,  # busy: re-anchoring is one computation
            self.parent_widget,
        )
        self.progress.setWindowTitle("Import New Version")
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self._cancel)
        self.progress.setValue(0)
        job = _Reanchor(self._job[0], previous, annotations, rejected, self.signals, self.cancelled)
        self.pool.start(job)
        return True

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def _cancel(self) -> None:
        self.cancelled.set()
        self._end()
        self.say("Import of the new version cancelled; nothing changed.")

    def _reanchored(self, plan: RevisionPlan) -> None:
        job = self._job
        if job is None:  # cancelled meanwhile
            return
        self._end()
        previous = job[1]
        try:
            doc, summary = revisions.store_revision(self.desk, plan, initiator=self)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return
        self.say(f"Imported a new version of “{previous.title}”: {summary.line()}.")
        self.imported.emit(doc.id, summary)

    def _failed(self, message: str) -> None:
        if self._job is None:
            return
        self._end()
        self.say(message, error=True)

    def _end(self) -> None:
        self._job = None
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.finished.emit()


def _ask_for_file(parent: QWidget, title: str, folder: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder)
    return path
