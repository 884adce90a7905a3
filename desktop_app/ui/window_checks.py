"""The review window's checks: findings per draft (live for open drafts, cached for the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.core.checks import Finding, check_document
from desktop_app.core.errors import CopydeskError

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class ChecksMixin(_Base):
    def findings_for(self, document_id: str) -> list[Finding]:
        session = self.sessions.get(document_id)
        if session is not None:
            return check_document(document_id, session.text, session.annotations.values())
        if document_id not in self.library_findings:
            document = self.repo.get_document(document_id)
            annotations = self.repo.annotations_for(document_id) if document else []
            text = document.text if document else ""
            self.library_findings[document_id] = check_document(document_id, text, annotations)
        return self.library_findings[document_id]

    def refresh_checks(self) -> None:
        """Recompute the checks (debounced after edits) and the per-document counts."""
        documents = (
            self.documents
        )  # listed by refresh_library, which every import and tag change runs
        try:
            per_doc = {d["id"]: self.findings_for(d["id"]) for d in documents}
        except CopydeskError as error:
            self.show_message(str(error), error=True)
            return
        self.library.update_checks({doc: len(found) for doc, found in per_doc.items()})
        titles = {d["id"]: d["title"] for d in documents}
        if self.checks.whole_library:
            shown = [f for doc in titles for f in per_doc[doc]]
        elif self.session is not None:
            shown = per_doc.get(self.session.document.id, [])
        else:
            shown = []
        self.checks.show_findings(shown, titles)

    def go_to_finding(self, document_id: str, annotation_id: str) -> None:
        if self.open_document(document_id):
            self.focus_annotation(annotation_id, reveal=True)
