"""Rejecting a suggestion is an edit like any other: an operation with an inverse, so it is undone
and redone with the rest of the document's history (see core/operations.py for the protocol)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.change import Change, Operation
from desktop_app.core.errors import OperationError
from desktop_app.core.ports import Repository


def _check(repo: Repository, document_id: str, start: int, end: int) -> None:
    text = repo.document_text(document_id)
    if text is None:
        raise OperationError("the document no longer exists")
    if not 0 <= start < end <= len(text):
        raise OperationError(f"span {start}-{end} is outside the document (0-{len(text)})")


@dataclass(frozen=True)
class RejectSuggestion:
    """Remember that the editor rejected the suggestion of `kind` at start-end. The change names
    the span, so the document's views redraw it and its undo history takes the step."""

    document_id: str
    kind: str
    start: int
    end: int
    label: str = "Reject Suggestion"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        _check(repo, self.document_id, self.start, self.end)
        repo.insert_rejection(self.document_id, self.kind, self.start, self.end)
        inverse = RestoreSuggestion(self.document_id, self.kind, self.start, self.end, self.label)
        return inverse, Change(spans=((self.document_id, self.start, self.end),))


@dataclass(frozen=True)
class RestoreSuggestion:
    """Forget a rejection (the undo of RejectSuggestion)."""

    document_id: str
    kind: str
    start: int
    end: int
    label: str = "Restore Suggestion"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        _check(repo, self.document_id, self.start, self.end)
        repo.delete_rejection(self.document_id, self.kind, self.start, self.end)
        inverse = RejectSuggestion(self.document_id, self.kind, self.start, self.end, self.label)
        return inverse, Change(spans=((self.document_id, self.start, self.end),))
