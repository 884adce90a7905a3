"""Operations: one transaction each, an exact inverse, and a Change naming what moved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import edited, new_annotation
from desktop_app.core.change import Change
from desktop_app.core.errors import ConflictError, OperationError, StorageError
from desktop_app.core.model import Block, SourceText, Tag
from desktop_app.core.operations import (
    AddAnnotation,
    AddTag,
    Batch,
    RemoveAnnotation,
    RemoveTag,
    UpdateAnnotation,
    UpdateTag,
    apply,
    delete_tag_op,
)
from desktop_app.desk import Desk
from desktop_app.desk.concurrency import rebase
from desktop_app.storage import SqliteRepository, open_database

TEXT = (
    "Budget row deepens\n\n"
    "\u201cWe will not raise taxes,\u201d the mayor said. Officials who asked not to be named "
    "said the deficit was larger.\n\n"
    "The council meets again on Friday."
)


def blocks_of(text: str) -> tuple[Block, ...]:
    """One block per paragraph separated by blank lines, as the importers produce."""
    blocks, pos = [], 0
    for i, part in enumerate(text.split("\n\n")):
        blocks.append(Block("title" if i == 0 else "paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    return tuple(blocks)


BLOCKS = blocks_of(TEXT)


def snapshot(repo: SqliteRepository) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: equal snapshots mean an identical database
    but for the revision column: an undo restores the content and bumps that."""
    tables = {}
    for table in ("documents", "annotations", "tags"):
        cursor = repo.db.execute(f"SELECT * FROM {table} ORDER BY 1")
        keep = [n for n, d in enumerate(cursor.description) if d[0] != "revision"]
        tables[table] = [tuple(row[n] for n in keep) for row in cursor]
    return tables


@pytest.fixture
def repo(db_path: Path):
    repository = SqliteRepository(open_database(db_path), str(db_path))
    yield repository
    repository.close()


@pytest.fixture
def doc(repo: SqliteRepository):
    assert TEXT[BLOCKS[2].start : BLOCKS[2].end] == "The council meets again on Friday."
    document, created = Desk(repo).add_source(SourceText(TEXT, "Budget", BLOCKS, "txt"), "/a.txt")
    assert created
    return document


def annotate(doc, words: str, tag: str = "quote", **kw):
    start = TEXT.index(words)
    return new_annotation(doc.id, doc.text, tag, start, start + len(words), **kw)


def test_add_returns_remove_and_names_the_span(repo, doc):
    """AddAnnotation stores it and returns RemoveAnnotation plus a Change with its id and span."""
    a = annotate(doc, "We will not raise taxes", fields={"speaker": "the mayor"})
    inverse, change = apply(repo, AddAnnotation(a))
    assert repo.get_annotation(a.id) == a
    assert isinstance(inverse, RemoveAnnotation) and inverse.annotation == a
    assert change == Change(added=(a.id,), spans=((doc.id, a.start, a.end),), annotations=(a,))
    assert change.document_ids == {doc.id}


def test_inverse_of_add_restores_the_database_exactly(repo, doc):
    """Applying the inverse of an add leaves every table as it was before."""
    before = snapshot(repo)
    inverse, _ = apply(repo, AddAnnotation(annotate(doc, "the mayor")))
    assert snapshot(repo) != before
    redo, change = apply(repo, inverse)
    assert snapshot(repo) == before
    assert change.removed and not change.added
    assert isinstance(redo, AddAnnotation)


def test_remove_then_undo_brings_back_the_same_row(repo, doc):
    """RemoveAnnotation's inverse re-adds the row with every column unchanged."""
    a = annotate(doc, "deficit", tag="claim", note="check the figure", fields={"claimant": "x"})
    apply(repo, AddAnnotation(a))
    before = snapshot(repo)
    inverse, change = apply(repo, RemoveAnnotation(a))
    assert repo.get_annotation(a.id) is None
    assert change == Change(removed=(a.id,), spans=((doc.id, a.start, a.end),), departed=(a,))
    apply(repo, inverse)
    assert snapshot(repo) == before


def test_update_and_its_inverse(repo, doc):
    """UpdateAnnotation changes note/status/tag/fields; its inverse restores the old row exactly."""
    a = annotate(doc, "Officials who asked not to be named", tag="anonymous_source")
    apply(repo, AddAnnotation(a))
    before = snapshot(repo)
    after = edited(
        a,
        note="why anonymous?",
        status="needs_follow_up",
        tag="claim",
        fields={"reason_given": "not authorised", "empty": ""},
    )
    inverse, change = apply(repo, UpdateAnnotation(after))
    stored = repo.get_annotation(a.id)
    assert stored is not None
    assert (stored.note, stored.status, stored.tag) == (
        "why anonymous?",
        "needs_follow_up",
        "claim",
    )
    assert stored.fields == {"reason_given": "not authorised"}
    assert change == Change(
        updated=(a.id,), spans=((doc.id, a.start, a.end),), annotations=(stored,)
    )
    apply(repo, inverse)
    assert snapshot(repo) == before


def test_update_that_moves_the_span_names_both_spans(repo, doc):
    """Re-anchoring an annotation reports the old and the new span."""
    a = annotate(doc, "the mayor")
    apply(repo, AddAnnotation(a))
    start = TEXT.index("The council")
    moved = replace(
        a, start=start, end=start + len("The council"), exact="The council", anchor_state="moved"
    )
    _, change = apply(repo, UpdateAnnotation(moved))
    assert change.spans == ((doc.id, a.start, a.end), (doc.id, moved.start, moved.end))


def test_update_to_orphan_and_back(repo, doc):
    """An orphaned annotation can be stored, removed and restored (undo of a delete)."""
    a = annotate(doc, "Friday")
    apply(repo, AddAnnotation(a))
    orphan = replace(a, start=-1, end=-1, anchor_state="orphaned")
    apply(repo, UpdateAnnotation(orphan))
    orphan = replace(orphan, revision=1)
    inverse, _ = apply(repo, RemoveAnnotation(orphan))
    apply(repo, inverse)
    assert repo.get_annotation(a.id) == orphan


@pytest.mark.parametrize(
    "bad",
    [
        lambda a: replace(a, exact="other words"),
        lambda a: replace(a, end=a.end + 1),
        lambda a: replace(a, start=a.end, end=a.end),
        lambda a: replace(a, end=len(TEXT) + 5),
        lambda a: replace(a, tag="no_such_tag"),
        lambda a: replace(a, document_id="missing"),
    ],
)
def test_add_refuses_annotations_that_break_the_invariants(repo, doc, bad):
    """Words not matching the text, empty spans, unknown tags or documents are refused."""
    before = snapshot(repo)
    with pytest.raises(OperationError):
        apply(repo, AddAnnotation(bad(annotate(doc, "the mayor"))))
    assert snapshot(repo) == before


def test_update_refuses_moving_to_another_document_or_mismatched_words(repo, doc):
    """UpdateAnnotation keeps the document and the exact-words invariant."""
    a = annotate(doc, "the mayor")
    apply(repo, AddAnnotation(a))
    before = snapshot(repo)
    for bad in (replace(a, document_id="elsewhere"), replace(a, start=a.start + 1)):
        with pytest.raises(OperationError):
            apply(repo, UpdateAnnotation(bad))
    assert snapshot(repo) == before


def test_adding_twice_and_removing_a_missing_annotation_fail_cleanly(repo, doc):
    """A duplicate add or a remove of a vanished annotation is an OperationError."""
    a = annotate(doc, "the mayor")
    apply(repo, AddAnnotation(a))
    with pytest.raises(OperationError):
        apply(repo, AddAnnotation(a))
    apply(repo, RemoveAnnotation(a))
    with pytest.raises(OperationError):
        apply(repo, RemoveAnnotation(a))
    with pytest.raises(OperationError):
        apply(repo, UpdateAnnotation(a))


def test_tags_add_update_remove_with_inverses(repo):
    """Custom tags round-trip through their operations; built-ins cannot be deleted."""
    before = snapshot(repo)
    tag = Tag("statistic", "Statistic", "#00aa00", "S", "A number", False, 4)
    inverse_add, change = apply(repo, AddTag(tag))
    assert change.tags_changed and repo.get_tag("statistic") == tag
    with pytest.raises(OperationError):
        apply(repo, AddTag(tag))
    inverse_update, _ = apply(repo, UpdateTag(replace(tag, label="Number", builtin=True)))
    # builtin is not editable; every stored change bumps the revision
    assert repo.get_tag("statistic") == replace(tag, label="Number", revision=1)
    apply(repo, inverse_update)
    assert repo.get_tag("statistic") == replace(tag, revision=2)
    with pytest.raises(ConflictError):  # the add's inverse expects the tag as the add left it
        apply(repo, inverse_add)
    apply(repo, rebase(inverse_add, {("tag", "statistic"): 2}))  # as the desk rebases its history
    assert snapshot(repo) == before
    with pytest.raises(OperationError):
        apply(repo, RemoveTag(repo.get_tag("quote")))


def test_removing_a_tag_in_use_is_refused_but_delete_tag_op_removes_both(repo, doc):
    """RemoveTag refuses a tag with annotations; delete_tag_op removes all in one undoable step."""
    tag = Tag("statistic", "Statistic", "#00aa00")
    apply(repo, AddTag(tag))
    a = annotate(doc, "deficit", tag="statistic")
    b = annotate(doc, "Friday", tag="statistic")
    apply(repo, Batch((AddAnnotation(a), AddAnnotation(b))))
    before = snapshot(repo)
    with pytest.raises(OperationError, match="2 annotation"):
        apply(repo, RemoveTag(tag))
    assert snapshot(repo) == before
    inverse, change = apply(repo, delete_tag_op(repo, "statistic"))
    assert repo.get_tag("statistic") is None and repo.annotations_for(doc.id) == []
    assert set(change.removed) == {a.id, b.id} and change.tags_changed
    apply(repo, inverse)
    assert snapshot(repo) == before


def test_batch_is_one_step_with_a_merged_change(repo, doc):
    """A Batch applies all its operations; its inverse undoes them all in reverse order."""
    a, b = annotate(doc, "the mayor"), annotate(doc, "Friday", tag="claim")
    before = snapshot(repo)
    inverse, change = apply(repo, Batch((AddAnnotation(a), AddAnnotation(b)), "Tag two"))
    assert change.added == (a.id, b.id)
    assert change.spans == ((doc.id, a.start, a.end), (doc.id, b.start, b.end))
    assert isinstance(inverse, Batch) and inverse.label == "Tag two"
    assert [type(op) for op in inverse.ops] == [RemoveAnnotation, RemoveAnnotation]
    assert inverse.ops[0].annotation.id == b.id  # reversed
    apply(repo, inverse)
    assert snapshot(repo) == before


def test_failure_mid_batch_rolls_back_everything(repo, doc):
    """When the third operation of a Batch fails, the first two are not in the database."""
    existing = annotate(doc, "deficit")
    apply(repo, AddAnnotation(existing))
    before = snapshot(repo)
    ops = (
        AddAnnotation(annotate(doc, "the mayor")),
        UpdateAnnotation(edited(existing, note="changed")),
        AddAnnotation(replace(annotate(doc, "Friday"), tag="nope")),
    )
    with pytest.raises(OperationError):
        apply(repo, Batch(ops))
    assert snapshot(repo) == before
    # The connection is usable afterwards: the next edit commits normally.
    apply(repo, AddAnnotation(annotate(doc, "Friday")))
    assert len(repo.annotations_for(doc.id)) == 2


def test_storage_failure_mid_batch_rolls_back_and_reports_one_line(repo, doc, monkeypatch):
    """An SQLite error inside an operation becomes a one-line StorageError and nothing is kept."""
    before = snapshot(repo)
    real_insert = repo.insert_annotation
    calls = []

    def failing_insert(a):
        calls.append(a.id)
        if len(calls) == 2:
            repo.db.execute("INSERT INTO no_such_table VALUES (1)")
        real_insert(a)

    monkeypatch.setattr(repo, "insert_annotation", failing_insert)
    ops = (AddAnnotation(annotate(doc, "the mayor")), AddAnnotation(annotate(doc, "Friday")))
    with pytest.raises(StorageError) as info:
        apply(repo, Batch(ops))
    assert "\n" not in str(info.value) and "no_such_table" in str(info.value)
    assert snapshot(repo) == before
    assert not repo.db.conn.in_transaction


def test_every_apply_is_its_own_committed_transaction(repo, doc, db_path):
    """After apply returns, another connection sees the change (it was committed)."""
    a = annotate(doc, "the mayor")
    apply(repo, AddAnnotation(a))
    other = open_database(db_path)
    try:
        ids = [r[0] for r in other.execute("SELECT id FROM annotations").fetchall()]
    finally:
        other.conn.close()
    assert ids == [a.id]
