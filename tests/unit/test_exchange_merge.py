"""Merging another reviewer's database, and agreement between two reviewers (kappa by hand)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.app import open_repository
from desktop_app.cli import main
from desktop_app.core.agreement import compare_reviewers, kappa_for
from desktop_app.core.annotations import new_annotation
from desktop_app.core.exchange import CONFLICT
from desktop_app.core.operations import UpdateAnnotation
from desktop_app.desk import Desk

DRAFT = (
    "Ça 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz. A council aide, who spoke on condition of "
    "anonymity because the talks are private, said the deficit grew 12 percent."
)
SAME_TIME = "2030-01-01T00:00:00.000+00:00"


def span(words: str) -> tuple[int, int]:
    start = DRAFT.index(words)
    return start, start + len(words)


def test_kappa_on_character_overlap_by_hand():
    """N = 100; A tags 0-40, B tags 10-40 and 90-100. Both 30, neither 100 - 50 = 50.
    Po = 80/100 = 0.8; Pe = 0.4*0.4 + 0.6*0.6 = 0.52; kappa = 0.28 / 0.48 = 7/12."""
    row = kappa_for(100, [(0, 40)], [(10, 40), (90, 100)])
    assert (row.first, row.second, row.both, row.neither) == (40, 40, 30, 50)
    assert row.percent == 80.0
    assert row.kappa == pytest.approx(7 / 12)
    assert kappa_for(100, [], []).kappa is None  # nobody tagged anything: undefined, not 1
    assert kappa_for(10, [(0, 5)], [(5, 10)]).kappa == pytest.approx(-1.0)


def test_spans_by_both_and_by_one_only_emoji_before():
    text = "🙂 é " + "x" * 50
    a = [new_annotation("d", text, "quote", 4, 20, reviewer="A")]
    a.append(new_annotation("d", text, "claim", 30, 40, reviewer="A"))
    b = [new_annotation("d", text, "quote", 10, 25, reviewer="B")]
    b.append(new_annotation("d", text, "claim", 45, 50, reviewer="B"))
    result = compare_reviewers(text, a + b, "A", "B")
    assert [(x.id, y.id) for x, y in result.both] == [(a[0].id, b[0].id)]
    assert result.only_first == [a[1]] and result.only_second == [b[1]]
    quote = next(t for t in result.tags if t.tag == "quote")
    # A 4-20 (16 chars), B 10-25 (15 chars), both 10-20 (10), neither = 54 - 21 = 33.
    assert (quote.first, quote.second, quote.both, quote.neither) == (16, 15, 10, 33)


@pytest.fixture
def two_reviews(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Alice's database; Bob got a copy of it, then worked on his own."""
    draft = tmp_path / "budget.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    other_draft = tmp_path / "other.txt"
    other_draft.write_text("Another draft, said Léa. 🙂 It rained.", encoding="utf-8")
    alice_db, bob_db = tmp_path / "alice.sqlite3", tmp_path / "bob.sqlite3"
    alice = Desk(open_repository(alice_db), "Alice")
    doc = alice.import_file(str(draft)).document
    quote = alice.annotate(doc.id, "quote", *span("We will not raise taxes"))
    claim = alice.annotate(doc.id, "claim", *span("the deficit grew 12 percent"))
    alice.close()
    shutil.copy(alice_db, bob_db)
    bob = Desk(open_repository(bob_db), "Bob")
    bob.annotate(doc.id, "quote", *span("We will not raise taxes,” said Ana Ruiz"))
    source = bob.annotate(doc.id, "anonymous_source", *span("A council aide"))
    bob.set_note(claim.id, "Bob checked the figure")  # newer than Alice's: wins
    bob.apply(UpdateAnnotation(replace(quote, status="disputed", updated_at=SAME_TIME)))
    other = bob.import_file(str(other_draft)).document
    bob.annotate(other.id, "claim", 26, 35)
    bob.close()
    alice = Desk(open_repository(alice_db), "Alice")
    alice.apply(UpdateAnnotation(replace(quote, status="verified", updated_at=SAME_TIME)))
    alice.close()
    return (
        alice_db,
        bob_db,
        {"doc": doc.id, "quote": quote.id, "claim": claim.id, "source": source.id},
    )


def test_merge_two_databases_gives_union_update_and_conflict(two_reviews, capsys):
    alice_db, bob_db, ids = two_reviews
    assert main(["--db", str(alice_db), "merge", str(bob_db)]) == 0
    line = capsys.readouterr().out
    assert "3 new, 1 updated, 1 conflicts, 0 orphans" in line and "1 documents added" in line
    desk = Desk(open_repository(alice_db), "Alice")
    mine = desk.annotations(ids["doc"])
    assert {a.reviewer for a in mine} == {"Alice", "Bob"}
    assert desk.annotation(ids["claim"]).note == "Bob checked the figure"
    assert desk.annotation(ids["quote"]).status == "verified"  # ours stays
    copy = next(a for a in mine if a.fields.get(CONFLICT) == ids["quote"])
    assert copy.status == "disputed"
    assert [f.kind for f in desk.findings(ids["doc"]) if f.annotation_id == copy.id].count(
        "merge_conflict"
    ) == 1
    assert len(desk.documents()) == 2
    desk.close()
    assert main(["--db", str(alice_db), "merge", str(bob_db)]) == 0  # again: nothing new
    assert "0 new, 0 updated, 0 conflicts" in capsys.readouterr().out


def test_agreement_after_merge(two_reviews, capsys):
    alice_db, bob_db, ids = two_reviews
    main(["--db", str(alice_db), "merge", str(bob_db)])
    capsys.readouterr()
    args = ["--db", str(alice_db), "agreement", "--document", ids["doc"][:8]]
    assert main([*args, "--reviewers", "Alice,Bob", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    quote = next(t for t in data["tags"] if t["tag"] == "quote")
    n = len(DRAFT)
    a = len("We will not raise taxes")
    b = len("We will not raise taxes,” said Ana Ruiz")
    # Alice's quote lies inside Bob's (her kept conflict copy is on the same words): both = a.
    assert (quote["Alice"], quote["Bob"], quote["both"]) == (a, b, a)
    po = (a + (n - b)) / n
    pe = (a / n) * (b / n) + ((n - a) / n) * ((n - b) / n)
    assert quote["kappa"] == pytest.approx((po - pe) / (1 - pe), abs=1e-4)
    assert [s["tag"] for s in data["only_first"]] == ["claim"]
    assert [s["tag"] for s in data["only_second"]] == ["anonymous_source"]
    assert main(args) == 0 and "kappa" in capsys.readouterr().out


def test_foreign_and_newer_databases_are_refused(tmp_path, two_reviews, capsys):
    alice_db, bob_db, ids = two_reviews
    foreign = tmp_path / "notes.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(bob_db, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 999")
    text = tmp_path / "junk.sqlite3"
    text.write_text("not a database at all", encoding="utf-8")
    for bad in (foreign, newer, text, tmp_path / "missing.sqlite3", alice_db):
        capsys.readouterr()
        assert main(["--db", str(alice_db), "merge", str(bad)]) in (1, 2)
        err = capsys.readouterr().err.strip()
        assert err.startswith("copydesk: ") and len(err.splitlines()) == 1, err
    desk = Desk(open_repository(alice_db), "Alice")
    assert len(desk.annotations(ids["doc"])) == 2 and len(desk.documents()) == 1
    desk.close()
