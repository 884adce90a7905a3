"""One open document, Qt-free: its annotations, span index, counts per tag and cached findings,
kept current only from `Change`s (never by re-reading what was just written)."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.core.checks import Finding, check_document
from desktop_app.core.model import Annotation, Document
from desktop_app.core.operations import Change
from desktop_app.core.spans import SpanIndex


class DocumentState:
    def __init__(self, document: Document, annotations: Iterable[Annotation]) -> None:
        self.document = document
        self.text = document.text
        self.annotations: dict[str, Annotation] = {a.id: a for a in annotations}
        self.index = SpanIndex(
            self.text,
            (
                (a.id, a.start, a.end)
                for a in self.annotations.values()
                if a.anchor_state != "orphaned"
            ),
        )
        self.counts: dict[str, int] = {}
        for a in self.annotations.values():
            self.counts[a.tag] = self.counts.get(a.tag, 0) + 1
        self._findings: list[Finding] | None = None

    @property
    def id(self) -> str:
        return self.document.id

    def _count(self, annotation: Annotation, delta: int) -> None:
        self.counts[annotation.tag] = self.counts.get(annotation.tag, 0) + delta
        if not self.counts[annotation.tag]:
            del self.counts[annotation.tag]

    def absorb(self, change: Change) -> bool:
        """Take in what `change` did to this document; False if it did nothing here."""
        touched = False
        for ident in change.removed:
            gone = self.annotations.pop(ident, None)
            if gone is not None:
                touched = True
                self._count(gone, -1)
                if ident in self.index.spans:
                    self.index.remove(ident)
        latest = {a.id: a for a in change.annotations if a.document_id == self.document.id}
        for ident, annotation in latest.items():
            if ident in change.removed and ident not in change.added:
                continue
            touched = True
            previous = self.annotations.get(ident)
            if previous is not None:
                self._count(previous, -1)
            self._count(annotation, +1)
            self.annotations[ident] = annotation
            if ident in self.index.spans:
                self.index.remove(ident)
            if annotation.anchor_state != "orphaned":
                self.index.add(ident, annotation.start, annotation.end)
        if touched:
            self._findings = None
        return touched

    def annotations_at(self, position: int) -> list[Annotation]:
        """Innermost first, as the span index orders them."""
        return [self.annotations[i] for i in self.index.at(position)]

    def in_order(self) -> list[Annotation]:
        return sorted(self.annotations.values(), key=lambda a: (a.start, a.end, a.id))

    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = check_document(self.document.id, self.text, self.annotations.values())
        return self._findings
