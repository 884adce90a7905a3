"""Several sessions on one database (two windows, a window and the CLI): optimistic concurrency.

Every stored value carries a revision and every edit names the one it was based on, so a stale
edit is refused (ConflictError) instead of overwriting another session's work. The desk then
reloads what changed and tells its subscribers (initiator EXTERNAL), as it does when polling
notices another process's commit. Undo steps are rebased on the revisions this desk itself left,
so undoing a step after undoing a later one still works, while another session's change refuses it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from desktop_app.core.change import Change, Operation
from desktop_app.core.errors import ConflictError
from desktop_app.core.model import Annotation, Document, Tag

if TYPE_CHECKING:  # the Desk calls in; only its type is needed here
    from desktop_app.desk.desk import Desk

EXTERNAL = "external"  # the initiator of changes made by another process or window

Key = tuple[str, str]  # (kind, id or tag name)


class Concurrency:
    """Per desk: the revisions this desk left (for rebasing undo steps) and what it last saw of
    the database (for noticing other sessions' commits)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.ledger: dict[Key, int] = {}
        self.seen = desk.repo.data_version()
        self._library: dict[str, str] | None = None  # document id -> title, as last published
        self._tags: list[Tag] | None = None

    # -- running operations ---------------------------------------------------------------------
    def run(self, op: Operation, from_history: bool = False) -> tuple[Operation, Change]:
        """Apply `op` (an undo or redo step rebased first); on a conflict, refresh what changed
        and publish it, then re-raise the one-line ConflictError."""
        from desktop_app.core.operations import apply

        if from_history:
            op = rebase(op, self.ledger)
        try:
            inverse, change = apply(self.desk.repo, op)
        except ConflictError:
            self.refresh(force=True)
            raise
        self.note(change)
        return inverse, change

    def note(self, change: Change) -> None:
        """Remember the revisions this desk's own edit left; keep open documents' metadata."""
        for a in change.annotations:
            self.ledger[("annotation", a.id)] = a.revision
        for d in change.documents:
            self.ledger[("document", d.id)] = d.revision
            state = self.desk._states.get(d.id)
            if state is not None:
                state.document = d
        for t in change.tags:
            self.ledger[("tag", t.name)] = t.revision
        if self._library is not None:
            for ident in change.documents_removed:
                self._library.pop(ident, None)
            for d in change.documents:
                self._library[d.id] = d.title
        if change.tags_changed:
            self._tags = None if self._tags is None else self.desk.repo.tags()

    # -- noticing other sessions ----------------------------------------------------------------
    def refresh(self, force: bool = False) -> Change | None:
        """If another session committed since the last look (or `force`), reload the open
        documents' changed rows, the tags and the library list, and publish what differs."""
        repo = self.desk.repo
        version = repo.data_version()
        if version == self.seen and not force:
            return None
        self.seen = version
        change = Change()
        for doc_id, state in list(self.desk._states.items()):
            change = change.merge(self._document_changes(doc_id, state.document, state.annotations))
        tags = repo.tags()
        if tags != self._tags:
            change = change.merge(Change(tags_changed=True, tags=tuple(tags)))
            self._tags = tags
        library = {d.id: d.title for d in repo.list_documents()}
        if library != self._library:
            old = self._library or {}
            change = change.merge(
                Change(
                    documents_added=tuple(i for i in library if i not in old),
                    documents_removed=tuple(
                        i for i in old if i not in library and i not in change.documents_removed
                    ),
                    documents_updated=tuple(i for i in library if i in old and old[i] != library[i])
                    or (() if self._library is not None else tuple(library)),
                )
            )
            self._library = library
        if change == Change():
            return None
        self.desk._publish(change, EXTERNAL)
        return change

    def _document_changes(
        self, doc_id: str, shown: Document, annotations: dict[str, Annotation]
    ) -> Change:
        repo = self.desk.repo
        doc = repo.get_document(doc_id)
        spans = []
        if doc is None:
            gone = tuple(annotations.values())
            return Change(
                removed=tuple(a.id for a in gone),
                spans=tuple((a.document_id, a.start, a.end) for a in gone),
                documents_removed=(doc_id,),
                departed=gone,
            )
        fresh = {a.id: a for a in repo.annotations_for(doc_id, ordered=False)}
        added = [a for i, a in fresh.items() if i not in annotations]
        updated = [a for i, a in fresh.items() if i in annotations and annotations[i] != a]
        gone = [a for i, a in annotations.items() if i not in fresh]
        for a in (*added, *updated, *gone):
            spans.append((doc_id, a.start, a.end))
        for a in updated:
            old = annotations[a.id]
            spans.append((doc_id, old.start, old.end))
        renamed = doc != shown
        if renamed:
            self.desk._states[doc_id].document = doc
        return Change(
            added=tuple(a.id for a in added),
            removed=tuple(a.id for a in gone),
            updated=tuple(a.id for a in updated),
            spans=tuple(spans),
            annotations=(*added, *updated),
            departed=tuple(gone),
            documents_updated=(doc_id,) if renamed else (),
            documents=(doc,) if renamed else (),
        )


def rebase(op: Operation, ledger: dict[Key, int]) -> Operation:
    """`op` expecting, for each value it changes, the revision this desk last left there (the
    undo history was recorded before this desk's own later edits and undos bumped them)."""
    from desktop_app.core.operations import (
        Batch,
        EditDocument,
        RemoveAnnotation,
        RemoveDocument,
        RemoveTag,
        UpdateAnnotation,
        UpdateTag,
    )

    def latest(kind: str, ident: str, value: Any) -> Any:
        revision = ledger.get((kind, ident))
        return value if revision is None else replace(value, revision=revision)

    if isinstance(op, Batch):
        return replace(op, ops=tuple(rebase(o, ledger) for o in op.ops))
    if isinstance(op, RemoveAnnotation):
        return replace(op, annotation=latest("annotation", op.annotation.id, op.annotation))
    if isinstance(op, UpdateAnnotation):
        return replace(op, after=latest("annotation", op.after.id, op.after))
    if isinstance(op, RemoveTag):
        return replace(op, tag=latest("tag", op.tag.name, op.tag))
    if isinstance(op, UpdateTag):
        return replace(op, after=latest("tag", op.after.name, op.after))
    if isinstance(op, RemoveDocument):
        return replace(op, document=latest("document", op.document.id, op.document))
    if isinstance(op, EditDocument) and op.revision is not None:
        return replace(op, revision=ledger.get(("document", op.document_id), op.revision))
    return op  # additions expect nothing: the value must simply not exist
