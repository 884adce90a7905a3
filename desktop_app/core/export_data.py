"""What an exporter is handed: the rows and documents of one export scope, produced lazily so a
CSV of 100,000 rows streams from the database and a report reads only what it shows; and the
query that says which annotations an export covers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.fields import WHO_FIELDS
from desktop_app.core.model import Annotation, Document, Tag
from desktop_app.core.results import ExportRow

if TYPE_CHECKING:  # the CLI's start reads the exporter list, not the checks
    from desktop_app.core.checks import Finding

# The CSV's fixed columns around the field columns: what an editor reads first, then where it
# sits, then what identifies it. No library-local ids: `document_sha256` (the text's hash, as in
# the JSON export) names the document the same way in every library, so a review exported as
# JSON and imported elsewhere exports the same CSV.
CSV_HEAD = ("document_title", "tag", "text")
CSV_MIDDLE = ("status", "note", "reviewer")
CSV_TAIL = (
    "paragraph",
    "context_before",
    "context_after",
    "previous_text",
    "anchor_state",
    "created_at",
    "updated_at",
    "source_path",
    "document_sha256",
    "annotation_id",
    "start",
    "end",
)


def csv_columns(field_keys: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(header, field keys in column order): who the words are from (speaker, claimant,
    description) right after the words, the other fields after status, note and reviewer."""
    who = [k for k in field_keys if k in WHO_FIELDS]
    rest = [k for k in field_keys if k not in WHO_FIELDS]
    keys = (*who, *rest)
    header = (*CSV_HEAD, *who, *CSV_MIDDLE, *rest, *CSV_TAIL)
    return header, keys


@dataclass(frozen=True)
class ExportQuery:
    """Which annotations an export covers. Scope: one document (or revision) or the library
    (`document_id` None), optionally only the annotations in `annotation_ids` (a selection).
    Filters: an empty tuple accepts every tag / status / reviewer."""

    document_id: str | None = None
    annotation_ids: tuple[str, ...] | None = None
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()

    def accepts(self, tag: str, status: str, reviewer: str, annotation_id: str) -> bool:
        return (
            (not self.tags or tag in self.tags)
            and (not self.statuses or status in self.statuses)
            and (not self.reviewers or reviewer in self.reviewers)
            and (self.annotation_ids is None or annotation_id in self.annotation_ids)
        )

    def accepts_row(self, row: ExportRow) -> bool:
        return self.accepts(row.tag, row.status, row.reviewer, row.annotation_id)

    @property
    def filtered(self) -> bool:
        return bool(self.tags or self.statuses or self.reviewers) or self.annotation_ids is not None


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
    rows: Iterable[ExportRow]  # flat rows, streamed (tables other than the CSV)
    documents: Iterable[DocumentBundle]  # whole documents (reports, JSON, DOCX)
    # The CSV's lines after its header (see core.csv_cells), rendered by the repository;
    # a generator that reads nothing until the CSV exporter iterates it.
    csv_lines: Iterable[bytes] = ()
    query: ExportQuery = field(default_factory=ExportQuery)
