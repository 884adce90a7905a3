"""An in-memory repository: the port's second implementation, for fast tests of the desk and as
the proof (through the contract suite) that nothing above storage depends on SQLite."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from desktop_app.core.csv_cells import csv_cells, csv_line
from desktop_app.core.errors import OperationError, StorageError, stale
from desktop_app.core.export_data import ExportQuery, csv_columns
from desktop_app.core.fields import WHO_FIELDS
from desktop_app.core.model import (
    MATCH_END,
    MATCH_START,
    Annotation,
    Document,
    DocumentSummary,
    Tag,
    reading_order,
)
from desktop_app.core.results import AnnotationHit, ExportRow, SearchHit
from desktop_app.core.search import snippet, words_pattern
from desktop_app.core.textfold import fold as _fold


class MemoryRepository:
    def __init__(self, tags: tuple[Tag, ...] = ()) -> None:
        from desktop_app.core.model import BUILTIN_TAGS

        self.path = "memory"
        self._documents: dict[str, Document] = {}
        self._annotations: dict[str, Annotation] = {}
        # An earlier revision's frozen annotations: document id -> {annotation id: annotation}.
        self._frozen: dict[str, dict[str, Annotation]] = {}
        self._tags: dict[str, Tag] = {t.name: t for t in (tags or BUILTIN_TAGS)}
        self._rejected: frozenset[tuple[str, str, int, int]] = frozenset()  # (document, kind, …)
        self._depth = 0
        self._closed = False
        self._version = 0  # commits so far: what data_version reports
        self._snapshots: dict[str, tuple[dict, dict, dict]] = {}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._alive()
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        saved = (dict(self._documents), dict(self._annotations), dict(self._tags))
        frozen = {doc: dict(copies) for doc, copies in self._frozen.items()}
        rejected = self._rejected
        self._depth = 1
        try:
            yield
            self._version += 1
        except BaseException:
            self._documents, self._annotations, self._tags = saved
            self._frozen = frozen
            self._rejected = rejected
            raise
        finally:
            self._depth = 0

    def _alive(self) -> None:
        if self._closed:
            raise StorageError("memory: the database is closed")

    def close(self) -> None:
        self._closed = True

    def _guard(self, kind: str, current: object, expected: int) -> None:
        if current is None:
            raise stale(kind, deleted=True)
        if current.revision != expected:  # type: ignore[attr-defined]
            raise stale(kind, deleted=False)

    # -- other sessions, backups -----------------------------------------------------------------
    def data_version(self) -> int:
        self._alive()
        return self._version

    def set_busy_timeout(self, milliseconds: int) -> None:
        pass  # nothing here ever waits for a lock

    def _state(self) -> tuple[dict, dict, dict]:
        return dict(self._documents), dict(self._annotations), dict(self._tags)

    def backup(self, reason: str) -> str:
        name = f"memory-backup-{len(self._snapshots) + 1}-{reason}"
        self._snapshots[name] = self._state()
        return name

    def backups(self) -> list[str]:
        return list(reversed(self._snapshots))

    def restore(self, source: str) -> None:
        if source not in self._snapshots:
            raise StorageError(f"{source}: no such backup")
        self.backup("before-restore")
        with self.transaction():
            self._documents, self._annotations, self._tags = map(dict, self._snapshots[source])

    def save_copy(self, path: str) -> None:
        """Write everything into a new SQLite database file (a Copydesk database)."""
        from desktop_app.storage.database import open_database
        from desktop_app.storage.repository import SqliteRepository

        target = SqliteRepository(open_database(path, backups=False), path)
        try:
            with target.transaction():
                target.db.execute("DELETE FROM tags")  # the new file's built-ins: ours replace them
                for t in self._tags.values():
                    target.insert_tag(t)
                for d in self._documents.values():
                    target.insert_document(d)
                for a in self._annotations.values():
                    target.insert_annotation(a)
        finally:
            target.close()

    # -- documents -------------------------------------------------------------------------------
    def insert_document(self, document: Document) -> None:
        self._alive()
        if document.id in self._documents:
            raise StorageError(f"memory: document {document.id} already exists")
        self._documents[document.id] = document

    def update_document(self, document: Document) -> None:
        current = self._documents.get(document.id)
        self._guard("document", current, document.revision)
        assert current is not None
        self._documents[document.id] = replace(
            current, title=document.title, note=document.note, revision=document.revision + 1
        )

    def delete_document(self, document_id: str, revision: int) -> None:
        self._guard("document", self._documents.get(document_id), revision)
        self._documents.pop(document_id, None)
        self._frozen.pop(document_id, None)
        self._rejected = frozenset(r for r in self._rejected if r[0] != document_id)
        for a in [a for a in self._annotations.values() if a.document_id == document_id]:
            del self._annotations[a.id]
        for d in [d for d in self._documents.values() if d.revision_of == document_id]:
            self._documents[d.id] = replace(d, revision_of=None)  # as SQLite's ON DELETE SET NULL

    def get_document(self, document_id: str) -> Document | None:
        self._alive()
        return self._documents.get(document_id)

    def document_text(self, document_id: str) -> str | None:
        doc = self._documents.get(document_id)
        return doc.text if doc else None

    def find_document(self, text_sha256: str, source_path: str) -> Document | None:
        return next(
            (
                d
                for d in self._documents.values()
                if d.text_sha256 == text_sha256 and d.source_path == source_path
            ),
            None,
        )

    def documents_with_text(self, text_sha256: str) -> list[Document]:
        found = [d for d in self._documents.values() if d.text_sha256 == text_sha256]
        return sorted(found, key=lambda d: d.imported_at)

    def find_documents(self, id_prefix: str) -> list[str]:
        prefix = id_prefix.strip().casefold()
        if not prefix:
            return []
        return sorted(i for i in self._documents if i.casefold().startswith(prefix))

    def list_documents(self) -> list[DocumentSummary]:
        counts: dict[str, dict[str, int]] = {}
        for a in self._every_annotation():
            per = counts.setdefault(a.document_id, {})
            per[a.tag] = per.get(a.tag, 0) + 1
        order = list(self._documents.values())
        order.reverse()  # newest first among equal times, like SQLite's rowid DESC
        order.sort(key=lambda d: d.imported_at, reverse=True)
        return [
            DocumentSummary(
                d.id,
                d.title,
                d.source_path,
                d.source_format,
                len(d.text),
                d.imported_at,
                counts.get(d.id, {}),
            )
            for d in order
        ]

    def search_documents(self, query: str, limit: int = 200) -> list[SearchHit]:
        words = [_fold(w) for w in query.split()]
        if not words:
            return []
        hits = []
        for d in reversed(list(self._documents.values())):
            folded = _fold(d.text)
            if all(w in folded or w in _fold(d.title) for w in words):
                pattern = words_pattern(query.split())
                found = snippet(d.text, pattern, MATCH_START, MATCH_END) if pattern else None
                hits.append(SearchHit(d.id, d.title, found or d.text[:80]))
        return hits[:limit]

    # -- annotations -----------------------------------------------------------------------------
    def annotations_for(self, document_id: str, ordered: bool = True) -> list[Annotation]:
        found = [a for a in self._annotations.values() if a.document_id == document_id]
        found += self._frozen.get(document_id, {}).values()
        return sorted(found, key=lambda a: (a.start, a.end)) if ordered else found

    def _every_annotation(self) -> list[Annotation]:
        return [
            *self._annotations.values(),
            *(a for c in self._frozen.values() for a in c.values()),
        ]

    def freeze_annotations(self, document_id: str) -> list[Annotation]:
        live = [a for a in self._annotations.values() if a.document_id == document_id]
        copies = self._frozen.setdefault(document_id, {})
        for a in live:
            copies[a.id] = a
            del self._annotations[a.id]
        return live

    def thaw_annotations(self, document_id: str) -> list[Annotation]:
        frozen = list(self._frozen.get(document_id, {}).values())
        for a in frozen:
            if a.id in self._annotations:
                raise StorageError(f"memory: annotation {a.id} already exists")
        for a in frozen:
            self._annotations[a.id] = a
        self._frozen.pop(document_id, None)
        return frozen

    def revisions_of(self, document_id: str) -> list[Document]:
        found = [d for d in self._documents.values() if d.revision_of == document_id]
        return sorted(found, key=lambda d: d.imported_at)

    def get_annotation(self, annotation_id: str) -> Annotation | None:
        self._alive()
        return self._annotations.get(annotation_id)

    def find_annotations(
        self,
        tag: str = "",
        status: str = "",
        speaker: str = "",
        reviewer: str = "",
        limit: int = 5000,
    ) -> list[AnnotationHit]:
        found = []
        for d in self._newest_first():
            for a in self.annotations_for(d.id):
                who = " ".join(a.fields.get(k, "") for k in WHO_FIELDS)
                if (
                    (not tag or a.tag == tag)
                    and (not status or a.status == status)
                    and (not reviewer or a.reviewer == reviewer)
                    and (not speaker or _fold(speaker) in _fold(who))
                ):
                    found.append(AnnotationHit(a, d.title))
        return found[:limit]

    def _newest_first(self) -> list[Document]:
        order = list(self._documents.values())
        order.reverse()
        order.sort(key=lambda d: d.imported_at, reverse=True)
        return order

    def annotations_with_tag(self, tag: str) -> list[Annotation]:
        return [a for a in self._annotations.values() if a.tag == tag]

    def insert_annotation(self, annotation: Annotation) -> None:
        if annotation.id in self._annotations:
            raise StorageError(f"memory: annotation {annotation.id} already exists")
        if annotation.document_id not in self._documents:
            raise StorageError("memory: the annotation's document does not exist")
        if annotation.tag not in self._tags:
            raise StorageError(f"memory: unknown tag {annotation.tag}")
        self._annotations[annotation.id] = annotation

    def update_annotation(self, annotation: Annotation) -> None:
        current = self._annotations.get(annotation.id)
        self._guard("annotation", current, annotation.revision)
        assert current is not None
        self._annotations[annotation.id] = replace(
            annotation,
            document_id=current.document_id,
            created_at=current.created_at,
            revision=annotation.revision + 1,
        )

    def delete_annotation(self, annotation_id: str, revision: int) -> None:
        self._guard("annotation", self._annotations.get(annotation_id), revision)
        self._annotations.pop(annotation_id, None)

    # -- tags ------------------------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        return sorted(self._tags.values(), key=lambda t: (t.position, t.name))

    def get_tag(self, name: str) -> Tag | None:
        return self._tags.get(name)

    def insert_tag(self, tag: Tag) -> None:
        if tag.name in self._tags:
            raise StorageError(f"memory: tag {tag.name} already exists")
        self._tags[tag.name] = tag

    def update_tag(self, tag: Tag) -> None:
        current = self._tags.get(tag.name)
        self._guard("tag", current, tag.revision)
        assert current is not None
        self._tags[tag.name] = replace(tag, builtin=current.builtin, revision=tag.revision + 1)

    def delete_tag(self, name: str, revision: int) -> None:
        self._guard("tag", self._tags.get(name), revision)
        if any(a.tag == name for a in self._annotations.values()):
            raise OperationError(f"memory: tag {name} is in use")
        self._tags.pop(name, None)

    # -- export ----------------------------------------------------------------------------------
    def field_keys(self, document_id: str | None = None) -> list[str]:
        return sorted(
            {
                k
                for a in self._every_annotation()
                if document_id is None or a.document_id == document_id
                for k in a.fields
            }
        )

    def export_rows(self, document_id: str | None = None) -> Iterator[ExportRow]:
        docs = [d for d in self._documents.values() if document_id in (None, d.id)]
        docs.sort(key=lambda d: (d.imported_at, d.id))
        for d in docs:
            starts = [b.start for b in d.blocks]
            for a in sorted(self.annotations_for(d.id), key=reading_order):
                orphan = a.anchor_state == "orphaned"
                yield ExportRow(
                    d.id,
                    d.title,
                    d.source_path,
                    a.id,
                    a.tag,
                    "" if orphan else a.exact,
                    "" if orphan else a.start,
                    "" if orphan else a.end,
                    "" if orphan else (bisect_right(starts, a.start) or ""),
                    a.prefix,
                    a.suffix,
                    a.note,
                    a.status,
                    a.reviewer,
                    a.created_at,
                    a.updated_at,
                    a.anchor_state,
                    (a.previous_text or a.exact) if orphan else a.previous_text,
                    dict(a.fields),
                )

    def csv_lines(self, query: ExportQuery, field_keys: Sequence[str]) -> Iterator[bytes]:
        """The reference the SQLite repository's SQL must match byte for byte."""
        _, keys = csv_columns(field_keys)
        who = sum(k in WHO_FIELDS for k in keys)
        docs = [d for d in self._documents.values() if query.document_id in (None, d.id)]
        chosen = [
            (d, a)
            for d in docs
            for a in self.annotations_for(d.id)
            if query.accepts(a.tag, a.status, a.reviewer, a.id)
        ]
        chosen.sort(
            key=lambda da: (da[0].title, da[0].text_sha256, da[1].start, da[1].end, da[1].id)
        )
        for d, a in chosen:
            paragraph = bisect_right([b.start for b in d.blocks], a.start)
            cells = csv_cells(d.title, d.text_sha256, d.source_path, paragraph, a, keys, who)
            yield csv_line(cells).encode("utf-8")

    def reviewers(self, document_id: str | None = None) -> list[str]:
        return sorted(
            {a.reviewer for a in self._every_annotation() if document_id in (None, a.document_id)}
        )

    # -- rejected suggestions --------------------------------------------------------------------
    def rejected_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        self._alive()
        return {(kind, s, e) for doc, kind, s, e in self._rejected if doc == document_id}

    def insert_rejection(self, document_id: str, kind: str, start: int, end: int) -> None:
        self._alive()
        if document_id not in self._documents:
            raise StorageError(f"memory: no document {document_id}")
        self._rejected = self._rejected | {(document_id, kind, start, end)}

    def delete_rejection(self, document_id: str, kind: str, start: int, end: int) -> None:
        self._rejected = self._rejected - {(document_id, kind, start, end)}
