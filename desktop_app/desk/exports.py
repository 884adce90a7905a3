"""The desk's export use cases: what an export covers (a scope and filters: `ExportQuery`), the
choices a CSV export offers, and writing an export to a stream or a file."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from desktop_app.core.errors import OperationError
from desktop_app.core.exchange import PROVENANCE
from desktop_app.core.export_data import DocumentBundle, ExportData, ExportQuery
from desktop_app.core.fields import ordered_field_keys
from desktop_app.core.model import STATUSES, Document, Tag

if TYPE_CHECKING:  # the Desk calls in; only its type is needed here
    from desktop_app.desk.desk import Desk


def export_data(desk: Desk, query: ExportQuery | str | None, findings: bool = True) -> ExportData:
    """`query` may be a bare document id (or None: the whole library), as before filters.
    `findings`: run the checks for each document (only the reports print them)."""
    if not isinstance(query, ExportQuery):
        query = ExportQuery(document_id=query)
    repo = desk.repo
    document_id = query.document_id
    title = desk.document(document_id).title if document_id else "All documents"

    def bundles() -> Iterable[DocumentBundle]:
        ids = [document_id] if document_id else [d.id for d in reversed(repo.list_documents())]
        for doc_id in ids:
            doc = desk.document(doc_id)
            annotations = repo.annotations_for(doc_id)
            found = []
            if findings:
                from desktop_app.core.checks import check_document  # not on the CLI's start path

                # Checks read the whole draft (a quote's anonymous source may be filtered out).
                found = check_document(doc_id, doc.text, annotations)
            if query.filtered:
                annotations = [
                    a for a in annotations if query.accepts(a.tag, a.status, a.reviewer, a.id)
                ]
                kept = {a.id for a in annotations}
                found = [f for f in found if f.annotation_id in kept]
            yield DocumentBundle(doc, annotations, found)

    rows = repo.export_rows(document_id)
    if query.filtered:
        rows = (r for r in rows if query.accepts_row(r))
    # Provenance (which file an annotation was imported from, and when) stays in the database
    # and the JSON; it would make the same review differ from library to library.
    keys = [k for k in repo.field_keys(document_id) if k != PROVENANCE]
    field_keys = ordered_field_keys(keys)
    return ExportData(
        title=title,
        field_keys=field_keys,
        tags=repo.tags(),
        rows=rows,
        documents=bundles(),
        csv_lines=repo.csv_lines(query, field_keys),
        query=query,
    )


def export(desk: Desk, fmt: str, out: IO[bytes], query: ExportQuery | str | None = None) -> int:
    """Text formats are UTF-8 (CSV with a BOM, which tells Excel so)."""
    from desktop_app.export.registry import get_exporter

    try:
        exporter = get_exporter(fmt).load()
    except KeyError:
        raise OperationError(f"unknown export format {fmt!r}") from None
    data = export_data(desk, query, findings=exporter.findings)
    if exporter.binary:
        return exporter.write(data, out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        return exporter.write(data, text)
    finally:
        try:
            text.flush()
        finally:
            text.detach()


def export_formats() -> list[tuple[str, str, str]]:
    from desktop_app.export.registry import EXPORTERS

    return [(e.name, e.label, e.suffix) for e in EXPORTERS]


def export_to_file(desk: Desk, fmt: str, path: str, query: ExportQuery | str | None) -> int:
    from desktop_app.desk.files import write_atomically

    count = 0

    def write(handle: IO[bytes]) -> None:
        nonlocal count
        count = export(desk, fmt, handle, query)

    write_atomically(path, write)
    return count


@dataclass(frozen=True)
class ExportChoices:
    """What a CSV export of one document can be narrowed to (for the export dialog)."""

    document: Document | None  # the document in front, if any
    revisions: list[Document]  # its earlier and later revisions, oldest first
    tags: list[Tag]
    statuses: tuple[str, ...]
    reviewers: list[str]  # everyone with an annotation in the library (any scope can be chosen)


def export_choices(desk: Desk, document_id: str | None) -> ExportChoices:
    repo = desk.repo
    doc = desk.document(document_id) if document_id else None
    revisions: list[Document] = []
    if doc is not None:
        from desktop_app.desk.revisions import revision_chain

        revisions = [d for d in revision_chain(desk, doc.id) if d.id != doc.id]
    return ExportChoices(doc, revisions, repo.tags(), STATUSES, repo.reviewers())


def query_for(
    document_id: str | None = None,
    selection: Iterable[str] | None = None,
    tags: Iterable[str] = (),
    statuses: Iterable[str] = (),
    reviewers: Iterable[str] = (),
) -> ExportQuery:
    """The query the dialog and the CLI build from what was chosen ("" means any)."""
    return ExportQuery(
        document_id=document_id or None,
        annotation_ids=None if selection is None else tuple(selection),
        tags=tuple(t for t in tags if t),
        statuses=tuple(s for s in statuses if s),
        reviewers=tuple(r for r in reviewers if r),
    )
