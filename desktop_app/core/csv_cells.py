"""The CSV cell rules every CSV path shares (Excel-safe text, RFC 4180 quoting), in plain Python:
the in-memory repository writes with them and the SQLite repository's SQL must match them byte
for byte (tests/unit/test_repository_contract.py compares the two)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from desktop_app.core.model import Annotation

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"  # RFC 4180, and what csv.writer writes


def neutralise(value: Any) -> Any:
    """Prefix a quote to text a spreadsheet would run as a formula; NUL characters, which
    spreadsheets and csv readers choke on, are dropped first. Other values pass unchanged."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        if value.startswith(DANGEROUS_STARTS):
            return "'" + value
    return value


def field_text(value: Any) -> str:
    """A field's value as one cell's text: text as it is, nothing as "", true/false as 1/0 and
    numbers as digits (as SQLite's JSON functions read them), lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def text_cell(value: str) -> str:
    """Every text cell is quoted (csv.QUOTE_NONNUMERIC): one rule, whatever the text holds."""
    return '"' + neutralise(value).replace('"', '""') + '"'


def csv_line(cells: Sequence[str | int]) -> str:
    """One line: text cells quoted and Excel-safe, numbers bare (an empty offset is text "")."""
    return ",".join(str(c) if isinstance(c, int) else text_cell(c) for c in cells) + LINE_END


def csv_cells(
    title: str,
    text_sha256: str,
    source_path: str,
    paragraph: int,
    a: Annotation,
    keys: Sequence[str],
    who: int,
) -> list[str | int]:
    """One annotation's cells in `core.export_data.csv_columns` order: `keys` are the field
    columns (the first `who` of them go right after the words). An orphan has no words, place or
    paragraph: its words are in previous_text. `paragraph` 0 (before the first block) is empty."""
    orphan = a.anchor_state == "orphaned"
    fields = [field_text(a.fields.get(k)) for k in keys]
    return [
        title,
        a.tag,
        "" if orphan else a.exact,
        *fields[:who],
        a.status,
        a.note,
        a.reviewer,
        *fields[who:],
        "" if orphan or not paragraph else paragraph,
        a.prefix,
        a.suffix,
        (a.previous_text or a.exact) if orphan else a.previous_text,
        a.anchor_state,
        a.created_at,
        a.updated_at,
        source_path,
        text_sha256,
        a.id,
        "" if orphan else a.start,
        "" if orphan else a.end,
    ]
