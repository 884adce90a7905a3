"""Suggestions on the desk: open ones, accept with fields, accept all as one step, reject
remembered and undoable, and the checks they feed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.fields import CLAIM_TYPES
from desktop_app.core.model import Block, SourceText
from desktop_app.core.rejections import RestoreSuggestion
from desktop_app.desk import Desk
from desktop_app.desk import suggestions as sg
from desktop_app.storage import SqliteRepository, open_database
from desktop_app.storage.memory import MemoryRepository

TEXT = (
    "Crème 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz, the mayor. “Not this year.”\n\n"
    "A council aide, who spoke on condition of anonymity because the talks are private, said "
    "the deficit grew 12 percent in 2025.\n\n"
    "“It is a mess,” the aide said. Ruiz called the plan “reckless” on Monday."
)


def source(text: str = TEXT) -> SourceText:
    blocks, pos = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    return SourceText(text, "Budget", tuple(blocks), "txt")


@pytest.fixture
def desk() -> Desk:
    return Desk(MemoryRepository(), reviewer="Editor One")


@pytest.fixture
def doc_id(desk: Desk) -> str:
    return desk.add_source(source(), "/drafts/budget.txt").document.id


def _first(desk: Desk, doc_id: str, kind: str, words: str = ""):
    return next(s for s in sg.open_suggestions(desk, doc_id) if s.kind == kind and words in s.text)


def test_accepting_a_quote_fills_speaker_cue_and_type(desk: Desk, doc_id: str):
    """Accept: a quote annotation at the suggestion's place with speaker, cue and quote type."""
    s = _first(desk, doc_id, "quote", "raise taxes")
    a = sg.accept(desk, doc_id, s)
    assert (a.tag, a.start, a.end) == ("quote", s.start, s.end)
    assert TEXT[a.start : a.end] == "“We will not raise taxes,”"
    assert a.fields["speaker"] == "Ana Ruiz" and a.fields["cue"] == "said"
    assert a.fields["quote_type"] == "full"
    assert s not in sg.open_suggestions(desk, doc_id)
    assert desk.undo_label(doc_id) == "Accept Quote Suggestion"


def test_accepting_a_source_picks_its_reason_from_the_text(desk: Desk, doc_id: str):
    """An anonymous source gets its description, reason (words and span) and reason_given."""
    s = _first(desk, doc_id, "anonymous_source")
    a = sg.accept(desk, doc_id, s)
    start, end = (int(x) for x in a.fields["reason_span"].split("-"))
    assert a.fields["reason"] == TEXT[start:end] == "because the talks are private"
    assert a.fields["reason_given"] == "yes" and a.fields["description"] == "A council aide"


def test_claim_types_map_onto_the_tags_choices(desk: Desk, doc_id: str):
    """The suggester's claim kinds become one of the claim tag's own choices."""
    s = _first(desk, doc_id, "claim", "12 percent")
    a = sg.accept(desk, doc_id, s)
    assert a.fields["claim_type"] == "quantity or statistic"
    assert set(sg.CLAIM_TYPE_OF.values()) <= set(CLAIM_TYPES)


def test_accept_all_quotes_is_one_undoable_step(desk: Desk, doc_id: str):
    """Accept all of a kind: every open quote tagged at once; one undo removes them all."""
    n = sum(s.kind == "quote" for s in sg.open_suggestions(desk, doc_id))
    assert n >= 3
    sg.accept_all(desk, doc_id, "quote")
    quotes = [a for a in desk.annotations(doc_id) if a.tag == "quote"]
    assert len(quotes) == n and all(a.fields.get("quote_type") for a in quotes)
    assert not [s for s in sg.open_suggestions(desk, doc_id) if s.kind == "quote"]
    assert desk.undo_label(doc_id) == f"Accept {n} Quote Suggestions"
    desk.undo(doc_id)
    assert [a for a in desk.annotations(doc_id) if a.tag == "quote"] == []
    assert sg.accept_all(desk, doc_id, "nothing") is None


def test_a_rejection_is_remembered_and_undoable(tmp_path: Path):
    """Rejected: gone, still gone in a new desk on the same database; undo brings it back."""
    path = tmp_path / "db.sqlite3"
    desk = Desk(SqliteRepository(open_database(path), str(path)))
    doc_id = desk.add_source(source(), "/d.txt").document.id
    s = _first(desk, doc_id, "quote", "reckless")
    seen: list[object] = []
    desk.subscribe(lambda change, _who: seen.append(change.document_ids))
    sg.reject(desk, doc_id, s)
    assert s not in sg.open_suggestions(desk, doc_id) and seen == [frozenset({doc_id})]
    desk.close()
    again = Desk(SqliteRepository(open_database(path), str(path)))
    assert s not in sg.open_suggestions(again, doc_id)
    again.close()
    desk = Desk(SqliteRepository(open_database(path), str(path)))
    desk.apply(RestoreSuggestion(doc_id, s.kind, s.start, s.end))
    assert s in sg.open_suggestions(desk, doc_id)
    desk.close()


def test_undo_of_a_rejection_in_the_same_session(desk: Desk, doc_id: str):
    """Undo after reject: the suggestion is open again; redo rejects it again."""
    s = _first(desk, doc_id, "claim")
    sg.reject(desk, doc_id, s)
    assert desk.undo_label(doc_id) == "Reject Suggestion"
    desk.undo(doc_id)
    assert s in sg.open_suggestions(desk, doc_id)
    desk.redo(doc_id)
    assert s not in sg.open_suggestions(desk, doc_id)


def test_a_hand_made_annotation_hides_the_overlapping_suggestion(desk: Desk, doc_id: str):
    """A quote tagged by hand (without the marks) counts: its suggestion is no longer open."""
    s = _first(desk, doc_id, "quote", "Not this year")
    start = TEXT.index("Not this year")
    desk.annotate(doc_id, "quote", start, start + len("Not this year."))
    assert s not in sg.open_suggestions(desk, doc_id)


def test_findings_count_unannotated_quotes_and_untagged_unnamed_sources(desk: Desk, doc_id: str):
    """Checks: "N quotations in the text are not annotated"; a quoted unnamed source untagged."""
    doc = desk.document(doc_id)
    sg._CACHE.pop(doc.text_sha256, None)
    assert sg.findings(desk, doc_id) == []  # nothing computed yet: nothing claimed
    sg.of_document(doc)
    found = {f.kind: f for f in sg.findings(desk, doc_id)}
    n = sum(s.kind == "quote" for s in sg.open_suggestions(desk, doc_id))
    assert found["quote_unannotated"].message == f"{n} quotations in the text are not annotated"
    assert "A council aide" in found["anonymous_quote_unmarked"].message
    sg.accept_all(desk, doc_id, "quote")
    sg.accept_all(desk, doc_id, "anonymous_source")
    assert sg.findings(desk, doc_id) == []


def test_speakers_for_the_completer_come_from_the_cache(desk: Desk, doc_id: str):
    """The completer's names: the speakers found, once computed (never computed on the spot)."""
    doc = desk.document(doc_id)
    sg._CACHE.pop(doc.text_sha256, None)
    assert sg.speakers(doc) == []
    sg.of_document(doc)
    assert "Ana Ruiz" in sg.speakers(doc)
