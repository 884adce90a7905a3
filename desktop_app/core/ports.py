"""The repository port: everything the desk needs from storage, typed, as a Protocol the core owns.

Any backend (SQLite today, a shared server database later) implements it and passes the contract
suite in tests/contract/. Records in and out are core dataclasses; dialect stays in the adapter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from desktop_app.core.model import Annotation, Document, DocumentSummary, ExportRow, Tag


class Repository(Protocol):
    path: str  # what messages call the database (a file path, or a server's name)

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside one `with` commit together or not at all; nesting joins the outer."""
        ...

    def close(self) -> None:
        """Flush everything into the main store (no work left in side files) and let go of it."""
        ...

    # -- documents -------------------------------------------------------------------------------
    def insert_document(self, document: Document) -> None: ...

    def update_document(self, document: Document) -> None:
        """Store a document's metadata (title); its text never changes."""
        ...

    def delete_document(self, document_id: str) -> None:
        """Remove the document and, with it, its annotations."""
        ...

    def get_document(self, document_id: str) -> Document | None: ...

    def document_text(self, document_id: str) -> str | None: ...

    def find_document(self, text_sha256: str, source_path: str) -> Document | None:
        """The document imported from `source_path` with exactly this text, if any."""
        ...

    def documents_with_text(self, text_sha256: str) -> list[Document]: ...

    def find_documents(self, id_prefix: str) -> list[str]:
        """Ids starting with `id_prefix` (any case), sorted."""
        ...

    def list_documents(self) -> list[DocumentSummary]:
        """Every document, newest first, without its text."""
        ...

    # -- annotations -----------------------------------------------------------------------------
    def annotations_for(self, document_id: str, ordered: bool = True) -> list[Annotation]: ...

    def get_annotation(self, annotation_id: str) -> Annotation | None: ...

    def annotations_with_tag(self, tag: str) -> list[Annotation]: ...

    def insert_annotation(self, annotation: Annotation) -> None: ...

    def update_annotation(self, annotation: Annotation) -> None: ...

    def delete_annotation(self, annotation_id: str) -> None: ...

    # -- tags ------------------------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        """Every tag in list order (position, then name)."""
        ...

    def get_tag(self, name: str) -> Tag | None: ...

    def insert_tag(self, tag: Tag) -> None: ...

    def update_tag(self, tag: Tag) -> None: ...

    def delete_tag(self, name: str) -> None: ...

    # -- export ----------------------------------------------------------------------------------
    def field_keys(self, document_id: str | None = None) -> list[str]:
        """The field keys in use (in one document, or anywhere), in any order."""
        ...

    def export_rows(self, document_id: str | None = None) -> Iterator[ExportRow]:
        """Annotations with their document's title and path, streamed in export order: document
        import order, then start, end, id."""
        ...

    # -- rejected suggestions --------------------------------------------------------------------
    def rejected_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        """(kind, start, end) of every suggestion rejected in the document."""
        ...

    def insert_rejection(self, document_id: str, kind: str, start: int, end: int) -> None:
        """Remember a rejection (doing it twice is harmless); gone with its document."""
        ...

    def delete_rejection(self, document_id: str, kind: str, start: int, end: int) -> None: ...
