"""CSV export: UTF-8 with BOM for Excel, one row per annotation, formula injection neutralised.
Human columns first (title, tag, words, who, status, note, reviewer, other fields), then place,
times and ids (core.export_data.csv_columns); the repository renders the lines."""

from __future__ import annotations

from itertools import islice
from typing import IO

from desktop_app.core.csv_cells import csv_line, neutralise
from desktop_app.core.export_data import CSV_HEAD, CSV_MIDDLE, CSV_TAIL, ExportData, csv_columns

BOM = b"\xef\xbb\xbf"  # tells Excel the file is UTF-8
BASE_COLUMNS = (*CSV_HEAD, *CSV_MIDDLE, *CSV_TAIL)  # the columns every export has


def header(field_keys: list[str] | tuple[str, ...]) -> list[str]:
    return list(csv_columns(field_keys)[0])


class CsvExporter:
    name = "csv"
    label = "CSV spreadsheet"
    suffix = ".csv"
    binary = True  # the lines arrive as UTF-8 bytes from the repository
    findings = False

    def write(self, data: ExportData, out: IO[bytes]) -> int:
        out.write(BOM)
        # Field keys can come from another program: the header is neutralised like any cell.
        out.write(csv_line(header(data.field_keys)).encode("utf-8"))
        count = 0
        lines = iter(data.csv_lines)
        while batch := list(islice(lines, 4000)):  # few, large writes
            out.write(b"".join(batch))
            count += len(batch)
        return count


__all__ = ["header", "neutralise", "BASE_COLUMNS", "CsvExporter"]
