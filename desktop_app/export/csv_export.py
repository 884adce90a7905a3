"""CSV export: UTF-8 with BOM for Excel, one row per annotation, formula injection neutralised."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from desktop_app.core.export_data import ExportData
from desktop_app.core.model import ExportRow

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
    "previous_text",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a quote to text a spreadsheet would run as a formula (OWASP CSV injection advice);
    NUL characters, which spreadsheets and csv readers choke on, are dropped."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        if value.startswith(_FORMULA_STARTS):
            return "'" + value
    return value


def header(field_keys: Sequence[str]) -> list[str]:
    return [*BASE_COLUMNS, *field_keys]


def write_csv(out: IO[str], rows: Iterable[ExportRow], field_keys: Sequence[str]) -> int:
    """Write the header and one line per row. `out` must be opened with newline="" (the BOM for
    Excel is the caller's: "utf-8-sig"). Returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in header(field_keys)])
    count = 0
    keys = tuple(field_keys)

    def lines() -> Iterator[tuple[Any, ...]]:
        # The hot loop of a 100,000-row export: `neutralise` is inlined for the per-row cells,
        # and repeated values (title, path, tag, status, reviewer) are neutralised once.
        nonlocal count
        danger = _FORMULA_STARTS
        blank = [""] * len(keys)
        cached: dict[Any, Any] = {}
        for r in rows:
            key = (r.document_title, r.source_path, r.tag, r.status, r.reviewer)
            fixed = cached.get(key)
            if fixed is None:
                fixed = cached[key] = tuple(neutralise(v) for v in key)
            text, prefix, suffix, note = r.text, r.prefix, r.suffix, r.note
            values = r.fields
            count += 1
            yield (
                r.document_id,
                fixed[0],
                fixed[1],
                r.annotation_id,
                fixed[2],
                "'" + text if text.startswith(danger) else text,
                r.start,
                r.end,
                r.paragraph,
                "'" + prefix if prefix.startswith(danger) else prefix,
                "'" + suffix if suffix.startswith(danger) else suffix,
                neutralise(note) if note else note,
                fixed[3],
                fixed[4],
                r.created_at,
                r.updated_at,
                r.anchor_state,
                neutralise(r.previous_text) if r.previous_text else "",
                *([_cell(values.get(k)) for k in keys] if values else blank),
            )

    writer.writerows(lines())
    return count


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise(value)


class CsvExporter:
    name = "csv"
    label = "CSV spreadsheet"
    suffix = ".csv"
    binary = False

    def write(self, data: ExportData, out: IO[str]) -> int:
        return write_csv(out, data.rows, data.field_keys)


__all__ = ["write_csv", "header", "neutralise", "BASE_COLUMNS", "CsvExporter"]
