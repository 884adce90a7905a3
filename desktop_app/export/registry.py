"""The exporters Copydesk knows. Adding a format = one module in export/ plus one line here; the
CLI's --format choices and the window's export dialog both come from this list."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the CLI reads this list at every start; the data model loads on export
    from desktop_app.core.export_data import ExportData


class Exporter(Protocol):
    name: str  # the --format value
    label: str  # for menus and file dialogs
    suffix: str  # file name suffix, with its dot
    binary: bool  # write() takes a binary stream (True) or text opened with newline=""
    findings: bool  # write() reads each document's open checks (computing them costs a pass)

    def write(self, data: ExportData, out: IO[Any]) -> int:
        """Write the export; return the number of annotations written."""
        ...


@dataclass(frozen=True)
class ExporterInfo:
    name: str
    label: str
    suffix: str
    module: str  # imported only when this format is used: start-up stays lean
    attribute: str

    def load(self) -> Exporter:
        exporter: Exporter = getattr(import_module(self.module), self.attribute)()
        return exporter


EXPORTERS: tuple[ExporterInfo, ...] = (
    ExporterInfo("csv", "CSV spreadsheet", ".csv", "desktop_app.export.csv_export", "CsvExporter"),
    ExporterInfo(
        "json",
        "W3C Web Annotation (JSON-LD)",
        ".json",
        "desktop_app.export.json_export",
        "JsonExporter",
    ),
    ExporterInfo(
        "html",
        "Review report (HTML)",
        ".html",
        "desktop_app.export.html_report",
        "HtmlReportExporter",
    ),
    ExporterInfo(
        "pdf", "Review report (PDF)", ".pdf", "desktop_app.export.pdf_report", "PdfReportExporter"
    ),
    ExporterInfo(
        "docx",
        "Word document with comments",
        ".docx",
        "desktop_app.export.docx_export",
        "DocxExporter",
    ),
)


def exporter_names() -> list[str]:
    return [e.name for e in EXPORTERS]


def get_exporter(name: str) -> ExporterInfo:
    for info in EXPORTERS:
        if info.name == name:
            return info
    raise KeyError(name)
