"""The desk's exchange use cases: import a Web Annotation file, merge another reviewer's database or
export, and compare two reviewers. Each import is ONE undoable step (a Batch through desk.apply)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.agreement import Agreement, compare_reviewers, pick_reviewers
from desktop_app.core.anchoring import Selectors, anchor
from desktop_app.core.annotations import now_iso
from desktop_app.core.change import Operation
from desktop_app.core.errors import CopydeskError, OperationError
from desktop_app.core.exchange import (
    CONFLICT,
    EXCHANGE_FIELDS,
    PROVENANCE,
    Incoming,
    IncomingDocument,
    MergeSummary,
)
from desktop_app.core.model import Annotation, Document, Tag
from desktop_app.core.operations import AddAnnotation, AddDocument, AddTag, Batch, UpdateAnnotation
from desktop_app.core.ports import Repository
from desktop_app.desk.tagging import PALETTE

if TYPE_CHECKING:  # the Desk calls in; only its type is needed here
    from desktop_app.desk.desk import Desk

# Copies kept on a true conflict get an id derived from both versions, so importing the same
# file twice does not keep the same copy twice.
CONFLICT_NAMESPACE = uuid.UUID("5d1f3c52-7f0e-4c4e-9a57-6f1b7a3d2c10")


def place(text: str, a: Annotation) -> Annotation:
    """Put an incoming annotation on `text`: same words at the same place, else the nearest
    trusted match by quote and context, else orphaned. The ONE re-anchoring call of the
    exchange: swap in the fuller re-anchoring here when it lands."""
    found = anchor(text, Selectors(a.start, a.end, a.exact, a.prefix, a.suffix))
    if found.state == "anchored":
        state = a.anchor_state if a.anchor_state != "orphaned" else "anchored"
        return replace(a, anchor_state=state)
    return replace(a, start=found.start, end=found.end, anchor_state=found.state)


def import_annotations(desk: Desk, path: str, initiator: object = None) -> MergeSummary:
    """`copydesk import-annotations FILE.json`: every annotation onto a document of the library."""
    from desktop_app.formats.errors import FormatError
    from desktop_app.formats.web_annotation import read_web_annotations

    try:
        incoming = read_web_annotations(path)
    except FormatError as error:
        raise CopydeskError(str(error)) from None
    return merge_incoming(desk, incoming, initiator=initiator)


def incoming_from_repository(other: Repository, origin: str) -> Incoming:
    """Another reviewer's database, read through the port (whole documents, every annotation)."""
    documents = []
    for summary in reversed(other.list_documents()):
        doc = other.get_document(summary.id)
        if doc is None:
            continue
        documents.append(
            IncomingDocument(
                doc.id,
                doc.title,
                doc.text_sha256,
                doc.source_path,
                tuple(other.annotations_for(doc.id)),
                doc,
            )
        )
    return Incoming(origin, tuple(documents), tuple(other.tags()))


def merge_repository(
    desk: Desk, other: Repository, origin: str, initiator: object = None
) -> MergeSummary:
    """`copydesk merge OTHER.sqlite3`: documents we lack come in whole, with their annotations."""
    if Path(other.path).resolve() == Path(desk.repo.path).resolve():
        raise OperationError(f"{origin}: that is this database; choose another reviewer's file")
    return merge_incoming(
        desk, incoming_from_repository(other, origin), add_documents=True, initiator=initiator
    )


def _our_document(desk: Desk, doc: IncomingDocument) -> Document | None:
    """By text hash (preferring the same id), else the same id, else one document of that title."""
    repo = desk.repo
    same_text = repo.documents_with_text(doc.text_sha256) if doc.text_sha256 else []
    for found in same_text:
        if found.id == doc.id:
            return found
    if same_text:
        return same_text[0]
    by_id = repo.get_document(doc.id)
    if by_id is not None:
        return by_id
    titled = [d for d in repo.list_documents() if doc.title and d.title == doc.title]
    return repo.get_document(titled[0].id) if len(titled) == 1 else None


def _content(a: Annotation) -> tuple[object, ...]:
    fields = {k: v for k, v in a.fields.items() if k not in EXCHANGE_FIELDS}
    return (a.tag, a.start, a.end, a.exact, a.note, a.status, sorted(fields.items()), a.reviewer)


def merge_incoming(
    desk: Desk, incoming: Incoming, *, add_documents: bool = False, initiator: object = None
) -> MergeSummary:
    """Plan every change first (nothing written), then apply them as one Batch: any problem
    (a document not in the library, a refused annotation) raises and changes nothing."""
    repo = desk.repo
    summary = MergeSummary(Path(incoming.origin).name)
    stamp = f"{summary.origin} {now_iso()}"
    ops: list[Operation] = []
    known_tags = {t.name for t in repo.tags()}
    declared = {t.name: t for t in incoming.tags}
    used = {a.tag for d in incoming.documents for a in d.annotations}
    for n, name in enumerate(sorted(used - known_tags)):
        tag = declared.get(name) or Tag(name, name.replace("_", " ").capitalize(), "")
        position = len(known_tags) + n + 1
        colour = tag.colour or PALETTE[position % len(PALETTE)]
        ops.append(
            AddTag(replace(tag, colour=colour, shortcut="", builtin=False, position=position))
        )
        summary.tags_added.append(name)

    def stamped(a: Annotation, **more: str) -> Annotation:
        return replace(a, fields={**a.fields, PROVENANCE: stamp, **more})

    for doc in incoming.documents:
        ours = _our_document(desk, doc)
        if ours is None:
            if not (add_documents and doc.document is not None):
                raise OperationError(
                    f"{summary.origin}: the document {doc.title or doc.id!r} is not in the "
                    "library; import its draft first (nothing was changed)"
                )
            anns = tuple(stamped(replace(a, revision=0)) for a in doc.annotations)
            ops.append(AddDocument(doc.document, anns))
            summary.documents_added += 1
            summary.new += len(anns)
            summary.orphans += sum(a.anchor_state == "orphaned" for a in anns)
            continue
        same_text = ours.text_sha256 == doc.text_sha256
        for theirs in doc.annotations:
            theirs = replace(theirs, document_id=ours.id, revision=0)
            if not same_text or theirs.anchor_state != "orphaned":
                theirs = place(ours.text, theirs)
            ops += _merge_one(repo, theirs, stamped, summary)
    if ops:
        label = f"Import Annotations from {summary.origin}"
        desk.apply(Batch(tuple(ops), label), initiator)
    return summary


def _merge_one(
    repo: Repository,
    theirs: Annotation,
    stamped: Callable[..., Annotation],
    summary: MergeSummary,
) -> list[Operation]:
    """Merge by id: new comes in, the newer `modified` wins, the same time with other content
    is a true conflict (both kept; the copy names ours in its merge_conflict field)."""
    ours = repo.get_annotation(theirs.id)
    orphan = theirs.anchor_state == "orphaned"
    if ours is None or ours.document_id != theirs.document_id:
        if ours is not None:  # the same id on another document: keep both
            theirs = replace(
                theirs, id=str(uuid.uuid5(CONFLICT_NAMESPACE, theirs.id + theirs.document_id))
            )
            if repo.get_annotation(theirs.id) is not None:
                summary.unchanged += 1
                return []
        summary.new += 1
        summary.orphans += orphan
        return [AddAnnotation(stamped(theirs))]
    if _content(ours) == _content(theirs):
        summary.unchanged += 1
        return []
    if theirs.updated_at > ours.updated_at:
        summary.updated += 1
        summary.orphans += orphan
        # Their revision counts their database's edits; ours is the one this update expects.
        after = replace(theirs, created_at=ours.created_at, revision=ours.revision)
        return [UpdateAnnotation(stamped(after))]
    if theirs.updated_at < ours.updated_at:
        summary.kept_ours += 1
        return []
    digest = hashlib.sha256(repr(_content(theirs)).encode("utf-8", "surrogatepass")).hexdigest()
    copy_id = str(uuid.uuid5(CONFLICT_NAMESPACE, ours.id + digest))
    if repo.get_annotation(copy_id) is not None:  # this conflict was already brought in
        summary.unchanged += 1
        return []
    summary.conflicts += 1
    summary.orphans += orphan
    return [AddAnnotation(stamped(replace(theirs, id=copy_id), **{CONFLICT: ours.id}))]


def agreement(desk: Desk, document_id: str, reviewers: tuple[str, str] | None = None) -> Agreement:
    """Two reviewers on one document (by default the two with the most annotations)."""
    doc = desk.document(document_id)
    annotations = desk.annotations(doc.id)
    pair = reviewers or pick_reviewers(annotations)
    if pair is None:
        raise OperationError(
            f"{doc.title}: agreement needs annotations by two reviewers; this has "
            f"{len({a.reviewer for a in annotations})}"
        )
    return compare_reviewers(doc.text, annotations, *pair)
