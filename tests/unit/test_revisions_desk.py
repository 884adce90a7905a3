"""Importing a revised draft through the desk: annotations keep their ids and follow their words,
one undoable step, earlier revisions stay readable, orphans re-attached or dismissed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import OperationError
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk, revisions
from desktop_app.storage import SqliteRepository, open_database
from desktop_app.storage.memory import MemoryRepository

OLD = (
    "Crème 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz, the mayor.\n\n"
    "A council aide, who spoke on condition of anonymity, said the deficit grew 12 percent.\n\n"
    "The vote is on Monday."
)
NEW = (
    "Crème 🙂 budget, revised\n\n"
    "The vote is on Monday.\n\n"
    "“We will never raise taxes,” said Ana Ruiz, the mayor."
)


def source(text: str, title: str = "Budget") -> SourceText:
    blocks, pos = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    return SourceText(text, title, tuple(blocks), "txt")


@pytest.fixture(params=["memory", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    if request.param == "memory":
        return Desk(MemoryRepository(), reviewer="Editor One")
    path = tmp_path / "desk.sqlite3"
    return Desk(SqliteRepository(open_database(path), str(path)), reviewer="Editor One")


def tag(desk: Desk, doc_id: str, tag_name: str, words: str, **fields: str):
    text = desk.document(doc_id).text
    start = text.index(words)
    return desk.annotate(doc_id, tag_name, start, start + len(words), fields=fields or None)


@pytest.fixture
def first(desk: Desk):
    doc = desk.add_source(source(OLD), "/drafts/budget.txt").document
    quote = tag(desk, doc.id, "quote", "We will not raise taxes", speaker="Ana Ruiz")
    aide = tag(desk, doc.id, "anonymous_source", "A council aide")
    vote = tag(desk, doc.id, "claim", "The vote is on Monday")
    return doc, quote, aide, vote


def test_every_annotation_keeps_its_id_and_gets_its_fate(desk: Desk, first) -> None:
    """Moved words are found, reworded ones are changed with their old words kept, a deleted
    paragraph's annotation is an orphan with its old words and no place."""
    doc, quote, aide, vote = first
    new, summary = desk.import_revision(source(NEW, "Budget v2"), doc.id)
    assert new.revision_of == doc.id and new.text == NEW
    got = {a.id: a for a in desk.annotations(new.id)}
    assert set(got) == {quote.id, aide.id, vote.id}
    assert got[quote.id].anchor_state == "changed"
    assert (got[quote.id].exact, got[quote.id].previous_text) == (
        "We will never raise taxes",
        "We will not raise taxes",
    )
    assert NEW[got[quote.id].start : got[quote.id].end] == "We will never raise taxes"
    assert got[quote.id].fields == {"speaker": "Ana Ruiz"}
    assert got[vote.id].anchor_state == "moved"
    assert NEW[got[vote.id].start : got[vote.id].end] == "The vote is on Monday"
    orphan = got[aide.id]
    assert (orphan.anchor_state, orphan.start, orphan.end) == ("orphaned", -1, -1)
    assert orphan.exact == orphan.previous_text == "A council aide"
    assert summary.counts == {"changed": 1, "moved": 1, "orphaned": 1}
    assert summary.line() == "same 0, moved 1, changed 1, orphaned 1"
    assert [c.diff for c in summary.changed] == ["We will [-not-]{+never+} raise taxes"]
    assert [a.id for a in summary.orphans] == [aide.id]


def test_the_earlier_revision_stays_readable_and_read_only(desk: Desk, first) -> None:
    doc, quote, aide, vote = first
    new, _ = desk.import_revision(source(NEW), doc.id)
    assert [a.id for a in desk.annotations(doc.id)] == [quote.id, aide.id, vote.id]
    assert desk.repo.annotations_for(doc.id)[0].exact == "We will not raise taxes"
    assert revisions.is_earlier_revision(desk, doc.id)
    assert not revisions.is_earlier_revision(desk, new.id)
    assert [d.id for d in revisions.revision_chain(desk, doc.id)] == [doc.id, new.id]
    assert [d.id for d in revisions.revision_chain(desk, new.id)] == [doc.id, new.id]
    with pytest.raises(OperationError, match="earlier revision"):
        desk.import_revision(source(NEW + " More."), doc.id)


def test_the_import_is_one_step_undone_and_redone(desk: Desk, first) -> None:
    """Undo removes the revision and gives the annotations back to the previous one, edits made
    since included on redo."""
    doc, quote, aide, vote = first
    before = desk.annotations(doc.id)
    new, _ = desk.import_revision(source(NEW), doc.id)
    desk.set_note(vote.id, "moved up")
    desk.undo(new.id)  # the note
    desk.redo(new.id)
    desk.undo(None)  # the import (a library step)
    assert desk.repo.get_document(new.id) is None
    assert desk.annotations(doc.id) == before
    assert desk.annotation(quote.id).document_id == doc.id
    assert not revisions.is_earlier_revision(desk, doc.id)
    desk.redo(None)
    assert desk.annotation(vote.id).note == "moved up"
    assert desk.annotation(vote.id).document_id == new.id
    assert desk.annotations(doc.id) == before


def test_an_open_previous_revision_state_keeps_its_annotations(desk: Desk, first) -> None:
    """The window may hold the previous revision open: its state neither loses nor doubles the
    annotations when the revision is imported and undone."""
    doc, quote, aide, vote = first
    state = desk.state(doc.id)
    desk.import_revision(source(NEW), doc.id)
    assert set(state.annotations) == {quote.id, aide.id, vote.id}
    assert state.annotations[quote.id].document_id == doc.id
    desk.undo(None)
    assert set(state.annotations) == {quote.id, aide.id, vote.id}
    assert state.index.spans.keys() == {quote.id, aide.id, vote.id}


def test_changed_quote_is_a_finding_with_its_diff(desk: Desk, first) -> None:
    doc, quote, _, _ = first
    new, _ = desk.import_revision(source(NEW), doc.id)
    changed = [f for f in desk.findings(new.id) if f.kind == "quote_changed"]
    assert [(f.annotation_id, f.message) for f in changed] == [
        (quote.id, "Quote changed between drafts: We will [-not-]{+never+} raise taxes")
    ]
    assert NEW[changed[0].start : changed[0].end] == "We will never raise taxes"
    assert not [f for f in desk.findings(doc.id) if f.kind == "quote_changed"]


def test_orphans_are_reattached_and_dismissed_undoably(desk: Desk, first) -> None:
    doc, quote, aide, vote = first
    new, _ = desk.import_revision(source(NEW), doc.id)
    assert [a.id for a in revisions.orphans(desk, new.id)] == [aide.id]
    start = NEW.index("Ana Ruiz")
    placed = revisions.reattach_orphan(desk, aide.id, start - 1, start + len("Ana Ruiz"))
    assert (placed.start, placed.exact, placed.anchor_state) == (start, "Ana Ruiz", "changed")
    assert placed.previous_text == "A council aide"
    assert revisions.orphans(desk, new.id) == []
    desk.undo(new.id)
    assert desk.annotation(aide.id).anchor_state == "orphaned"
    revisions.dismiss_orphan(desk, aide.id)
    assert aide.id not in {a.id for a in desk.annotations(new.id)}
    desk.undo(new.id)
    assert [a.id for a in revisions.orphans(desk, new.id)] == [aide.id]
    with pytest.raises(OperationError, match="not an orphan"):
        revisions.dismiss_orphan(desk, quote.id)


def test_reattaching_on_its_old_words_is_moved_not_an_alarm(desk: Desk, first) -> None:
    """An orphan placed by hand on exactly its old words is moved: no changed-quote finding."""
    doc, quote, _, _ = first
    text = OLD.replace("“We will not raise taxes,” said", "Ana Ruiz said") + (
        "\n\nShe added: we will not raise taxes, we will not."
    )
    new, _ = desk.import_revision(source(text), doc.id)
    assert desk.annotation(quote.id).anchor_state == "orphaned"
    start = text.index("will not raise taxes") - 3
    placed = revisions.reattach_orphan(desk, quote.id, start, start + 23)
    assert (placed.exact, placed.anchor_state) == ("we will not raise taxes", "changed")
    desk.undo(new.id)
    start = text.index("will not raise taxes")
    placed = revisions.reattach_orphan(desk, quote.id, start, start + 20)
    assert (placed.exact, placed.anchor_state) == ("will not raise taxes", "changed")
    assert [f.kind for f in desk.findings(new.id) if f.annotation_id == quote.id] == [
        "quote_changed"
    ]
    desk.undo(new.id)
    same = text.replace("we will not raise taxes,", "We will not raise taxes,")
    later, _ = desk.import_revision(source(same), new.id)
    start = same.index("We will not raise taxes")
    placed = revisions.reattach_orphan(desk, quote.id, start, start + 23)
    assert (placed.anchor_state, placed.document_id) == ("moved", later.id)
    assert all(f.kind != "quote_changed" for f in desk.findings(later.id))


def test_identical_text_and_a_missing_previous_are_one_line_errors(desk: Desk, first) -> None:
    doc = first[0]
    with pytest.raises(OperationError, match="exactly the text"):
        desk.import_revision(source(OLD), doc.id)
    with pytest.raises(OperationError):
        desk.import_revision(source(NEW), "no-such-document")


def test_a_revision_changed_meanwhile_is_not_stored(desk: Desk, first) -> None:
    """Placements computed before an edit of the previous revision are refused, not stored."""
    doc, quote, _, _ = first
    previous, annotations, _rejected = revisions.revision_inputs(desk, doc.id)
    from desktop_app.core.reanchor import reanchor
    from desktop_app.core.revisions import plan_revision

    placements = reanchor(previous.text, NEW, annotations)
    plan = plan_revision(previous, annotations, source(NEW), "", placements)
    desk.set_note(quote.id, "edited meanwhile")
    with pytest.raises(OperationError, match="changed during the import"):
        revisions.store_revision(desk, plan)
    assert desk.repo.revisions_of(doc.id) == []
    assert desk.annotation(quote.id).document_id == doc.id


def test_an_earlier_revision_cannot_be_annotated_or_deleted_before_its_successor(tmp_path) -> None:
    """Headless too: an earlier revision is kept as it was."""
    from desktop_app.core.errors import OperationError
    from desktop_app.core.model import Block, SourceText
    from desktop_app.desk import Desk
    from desktop_app.storage.memory import MemoryRepository

    def source(text: str) -> SourceText:
        return SourceText(text, "Harbour", (Block("paragraph", 0, len(text)),), "txt")

    desk = Desk(MemoryRepository())
    old = desk.add_source(source("The port will open in May, the mayor said."), "/a.txt").document
    new, _summary = desk.import_revision(
        source("The port will open in June, the mayor said."), old.id
    )
    with pytest.raises(OperationError, match="earlier revision"):
        desk.annotate(old.id, "claim", 0, 8)
    with pytest.raises(OperationError, match="later revision"):
        desk.delete_document(old.id)
    desk.annotate(new.id, "claim", 0, 8)  # the latest takes annotations as usual


def test_a_rejected_suggestion_stays_rejected_in_the_next_version(desk: Desk) -> None:
    """Rejected in one version, a suggestion whose words are still there is not asked about
    again in the next (it moved: accents and an emoji come before it); reworded, it is. Undo
    and redo of the import keep that."""
    from desktop_app.desk import suggestions

    old = (
        "Crème 🙂 budget\n\n"
        "“We will not raise taxes,” said Ana Ruiz, the mayor.\n\n"
        "Officials said the deficit grew 12 percent.\n\n"
        "“It is a fair budget,” said Ben Ode, a councillor."
    )
    new = (
        "Crème 🙂 budget, revised on Friday\n\n"
        "“We will not raise taxes,” said Ana Ruiz, the mayor.\n\n"
        "Officials said the deficit grew 14 percent.\n\n"
        "“It is a fair and honest budget,” said Ben Ode, a councillor."
    )
    doc = desk.add_source(source(old), "/drafts/budget.txt").document

    def open_words(doc_id: str) -> set[tuple[str, str]]:
        text = desk.document(doc_id).text
        return {(s.kind, text[s.start : s.end]) for s in suggestions.open_suggestions(desk, doc_id)}

    found = suggestions.open_suggestions(desk, doc.id)
    taxes = next(s for s in found if s.kind == "quote" and "taxes" in s.text)
    fair = next(s for s in found if s.kind == "quote" and "fair" in s.text)
    for s in (taxes, fair):
        suggestions.reject(desk, doc.id, s)
    assert ("quote", taxes.text) not in open_words(doc.id)

    revised, _ = desk.import_revision(source(new), doc.id)
    moved = revised.text.index(taxes.text)
    assert moved != taxes.start  # the same words, elsewhere
    assert ("quote", moved, moved + len(taxes.text)) in desk.repo.rejected_suggestions(revised.id)
    now_open = open_words(revised.id)
    assert ("quote", taxes.text) not in now_open
    assert ("quote", "“It is a fair and honest budget,”") in now_open  # reworded: asked again

    desk.undo()
    assert desk.repo.get_document(revised.id) is None
    desk.redo()
    assert ("quote", taxes.text) not in open_words(revised.id)


def test_a_rejection_made_while_the_new_version_is_placed_is_carried_too(desk: Desk) -> None:
    """The window places the new version in a worker and the editor keeps working: what they
    reject (or restore) in the meantime is what the new version starts with."""
    from desktop_app.core.reanchor import reanchor
    from desktop_app.core.revisions import plan_revision
    from desktop_app.desk import suggestions

    old = "“We will not raise taxes,” said Ana Ruiz.\n\n“It is fair,” said Ben Ode, a councillor."
    new = "Crème 🙂\n\n" + old
    doc = desk.add_source(source(old), "/drafts/budget.txt").document
    taxes, fair = (s for s in suggestions.open_suggestions(desk, doc.id) if s.kind == "quote")
    suggestions.reject(desk, doc.id, taxes)
    previous, annotations, rejected = revisions.revision_inputs(desk, doc.id)
    plan = plan_revision(
        previous, annotations, source(new), "", reanchor(old, new, annotations), rejected
    )
    desk.undo(doc.id)  # the editor takes the first rejection back...
    suggestions.reject(desk, doc.id, fair)  # ...and rejects the other quote instead
    revised, _ = revisions.store_revision(desk, plan)
    shift = len("Crème 🙂\n\n")
    assert desk.repo.rejected_suggestions(revised.id) == {
        ("quote", fair.start + shift, fair.end + shift)
    }
