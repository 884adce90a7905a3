"""Reads across the library: the full-text search, annotations found by filters, and the rows,
field keys and reviewers an export needs. Functions over the repository's `read`."""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any

from desktop_app.core.errors import StorageError
from desktop_app.core.fields import WHO_FIELDS
from desktop_app.core.model import MATCH_END, MATCH_START
from desktop_app.core.results import AnnotationHit, ExportRow, SearchHit
from desktop_app.core.search import snippet, words_pattern
from desktop_app.core.textfold import fold
from desktop_app.storage.database import describe_sqlite_error
from desktop_app.storage.rows import (
    ALL_ANNOTATIONS,
    ANNOTATION_COLUMNS,
    ANNOTATION_COUNT,
    annotation_of,
    new,
)

EXPORT_FIELDS = tuple(f.name for f in fields(ExportRow))

Read = Callable[[str, Any], list[tuple[Any, ...]]]
SNIPPET_PREFIX = 20_000  # characters searched for the words in context before asking FTS5


def find_annotations(
    read: Read, tag: str, status: str, speaker: str, reviewer: str, limit: int
) -> list[AnnotationHit]:
    """Annotations across the library matching every filter given (speaker: any part of the
    speaker, claimant or source description, any case), in library then reading order."""
    where, params = [], []
    if tag:
        where.append("a.tag = ?")
        params.append(tag)
    if status:
        where.append("a.status = ?")
        params.append(status)
    if reviewer:
        where.append("a.reviewer = ?")
        params.append(reviewer)
    if speaker:  # narrowed in SQL, matched in Python (SQLite's lower() knows only ASCII)
        where.append(
            "(json_extract(a.fields, '$.speaker') IS NOT NULL OR "
            "json_extract(a.fields, '$.claimant') IS NOT NULL OR "
            "json_extract(a.fields, '$.description') IS NOT NULL)"
        )
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    columns = ", ".join(f"a.{c.strip()}" for c in ANNOTATION_COLUMNS.split(","))
    rows = read(
        f"SELECT {columns}, d.title FROM annotations a JOIN documents d "
        f"ON d.id = a.document_id {clause} "
        'ORDER BY d.imported_at DESC, d.rowid DESC, a.start, a."end"'
        # The speaker is matched below, in Python: only without one can SQLite stop at the limit.
        + ("" if speaker else f" LIMIT {int(limit)}"),
        params,
    )
    n = ANNOTATION_COUNT
    hits = [AnnotationHit(annotation_of(r[:n]), r[n]) for r in rows]
    if speaker:
        wanted = fold(speaker)
        hits = [
            h
            for h in hits
            if wanted in fold(" ".join(h.annotation.fields.get(k, "") for k in WHO_FIELDS))
        ]
    return hits[:limit]


def field_keys(read: Read, document_id: str | None) -> list[str]:
    where, params = ("WHERE document_id = ?", [document_id]) if document_id else ("", [])
    # Parse each distinct fields text once: many annotations share theirs ("{}", a speaker).
    rows = read(
        "SELECT DISTINCT j.key FROM "
        f"(SELECT DISTINCT fields FROM ({ALL_ANNOTATIONS}) {where}) a, json_each(a.fields) j",
        params,
    )
    return [r[0] for r in rows]


def export_rows(
    read: Read, execute: Callable[..., sqlite3.Cursor], path: str, document_id: str | None
) -> Iterator[ExportRow]:
    """Rows streamed from the cursor (a 100,000-row export never sits in memory at once)."""
    where, params = ("WHERE id = ?", [document_id]) if document_id else ("", [])
    starts = {
        doc_id: [b["start"] for b in json.loads(blocks)]
        for doc_id, blocks in read(f"SELECT id, blocks FROM documents {where}", params)
    }
    where = "WHERE a.document_id = ?" if document_id else ""
    sql = (
        "SELECT a.document_id, d.title, d.source_path, a.id, a.tag, a.exact, a.start, "
        'a."end", a.start, a.prefix, a.suffix, a.note, a.status, a.reviewer, a.created_at, '
        "a.updated_at, a.anchor_state, a.previous_text, a.fields "
        f"FROM ({ALL_ANNOTATIONS}) a JOIN documents d ON d.id = a.document_id {where} "
        'ORDER BY d.imported_at, a.document_id, a.start, a."end", a.id'
    )
    loads = json.loads
    try:
        cursor = execute(sql, params)
        while batch := cursor.fetchmany(2000):
            for row in batch:
                record = new(ExportRow)
                values = record.__dict__
                values.update(zip(EXPORT_FIELDS, row, strict=False))
                if row[16] == "orphaned":  # its words are not in this revision
                    values["start"] = values["end"] = values["paragraph"] = ""
                    values["text"], values["previous_text"] = "", row[17] or row[5]
                else:
                    values["paragraph"] = bisect_right(starts.get(row[0], ()), row[6]) or ""
                raw = row[18]
                values["fields"] = loads(raw) if raw != "{}" else {}
                yield record
    except sqlite3.Error as error:
        raise StorageError(describe_sqlite_error(error, path)) from None


def reviewers(read: Read, document_id: str | None) -> list[str]:
    where, params = ("WHERE document_id = ?", [document_id]) if document_id else ("", [])
    rows = read(f"SELECT DISTINCT reviewer FROM ({ALL_ANNOTATIONS}) {where}", params)
    return sorted(r[0] for r in rows)


def search_documents(read: Read, query: str, limit: int) -> list[SearchHit]:
    """Documents whose title or text hold every word of `query` (FTS5, accents ignored),
    best match first, each with the words in context."""
    words = [w.replace('"', '""') for w in query.split()]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words)
    # FTS5's snippet() tokenises each whole draft (~2 ms a story, 0.4 s for 200 hits); the
    # first match is nearly always near the start, so a regex over a prefix finds it.
    rows = read(
        "SELECT d.rowid, d.id, d.title, substr(d.text, 1, ?) "
        "FROM document_search JOIN documents d ON d.rowid = document_search.rowid "
        "WHERE document_search MATCH ? ORDER BY rank LIMIT ?",
        [SNIPPET_PREFIX, match, limit],
    )
    pattern = words_pattern(query.split())
    hits = []
    for rowid, ident, title, prefix in rows:
        found = snippet(prefix, pattern, MATCH_START, MATCH_END) if pattern else None
        if found is None:  # only in the title, further in, or tokenised differently
            found = read(
                "SELECT snippet(document_search, 1, ?, ?, '…', 16) FROM document_search "
                "WHERE document_search MATCH ? AND rowid = ?",
                [MATCH_START, MATCH_END, match, rowid],
            )[0][0]
        hits.append(SearchHit(ident, title, found))
    return hits
