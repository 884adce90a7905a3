"""The repository port: everything the desk needs from storage, typed, as a Protocol the core owns.

Any backend (SQLite today, a shared server database later) implements it and passes the contract
suite in tests/contract/. Records in and out are core dataclasses; dialect stays in the adapter.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

from desktop_app.core.model import Annotation, Document, DocumentSummary, Tag

if TYPE_CHECKING:
    from desktop_app.core.export_data import ExportQuery
    from desktop_app.core.results import AnnotationHit, ExportRow, SearchHit


class Repository(Protocol):
    path: str  # what messages call the database (a file path, or a server's name)

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside one `with` commit together or not at all; nesting joins the outer."""
        ...

    def close(self) -> None:
        """Flush everything into the main store (no work left in side files) and let go of it."""
        ...

    # -- other sessions on the same store, backups -----------------------------------------------
    # Optimistic concurrency: documents, tags and annotations carry a `revision`; every stored
    # change bumps it by one, and an update or delete names the revision it expects (the value's
    # own `revision`): a stale one raises ConflictError and changes nothing.
    def data_version(self) -> int:
        """A number that changes when another session commits (it may also change for this
        session's own commits). Raises StorageError when the store itself has gone."""
        ...

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another session's lock before it is refused as busy."""
        ...

    def backup(self, reason: str) -> str:
        """Keep a consistent copy of everything (the last few are kept); returns its name."""
        ...

    def backups(self) -> list[str]:
        """The kept copies, newest first (names `restore` accepts)."""
        ...

    def restore(self, source: str) -> None:
        """Replace everything with a kept copy (the current state is backed up first)."""
        ...

    def save_copy(self, path: str) -> None:
        """Write everything into a new database file at `path` (works even when the store's own
        file has gone: the way to rescue a session's work)."""
        ...

    # -- documents -------------------------------------------------------------------------------
    def insert_document(self, document: Document) -> None: ...

    def update_document(self, document: Document) -> None:
        """Store a document's metadata (title); its text never changes. Expects the stored
        revision to be `document.revision` and stores revision + 1."""
        ...

    def delete_document(self, document_id: str, revision: int) -> None:
        """Remove the document (at `revision`) and, with it, its annotations."""
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

    def search_documents(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Documents holding every word of `query` (any case, accents ignored), with a snippet."""
        ...

    # -- annotations -----------------------------------------------------------------------------
    def annotations_for(self, document_id: str, ordered: bool = True) -> list[Annotation]: ...

    def get_annotation(self, annotation_id: str) -> Annotation | None: ...

    def annotations_with_tag(self, tag: str) -> list[Annotation]: ...

    def find_annotations(
        self,
        tag: str = "",
        status: str = "",
        speaker: str = "",
        reviewer: str = "",
        limit: int = 5000,
    ) -> list[AnnotationHit]:
        """Annotations across the library matching every filter given; `speaker` matches any
        part of the speaker, claimant or source description, in any case."""
        ...

    def insert_annotation(self, annotation: Annotation) -> None: ...

    def update_annotation(self, annotation: Annotation) -> None:
        """Expects the stored revision to be `annotation.revision`; stores revision + 1."""
        ...

    def delete_annotation(self, annotation_id: str, revision: int) -> None: ...

    # -- revisions -------------------------------------------------------------------------------
    def revisions_of(self, document_id: str) -> list[Document]:
        """Documents stored as revisions of this one (`revision_of`), oldest first."""
        ...

    def freeze_annotations(self, document_id: str) -> list[Annotation]:
        """Make the document an earlier revision: its live annotations become frozen copies that
        `annotations_for`, `export_rows` and the counts still read (an earlier revision stays
        readable), and leave the live set, so their ids can move on to the next revision.
        Returns them."""
        ...

    def thaw_annotations(self, document_id: str) -> list[Annotation]:
        """Undo `freeze_annotations`: the frozen copies become live again; returns them. Fails
        (StorageError) if one of their ids is live meanwhile."""
        ...

    # -- tags ------------------------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        """Every tag in list order (position, then name)."""
        ...

    def get_tag(self, name: str) -> Tag | None: ...

    def insert_tag(self, tag: Tag) -> None: ...

    def update_tag(self, tag: Tag) -> None:
        """Expects the stored revision to be `tag.revision`; stores revision + 1."""
        ...

    def delete_tag(self, name: str, revision: int) -> None: ...

    # -- export ----------------------------------------------------------------------------------
    def field_keys(self, document_id: str | None = None) -> list[str]:
        """The field keys in use (in one document, or anywhere), in any order."""
        ...

    def export_rows(self, document_id: str | None = None) -> Iterator[ExportRow]:
        """Annotations with their document's title and path, streamed in export order: document
        import order, then start, end, id."""
        ...

    def csv_lines(self, query: ExportQuery, field_keys: Sequence[str]) -> Iterator[bytes]:
        """The CSV export's lines after its header, UTF-8, one bytes object per line: one line
        per annotation `query` selects, cells as `core.csv_cells.csv_cells` gives them for
        `csv_columns(field_keys)`, written by `csv_line`. Order: document title, text hash, then
        start, end, id (nothing library-local, so two libraries with the same review agree)."""
        ...

    def reviewers(self, document_id: str | None = None) -> list[str]:
        """Every reviewer with an annotation (in one document, or anywhere), sorted."""
        ...

    # -- rejected suggestions --------------------------------------------------------------------
    def rejected_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        """(kind, start, end) of every suggestion rejected in the document."""
        ...

    def insert_rejection(self, document_id: str, kind: str, start: int, end: int) -> None:
        """Remember a rejection (doing it twice is harmless); gone with its document."""
        ...

    def delete_rejection(self, document_id: str, kind: str, start: int, end: int) -> None: ...
