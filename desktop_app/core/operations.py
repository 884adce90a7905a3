"""Every user edit is an immutable operation: applying it in one transaction returns its inverse
and a `Change` naming what moved, so the UI refreshes only that and undo is applying the inverse.

The window does not load this module at start-up (its eleven frozen dataclasses cost ~10 ms to
create): code that needs an operation imports it where it builds one. `Change`, `Operation` and
`LIBRARY`, which every view and the history name, are in core/change.py."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from desktop_app.core.change import Change, Operation
from desktop_app.core.errors import OperationError, stale
from desktop_app.core.model import Annotation, Document, Tag
from desktop_app.core.ports import Repository


def apply(repo: Repository, op: Operation) -> tuple[Operation, Change]:
    """Run `op` in one transaction; returns (inverse, change). Nothing is written if it fails."""
    with repo.transaction():
        return op.run(repo)


def _span(a: Annotation) -> tuple[str, int, int]:
    return (a.document_id, a.start, a.end)


def _check_words(repo: Repository, a: Annotation) -> None:
    """Keep the invariant exports rely on: a placed annotation's `exact` is text[start:end]."""
    text = repo.document_text(a.document_id)
    if text is None:
        raise OperationError("the document no longer exists")
    if a.anchor_state == "orphaned":
        return
    if a.end <= a.start:
        raise OperationError("cannot tag an empty span")
    if not (0 <= a.start and a.end <= len(text)) or text[a.start : a.end] != a.exact:
        raise OperationError(
            f"the annotation's words do not match the document at {a.start}-{a.end}"
        )


def _expect(kind: str, current: _Revised | None, expected: int) -> None:
    """Refuse an edit based on an older (or deleted) value: never overwrite another session's."""
    if current is None:
        raise stale(kind, deleted=True)
    if current.revision != expected:
        raise stale(kind, deleted=False)


class _Revised(Protocol):
    @property
    def revision(self) -> int: ...


@dataclass(frozen=True)
class AddAnnotation:
    annotation: Annotation
    label: str = "Add Annotation"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        a = self.annotation
        if repo.get_tag(a.tag) is None:
            raise OperationError(f"unknown tag: {a.tag}")
        _check_words(repo, a)
        if repo.get_annotation(a.id) is not None:
            raise OperationError("the annotation already exists")
        repo.insert_annotation(a)
        change = Change(added=(a.id,), spans=(_span(a),), annotations=(a,))
        return RemoveAnnotation(a, self.label), change


@dataclass(frozen=True)
class RemoveAnnotation:
    """Delete the annotation as it was at `annotation.revision` (refused if it changed since)."""

    annotation: Annotation
    label: str = "Delete Annotation"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        current = repo.get_annotation(self.annotation.id)
        _expect("annotation", current, self.annotation.revision)
        assert current is not None
        repo.delete_annotation(current.id, current.revision)
        change = Change(removed=(current.id,), spans=(_span(current),), departed=(current,))
        return AddAnnotation(current, self.label), change


@dataclass(frozen=True)
class UpdateAnnotation:
    """Replace an annotation's editable parts (note, status, fields, tag, or its place after
    re-anchoring); `after` carries the new values and, as its `revision`, the revision they were
    based on. Its document and creation time never change. The inverse expects the revision this
    leaves, so undoing after another session changed the annotation is refused."""

    after: Annotation
    label: str = "Edit Annotation"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        before = repo.get_annotation(self.after.id)
        _expect("annotation", before, self.after.revision)
        assert before is not None
        if self.after.document_id != before.document_id:
            raise OperationError("an annotation cannot move to another document")
        if self.after.tag != before.tag and repo.get_tag(self.after.tag) is None:
            raise OperationError(f"unknown tag: {self.after.tag}")
        if (self.after.start, self.after.end, self.after.exact, self.after.anchor_state) != (
            before.start,
            before.end,
            before.exact,
            before.anchor_state,
        ):
            _check_words(repo, self.after)
        repo.update_annotation(self.after)
        stored = replace(self.after, revision=before.revision + 1)
        spans = (_span(before),)
        if _span(stored) != _span(before):
            spans += (_span(stored),)
        change = Change(updated=(before.id,), spans=spans, annotations=(stored,))
        return UpdateAnnotation(replace(before, revision=stored.revision), self.label), change


@dataclass(frozen=True)
class AddTag:
    tag: Tag
    label: str = "Add Tag"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        if repo.get_tag(self.tag.name) is not None:
            raise OperationError(f"a tag named {self.tag.name!r} already exists")
        repo.insert_tag(self.tag)
        return RemoveTag(self.tag, self.label), Change(tags_changed=True, tags=(self.tag,))


@dataclass(frozen=True)
class RemoveTag:
    """Remove a custom tag; annotations using it must be removed first (see `delete_tag_op`)."""

    tag: Tag
    label: str = "Delete Tag"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        current = repo.get_tag(self.tag.name)
        _expect("tag", current, self.tag.revision)
        assert current is not None
        if current.builtin:
            raise OperationError(f"{current.label} is built in and cannot be deleted")
        in_use = len(repo.annotations_with_tag(current.name))
        if in_use:
            raise OperationError(
                f"{in_use} annotation(s) use the tag {current.label}; delete them first"
            )
        repo.delete_tag(current.name, current.revision)
        return AddTag(current, self.label), Change(tags_changed=True)


@dataclass(frozen=True)
class UpdateTag:
    after: Tag
    label: str = "Edit Tag"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        before = repo.get_tag(self.after.name)
        _expect("tag", before, self.after.revision)
        assert before is not None
        repo.update_tag(replace(self.after, builtin=before.builtin))
        stored = replace(self.after, builtin=before.builtin, revision=before.revision + 1)
        inverse = UpdateTag(replace(before, revision=stored.revision), self.label)
        return inverse, Change(tags_changed=True, tags=(stored,))


@dataclass(frozen=True)
class Batch:
    """Several operations as one edit (one transaction, one undo step)."""

    ops: tuple[Operation, ...] = field(default_factory=tuple)
    label: str = "Edit"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        inverses: list[Operation] = []
        change = Change()
        for op in self.ops:
            inverse, part = op.run(repo)
            inverses.append(inverse)
            change = change.merge(part)
        return Batch(tuple(reversed(inverses)), self.label), change


@dataclass(frozen=True)
class AddDocument:
    """Store a document (and, when undoing its deletion, the annotations it had)."""

    document: Document
    annotations: tuple[Annotation, ...] = ()
    label: str = "Import Document"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        doc = self.document
        if repo.get_document(doc.id) is not None:
            raise OperationError("the document is already in the library")
        repo.insert_document(doc)
        for a in self.annotations:
            repo.insert_annotation(a)
        change = Change(
            added=tuple(a.id for a in self.annotations),
            spans=tuple(_span(a) for a in self.annotations),
            annotations=self.annotations,
            documents_added=(doc.id,),
            documents=(doc,),
        )
        return RemoveDocument(doc, self.label), change


@dataclass(frozen=True)
class RemoveDocument:
    """Delete a document (as it was at `document.revision`) with its annotations; the inverse
    brings both back, ids and all."""

    document: Document
    label: str = "Delete Document"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        current = repo.get_document(self.document.id)
        _expect("document", current, self.document.revision)
        assert current is not None
        gone = tuple(repo.annotations_for(current.id))
        repo.delete_document(current.id, current.revision)
        change = Change(
            removed=tuple(a.id for a in gone),
            spans=tuple(_span(a) for a in gone),
            documents_removed=(current.id,),
            departed=gone,
        )
        return AddDocument(current, gone, self.label), change


@dataclass(frozen=True)
class EditDocument:
    """Change a document's title or its note (None leaves it as it is); with `revision`, only if
    it is still at that revision."""

    document_id: str
    title: str | None = None
    note: str | None = None
    label: str = "Edit Document"
    revision: int | None = None

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        current = repo.get_document(self.document_id)
        if current is None:
            raise stale("document", deleted=True)
        if self.revision is not None:
            _expect("document", current, self.revision)
        title = current.title if self.title is None else " ".join(self.title.split())
        if not title:
            raise OperationError("a document needs a title")
        note = current.note if self.note is None else self.note
        stored = replace(current, title=title, note=note, revision=current.revision + 1)
        repo.update_document(replace(current, title=title, note=note))
        inverse = EditDocument(current.id, current.title, current.note, self.label, stored.revision)
        return inverse, Change(documents_updated=(current.id,), documents=(stored,))


def delete_tag_op(repo: Repository, name: str, label: str = "Delete Tag") -> Batch:
    """One undoable edit that removes a custom tag together with every annotation using it."""
    tag = repo.get_tag(name)
    if tag is None:
        raise OperationError(f"no tag named {name!r}")
    removals: tuple[Operation, ...] = tuple(
        RemoveAnnotation(a, label) for a in repo.annotations_with_tag(name)
    )
    return Batch((*removals, RemoveTag(tag, label)), label)
