"""What an exporter is handed: the rows and documents of one export scope, produced lazily so a
CSV of 100,000 rows streams from the database and a report reads only what it shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.core.checks import Finding
from desktop_app.core.model import Annotation, Document, ExportRow, Tag


@dataclass(frozen=True)
class DocumentBundle:
    """One document with its annotations (reading order) and its open checks."""

    document: Document
    annotations: list[Annotation]
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ExportData:
    title: str  # what the export covers ("All documents", a document's title)
    field_keys: Sequence[str]  # field columns in use, in export order
    tags: Sequence[Tag]
    rows: Iterable[ExportRow]  # flat rows, streamed (CSV and other tables)
    documents: Iterable[DocumentBundle]  # whole documents (reports, JSON, DOCX)
