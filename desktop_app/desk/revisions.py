"""Revised drafts, the use cases: import a new version of a draft with every annotation carried
over (one undoable step), read a revision's summary, and place or dismiss its orphans.

The work is split so the window can re-anchor off the UI thread: `revision_inputs` and
`store_revision` touch the database (UI thread); `reanchor` and `plan_revision` in between are
pure.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.annotations import now_iso
from desktop_app.core.change import Change
from desktop_app.core.errors import OperationError
from desktop_app.core.model import Annotation, Document, SourceText, reading_order

# Re-anchoring, fuzzy matching and the revision planner load with the first revision work, not
# with the window (which asks this module only for a draft's chain and orphans as it opens).
if TYPE_CHECKING:  # the Desk calls in; only its type is needed here
    from desktop_app.core.revisions import Rejection, RevisionPlan, RevisionSummary
    from desktop_app.desk.desk import Desk


def revision_inputs(
    desk: Desk, previous_document_id: str
) -> tuple[Document, tuple[Annotation, ...], set[Rejection]]:
    """The previous revision, its annotations and the suggestions rejected in it, refused if it
    is not the latest revision."""
    previous = desk.document(previous_document_id)
    later = desk.repo.revisions_of(previous.id)
    if later:
        raise OperationError(
            f"{previous.id[:8]} is an earlier revision; import the new version as a revision "
            f"of the latest one ({latest_revision(desk, later[-1].id).id[:8]})"
        )
    annotations = tuple(desk.repo.annotations_for(previous.id))
    return previous, annotations, desk.repo.rejected_suggestions(previous.id)


def store_revision(
    desk: Desk, plan: RevisionPlan, initiator: object = None
) -> tuple[Document, RevisionSummary]:
    """Store a planned revision and its carried annotations as one undoable step."""
    from desktop_app.core.revisions import AddRevision, carry_rejections, summarise_revision

    previous = desk.document(plan.document.revision_of or "")
    label = f"Import New Version of {_short(previous.title)}"
    rejections = plan.rejections
    rejected = desk.repo.rejected_suggestions(previous.id)
    if rejected != plan.rejected:  # the editor rejected (or restored) one during the import
        rejections = carry_rejections(previous.text, plan.document.text, rejected)
    add = AddRevision(plan.document, plan.carried, plan.expected, label, rejections)
    desk.apply(add, initiator)
    return plan.document, summarise_revision(plan.document, plan.carried)


def import_revision(
    desk: Desk,
    path_or_source: str | SourceText,
    previous_document_id: str,
    initiator: object = None,
) -> tuple[Document, RevisionSummary]:
    """Import a new version of a draft: every annotation of the previous revision is carried to
    it with its fate (same/moved/changed/orphaned), as one undoable step."""
    from desktop_app.core.reanchor import reanchor
    from desktop_app.core.revisions import plan_revision

    if isinstance(path_or_source, str):
        source, source_path = desk.read_file(path_or_source), str(Path(path_or_source).resolve())
    else:
        source, source_path = path_or_source, ""
    previous, annotations, rejected = revision_inputs(desk, previous_document_id)
    placements = reanchor(previous.text, source.text, annotations)
    plan = plan_revision(previous, annotations, source, source_path, placements, rejected)
    return store_revision(desk, plan, initiator)


def revision_summary(desk: Desk, document_id: str) -> RevisionSummary:
    """What the revision's annotations are now: counts per fate, changed words, orphans."""
    from desktop_app.core.revisions import summarise_revision

    doc = desk.document(document_id)
    return summarise_revision(doc, desk.annotations(doc.id))


def revision_chain(desk: Desk, document_id: str) -> list[Document]:
    """Every revision of the document's story, oldest first."""
    chain = [desk.document(document_id)]
    seen = {chain[0].id}
    while chain[0].revision_of and chain[0].revision_of not in seen:
        earlier = desk.repo.get_document(chain[0].revision_of)
        if earlier is None:
            break
        chain.insert(0, earlier)
        seen.add(earlier.id)
    while later := [d for d in desk.repo.revisions_of(chain[-1].id) if d.id not in seen]:
        chain.append(later[-1])
        seen.add(later[-1].id)
    return chain


def latest_revision(desk: Desk, document_id: str) -> Document:
    return revision_chain(desk, document_id)[-1]


def is_earlier_revision(desk: Desk, document_id: str) -> bool:
    """An earlier revision is read-only: its annotations moved on to the next one."""
    return bool(desk.repo.revisions_of(document_id))


def orphans(desk: Desk, document_id: str) -> list[Annotation]:
    found = [
        a for a in desk.annotations(document_id, ordered=False) if a.anchor_state == "orphaned"
    ]
    return sorted(found, key=reading_order)


def reattach_orphan(
    desk: Desk, annotation_id: str, start: int, end: int, initiator: object = None
) -> Annotation:
    """Place an orphan on text[start:end] of its revision (trimmed of spaces): one step."""
    from desktop_app.core.operations import UpdateAnnotation
    from desktop_app.core.revisions import reattached

    a = desk.annotation(annotation_id)
    if a.anchor_state != "orphaned":
        raise OperationError("the annotation is not an orphan")
    text = desk.state(a.document_id).text
    if not (0 <= start <= end <= len(text)):
        raise OperationError(f"span {start}-{end} is outside the document (0-{len(text)})")
    from desktop_app.core.anchoring import trim_span  # edit-time only: not with the window

    start, end = trim_span(text, start, end)
    if start >= end:
        raise OperationError("select the words to attach the orphan to")
    after = replace(reattached(a, text, start, end), updated_at=now_iso())
    desk.apply(UpdateAnnotation(after, "Re-attach Orphan"), initiator)
    return after


def dismiss_orphan(desk: Desk, annotation_id: str, initiator: object = None) -> Change:
    """Remove an orphan (undoable like any deletion)."""
    from desktop_app.core.operations import RemoveAnnotation

    a = desk.annotation(annotation_id)
    if a.anchor_state != "orphaned":
        raise OperationError("the annotation is not an orphan")
    return desk.apply(RemoveAnnotation(a, "Dismiss Orphan"), initiator)


def _short(title: str, limit: int = 40) -> str:
    flat = " ".join(title.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def likely_earlier_version(desk: Desk, source: SourceText, source_path: str) -> Document | None:
    """The latest revision of a story this draft looks like a new version of: a document from a
    file of the same name, or with a very similar title (its text differs, or it would simply be
    the same document). None when nothing fits."""
    import difflib

    name = Path(source_path).name.casefold() if source_path else ""
    title = " ".join(source.title.split()).casefold()
    best: tuple[float, str] | None = None
    for doc in desk.documents():
        same_file = bool(name) and Path(doc.source_path).name.casefold() == name
        likeness = difflib.SequenceMatcher(None, title, doc.title.casefold()).ratio()
        score = 1.0 if same_file else likeness
        if score >= 0.85 and (best is None or score > best[0]):
            best = (score, doc.id)
    if best is None:
        return None
    latest = latest_revision(desk, best[1])
    return None if latest.text == source.text else latest
