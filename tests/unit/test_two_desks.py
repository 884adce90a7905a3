"""Two sessions on one database file (two windows, or a window and the CLI): concurrent edits and
undo across them never overwrite each other silently; each notices the other's commits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.change import Change
from desktop_app.core.errors import ConflictError
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk
from desktop_app.desk.concurrency import EXTERNAL
from desktop_app.storage import SqliteRepository, open_database

TEXT = "Crème 🙂 budget\n\nOfficials said the deficit grew 12 percent, the mayor said."


def open_desk(path: Path, reviewer: str) -> Desk:
    return Desk(SqliteRepository(open_database(path), str(path)), reviewer)


@pytest.fixture
def desks(tmp_path: Path):
    path = tmp_path / "shared.sqlite3"
    a = open_desk(path, "Editor A")
    blocks = (Block("paragraph", 0, 15), Block("paragraph", 17, len(TEXT)))
    source = SourceText(TEXT, "Budget", blocks, "txt")
    doc_id = a.add_source(source, "/drafts/budget.txt").document.id
    b = open_desk(path, "Editor B")
    yield a, b, doc_id
    a.close()
    b.close()


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def heard_by(desk: Desk) -> list[tuple[Change, object]]:
    heard: list[tuple[Change, object]] = []
    desk.subscribe(lambda change, by: heard.append((change, by)))
    return heard


def test_a_stale_edit_is_refused_and_the_window_shows_the_latest(desks) -> None:
    """The issue's case: A verifies a claim, B (holding the older copy) edits its note: B is
    refused, B's view now shows "verified", B's retry keeps both; A sees B's note on polling."""
    a, b, doc_id = desks
    claim = a.annotate(doc_id, "claim", *span("grew 12 percent"))
    b.state(doc_id)  # B has the document open
    assert b.poll_external() is not None  # ...and picks up the claim
    assert b.annotation(claim.id).status == "open"
    a.state(doc_id)
    a.set_fields(claim.id, {"verification": "verified"})
    heard = heard_by(b)
    with pytest.raises(ConflictError, match="changed in another window or program"):
        b.set_note(claim.id, "B's note")
    assert b.annotation(claim.id).status == "verified"  # refreshed, not overwritten
    assert [(c.updated, by) for c, by in heard] == [((claim.id,), EXTERNAL)]
    b.set_note(claim.id, "B's note")
    stored = a.repo.get_annotation(claim.id)
    assert (stored.status, stored.note) == ("verified", "B's note")
    change = a.poll_external()
    assert change is not None and change.updated == (claim.id,)
    assert a.annotation(claim.id).note == "B's note"


def test_undo_is_refused_when_the_other_desk_changed_the_annotation(desks) -> None:
    a, b, doc_id = desks
    claim = a.annotate(doc_id, "claim", *span("grew 12 percent"))
    a.set_status([claim.id], "verified")
    b.set_note(claim.id, "B's note")  # B reads it fresh (like the CLI)
    with pytest.raises(ConflictError):
        a.undo(doc_id)  # would put back status "open" over B's edit
    stored = b.repo.get_annotation(claim.id)
    assert (stored.status, stored.note) == ("verified", "B's note")
    assert a.annotation(claim.id).note == "B's note"  # A refreshed it
    with pytest.raises(ConflictError):
        a.undo(doc_id)  # the tagging itself: removing it would lose B's note
    assert b.repo.get_annotation(claim.id) is not None


def test_a_deletion_by_the_other_desk_reaches_the_open_document(desks) -> None:
    a, b, doc_id = desks
    claim = a.annotate(doc_id, "claim", *span("grew 12 percent"))
    a.state(doc_id)
    heard = heard_by(a)
    b.remove_annotations([claim.id])
    change = a.poll_external()
    assert change is not None and change.removed == (claim.id,)
    assert claim.id not in a.state(doc_id).annotations
    assert heard[-1][1] == EXTERNAL
    assert a.poll_external() is None  # nothing new since
    with pytest.raises(ConflictError, match="deleted"):
        a.undo(doc_id)


def test_own_undo_chains_still_work(desks) -> None:
    """Undo after undo: the history is rebased on the revisions this desk itself left."""
    a, _, doc_id = desks
    claim = a.annotate(doc_id, "claim", *span("grew 12 percent"))
    a.set_note(claim.id, "one")
    a.set_status([claim.id], "disputed")
    a.undo(doc_id)
    a.undo(doc_id)
    a.redo(doc_id)
    a.undo(doc_id)
    a.undo(doc_id)
    assert a.repo.get_annotation(claim.id) is None
    a.redo(doc_id)
    a.redo(doc_id)
    a.redo(doc_id)
    stored = a.repo.get_annotation(claim.id)
    assert (stored.note, stored.status) == ("one", "disputed")


def test_library_tags_and_document_titles_from_the_other_desk(desks) -> None:
    a, b, doc_id = desks
    a.state(doc_id)
    a.poll_external()
    b.rename_document(doc_id, "Budget, final")
    tag = b.add_tag("Opinion")
    second = SourceText("Other draft", "Other", (Block("paragraph", 0, 11),), "txt")
    new = b.add_source(second, "/drafts/other.txt").document
    change = a.poll_external()
    assert change is not None and change.tags_changed
    assert new.id in change.documents_added and doc_id in change.documents_updated
    assert a.state(doc_id).document.title == "Budget, final"
    assert tag.name in [t.name for t in a.tags()]
    a.rename_document(doc_id, "Mine")  # based on what A now shows: accepted
    b.rename_document(doc_id, "Theirs")  # B's desk holds no copy: it reads the latest
    with pytest.raises(ConflictError):  # A has not looked since: its rename is stale
        a.rename_document(doc_id, "Mine again")
    assert a.state(doc_id).document.title == "Theirs"  # refreshed on the refusal
    assert b.repo.get_document(doc_id).title == "Theirs"


def test_stale_tag_edit_from_a_dialog_is_refused(desks) -> None:
    a, b, _ = desks
    tag = a.add_tag("Opinion")
    b.update_tags([replace(b.tag(tag.name), label="View")])
    with pytest.raises(ConflictError):  # the tags dialog's copy in A is older
        a.update_tags([replace(tag, label="Comment")])
    assert b.tag(tag.name).label == "View"
