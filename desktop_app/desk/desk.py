"""The application layer: one `Desk` per open database, the one place where use cases live.

Every edit goes through `apply()`: one operation, one transaction, one undo step, one `Change`
told to every subscriber. The window and the CLI are thin shells over this; nothing here knows
about Qt or SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from desktop_app.core.annotations import now_iso
from desktop_app.core.change import LIBRARY, Change, Operation
from desktop_app.core.errors import CopydeskError, OperationError
from desktop_app.core.history import History
from desktop_app.core.model import Annotation, Document, DocumentSummary, SourceText, Tag
from desktop_app.core.ports import Repository
from desktop_app.desk import annotating, tagging
from desktop_app.desk.concurrency import Concurrency
from desktop_app.desk.names import path_problem, readable

if TYPE_CHECKING:  # the rest loads when first used: `copydesk list` needs none of it
    from desktop_app.core.agreement import Agreement
    from desktop_app.core.checks import Finding
    from desktop_app.core.exchange import MergeSummary
    from desktop_app.core.export_data import ExportData, ExportQuery
    from desktop_app.core.results import AnnotationHit, SearchHit
    from desktop_app.core.revisions import RevisionSummary
    from desktop_app.desk.document_state import DocumentState
    from desktop_app.desk.exports import ExportChoices

Subscriber = Callable[[Change, object], None]


class ImportResult(NamedTuple):
    document: Document
    created: bool  # False: the same text was already in the library, and this is that document


class Desk:
    def __init__(self, repo: Repository, reviewer: str = "") -> None:
        self.repo = repo
        self.reviewer = reviewer
        self.history = History()
        self._states: dict[str, DocumentState] = {}
        self._subscribers: list[Subscriber] = []
        self.concurrency = Concurrency(self)  # other sessions on the same database

    # -- the mutation path ----------------------------------------------------------------------
    def subscribe(self, fn: Subscriber) -> Callable[[], None]:
        """Call `fn(change, initiator)` after every edit, undo and redo; returns the unsubscriber."""
        self._subscribers.append(fn)
        return lambda: self._subscribers.remove(fn) if fn in self._subscribers else None

    def _publish(self, change: Change, initiator: object) -> None:
        for doc_id in change.documents_removed:
            self._states.pop(doc_id, None)
        for state in self._states.values():
            state.absorb(change)
        for fn in list(self._subscribers):
            fn(change, initiator)

    def apply(self, op: Operation, initiator: object = None) -> Change:
        """Run one user edit: one transaction, one undo step. Raises CopydeskError (one line)."""
        inverse, change = self.concurrency.run(op)
        self.history.record(change.scope, op.label, op, inverse)
        self._publish(change, initiator)
        return change

    def undo(self, view: str | None = None, initiator: object = None) -> Change | None:
        """Undo the latest step seen from `view` (a document id, or None for the library)."""
        return self._replay(view, initiator, undoing=True)

    def redo(self, view: str | None = None, initiator: object = None) -> Change | None:
        return self._replay(view, initiator, undoing=False)

    def _replay(self, view: str | None, initiator: object, undoing: bool) -> Change | None:
        """Apply a recorded step's inverse (undo) or the step again (redo). A step the data has
        moved on from is refused and forgotten."""
        found = self.history.next_undo(view) if undoing else self.history.next_redo(view)
        if found is None:
            return None
        scope, step = found
        op = step.backward if undoing else step.forward
        try:
            opposite, change = self.concurrency.run(op, from_history=True)
        except CopydeskError:
            self.history.drop(scope, undo_side=undoing)
            raise
        if undoing:
            self.history.mark_undone(scope, opposite)
        else:
            self.history.mark_redone(scope, opposite)
        self._publish(change, initiator)
        return change

    def undo_label(self, view: str | None) -> str:
        found = self.history.next_undo(view)
        return found[1].label if found else ""

    def redo_label(self, view: str | None) -> str:
        found = self.history.next_redo(view)
        return found[1].label if found else ""

    def close(self) -> None:
        self.repo.close()

    # -- reading --------------------------------------------------------------------------------
    def documents(self) -> list[DocumentSummary]:
        return self.repo.list_documents()

    def document(self, document_id: str) -> Document:
        if document_id in self._states:  # as this desk shows it (and will edit it)
            return self._states[document_id].document
        doc = self.repo.get_document(document_id)
        if doc is None:
            raise OperationError("the document is no longer in the library")
        return doc

    def resolve_document(self, ident: str) -> Document:
        """A document by its id or any unique prefix of it."""
        matches = self.repo.find_documents(ident)
        if not matches:
            raise OperationError(f"no document with id {ident!r} (see copydesk list)")
        if len(matches) > 1:
            raise OperationError(
                f"document id {ident!r} is ambiguous ({len(matches)} match); give more of it"
            )
        return self.document(matches[0])

    def state(self, document_id: str) -> DocumentState:
        """The document's live state (read once, then kept current by every Change)."""
        from desktop_app.desk.document_state import DocumentState

        state = self._states.get(document_id)
        if state is None:
            doc = self.document(document_id)
            state = DocumentState(doc, self.repo.annotations_for(doc.id, ordered=False))
            self._states[document_id] = state
        return state

    def is_open(self, document_id: str) -> bool:
        return document_id in self._states

    def tags(self) -> list[Tag]:
        return self.repo.tags()

    def tag(self, name: str) -> Tag:
        tag = self.repo.get_tag(name)
        if tag is None:
            names = ", ".join(t.name for t in self.repo.tags())
            raise OperationError(f"unknown tag {name!r}; tags are: {names}")
        return tag

    def annotation(self, annotation_id: str) -> Annotation:
        """As this desk shows it: an edit based on it is refused if another session changed it.
        The live annotation's document decides which open copy that is (an earlier revision
        keeps frozen copies under the same ids)."""
        a = self.repo.get_annotation(annotation_id)
        state = self._states.get(a.document_id) if a is not None else None
        if state is not None and annotation_id in state.annotations:
            return state.annotations[annotation_id]
        if a is None:
            for state in self._states.values():  # gone meanwhile: show what this desk saw
                if annotation_id in state.annotations:
                    return state.annotations[annotation_id]
            raise OperationError("the annotation no longer exists")
        return a

    def annotations(self, document_id: str, ordered: bool = True) -> list[Annotation]:
        """A document's annotations, in reading order unless `ordered` is False (no sort of
        10,000 for a caller that only counts or filters them)."""
        if document_id in self._states:
            state = self._states[document_id]
            return state.in_order() if ordered else list(state.annotations.values())
        return self.repo.annotations_for(document_id, ordered=ordered)

    def findings(self, document_id: str) -> list[Finding]:
        from desktop_app.core.checks import check_document

        if document_id in self._states:
            return self._states[document_id].findings()
        doc = self.document(document_id)
        return check_document(doc.id, doc.text, self.repo.annotations_for(doc.id))

    # -- documents ------------------------------------------------------------------------------
    @staticmethod
    def read_file(path: str) -> SourceText:
        """Read a draft into canonical text (safe off the UI thread: touches no database).
        A file that cannot be read raises CopydeskError with the importer's one line."""
        from desktop_app.formats import FormatError, load_source

        problem = path_problem(path)
        if problem:
            raise CopydeskError(problem)
        try:
            return load_source(path)
        except FormatError as error:
            raise CopydeskError(readable(str(error))) from None

    @staticmethod
    def describe(source: SourceText) -> list[str]:
        """One line per block ("kind: first words …"), for a dry run of an import."""
        from desktop_app.formats import describe_blocks

        return describe_blocks(source)

    def add_source(
        self, source: SourceText, source_path: str, initiator: object = None
    ) -> ImportResult:
        """Store an imported text as a new document (one undoable step), unless the library
        already holds exactly this text: then that document is the result."""
        import hashlib
        import uuid  # both here: importing uuid at start costs more than `copydesk list` runs

        from desktop_app.core.operations import AddDocument

        sha = hashlib.sha256(source.text.encode("utf-8", "surrogatepass")).hexdigest()
        source_path = readable(source_path)  # a Linux name need not be UTF-8: keep it readable
        existing = self.repo.find_document(sha, source_path) or next(
            iter(self.repo.documents_with_text(sha)), None
        )
        if existing is not None:
            return ImportResult(existing, False)
        doc = Document(
            id=str(uuid.uuid4()),
            title=readable(source.title),
            source_path=source_path,
            source_format=source.source_format,
            text=source.text,
            text_sha256=sha,
            blocks=source.blocks,
            imported_at=now_iso(),
        )
        self.apply(AddDocument(doc, (), f"Import {_short(doc.title)}"), initiator)
        return ImportResult(doc, True)

    def import_file(self, path: str, initiator: object = None) -> ImportResult:
        return self.add_source(self.read_file(path), str(Path(path).resolve()), initiator)

    def delete_document(self, document_id: str, initiator: object = None) -> Change:
        from desktop_app.core.operations import RemoveDocument
        from desktop_app.desk import revisions

        doc = self.document(document_id)
        if revisions.is_earlier_revision(self, document_id):
            raise OperationError(
                f"“{doc.title}” has a later revision that carries its annotations; delete that first"
            )
        return self.apply(RemoveDocument(doc, f"Delete {_short(doc.title)}"), initiator)

    def rename_document(self, document_id: str, title: str, initiator: object = None) -> Change:
        from desktop_app.core.operations import EditDocument

        revision = self.document(document_id).revision
        op = EditDocument(document_id, title, None, "Rename Document", revision)
        return self.apply(op, initiator)

    def set_document_note(self, document_id: str, note: str, initiator: object = None) -> Change:
        from desktop_app.core.operations import EditDocument

        revision = self.document(document_id).revision
        op = EditDocument(document_id, None, note, "Edit Document Note", revision)
        return self.apply(op, initiator)

    def search(self, query: str) -> list[SearchHit]:
        """Every document holding all the words of `query` (any case, accents ignored)."""
        return self.repo.search_documents(query)

    def find_annotations(
        self, tag: str = "", status: str = "", speaker: str = "", reviewer: str = ""
    ) -> list[AnnotationHit]:
        """Annotations across the library: all quotes by a speaker, all open claims…"""
        return self.repo.find_annotations(tag, status, speaker, reviewer)

    # -- annotations and tags: desk/annotating.py, desk/tagging.py ------------------------------
    annotate = annotating.annotate
    remove_annotations = annotating.remove_annotations
    set_fields = annotating.set_fields
    set_status = annotating.set_status
    set_note = annotating.set_note
    add_tag = tagging.add_tag
    update_tags = tagging.update_tags
    move_tag = tagging.move_tag
    delete_tag = tagging.delete_tag

    def tag_usage(self, name: str) -> int:
        return len(self.repo.annotations_with_tag(name))

    # -- export and checks ----------------------------------------------------------------------
    def export_data(self, document_id: str | None = None) -> ExportData:
        from desktop_app.desk import exports

        return exports.export_data(self, document_id)

    def export(self, fmt: str, out: IO[bytes], document_id: str | None = None) -> int:
        """Write one export format to a binary stream; returns the annotations written."""
        from desktop_app.desk import exports

        return exports.export(self, fmt, out, document_id)

    @staticmethod
    def export_formats() -> list[tuple[str, str, str]]:
        """(name, label, file suffix) of every exporter, for menus, dialogs and --format."""
        # The registry itself, not desk.exports: the CLI builds --format at every start.
        from desktop_app.export.registry import EXPORTERS

        return [(e.name, e.label, e.suffix) for e in EXPORTERS]

    def export_to_file(self, fmt: str, path: str, document_id: str | None = None) -> int:
        """Export to a file, written whole or not at all; returns the annotations written."""
        from desktop_app.desk import exports

        return exports.export_to_file(self, fmt, path, document_id)

    def check(self, document_id: str | None = None) -> list[tuple[Document, list[Finding]]]:
        if document_id:
            docs = [self.document(document_id)]
        else:
            docs = [self.document(d.id) for d in self.repo.list_documents()]
        return [(doc, self.findings(doc.id)) for doc in docs]

    # -- other sessions, backups (desk/concurrency.py, desk/backups.py) -------------------------
    def poll_external(self) -> Change | None:
        """Publish (initiator "external") what other processes changed since the last look."""
        return self.concurrency.refresh()

    def backup(self, reason: str = "manual") -> str:
        from desktop_app.desk import backups

        return backups.backup(self, reason)

    def backups(self) -> list[str]:
        from desktop_app.desk import backups

        return backups.available(self)

    def restore(self, source: str, initiator: object = None) -> Change | None:
        from desktop_app.desk import backups

        return backups.restore(self, source, initiator)

    def save_copy(self, path: str) -> None:
        from desktop_app.desk import backups

        backups.save_copy(self, path)

    # -- exchange: desk/exchange.py -------------------------------------------------------------
    def import_annotations(self, path: str, initiator: object = None) -> MergeSummary:
        from desktop_app.desk import exchange

        return exchange.import_annotations(self, path, initiator)

    def merge_repository(
        self, other: Repository, origin: str, initiator: object = None
    ) -> MergeSummary:
        from desktop_app.desk import exchange

        return exchange.merge_repository(self, other, origin, initiator)

    def agreement(self, document_id: str, reviewers: tuple[str, str] | None = None) -> Agreement:
        from desktop_app.desk import exchange

        return exchange.agreement(self, document_id, reviewers)

    def import_with_comments(self, path: str, initiator: object = None) -> tuple[Document, str]:
        from desktop_app.desk import word_comments

        return word_comments.import_with_comments(self, path, initiator)

    # -- revised drafts (desk/revisions.py) -----------------------------------------------------
    def import_revision(
        self, path_or_source: str | SourceText, previous_document_id: str, initiator: object = None
    ) -> tuple[Document, RevisionSummary]:
        from desktop_app.desk import revisions

        return revisions.import_revision(self, path_or_source, previous_document_id, initiator)

    # -- filtered exports: scope and filters (desk/exports.py) ----------------------------------
    def export_query(self, fmt: str, out: IO[bytes], query: ExportQuery) -> int:
        from desktop_app.desk import exports

        return exports.export(self, fmt, out, query)

    def export_query_to_file(self, fmt: str, path: str, query: ExportQuery) -> int:
        from desktop_app.desk import exports

        return exports.export_to_file(self, fmt, path, query)

    def export_choices(self, document_id: str | None) -> ExportChoices:
        from desktop_app.desk import exports

        return exports.export_choices(self, document_id)


def _short(title: str, limit: int = 40) -> str:
    flat = " ".join(title.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = ["Desk", "ImportResult", "LIBRARY"]
