"""CSV export: UTF-8 with BOM for Excel, one row per annotation, formula injection neutralised."""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from desktop_app.core.fields import ordered_field_keys

BASE_COLUMNS = (
    "document_id",
    "document_title",
    "source_path",
    "annotation_id",
    "tag",
    "text",
    "start",
    "end",
    "paragraph",
    "context_before",
    "context_after",
    "note",
    "status",
    "reviewer",
    "created_at",
    "updated_at",
    "anchor_state",
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

    def lines() -> Iterator[tuple[Any, ...]]:
        # The hot loop of a 100,000-row export: `neutralise` is inlined for the per-row cells,
        # and per-document or repeated values (title, path, tag, status) are neutralised once.
        nonlocal count
        danger = _FORMULA_STARTS
        cached: dict[Any, Any] = {}
        for row in rows:
            (
                doc_id,
                title,
                path,
                ann_id,
                tag,
                text,
                start,
                end,
                prefix,
                suffix,
                note,
                status,
                reviewer,
                created,
                updated,
                state,
            ) = row[:16]
            key = (doc_id, title, path, tag, status, reviewer)
            fixed = cached.get(key)
            if fixed is None:
                fixed = cached[key] = (
                    neutralise(title),
                    neutralise(path),
                    neutralise(tag),
                    neutralise(status),
                    neutralise(reviewer),
                    block_starts.get(doc_id, ()),
                )
            n_title, n_path, n_tag, n_status, n_reviewer, starts = fixed
            if state == "orphaned":
                start = end = paragraph = ""
            else:
                paragraph = bisect_right(starts, start) if starts else ""
            count += 1
            yield (
                doc_id,
                n_title,
                n_path,
                ann_id,
                n_tag,
                "'" + text if text.startswith(danger) else text,
                start,
                end,
                paragraph,
                "'" + prefix if prefix.startswith(danger) else prefix,
                "'" + suffix if suffix.startswith(danger) else suffix,
                "'" + note if note.startswith(danger) else note,
                n_status,
                n_reviewer,
                created,
                updated,
                state,
                *[("" if v is None else neutralise(v)) for v in row[16:]],
            )

    writer.writerows(lines())
    return count


__all__ = ["write_csv", "header", "neutralise", "BASE_COLUMNS", "ordered_field_keys"]
