"""Undo history, kept in the core: one stack per document plus one for the library (tags,
documents). Seen from a document, Ctrl+Z undoes the latest step of either, so deleting a tag or
importing a draft is undone as naturally as tagging a word."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from desktop_app.core.change import LIBRARY, Operation


@dataclass
class Step:
    """One undoable edit: `forward` redoes it, `backward` undoes it; `seq` orders all steps."""

    label: str
    forward: Operation
    backward: Operation
    seq: int


@dataclass
class _Stack:
    done: list[Step] = field(default_factory=list)
    undone: list[Step] = field(default_factory=list)


class History:
    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self._stacks: dict[str, _Stack] = {}
        self._seq = count(1)

    def _stack(self, scope: str) -> _Stack:
        return self._stacks.setdefault(scope, _Stack())

    def record(self, scope: str, label: str, forward: Operation, backward: Operation) -> None:
        """A new edit: it becomes the latest step and clears what could be redone in its scope
        (and in the library's, whose redo could otherwise resurrect state this edit relied on)."""
        stack = self._stack(scope)
        stack.done.append(Step(label, forward, backward, next(self._seq)))
        del stack.done[: -self.limit]
        stack.undone.clear()
        if scope != LIBRARY:
            self._stack(LIBRARY).undone.clear()
        else:
            for other in self._stacks.values():
                other.undone.clear()

    def _scopes(self, view: str | None) -> list[str]:
        return [LIBRARY] if not view else [view, LIBRARY]

    def next_undo(self, view: str | None) -> tuple[str, Step] | None:
        """The step Ctrl+Z would undo when `view` (a document id, or None) is in front."""
        found = [(s, self._stack(s).done[-1]) for s in self._scopes(view) if self._stack(s).done]
        return max(found, key=lambda pair: pair[1].seq, default=None)

    def next_redo(self, view: str | None) -> tuple[str, Step] | None:
        found = [
            (s, self._stack(s).undone[-1]) for s in self._scopes(view) if self._stack(s).undone
        ]
        return min(found, key=lambda pair: pair[1].seq, default=None)

    def mark_undone(self, scope: str, redo_with: Operation) -> None:
        """The latest step of `scope` was undone; its redo now applies `redo_with`."""
        step = self._stack(scope).done.pop()
        step.forward = redo_with
        self._stack(scope).undone.append(step)

    def mark_redone(self, scope: str, undo_with: Operation) -> None:
        step = self._stack(scope).undone.pop()
        step.backward = undo_with
        self._stack(scope).done.append(step)

    def drop(self, scope: str, undo_side: bool) -> None:
        """Forget the step that could not be undone (or redone): the data moved on without it."""
        stack = self._stack(scope)
        (stack.done if undo_side else stack.undone).pop()

    def forget(self, scope: str) -> None:
        self._stacks.pop(scope, None)
