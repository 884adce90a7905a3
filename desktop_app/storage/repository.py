"""The repository: documents, annotations and tags in SQLite. Implements `core.ports.Repository`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop_app.core.errors import StorageError, stale
from desktop_app.core.fields import WHO_FIELDS
from desktop_app.core.model import Annotation, Document, DocumentSummary, Tag
from desktop_app.storage.database import Connection, describe_sqlite_error
from desktop_app.storage.file_watch import FileWatch
from desktop_app.storage.rows import (
    ANNOTATION_COLUMNS,
    ANNOTATION_COUNT,
    DOCUMENT_COLUMNS,
    DRAFT_COLUMNS,
    TAG_COLUMNS,
    annotation_of,
    annotation_values,
    annotations_of,
    document_of,
    document_values,
    tag_of,
    tag_values,
)

if TYPE_CHECKING:  # export queries load with the first export, not with every window
    from desktop_app.core.export_data import ExportQuery
    from desktop_app.core.results import AnnotationHit, ExportRow, SearchHit


class SqliteRepository:
    """All reads and writes. Writes happen inside `transaction()`; each edit is one commit."""

    def __init__(self, db: Connection, path: str = "") -> None:
        self.db = db
        self.path = path or "database"
        self._depth = 0
        self._texts: dict[str, str] = {}  # document id -> text; a document's text never changes
        self._file = FileWatch(path)

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._file.check()  # never "save" into a file that was deleted while open
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None
        self._depth = 1
        try:
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise StorageError(describe_sqlite_error(error, self.path)) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def _write(self, sql: str, params: Any = ()) -> None:
        """A write inside the current transaction, or its own one-statement transaction."""
        with self.transaction():
            self.db.execute(sql, params)

    def _read(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self.db.execute(sql, params).fetchall())
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None

    def close(self) -> None:
        """Move everything from the WAL into the main file, then close: after this the .sqlite3
        file alone holds every annotation (a copy of it is a complete backup)."""
        try:
            if not self._file.lost:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # another connection still reads; the last one to close checkpoints
        try:
            self.db.conn.close()
        except sqlite3.Error:
            pass

    # -- other processes, backups ------------------------------------------------------------
    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version); also the moment to
        notice that the file was deleted or replaced (StorageError)."""
        self._file.check()
        return int(self._read("PRAGMA data_version")[0][0])

    def set_busy_timeout(self, milliseconds: int) -> None:
        self.db.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def backup(self, reason: str) -> str:
        from desktop_app.storage.backup import make_backup

        return str(make_backup(self.db.conn, self.path, reason))

    def backups(self) -> list[str]:
        from desktop_app.storage.backup import list_backups

        return [str(p) for p in list_backups(self.path)]

    def save_copy(self, path: str) -> None:
        """Copy everything, from the open connection (so it works after the file was deleted)."""
        from desktop_app.storage.backup import copy_into

        try:
            copy_into(self.db.conn, path)
        except (OSError, sqlite3.Error) as error:
            why = getattr(error, "strerror", None) or str(error)
            raise StorageError(f"{path}: cannot save a copy ({why})") from None

    def restore(self, source: str) -> None:
        """Replace everything with a backup (having backed up the current state first)."""
        from desktop_app.storage.backup import check_backup, restore_into
        from desktop_app.storage.database import _migrate

        check_backup(source)
        self._file.check()
        self.backup("before-restore")
        try:
            restore_into(self.db.conn, source)
            _migrate(self.db)  # a backup from an older Copydesk gets this one's schema
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None
        self._texts.clear()

    # -- documents ----------------------------------------------------------------------------
    def insert_document(self, doc: Document) -> None:
        self._write(
            f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES ({', '.join('?' * 11)})",
            document_values(doc),
        )

    def update_document(self, doc: Document) -> None:
        with self.transaction():
            self._guarded(
                "document",
                doc.id,
                "UPDATE documents SET title = ?, note = ?, revision = revision + 1 "
                "WHERE id = ? AND revision = ?",
                [doc.title, doc.note, doc.id, doc.revision],
            )

    def delete_document(self, document_id: str, revision: int) -> None:
        with self.transaction():
            self._guarded(
                "document",
                document_id,
                "DELETE FROM documents WHERE id = ? AND revision = ?",
                [document_id, revision],
            )
        self._texts.pop(document_id, None)

    def _guarded(self, kind: str, ident: str, sql: str, params: list[Any]) -> None:
        """Run an update or delete that names the revision it expects; refuse a stale one."""
        if self.db.execute(sql, params).rowcount == 1:
            return
        table = {"document": "documents", "tag": "tags", "annotation": "annotations"}[kind]
        key = "name" if kind == "tag" else "id"
        exists = self.db.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", [ident]).fetchone()
        raise stale(kind, deleted=exists is None)

    def get_document(self, document_id: str) -> Document | None:
        rows = self._read(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", [document_id])
        return document_of(rows[0]) if rows else None

    def find_document(self, text_sha256: str, source_path: str) -> Document | None:
        rows = self._read(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE text_sha256 = ? AND source_path = ?",
            [text_sha256, source_path],
        )
        return document_of(rows[0]) if rows else None

    def documents_with_text(self, text_sha256: str) -> list[Document]:
        rows = self._read(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE text_sha256 = ? "
            "ORDER BY imported_at, rowid",
            [text_sha256],
        )
        return [document_of(r) for r in rows]

    def document_text(self, document_id: str) -> str | None:
        """The canonical text of a document (cached: it never changes), or None if it is gone."""
        text = self._texts.get(document_id)
        if text is None:
            rows = self._read("SELECT text FROM documents WHERE id = ?", [document_id])
            if not rows:
                return None
            text = self._texts[document_id] = rows[0][0]
        return text

    def find_documents(self, id_prefix: str) -> list[str]:
        """Ids starting with `id_prefix` (any case), so the CLI accepts a short id like git does."""
        prefix = id_prefix.strip()
        if not prefix:
            return []
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._read(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id", [escaped + "%"]
        )
        return [r[0] for r in rows]

    def list_documents(self) -> list[DocumentSummary]:
        """Every document with its size and count per tag, newest first (no text loaded)."""
        docs = self._read(
            "SELECT id, title, source_path, source_format, length(text), imported_at "
            "FROM documents ORDER BY imported_at DESC, rowid DESC"
        )
        counts: dict[str, dict[str, int]] = {}
        # Each table counted along its (document_id, tag) index, then added up here.
        for doc_id, tag, n in self._read(
            "SELECT document_id, tag, count(*) FROM annotations GROUP BY document_id, tag "
            "UNION ALL "
            "SELECT document_id, tag, count(*) FROM revision_annotations GROUP BY document_id, tag"
        ):
            per = counts.setdefault(doc_id, {})
            per[tag] = per.get(tag, 0) + n
        return [DocumentSummary(*row, counts=counts.get(row[0], {})) for row in docs]

    def search_documents(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Documents whose title or text hold every word of `query` (FTS5, accents ignored),
        best match first, each with the words in context."""
        return _queries().search_documents(self._read, query, limit)

    # -- annotations --------------------------------------------------------------------------
    def annotations_for(self, document_id: str, ordered: bool = True) -> list[Annotation]:
        """A document's annotations, in reading order unless `ordered` is False (the window sorts
        them itself and skips SQLite's sort when opening a long draft)."""
        order = ' ORDER BY start, "end"' if ordered else ""
        # The rows by rowid, not in the index's (start) order: each table page is then read once,
        # where 10,000 lookups in start order thrash SQLite's page cache (and cost a syscall per
        # page re-read). An earlier revision's annotations are frozen copies (see
        # freeze_annotations).
        rows = self._read(
            f"SELECT {DRAFT_COLUMNS} FROM annotations WHERE rowid IN "
            "(SELECT rowid FROM annotations WHERE document_id = ?) UNION ALL "
            f"SELECT {DRAFT_COLUMNS} FROM revision_annotations WHERE document_id = ?{order}",
            [document_id, document_id],
        )
        return annotations_of(rows, document_id)

    def freeze_annotations(self, document_id: str) -> list[Annotation]:
        """Make the document an earlier revision: its annotations become read-only copies kept
        with it, and leave the live set (their ids move on to the next revision)."""
        live = self._read(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE document_id = ?", [document_id]
        )
        with self.transaction():
            self.db.execute(
                f"INSERT OR REPLACE INTO revision_annotations ({ANNOTATION_COLUMNS}) "
                f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE document_id = ?",
                [document_id],
            )
            self.db.execute("DELETE FROM annotations WHERE document_id = ?", [document_id])
        return [annotation_of(r) for r in live]

    def thaw_annotations(self, document_id: str) -> list[Annotation]:
        """Undo `freeze_annotations`: the frozen copies become the live annotations again."""
        frozen = self._read(
            f"SELECT {ANNOTATION_COLUMNS} FROM revision_annotations WHERE document_id = ?",
            [document_id],
        )
        with self.transaction():
            self.db.execute(
                f"INSERT INTO annotations ({ANNOTATION_COLUMNS}) "
                f"SELECT {ANNOTATION_COLUMNS} FROM revision_annotations WHERE document_id = ?",
                [document_id],
            )
            self.db.execute("DELETE FROM revision_annotations WHERE document_id = ?", [document_id])
        return [annotation_of(r) for r in frozen]

    def revisions_of(self, document_id: str) -> list[Document]:
        rows = self._read(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE revision_of = ? "
            "ORDER BY imported_at, rowid",
            [document_id],
        )
        return [document_of(r) for r in rows]

    def get_annotation(self, annotation_id: str) -> Annotation | None:
        rows = self._read(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", [annotation_id]
        )
        return annotation_of(rows[0]) if rows else None

    def insert_annotation(self, a: Annotation) -> None:
        self.db.execute(
            f"INSERT INTO annotations ({ANNOTATION_COLUMNS}) "
            f"VALUES ({', '.join('?' * ANNOTATION_COUNT)})",
            annotation_values(a),
        )

    def update_annotation(self, a: Annotation) -> None:
        # Everything but id and created_at can change (fields, status, note, tag, re-anchoring).
        values = annotation_values(a)
        self._guarded(
            "annotation",
            a.id,
            'UPDATE annotations SET (tag, start, "end", exact, prefix, suffix, note, status, '
            "fields, reviewer, updated_at, anchor_state, previous_text, revision) = "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, revision + 1) WHERE id = ? AND revision = ?",
            [*values[2:12], values[13], values[14], values[16], a.id, a.revision],
        )

    def delete_annotation(self, annotation_id: str, revision: int) -> None:
        self._guarded(
            "annotation",
            annotation_id,
            "DELETE FROM annotations WHERE id = ? AND revision = ?",
            [annotation_id, revision],
        )

    def find_annotations(
        self,
        tag: str = "",
        status: str = "",
        speaker: str = "",
        reviewer: str = "",
        limit: int = 5000,
    ) -> list[AnnotationHit]:
        """Annotations across the library matching every filter given (speaker: any part of the
        speaker, claimant or source description, any case), in library then reading order."""
        return _queries().find_annotations(self._read, tag, status, speaker, reviewer, limit)

    def annotations_with_tag(self, tag: str) -> list[Annotation]:
        rows = self._read(f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE tag = ?", [tag])
        return [annotation_of(r) for r in rows]

    # -- tags ---------------------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        rows = self._read(f"SELECT {TAG_COLUMNS} FROM tags ORDER BY position, name")
        return [tag_of(r) for r in rows]

    def get_tag(self, name: str) -> Tag | None:
        rows = self._read(f"SELECT {TAG_COLUMNS} FROM tags WHERE name = ?", [name])
        return tag_of(rows[0]) if rows else None

    def insert_tag(self, t: Tag) -> None:
        self.db.execute(
            f"INSERT INTO tags ({TAG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            tag_values(t),
        )

    def update_tag(self, t: Tag) -> None:
        self._guarded(
            "tag",
            t.name,
            "UPDATE tags SET label = ?, colour = ?, shortcut = ?, description = ?, position = ?, "
            "revision = revision + 1 WHERE name = ? AND revision = ?",
            [t.label, t.colour, t.shortcut, t.description, t.position, t.name, t.revision],
        )

    def delete_tag(self, name: str, revision: int) -> None:
        self._guarded(
            "tag", name, "DELETE FROM tags WHERE name = ? AND revision = ?", [name, revision]
        )

    # -- export -------------------------------------------------------------------------------
    def field_keys(self, document_id: str | None = None) -> list[str]:
        return _queries().field_keys(self._read, document_id)

    def export_rows(self, document_id: str | None = None) -> Iterator[ExportRow]:
        """Rows streamed from the cursor (a 100,000-row export never sits in memory at once)."""
        return _queries().export_rows(self._read, self.db.execute, self.path, document_id)

    def csv_lines(self, query: ExportQuery, field_keys: Sequence[str]) -> Iterator[bytes]:
        """Rendered by SQLite in one statement (see storage/csv_query.py)."""
        from desktop_app.core.export_data import csv_columns
        from desktop_app.storage.csv_query import csv_lines

        _, keys = csv_columns(field_keys)
        who = sum(k in WHO_FIELDS for k in keys)
        try:
            yield from csv_lines(self.db.conn, query, keys, who)
        except sqlite3.Error as error:
            raise StorageError(describe_sqlite_error(error, self.path)) from None

    def reviewers(self, document_id: str | None = None) -> list[str]:
        return _queries().reviewers(self._read, document_id)

    # -- rejected suggestions -----------------------------------------------------------------
    def rejected_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        rows = self._read(
            'SELECT kind, start, "end" FROM rejected_suggestions WHERE document_id = ?',
            [document_id],
        )
        return {(kind, start, end) for kind, start, end in rows}

    def insert_rejection(self, document_id: str, kind: str, start: int, end: int) -> None:
        self._write(
            'INSERT OR IGNORE INTO rejected_suggestions (document_id, kind, start, "end") '
            "VALUES (?, ?, ?, ?)",
            [document_id, kind, start, end],
        )

    def delete_rejection(self, document_id: str, kind: str, start: int, end: int) -> None:
        self._write(
            "DELETE FROM rejected_suggestions "
            'WHERE document_id = ? AND kind = ? AND start = ? AND "end" = ?',
            [document_id, kind, start, end],
        )


def _queries() -> ModuleType:
    """The library-wide queries, loaded on first use (with their result dataclasses): a window
    opens without them."""
    from desktop_app.storage import library_queries

    return library_queries
