"""Tag use cases of the desk: add, edit, reorder and delete tags, each one undoable step."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desktop_app.core.change import Change
from desktop_app.core.errors import OperationError
from desktop_app.core.model import Tag
from desktop_app.core.rules import tag_name_for, tag_problem

if TYPE_CHECKING:
    from desktop_app.desk.desk import Desk

# New tags take the next of these colours (also the colours of tags a merged review brings).
PALETTE = ("#16a085", "#c0392b", "#2c3e50", "#8e44ad", "#d35400", "#27ae60", "#7f8c8d")


def add_tag(
    desk: Desk,
    label: str,
    shortcut: str = "",
    colour: str = "",
    description: str = "",
    initiator: object = None,
) -> Tag:
    from desktop_app.core.operations import AddTag

    tags = desk.repo.tags()
    tag = Tag(
        name=tag_name_for(label, {t.name for t in tags}),
        label=" ".join(label.split()),
        colour=colour or PALETTE[len(tags) % len(PALETTE)],
        shortcut=shortcut,
        description=description,
        position=max((t.position for t in tags), default=0) + 1,
    )
    problem = tag_problem(tag, tags)
    if problem:
        raise OperationError(problem)
    desk.apply(AddTag(tag, "Add Tag"), initiator)
    return tag


def update_tags(
    desk: Desk, changed: list[Tag], label: str = "Edit Tag", initiator: object = None
) -> Change | None:
    """Save edited tags (label, colour, key, description, position) as one step."""
    from desktop_app.core.operations import Batch, UpdateTag

    current = {t.name: t for t in desk.repo.tags()}
    after = {**current, **{t.name: t for t in changed}}
    for tag in changed:
        if tag.name not in current:
            raise OperationError(f"no tag named {tag.name!r}")
        problem = tag_problem(tag, after.values())
        if problem:
            raise OperationError(problem)
    ops = tuple(UpdateTag(t, label) for t in changed if t != current[t.name])
    if not ops:
        return None
    return desk.apply(ops[0] if len(ops) == 1 else Batch(ops, label), initiator)


def move_tag(desk: Desk, name: str, step: int, initiator: object = None) -> Change | None:
    """Move a tag up (-1) or down (+1) the list, which also moves its number key."""
    tags = desk.repo.tags()
    row = next((n for n, t in enumerate(tags) if t.name == name), -1)
    other = row + step
    if row < 0 or not 0 <= other < len(tags):
        return None
    order = list(tags)
    order[row], order[other] = order[other], order[row]
    moved = [replace(t, position=n + 1) for n, t in enumerate(order)]
    return desk.update_tags(moved, "Move Tag", initiator)


def delete_tag(desk: Desk, name: str, initiator: object = None) -> Change:
    """Delete a custom tag with every annotation using it: one step, undone as one."""
    from desktop_app.core.operations import delete_tag_op

    tag = desk.tag(name)
    if tag.builtin:
        raise OperationError(f"{tag.label} is built in and cannot be deleted")
    return desk.apply(delete_tag_op(desk.repo, name, f"Delete Tag {tag.label}"), initiator)
