"""The desk's export use cases: what an export covers, and writing it to a stream or a file."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from desktop_app.core.errors import OperationError
from desktop_app.core.export_data import DocumentBundle, ExportData
from desktop_app.core.fields import ordered_field_keys

if TYPE_CHECKING:  # the Desk calls in; only its type is needed here
    from desktop_app.desk.desk import Desk


def export_data(desk: Desk, document_id: str | None) -> ExportData:
    repo = desk.repo
    title = desk.document(document_id).title if document_id else "All documents"

    def bundles() -> Iterable[DocumentBundle]:
        ids = [document_id] if document_id else [d.id for d in reversed(repo.list_documents())]
        for doc_id in ids:
            doc = desk.document(doc_id)
            annotations = repo.annotations_for(doc_id)
            from desktop_app.core.checks import check_document  # not on the CLI's start path

            yield DocumentBundle(doc, annotations, check_document(doc_id, doc.text, annotations))

    return ExportData(
        title=title,
        field_keys=ordered_field_keys(repo.field_keys(document_id)),
        tags=repo.tags(),
        rows=repo.export_rows(document_id),
        documents=bundles(),
    )


def export(desk: Desk, fmt: str, out: IO[bytes], document_id: str | None) -> int:
    """Text formats are UTF-8 (CSV with a BOM, which tells Excel so)."""
    from desktop_app.export.registry import get_exporter

    try:
        exporter = get_exporter(fmt).load()
    except KeyError:
        raise OperationError(f"unknown export format {fmt!r}") from None
    data = export_data(desk, document_id)
    if exporter.binary:
        return exporter.write(data, out)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    text = io.TextIOWrapper(out, encoding=encoding, newline="")
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


def export_to_file(desk: Desk, fmt: str, path: str, document_id: str | None) -> int:
    from desktop_app.desk.files import write_atomically

    count = 0

    def write(handle: IO[bytes]) -> None:
        nonlocal count
        count = export(desk, fmt, handle, document_id)

    write_atomically(path, write)
    return count
