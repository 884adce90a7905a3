"""One open document: its annotations, span index and undo stack; every edit goes through `run()`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation, Document
from desktop_app.core.operations import Change, Operation, apply
from desktop_app.core.spans import SpanIndex
from desktop_app.ui.text_offsets import TextOffsets


class DocumentSession(QObject):
    """Keeps an in-memory mirror of one document's annotations, refreshed only from `Change`s."""

    changed = Signal(object)  # Change
    failed = Signal(str)  # one-line message

    def __init__(self, repo: Any, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.document = document
        self.text = document.text
        self.offsets = TextOffsets(self.text)
        self.annotations: dict[str, Annotation] = {
            a.id: a for a in repo.annotations_for(document.id, ordered=False)
        }
        self.index = SpanIndex(
            self.text,
            (
                (a.id, a.start, a.end)
                for a in self.annotations.values()
                if a.anchor_state != "orphaned"
            ),
        )
        self.undo_stack = QUndoStack(self)
        self.counts: dict[str, int] = {}
        for a in self.annotations.values():
            self.counts[a.tag] = self.counts.get(a.tag, 0) + 1

    def _count(self, annotation: Annotation, delta: int) -> None:
        self.counts[annotation.tag] = self.counts.get(annotation.tag, 0) + delta
        if not self.counts[annotation.tag]:
            del self.counts[annotation.tag]

    def run(self, op: Operation) -> bool:
        """Apply a user edit as one transaction and one undo step; False (and `failed`) if it could not."""
        inverse = self._apply_raw(op)
        if inverse is None:
            return False
        self.undo_stack.push(_OperationCommand(self, op, inverse))
        return True

    def _apply_raw(self, op: Operation) -> Operation | None:
        try:
            inverse, change = apply(self.repo, op)
        except CopydeskError as error:
            self.failed.emit(str(error))
            return None
        self.absorb(change)
        return inverse

    def absorb(self, change: Change) -> None:
        for ident in change.removed:
            gone = self.annotations.pop(ident, None)
            if gone is not None:
                self._count(gone, -1)
            if ident in self.index.spans:
                self.index.remove(ident)
        for ident in change.added + change.updated:
            annotation = self.repo.get_annotation(ident)
            if annotation is None or annotation.document_id != self.document.id:
                continue
            previous = self.annotations.get(ident)
            if previous is not None:
                self._count(previous, -1)
            self._count(annotation, +1)
            self.annotations[ident] = annotation
            if annotation.anchor_state == "orphaned":
                if ident in self.index.spans:
                    self.index.remove(ident)
            else:
                self.index.add(ident, annotation.start, annotation.end)
        self.changed.emit(change)

    def reload_tags(self) -> None:
        self.changed.emit(Change(tags_changed=True))

    def annotations_at(self, position: int) -> list[Annotation]:
        return [self.annotations[i] for i in self.index.at(position)]


class _OperationCommand(QUndoCommand):
    """Wraps any core operation: redo applies it, undo applies its inverse."""

    def __init__(self, session: DocumentSession, op: Operation, inverse: Operation) -> None:
        super().__init__(op.label)
        self.session = session
        self.forward = op
        self.backward = inverse
        self._skip_first_redo = True  # the session already applied it before pushing

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        inverse = self.session._apply_raw(self.forward)
        if inverse is None:
            self.setObsolete(True)
        else:
            self.backward = inverse

    def undo(self) -> None:
        redo = self.session._apply_raw(self.backward)
        if redo is None:
            self.setObsolete(True)
        else:
            self.forward = redo
