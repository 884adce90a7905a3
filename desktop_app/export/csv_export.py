"""CSV export: UTF-8 with BOM for Excel, one row per annotation, formula injection neutralised."""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from desktop_app.core.fields import ordered_field_keys

BASE_COLUMNS = (
    "document_id", "document_title", "source_path", "annotation_id", "tag", "text", "start", "end",
    "paragraph", "context_before", "context_after", "note", "status", "reviewer", "created_at",
    "updated_at", "anchor_state",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a quote to text a spreadsheet would run as a formula (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def header(field_keys: Sequence[str]) -> list[str]:
    return [*BASE_COLUMNS, *field_keys]


def write_csv(
    out: IO[str],
    rows: Iterable[Sequence[Any]],
    field_keys: Sequence[str],
    block_starts: Mapping[str, Sequence[int]],
) -> int:
    """Write the header and one line per storage row (see core.model.ANNOTATION_ROW_COLUMNS).

    `out` must be opened with newline="" and encoding "utf-8-sig". Returns the number of rows.
    """
    writer = csv.writer(out)
    writer.writerow(header(field_keys))
    count = 0
    n = neutralise
    for row in rows:
        (doc_id, title, path, ann_id, tag, text, start, end, prefix, suffix, note, status,
         reviewer, created, updated, state) = row[:16]
        orphan = state == "orphaned"
        starts = block_starts.get(doc_id, ())
        paragraph = "" if orphan or not starts else bisect_right(starts, start)
        writer.writerow((
            doc_id, n(title), n(path), ann_id, n(tag), n(text),
            "" if orphan else start, "" if orphan else end, paragraph,
            n(prefix), n(suffix), n(note), n(status), n(reviewer), created, updated, state,
            *[n(v) if v is not None else "" for v in row[16:]],
        ))
        count += 1
    return count


__all__ = ["write_csv", "header", "neutralise", "BASE_COLUMNS", "ordered_field_keys"]
