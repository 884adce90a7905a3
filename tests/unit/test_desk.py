"""The desk: every use case through one mutation path, undoable, told to subscribers."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.change import Change
from desktop_app.core.errors import FieldError, OperationError
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import LIBRARY, Desk
from desktop_app.storage import SqliteRepository, open_database
from desktop_app.storage.memory import MemoryRepository

TEXT = (
    "Crème 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz. A council aide, who spoke on condition of "
    "anonymity because the talks are private, said the deficit grew 12 percent."
)


def source(text: str = TEXT, title: str = "Budget") -> SourceText:
    blocks, pos = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    return SourceText(text, title, tuple(blocks), "txt")


@pytest.fixture
def desk() -> Desk:
    return Desk(MemoryRepository(), reviewer="Editor One")


@pytest.fixture
def doc_id(desk: Desk) -> str:
    return desk.add_source(source(), "/drafts/budget.txt").document.id


def span(words: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_every_edit_reaches_subscribers_with_its_initiator(desk: Desk, doc_id: str) -> None:
    heard: list[tuple[Change, object]] = []
    unsubscribe = desk.subscribe(lambda change, by: heard.append((change, by)))
    a = desk.annotate(doc_id, "quote", *span("We will not raise taxes"), initiator="panel")
    assert [(c.added, by) for c, by in heard] == [((a.id,), "panel")]
    assert heard[0][0].annotations == (a,)
    unsubscribe()
    desk.set_note(a.id, "check tape")
    assert len(heard) == 1


def test_annotate_trims_and_stamps_reviewer_with_emoji_before(desk: Desk, doc_id: str) -> None:
    """Offsets are code points: the emoji before the span counts as one."""
    start, end = span("We will not raise taxes")
    a = desk.annotate(doc_id, "quote", start - 1, end + 1)
    assert (a.start, a.end) == (start - 1, end + 1)  # the marks are words, not spaces
    b = desk.annotate(doc_id, "claim", *span(" the deficit grew 12 percent"))
    assert b.exact == "the deficit grew 12 percent" and b.reviewer == "Editor One"
    assert desk.state(doc_id).annotations[b.id] == b


def test_same_tag_same_words_is_refused(desk: Desk, doc_id: str) -> None:
    desk.annotate(doc_id, "claim", *span("12 percent"))
    with pytest.raises(OperationError, match="already tagged as claim"):
        desk.annotate(doc_id, "claim", *span("12 percent"))
    desk.annotate(doc_id, "quote", *span("12 percent"))  # another tag on the same words is fine


def test_fields_are_validated_like_the_form(desk: Desk, doc_id: str) -> None:
    a = desk.annotate(doc_id, "claim", *span("12 percent"))
    with pytest.raises(FieldError, match="unknown field 'bogus'"):
        desk.set_fields(a.id, {"bogus": "1"})
    with pytest.raises(FieldError, match="verification cannot be 'maybe'"):
        desk.set_fields(a.id, {"verification": "maybe"})
    with pytest.raises(FieldError, match="date"):
        desk.set_fields(a.id, {"checked_at": "yesterday"})
    assert desk.annotation(a.id).fields == {}


def test_marking_a_claim_verified_records_who_when_and_status(desk: Desk, doc_id: str) -> None:
    a = desk.annotate(doc_id, "claim", *span("12 percent"))
    desk.set_fields(a.id, {"verification": "verified"})
    after = desk.annotation(a.id)
    assert after.fields == {
        "verification": "verified",
        "checked_by": "Editor One",
        "checked_at": date.today().isoformat(),
    }
    assert after.status == "verified"
    assert desk.undo_label(doc_id) == "Set Verification"
    desk.undo(doc_id)
    assert (desk.annotation(a.id).fields, desk.annotation(a.id).status) == ({}, "open")


def test_picking_a_reason_takes_its_words_and_sets_reason_given(desk: Desk, doc_id: str) -> None:
    a = desk.annotate(doc_id, "anonymous_source", *span("A council aide"))
    start, end = span("because the talks are private")
    desk.set_fields(a.id, {"reason_span": f"{start}-{end}"})
    fields = desk.annotation(a.id).fields
    assert fields["reason"] == "because the talks are private"
    assert (fields["reason_span"], fields["reason_given"]) == (f"{start}-{end}", "yes")
    assert desk.undo_label(doc_id) == "Set Reason"  # the short name, not the form's hint
    desk.set_fields(a.id, {"reason": ""})
    assert "reason" not in desk.annotation(a.id).fields
    assert "reason_span" not in desk.annotation(a.id).fields


def test_a_link_must_name_an_anonymous_source_here(desk: Desk, doc_id: str) -> None:
    q = desk.annotate(doc_id, "quote", *span("We will not raise taxes"))
    c = desk.annotate(doc_id, "claim", *span("12 percent"))
    with pytest.raises(FieldError):
        desk.set_fields(q.id, {"linked_source": c.id})
    s = desk.annotate(doc_id, "anonymous_source", *span("A council aide"))
    desk.set_fields(q.id, {"linked_source": s.id})
    assert desk.annotation(q.id).fields["linked_source"] == s.id


def test_deleting_a_tag_in_use_then_undo_brings_all_back(desk: Desk, doc_id: str) -> None:
    tag = desk.add_tag("Opinion", "O")
    a = desk.annotate(doc_id, tag.name, *span("said Ana Ruiz"), note="loaded?")
    desk.set_status([a.id], "disputed")
    before = desk.annotation(a.id)
    desk.delete_tag(tag.name)
    assert desk.repo.get_tag(tag.name) is None and desk.repo.get_annotation(a.id) is None
    assert desk.state(doc_id).annotations.get(a.id) is None
    assert desk.undo_label(doc_id) == "Delete Tag Opinion"  # seen from the document too
    desk.undo(doc_id)
    assert desk.repo.get_tag(tag.name) == tag
    assert desk.annotation(a.id) == before
    assert desk.state(doc_id).annotations[a.id] == before
    desk.redo(doc_id)
    assert desk.repo.get_tag(tag.name) is None


def test_builtin_tags_cannot_be_deleted_and_keys_are_checked(desk: Desk) -> None:
    with pytest.raises(OperationError, match="built in"):
        desk.delete_tag("quote")
    with pytest.raises(OperationError, match="already the key of Quote"):
        desk.add_tag("Quip", "q")
    with pytest.raises(OperationError, match="picks a tag"):
        desk.add_tag("Number", "7")
    tag = desk.add_tag("Opinion", "O")
    desk.move_tag(tag.name, -1)
    assert [t.name for t in desk.tags()][-2:] == [tag.name, "anonymous_source"]
    desk.undo(None)
    assert desk.tags()[-1].name == tag.name


def test_import_rename_delete_and_their_undo(desk: Desk) -> None:
    result = desk.add_source(source(), "/a.txt")
    assert result.created and desk.undo_label(None) == "Import Budget"
    again = desk.add_source(source(), "/copy-of-a.txt")
    assert (again.created, again.document.id) == (False, result.document.id)
    doc = result.document
    a = desk.annotate(doc.id, "claim", *span("12 percent"))
    desk.rename_document(doc.id, "  Budget,   final  ")
    assert desk.documents()[0].title == "Budget, final"
    desk.delete_document(doc.id)
    assert desk.documents() == [] and desk.repo.get_annotation(a.id) is None
    desk.undo(None)
    assert desk.documents()[0].title == "Budget, final"
    assert desk.annotation(a.id).exact == "12 percent"
    desk.undo(None)
    assert desk.documents()[0].title == "Budget"
    desk.undo(doc.id)  # the claim
    desk.undo(None)  # the import
    assert desk.documents() == []


def test_history_orders_document_and_library_steps(desk: Desk, doc_id: str) -> None:
    """From a document, Ctrl+Z takes the latest step of that document or of the library."""
    a = desk.annotate(doc_id, "claim", *span("12 percent"))
    tag = desk.add_tag("Opinion")
    assert desk.history.next_undo(doc_id)[0] == LIBRARY  # type: ignore[index]
    desk.undo(doc_id)
    assert desk.repo.get_tag(tag.name) is None
    desk.undo(doc_id)
    assert desk.repo.get_annotation(a.id) is None
    assert desk.redo_label(doc_id) == "Tag as Claim"
    desk.redo(doc_id)
    assert desk.redo_label(doc_id) == "Add Tag"


def test_a_step_that_no_longer_applies_is_refused_and_dropped(desk: Desk, doc_id: str) -> None:
    a = desk.annotate(doc_id, "claim", *span("12 percent"))
    other = Desk(desk.repo)  # another window on the same database deletes it meanwhile
    other.remove_annotations([a.id])
    with pytest.raises(OperationError):
        desk.undo(doc_id)
    assert desk.undo_label(doc_id) == "Import Budget"


def test_export_to_a_file_through_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    desk = Desk(SqliteRepository(open_database(path), str(path)))
    doc = desk.add_source(source(), "/a.txt").document
    desk.annotate(doc.id, "quote", *span("We will not raise taxes"), fields={"speaker": "Ana Ruiz"})
    assert [f[0] for f in desk.export_formats()][0] == "csv"
    out = tmp_path / "out.csv"
    assert desk.export_to_file("csv", str(out), doc.id) == 1
    text = out.read_text(encoding="utf-8-sig")
    assert "We will not raise taxes" in text and "Ana Ruiz" in text
    with pytest.raises(OperationError, match="unknown export format"):
        desk.export("xls", open(tmp_path / "x", "wb"), None)
    desk.close()


def test_reading_order_stays_right_through_edits_undo_and_redo(desk: Desk, doc_id: str) -> None:
    """The order is sorted once and then patched by each change: after any mix of adds,
    removals, undo and redo it must equal a fresh sort of what the document holds."""
    rng = random.Random(3)
    desk.state(doc_id)
    desk.annotations(doc_id)  # build the order first, so later edits patch it
    for step in range(120):
        live = desk.annotations(doc_id)
        roll = rng.random()
        if roll < 0.5 or not live:
            start = rng.randrange(0, len(TEXT) - 6)
            end = start + rng.randrange(1, 30)
            tag = rng.choice(["quote", "claim"])
            try:
                desk.annotate(doc_id, tag, start, min(end, len(TEXT)))
            except (OperationError, FieldError):
                pass  # blank span or a duplicate: refused, nothing changes
        elif roll < 0.7:
            desk.remove_annotations([rng.choice(live).id])
        elif roll < 0.85:
            desk.undo(doc_id)
        else:
            desk.redo(doc_id)
        held = desk.state(doc_id).annotations.values()
        expected = sorted(held, key=lambda a: (a.start, a.end, a.id))
        assert desk.annotations(doc_id) == expected, f"step {step}"
