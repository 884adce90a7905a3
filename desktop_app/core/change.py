"""What an edit changed (`Change`), the protocol every edit follows (`Operation`), and the scope of
library-wide edits: the small part of the operations every view and the undo history name, kept
apart from core/operations.py so that a window can start without creating the operations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from desktop_app.core.model import Annotation, Document, Tag

if TYPE_CHECKING:
    from desktop_app.core.ports import Repository


@dataclass(frozen=True)
class Change:
    """What an operation changed, so each view refreshes only that.

    `annotations` holds the new values of the added and updated annotations (the last value of an
    id wins), so nobody has to read back a row just written. `spans` are (document_id, start, end)
    ranges whose highlights changed.
    """

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    spans: tuple[tuple[str, int, int], ...] = ()  # (document_id, start, end)
    tags_changed: bool = False
    annotations: tuple[Annotation, ...] = ()
    documents_added: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    documents_updated: tuple[str, ...] = ()
    departed: tuple[Annotation, ...] = ()  # the last values of the removed annotations
    documents: tuple[Document, ...] = ()  # the new values of the added and updated documents
    tags: tuple[Tag, ...] = ()  # the new values of the added and updated tags

    def merge(self, other: Change) -> Change:
        return Change(
            self.added + other.added,
            self.removed + other.removed,
            self.updated + other.updated,
            self.spans + other.spans,
            self.tags_changed or other.tags_changed,
            self.annotations + other.annotations,
            self.documents_added + other.documents_added,
            self.documents_removed + other.documents_removed,
            self.documents_updated + other.documents_updated,
            self.departed + other.departed,
            self.documents + other.documents,
            self.tags + other.tags,
        )

    @property
    def document_ids(self) -> frozenset[str]:
        """Documents whose annotations changed."""
        return frozenset(doc for doc, _, _ in self.spans)

    @property
    def library_changed(self) -> bool:
        """Whether the list of documents (or their titles) changed."""
        return bool(self.documents_added or self.documents_removed or self.documents_updated)

    @property
    def scope(self) -> str:
        """The undo history this edit belongs to: its document's id, or LIBRARY for edits of
        tags and documents (and anything spanning several documents)."""
        if self.tags_changed or self.library_changed:
            return LIBRARY
        docs = self.document_ids
        return next(iter(docs)) if len(docs) == 1 else LIBRARY

    def value_of(self, annotation_id: str) -> Annotation | None:
        for a in reversed(self.annotations):
            if a.id == annotation_id:
                return a
        return None


LIBRARY = ""  # the scope of library-wide edits (no document id is empty)


class Operation(Protocol):
    @property
    def label(self) -> str: ...

    def run(self, repo: Repository) -> tuple[Operation, Change]: ...
