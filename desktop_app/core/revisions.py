"""Revised drafts in the core: annotations carried to a new revision with their fates, the
undoable operation that stores a revision, and the summary an editor reads afterwards.

Ids across revisions: an annotation keeps its id. Its live row moves to the new revision; the
previous revision keeps a frozen copy (`Repository.freeze_annotations`), so it stays readable
and exportable, read-only.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from desktop_app.core.anchoring import anchor, describe
from desktop_app.core.annotations import now_iso
from desktop_app.core.change import Change, Operation
from desktop_app.core.errors import OperationError
from desktop_app.core.model import Annotation, Document, SourceText, reading_order
from desktop_app.core.ports import Repository
from desktop_app.core.reanchor import FATES, Placement
from desktop_app.core.textdiff import format_word_diff, word_diff


@dataclass(frozen=True)
class RevisionPlan:
    """A revision ready to store: the new document (revision_of set), the carried annotations,
    and the previous revision's annotations they were computed from."""

    document: Document
    carried: tuple[Annotation, ...]
    expected: tuple[Annotation, ...]
    rejections: tuple[Rejection, ...] = ()  # the previous revision's, where their words still are
    rejected: frozenset[Rejection] = frozenset()  # the previous revision's they were placed from


Rejection = tuple[str, int, int]  # a rejected suggestion: kind, start, end


def plan_revision(
    previous: Document,
    annotations: Sequence[Annotation],
    source: SourceText,
    source_path: str,
    placements: Sequence[Placement],
    rejected: Iterable[Rejection] = (),
) -> RevisionPlan:
    """Everything but the writing, so it can run off the UI thread with the re-anchoring."""
    if source.text == previous.text:
        raise OperationError(
            "the new version has exactly the text of the previous one; nothing to import"
        )
    doc = Document(
        id=str(uuid.uuid4()),
        title=source.title or previous.title,
        source_path=source_path,
        source_format=source.source_format,
        text=source.text,
        text_sha256=hashlib.sha256(source.text.encode("utf-8", "surrogatepass")).hexdigest(),
        blocks=source.blocks,
        imported_at=now_iso(),
        revision_of=previous.id,
    )
    carried = carry(annotations, placements, doc)
    rejected = frozenset(rejected)
    placed = carry_rejections(previous.text, doc.text, rejected)
    return RevisionPlan(doc, carried, tuple(annotations), placed, rejected)


def carry_rejections(old: str, new: str, rejected: Iterable[Rejection]) -> tuple[Rejection, ...]:
    """The suggestions the editor rejected in the previous revision, placed in the new text the
    way annotations are (same words, with some of their context or unique): a rejected quote
    must not come back with every new version of the draft. Reworded, it is asked about again."""
    carried: set[Rejection] = set()
    for kind, start, end in sorted(rejected):
        if 0 <= start < end <= len(old):
            place = anchor(new, describe(old, start, end))
            if not place.orphaned:
                carried.add((kind, place.start, place.end))
    return tuple(sorted(carried))


def carry(
    annotations: Sequence[Annotation], placements: Sequence[Placement], new: Document
) -> tuple[Annotation, ...]:
    """The annotations as they are in the new revision: same id, new place and selectors, their
    fate as anchor_state and their old words as previous_text; an orphan keeps its old words
    and context at start = end = -1."""
    by_id = {p.annotation_id: p for p in placements}
    carried = []
    for a in annotations:
        p = by_id.get(a.id)
        if p is None:
            raise OperationError(f"annotation {a.id} was not re-anchored")
        if p.fate == "orphaned" or p.start is None or p.end is None:
            carried.append(
                replace(
                    a,
                    document_id=new.id,
                    start=-1,
                    end=-1,
                    anchor_state="orphaned",
                    previous_text=p.previous_text,
                )
            )
            continue
        sel = describe(new.text, p.start, p.end)
        carried.append(
            replace(
                a,
                document_id=new.id,
                start=sel.start,
                end=sel.end,
                exact=sel.exact,
                prefix=sel.prefix,
                suffix=sel.suffix,
                anchor_state=p.fate,
                previous_text=p.previous_text,
            )
        )
    return tuple(carried)


def reattached(a: Annotation, text: str, start: int, end: int) -> Annotation:
    """An orphan placed by hand on text[start:end]: moved if those are its old words, else
    changed (and, for a quote, flagged like any reworded quote)."""
    sel = describe(text, start, end)
    previous = a.previous_text or a.exact
    return replace(
        a,
        start=sel.start,
        end=sel.end,
        exact=sel.exact,
        prefix=sel.prefix,
        suffix=sel.suffix,
        anchor_state="moved" if sel.exact == previous else "changed",
        previous_text=previous,
    )


def _span(a: Annotation) -> tuple[str, int, int]:
    return (a.document_id, a.start, a.end)


@dataclass(frozen=True)
class AddRevision:
    """Store `document` as the revision after `document.revision_of`: the previous revision's
    annotations are frozen there and `carried` become the live ones of the new revision.
    `expected` are the annotations the placements were computed from: if the previous revision
    changed meanwhile, nothing is stored."""

    document: Document
    carried: tuple[Annotation, ...]
    expected: tuple[Annotation, ...] | None = None
    label: str = "Import New Version"
    rejections: tuple[Rejection, ...] = ()

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        doc, previous = self.document, self.document.revision_of
        if previous is None or repo.get_document(previous) is None:
            raise OperationError("the previous revision is no longer in the library")
        if repo.get_document(doc.id) is not None:
            raise OperationError("the revision is already in the library")
        repo.insert_document(doc)
        frozen = repo.freeze_annotations(previous)
        if self.expected is not None and sorted(frozen, key=_key) != sorted(
            self.expected, key=_key
        ):
            raise OperationError(
                "the previous revision's annotations changed during the import; import again"
            )
        for a in self.carried:
            if a.anchor_state != "orphaned" and doc.text[a.start : a.end] != a.exact:
                raise OperationError(f"annotation {a.id} does not match the new text")
            repo.insert_annotation(a)
        for kind, start, end in self.rejections:
            if not 0 <= start < end <= len(doc.text):
                raise OperationError(f"a rejected {kind} is outside the new text")
            repo.insert_rejection(doc.id, kind, start, end)
        change = Change(
            added=tuple(a.id for a in self.carried),
            spans=tuple(_span(a) for a in self.carried),
            annotations=self.carried,
            documents_added=(doc.id,),
            documents_updated=(previous,),
        )
        return RemoveRevision(doc, self.label), change


@dataclass(frozen=True)
class RemoveRevision:
    """Undo `AddRevision`: delete the revision (with the annotations it has now, edits made
    since included) and make the previous revision's frozen annotations live again."""

    document: Document
    label: str = "Import New Version"

    def run(self, repo: Repository) -> tuple[Operation, Change]:
        current = repo.get_document(self.document.id)
        if current is None or current.revision_of is None:
            raise OperationError("the revision is no longer in the library")
        if repo.revisions_of(current.id):
            raise OperationError("a later revision was imported from this one; remove it first")
        now = tuple(repo.annotations_for(current.id))
        rejections = tuple(sorted(repo.rejected_suggestions(current.id)))  # for the redo
        repo.delete_document(current.id, current.revision)
        restored = tuple(repo.thaw_annotations(current.revision_of))
        change = Change(
            added=tuple(a.id for a in restored),
            removed=tuple(a.id for a in now),
            spans=tuple(_span(a) for a in (*now, *restored)),
            annotations=restored,
            documents_removed=(current.id,),
            documents_updated=(current.revision_of,),
            departed=now,
        )
        return AddRevision(current, now, None, self.label, rejections), change


def _key(a: Annotation) -> tuple[str, int, int, str, str]:
    return (a.id, a.start, a.end, a.exact, a.updated_at)


@dataclass(frozen=True)
class ChangedWords:
    """An annotation whose words differ from the previous revision's."""

    annotation_id: str
    tag: str
    previous_text: str
    text: str

    @property
    def diff(self) -> str:
        """Word diff like `git diff --word-diff=plain`: "We will [-not-]{+never+} raise taxes"."""
        return format_word_diff(word_diff(self.previous_text, self.text))


@dataclass(frozen=True)
class RevisionSummary:
    """What happened to a revision's annotations: counts per fate (FATES order; "anchored" counts
    annotations made on this revision), the changed ones with their diffs, and the orphans."""

    document_id: str
    previous_document_id: str | None
    counts: dict[str, int]
    changed: tuple[ChangedWords, ...]
    orphans: tuple[Annotation, ...]

    def line(self) -> str:
        """ "same 12, moved 3, changed 2, orphaned 1" (and "new 4" for ones made since)."""
        parts = [f"{fate} {self.counts.get(fate, 0)}" for fate in FATES]
        if self.counts.get("anchored"):
            parts.append(f"new {self.counts['anchored']}")
        return ", ".join(parts)


def summarise_revision(document: Document, annotations: Iterable[Annotation]) -> RevisionSummary:
    """The summary of `document`'s annotations as they are now (in reading order)."""
    ordered = sorted(annotations, key=reading_order)
    counts = Counter(a.anchor_state for a in ordered)
    changed = tuple(
        ChangedWords(a.id, a.tag, a.previous_text, a.exact)
        for a in ordered
        if a.anchor_state == "changed"
    )
    orphans = tuple(a for a in ordered if a.anchor_state == "orphaned")
    return RevisionSummary(document.id, document.revision_of, dict(counts), changed, orphans)
