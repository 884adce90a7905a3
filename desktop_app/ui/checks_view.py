"""Keeps the Checks panel and the library's per-draft counts current: findings of open drafts come
from their live state, the rest are computed once and dropped when a change touches them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop_app.core.checks import Finding
from desktop_app.core.errors import CopydeskError
from desktop_app.core.operations import Change
from desktop_app.desk import Desk
from desktop_app.desk.suggestions import findings as suggestion_findings
from desktop_app.ui.checks_panel import ChecksPanel
from desktop_app.ui.library import LibraryList


class ChecksView(QObject):
    def __init__(
        self,
        desk: Desk,
        panel: ChecksPanel,
        library: LibraryList,
        current: Callable[[], str],
        say: Callable[..., None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.panel, self.library = desk, panel, library
        self.current, self.say = current, say
        self.cached: dict[str, list[Finding]] = {}  # documents not open
        self.timer = QTimer(self, singleShot=True, interval=150)
        self.timer.timeout.connect(self.refresh)
        panel.scope_changed.connect(self.refresh)
        desk.subscribe(self._changed)

    def _changed(self, change: Change, _initiator: object) -> None:
        for doc_id in change.document_ids | set(change.documents_removed):
            self.cached.pop(doc_id, None)
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    def findings_for(self, document_id: str) -> list[Finding]:
        if self.desk.is_open(document_id):
            # What the suggester found and nobody tagged yet counts too (quotes, unnamed sources).
            return self.desk.findings(document_id) + suggestion_findings(self.desk, document_id)
        if document_id not in self.cached:
            self.cached[document_id] = self.desk.findings(document_id)
        return self.cached[document_id]

    def refresh(self) -> None:
        """Recompute the checks (debounced after edits) and the per-document counts."""
        titles = self.library.titles()
        try:
            per_doc = {doc: self.findings_for(doc) for doc in titles}
        except CopydeskError as error:
            self.say(str(error), error=True)
            return
        self.library.update_checks({doc: len(found) for doc, found in per_doc.items()})
        if self.panel.whole_library:
            shown = [f for doc in titles for f in per_doc[doc]]
        else:
            shown = per_doc.get(self.current(), [])
        self.panel.show_findings(shown, titles)
