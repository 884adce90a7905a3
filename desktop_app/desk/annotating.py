"""Annotation use cases of the desk: tag words, remove, set fields, status and notes. Each is
one operation through `Desk.apply` (one transaction, one undo step, one Change)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop_app.core.annotations import edited, new_annotation
from desktop_app.core.change import Change
from desktop_app.core.errors import OperationError
from desktop_app.core.fields import fields_for
from desktop_app.core.model import STATUSES, Annotation, status_label
from desktop_app.core.rules import duplicate_of, with_fields

if TYPE_CHECKING:
    from desktop_app.desk.desk import Desk


def annotate(
    desk: Desk,
    document_id: str,
    tag: str,
    start: int,
    end: int,
    *,
    note: str = "",
    fields: Mapping[str, str] | None = None,
    status: str | None = None,
    reviewer: str | None = None,
    label: str | None = None,
    initiator: object = None,
) -> Annotation:
    """Tag text[start:end] (trimmed of spaces): one step, fields validated like the form's."""
    from desktop_app.core.operations import AddAnnotation
    from desktop_app.desk import revisions

    the_tag = desk.tag(tag)
    if revisions.is_earlier_revision(desk, document_id):
        raise OperationError(
            "that is an earlier revision, kept as it was; annotate its latest revision"
        )
    state = desk.state(document_id)
    a = new_annotation(
        document_id, state.text, tag, start, end, reviewer=reviewer or desk.reviewer, note=note
    )
    same = duplicate_of(state.annotations_at(a.start), tag, a.start, a.end)
    if same is not None:
        raise OperationError(f"these words are already tagged as {the_tag.label.lower()}")
    if fields:
        a = with_fields(a, fields, text=state.text, reviewer=a.reviewer, links=state.annotations)
    if status is not None:
        a = edited(a, status=status)
    a = replace(a, updated_at=a.created_at)
    desk.apply(AddAnnotation(a, label or f"Tag as {the_tag.label}"), initiator)
    return a


def remove_annotations(desk: Desk, ids: Iterable[str], initiator: object = None) -> Change | None:
    from desktop_app.core.operations import Batch, RemoveAnnotation

    doomed = [desk.annotation(i) for i in ids]
    if not doomed:
        return None
    if len(doomed) == 1:
        label = f"Delete {_tag_label(desk, doomed[0].tag)}"
        return desk.apply(RemoveAnnotation(doomed[0], label), initiator)
    label = f"Delete {len(doomed)} Annotations"
    return desk.apply(Batch(tuple(RemoveAnnotation(a) for a in doomed), label), initiator)


def set_fields(
    desk: Desk,
    annotation_id: str,
    changes: Mapping[str, str],
    label: str = "",
    initiator: object = None,
) -> Change | None:
    """Change some fields (validated; "verified" and a picked reason imply more)."""
    from desktop_app.core.operations import UpdateAnnotation

    a = desk.annotation(annotation_id)
    state = desk.state(a.document_id)
    after = with_fields(
        a, changes, text=state.text, reviewer=desk.reviewer, links=state.annotations
    )
    if after.fields == a.fields and after.status == a.status:
        return None
    if not label:
        names = {s.key: s.short for s in fields_for(a.tag)}
        first = next(iter(changes), "")
        label = f"Set {names.get(first.removesuffix('_span'), first)}"
    return desk.apply(UpdateAnnotation(after, label), initiator)


def set_status(
    desk: Desk, ids: Iterable[str], status: str, initiator: object = None
) -> Change | None:
    from desktop_app.core.operations import Batch, UpdateAnnotation

    if status not in STATUSES:
        raise OperationError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    targets = [a for a in (desk.annotation(i) for i in ids) if a.status != status]
    if not targets:
        return None
    label = f"Mark {status_label(status)}"
    ops = tuple(UpdateAnnotation(edited(a, status=status), label) for a in targets)
    return desk.apply(ops[0] if len(ops) == 1 else Batch(ops, label), initiator)


def set_note(desk: Desk, annotation_id: str, note: str, initiator: object = None) -> Change | None:
    from desktop_app.core.operations import UpdateAnnotation

    a = desk.annotation(annotation_id)
    if a.note == note:
        return None
    return desk.apply(UpdateAnnotation(edited(a, note=note), "Edit Note"), initiator)


def _tag_label(desk: Desk, name: str) -> str:
    tag = desk.repo.get_tag(name)
    return tag.label if tag else name
