"""The repository contract: the same tests against every adapter of `core.ports.Repository`
(SQLite and the in-memory fake today; a server database must pass them too)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.csv_cells import csv_cells, csv_line
from desktop_app.core.errors import ConflictError, CopydeskError
from desktop_app.core.export_data import ExportQuery, csv_columns
from desktop_app.core.fields import WHO_FIELDS
from desktop_app.core.model import MATCH_END, MATCH_START, Annotation, Block, Document, Tag
from desktop_app.core.ports import Repository
from desktop_app.storage import SqliteRepository, open_database
from desktop_app.storage.memory import MemoryRepository

TEXT = "Headline 🙂\n\n“We will act,” said Ana Ruiz, the mayor. Officials said the cost rose."


def document(
    doc_id: str = "doc-1", text: str = TEXT, when: str = "2026-01-01T00:00:00"
) -> Document:
    return Document(
        id=doc_id,
        title="Héadline",
        source_path=f"/drafts/{doc_id}.txt",
        source_format="txt",
        text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        blocks=(Block("title", 0, 10), Block("paragraph", 12, len(text))),
        imported_at=when,
    )


@pytest.fixture(params=["sqlite", "memory"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    if request.param == "sqlite":
        path = tmp_path / "contract.sqlite3"
        adapter: Repository = SqliteRepository(open_database(path), str(path))
    else:
        adapter = MemoryRepository()
    yield adapter
    adapter.close()


def quote(repo: Repository, words: str, doc_id: str = "doc-1", **fields: str):
    text = repo.document_text(doc_id)
    assert text is not None
    start = text.index(words)
    return new_annotation(doc_id, text, "quote", start, start + len(words), fields=fields)


def test_documents_round_trip(repo: Repository) -> None:
    """A stored document reads back equal; text, hash lookup and prefix search find it."""
    doc = document()
    with repo.transaction():
        repo.insert_document(doc)
    assert repo.get_document(doc.id) == doc
    assert repo.document_text(doc.id) == TEXT
    assert repo.find_document(doc.text_sha256, doc.source_path) == doc
    assert repo.find_document(doc.text_sha256, "/elsewhere") is None
    assert repo.documents_with_text(doc.text_sha256) == [doc]
    assert repo.find_documents("DOC-") == ["doc-1"]
    assert repo.find_documents("%") == [] and repo.find_documents("") == []
    repo.update_document(replace(doc, title="Renamed", text="ignored"))
    assert repo.get_document(doc.id) == replace(doc, title="Renamed", revision=1)


def test_listing_is_newest_first_with_counts(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document("doc-1", when="2026-01-01T00:00:00"))
        repo.insert_document(document("doc-2", "Other text", when="2026-02-01T00:00:00"))
        repo.insert_annotation(quote(repo, "We will act"))
        repo.insert_annotation(quote(repo, "Officials"))
    listed = repo.list_documents()
    assert [d.id for d in listed] == ["doc-2", "doc-1"]
    assert (listed[1].characters, listed[1].counts) == (len(TEXT), {"quote": 2})
    assert listed[0].counts == {}


def test_annotations_round_trip_update_delete(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document())
    a = quote(repo, "We will act", speaker="Ana Ruiz")
    repo.insert_annotation(a)
    assert repo.get_annotation(a.id) == a
    assert repo.annotations_for("doc-1") == [a]
    assert repo.annotations_with_tag("quote") == [a]
    changed = replace(a, note="check", status="verified", fields={"speaker": "Ana"})
    repo.update_annotation(changed)
    assert repo.get_annotation(a.id) == replace(changed, revision=1)
    repo.delete_annotation(a.id, 1)
    assert repo.get_annotation(a.id) is None and repo.annotations_for("doc-1") == []


def test_deleting_a_document_takes_its_annotations(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_annotation(quote(repo, "Officials"))
    repo.delete_document("doc-1", 0)
    assert repo.get_document("doc-1") is None
    assert repo.annotations_with_tag("quote") == []
    assert repo.list_documents() == []


def test_a_failed_transaction_leaves_nothing(repo: Repository) -> None:
    """Everything inside one transaction is undone when it raises."""
    with pytest.raises(RuntimeError):
        with repo.transaction():
            repo.insert_document(document())
            with repo.transaction():  # nested: joins the outer one
                repo.insert_annotation(quote(repo, "Officials"))
            raise RuntimeError("boom")
    assert repo.get_document("doc-1") is None
    assert repo.annotations_with_tag("quote") == []


def test_tags_in_order_and_their_edits(repo: Repository) -> None:
    names = [t.name for t in repo.tags()]
    assert names[:3] == ["quote", "claim", "anonymous_source"]
    tag = Tag("opinion", "Opinion", "#123456", "O", "a view", False, 9)
    repo.insert_tag(tag)
    assert repo.get_tag("opinion") == tag and repo.tags()[-1] == tag
    repo.update_tag(replace(tag, label="View", builtin=True))
    assert repo.get_tag("opinion") == replace(
        tag, label="View", revision=1
    )  # builtin never changes
    repo.delete_tag("opinion", 1)
    assert repo.get_tag("opinion") is None


def test_a_tag_in_use_cannot_be_deleted_underneath_its_annotations(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_annotation(quote(repo, "Officials"))
    with pytest.raises(CopydeskError):
        with repo.transaction():
            repo.delete_tag("quote", 0)
    assert repo.get_tag("quote") is not None


def test_duplicate_ids_are_refused(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document())
    with pytest.raises(CopydeskError):
        with repo.transaction():
            repo.insert_document(document())
    a = quote(repo, "Officials")
    repo.insert_annotation(a)
    with pytest.raises(CopydeskError):
        with repo.transaction():
            repo.insert_annotation(a)


def test_export_rows_are_typed_and_in_order(repo: Repository) -> None:
    """Rows stream in document import order, then position; orphans have no place."""
    with repo.transaction():
        repo.insert_document(document("doc-1", when="2026-01-01T00:00:00"))
        repo.insert_document(document("doc-2", "Other 🙂 text", when="2026-02-01T00:00:00"))
    late = quote(repo, "Officials", speaker="—")
    early = quote(repo, "We will act", speaker="Ana Ruiz", cue="said")
    other = new_annotation("doc-2", "Other 🙂 text", "claim", 8, 12)
    orphan = replace(quote(repo, "the cost"), start=-1, end=-1, anchor_state="orphaned")
    for a in (late, other, early, orphan):
        repo.insert_annotation(a)
    rows = list(repo.export_rows())
    assert [r.annotation_id for r in rows] == [orphan.id, early.id, late.id, other.id]
    first = rows[1]
    assert (first.document_title, first.source_path, first.text) == (
        "Héadline",
        "/drafts/doc-1.txt",
        "We will act",
    )
    assert (first.start, first.end, first.paragraph) == (early.start, early.end, 2)
    assert first.fields == {"speaker": "Ana Ruiz", "cue": "said"}
    assert (rows[0].start, rows[0].end, rows[0].paragraph) == ("", "", "")
    assert [r.annotation_id for r in repo.export_rows("doc-2")] == [other.id]
    assert sorted(repo.field_keys()) == ["cue", "speaker"]
    assert repo.field_keys("doc-2") == []


def test_document_note_is_kept_and_changed(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(replace(document(), note="legal read needed"))
    assert repo.get_document("doc-1").note == "legal read needed"  # type: ignore[union-attr]
    repo.update_document(replace(document(), note="cleared by legal"))
    assert repo.get_document("doc-1").note == "cleared by legal"  # type: ignore[union-attr]


def test_library_search_ignores_case_and_accents_and_marks_matches(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document("doc-1", when="2026-01-01T00:00:00"))
        repo.insert_document(
            document("doc-2", "The harbour ferry ran late again.", when="2026-02-01T00:00:00")
        )
    hits = repo.search_documents("ruiz OFFICIALS")
    assert [h.document_id for h in hits] == ["doc-1"]
    assert re.search(f"{MATCH_START}(Ruiz|Officials){MATCH_END}", hits[0].snippet)
    assert [h.document_id for h in repo.search_documents("creme")] == []
    # every word must be found, in the title or the text (accents ignored)
    assert [h.document_id for h in repo.search_documents("headline ferry")] == ["doc-2"]
    assert [h.document_id for h in repo.search_documents("FERRY")] == ["doc-2"]
    assert repo.search_documents('"') == [] and repo.search_documents("   ") == []
    repo.delete_document("doc-2", 0)
    assert repo.search_documents("ferry") == []


def test_find_annotations_across_the_library(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document("doc-1", when="2026-01-01T00:00:00"))
        repo.insert_document(document("doc-2", "Ana Ruiz spoke.", when="2026-02-01T00:00:00"))
    q1 = quote(repo, "We will act", speaker="Ana Ruiz")
    q2 = new_annotation("doc-2", "Ana Ruiz spoke.", "quote", 0, 8, fields={"speaker": "ana ruiz"})
    c = new_annotation("doc-1", TEXT, "claim", TEXT.index("the cost"), TEXT.index(" rose."))
    for a in (q1, q2, replace(c, status="verified")):
        repo.insert_annotation(a)
    by_ana = repo.find_annotations(speaker="ANA")
    assert [(h.annotation.id, h.document_title) for h in by_ana] == [
        (q2.id, "Héadline"),
        (q1.id, "Héadline"),
    ]
    assert [h.annotation.id for h in repo.find_annotations(tag="claim")] == [c.id]
    assert repo.find_annotations(tag="claim", status="open") == []
    assert len(repo.find_annotations()) == 3


def other_session(repo: Repository) -> Repository:
    """A second session on the same store: another connection to the SQLite file; the in-memory
    fake has one store per object, so its "other session" is the same object."""
    if isinstance(repo, SqliteRepository):
        return SqliteRepository(open_database(repo.path), repo.path)
    return repo


def test_a_stale_update_or_delete_is_refused_and_changes_nothing(repo: Repository) -> None:
    """Every stored change bumps the revision; an edit naming an older one is a ConflictError."""
    with repo.transaction():
        repo.insert_document(document())
    a = quote(repo, "We will act")
    repo.insert_annotation(a)
    tag = Tag("opinion", "Opinion", "#123456")
    repo.insert_tag(tag)
    other = other_session(repo)
    with other.transaction():
        other.update_annotation(replace(a, note="theirs"))
        other.update_tag(replace(tag, label="Theirs"))
        other.update_document(replace(document(), title="Theirs"))
    for stale_write in (
        lambda: repo.update_annotation(replace(a, note="mine")),
        lambda: repo.delete_annotation(a.id, 0),
        lambda: repo.update_tag(replace(tag, label="Mine")),
        lambda: repo.delete_tag(tag.name, 0),
        lambda: repo.update_document(replace(document(), title="Mine")),
        lambda: repo.delete_document("doc-1", 0),
    ):
        with pytest.raises(ConflictError, match="changed in another window or program"):
            with repo.transaction():
                stale_write()
    assert (repo.get_annotation(a.id).note, repo.get_annotation(a.id).revision) == ("theirs", 1)
    assert repo.get_tag(tag.name) == replace(tag, label="Theirs", revision=1)
    assert repo.get_document("doc-1").title == "Theirs"
    with repo.transaction():
        repo.delete_annotation(a.id, 1)
    with pytest.raises(ConflictError, match="deleted in another window"):
        with repo.transaction():
            repo.update_annotation(replace(a, revision=1))
    if other is not repo:
        other.close()


def test_data_version_moves_when_another_session_commits(repo: Repository) -> None:
    before = repo.data_version()
    assert repo.data_version() == before  # looking changes nothing
    other = other_session(repo)
    with other.transaction():
        other.insert_document(document())
    assert repo.data_version() != before
    repo.set_busy_timeout(200)
    if other is not repo:
        other.close()


def test_backup_restore_and_save_copy(repo: Repository, tmp_path: Path) -> None:
    """A backup is a whole copy; restoring it brings back what was there (and backs up the state
    it replaces); a saved copy is a Copydesk database file holding everything."""
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_annotation(quote(repo, "We will act", speaker="Ana Ruiz"))
    kept = repo.backup("before merge")
    assert repo.backups()[0] == kept
    with repo.transaction():
        repo.delete_document("doc-1", 0)
    repo.restore(kept)
    assert [a.fields for a in repo.annotations_for("doc-1")] == [{"speaker": "Ana Ruiz"}]
    assert repo.document_text("doc-1") == TEXT
    assert len(repo.backups()) == 2  # the restore kept the state it replaced
    copy = tmp_path / "rescued.sqlite3"
    repo.save_copy(str(copy))
    rescued = SqliteRepository(open_database(copy, backups=False), str(copy))
    assert [a.exact for a in rescued.annotations_for("doc-1")] == ["We will act"]
    assert [t.name for t in rescued.tags()] == [t.name for t in repo.tags()]
    rescued.close()


REVISED = "Headline 🙂\n\nOfficials said the cost rose again. “We will act now,” said Ana Ruiz."


def test_previous_text_and_every_fate_round_trip(repo: Repository) -> None:
    """An annotation's fate and its words in the previous revision are stored and updated."""
    with repo.transaction():
        repo.insert_document(document())
    a = replace(quote(repo, "We will act"), anchor_state="changed", previous_text="We will act")
    repo.insert_annotation(a)
    assert repo.get_annotation(a.id) == a
    for n, state in enumerate(("same", "moved", "orphaned"), start=1):
        current = repo.get_annotation(a.id)
        assert current is not None
        repo.update_annotation(replace(current, anchor_state=state, previous_text="We will"))
        expected = replace(a, anchor_state=state, previous_text="We will", revision=n)
        assert repo.get_annotation(a.id) == expected


def test_freezing_keeps_an_earlier_revision_readable_and_frees_the_ids(repo: Repository) -> None:
    """Frozen annotations stay with the earlier revision (read, counted, exported) while the same
    ids live on in the next revision; thawing brings them back; revisions_of links them."""
    with repo.transaction():
        repo.insert_document(document())
        a = quote(repo, "We will act", speaker="Ana Ruiz")
        repo.insert_annotation(a)
        new = replace(document("doc-2", REVISED, "2026-02-01T00:00:00"), revision_of="doc-1")
        repo.insert_document(new)
        frozen = repo.freeze_annotations("doc-1")
        start = REVISED.index("We will act now")
        words = "We will act now"
        carried = replace(a, document_id="doc-2", start=start, end=start + 15, exact=words)
        carried = replace(carried, anchor_state="changed", previous_text="We will act")
        repo.insert_annotation(carried)
    assert frozen == [a]
    assert repo.annotations_for("doc-1") == [a] and repo.annotations_for("doc-2") == [carried]
    assert repo.get_annotation(a.id) == carried  # the live one is the latest revision's
    assert [d.id for d in repo.revisions_of("doc-1")] == ["doc-2"]
    assert repo.revisions_of("doc-2") == []
    assert {d.id: d.counts for d in repo.list_documents()} == {
        "doc-1": {"quote": 1},
        "doc-2": {"quote": 1},
    }
    old_rows = list(repo.export_rows("doc-1"))
    assert [(r.annotation_id, r.text, r.start) for r in old_rows] == [(a.id, a.exact, a.start)]
    (row,) = repo.export_rows("doc-2")
    assert (row.text, row.previous_text, row.anchor_state) == (words, "We will act", "changed")
    assert repo.field_keys("doc-1") == ["speaker"]
    with pytest.raises(CopydeskError):  # its id is still live in doc-2
        with repo.transaction():
            repo.thaw_annotations("doc-1")
    assert repo.annotations_for("doc-1") == [a]  # the failed thaw left everything as it was
    with repo.transaction():
        repo.delete_document("doc-2", 0)
        assert repo.thaw_annotations("doc-1") == [a]
    assert repo.get_annotation(a.id) == a and repo.annotations_for("doc-1") == [a]
    assert repo.thaw_annotations("doc-1") == []  # nothing frozen is left


def test_an_orphan_exports_its_old_words_as_previous_text(repo: Repository) -> None:
    """An orphan has no text, start, end or paragraph in the revision; previous_text has them."""
    with repo.transaction():
        repo.insert_document(document())
    orphan = replace(
        quote(repo, "the cost"), start=-1, end=-1, anchor_state="orphaned", previous_text="the cost"
    )
    repo.insert_annotation(orphan)
    (row,) = repo.export_rows("doc-1")
    assert (row.text, row.start, row.end, row.previous_text) == ("", "", "", "the cost")


def test_deleting_an_earlier_revision_takes_its_frozen_copies(repo: Repository) -> None:
    """Deleting a document removes its frozen annotations too; its revisions lose the link."""
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_annotation(quote(repo, "Officials"))
        repo.insert_document(replace(document("doc-2", REVISED), revision_of="doc-1"))
        repo.freeze_annotations("doc-1")
        repo.delete_document("doc-1", 0)
    assert repo.annotations_for("doc-1") == [] and repo.thaw_annotations("doc-1") == []
    assert repo.get_document("doc-2").revision_of is None


def test_rejected_suggestions_round_trip_and_go_with_their_document(repo: Repository) -> None:
    """Rejections read back per document, twice is once, delete forgets; gone with the doc."""
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_document(document("doc-2", TEXT + " More."))
    with repo.transaction():
        repo.insert_rejection("doc-1", "quote", 12, 27)
        repo.insert_rejection("doc-1", "quote", 12, 27)
        repo.insert_rejection("doc-1", "claim", 54, 85)
        repo.insert_rejection("doc-2", "quote", 12, 27)
    assert repo.rejected_suggestions("doc-1") == {("quote", 12, 27), ("claim", 54, 85)}
    with repo.transaction():
        repo.delete_rejection("doc-1", "claim", 54, 85)
    assert repo.rejected_suggestions("doc-1") == {("quote", 12, 27)}
    with repo.transaction():
        repo.delete_document("doc-1", 0)
    assert repo.rejected_suggestions("doc-1") == set()
    assert repo.rejected_suggestions("doc-2") == {("quote", 12, 27)}


def test_a_rejection_in_a_failed_transaction_is_not_kept(repo: Repository) -> None:
    """A rejection written in a transaction that fails is rolled back; none for a missing doc."""
    with repo.transaction():
        repo.insert_document(document())
    with pytest.raises(RuntimeError), repo.transaction():
        repo.insert_rejection("doc-1", "quote", 12, 27)
        raise RuntimeError("boom")
    assert repo.rejected_suggestions("doc-1") == set()
    with pytest.raises(CopydeskError):
        repo.insert_rejection("no-such-doc", "quote", 1, 2)


# -- the CSV export's lines (core.csv_cells is the reference the SQL must match) ----------------
HOSTILE = [
    ("We will act", "=SUM(A1:A9)", {"speaker": "Ana Ruiz", "cue": "said"}),
    ("Officials", 'a "quoted", comma\r\nnewline', {"speaker": "@cmd", 'odd"key': "-1"}),
    ("the cost", "NUL\x00inside", {"back\\slash": "x\x00y", "évidence": "+2"}),
    ("Headline", "\ttab first", {"count": 3, "flag": True, "list": [1, "é"], "none": None}),
]


def csv_library(repo: Repository) -> list[Annotation]:
    """Two documents whose titles sort against their import order, annotations with every
    kind of awkward cell, one orphan, two reviewers."""
    with repo.transaction():
        repo.insert_document(replace(document("doc-1", when="2026-01-01T00:00:00"), title="Zoë"))
        repo.insert_document(
            replace(document("doc-2", "Éclair 🙂 budget", when="2026-02-01T00:00:00"), title="Ana")
        )
    made = []
    for n, (words, note, fields) in enumerate(HOSTILE):
        a = replace(quote(repo, words), note=note, fields=fields, reviewer=("Bo", "Cy")[n % 2])
        made.append(a)
    made[2] = replace(made[2], start=-1, end=-1, anchor_state="orphaned", status="disputed")
    made.append(new_annotation("doc-2", "Éclair 🙂 budget", "claim", 9, 15, reviewer="Cy"))
    for a in made:
        repo.insert_annotation(a)
    return made


def expected_lines(repo: Repository, chosen: list[Annotation], keys: list[str]) -> bytes:
    _, ordered = csv_columns(keys)
    who = sum(k in WHO_FIELDS for k in ordered)
    out = []
    for a in sorted(
        chosen, key=lambda a: (repo.get_document(a.document_id).title, a.start, a.end, a.id)
    ):
        d = repo.get_document(a.document_id)
        assert d is not None
        paragraph = sum(b.start <= a.start for b in d.blocks)
        cells = csv_cells(d.title, d.text_sha256, d.source_path, paragraph, a, ordered, who)
        out.append(csv_line(cells))
    return "".join(out).encode("utf-8")


def test_csv_lines_match_the_reference_cells_in_title_order(repo: Repository) -> None:
    """Byte for byte what core.csv_cells writes: quoted, formula starts defused, NULs gone,
    odd keys and non-text values; documents by title (not import order); the orphan placeless."""
    made = csv_library(repo)
    keys = repo.field_keys()
    raw = b"".join(repo.csv_lines(ExportQuery(), keys))
    assert raw == expected_lines(repo, made, keys)
    assert b"\x00" not in raw
    header, _ = csv_columns(keys)
    rows = [dict(zip(header, r, strict=True)) for r in csv.reader(io.StringIO(raw.decode()))]
    assert [r["document_title"] for r in rows] == ["Ana", "Zoë", "Zoë", "Zoë", "Zoë"]
    by_note = {r["note"]: r for r in rows}
    assert by_note["'=SUM(A1:A9)"]["speaker"] == "Ana Ruiz"
    assert by_note['a "quoted", comma\r\nnewline']["speaker"] == "'@cmd"
    assert by_note['a "quoted", comma\r\nnewline']['odd"key'] == "'-1"
    orphan = by_note["NULinside"]
    assert (orphan["text"], orphan["start"], orphan["paragraph"]) == ("", "", "")
    assert (orphan["previous_text"], orphan["back\\slash"], orphan["évidence"]) == (
        "the cost",
        "xy",
        "'+2",
    )
    odd = by_note["'\ttab first"]
    assert (odd["count"], odd["flag"], odd["list"], odd["none"]) == ("3", "1", '[1,"é"]', "")
    assert rows[0]["text"] == "budget" and rows[0]["start"] == "9" and rows[0]["paragraph"] == "1"


def test_csv_lines_follow_the_query(repo: Repository) -> None:
    """Scope (document, selection) and filters (tag, status, reviewer) select the rows."""
    made = csv_library(repo)
    keys = repo.field_keys()

    def ids(**query: Any) -> list[str]:
        raw = b"".join(repo.csv_lines(ExportQuery(**query), keys)).decode()
        header, _ = csv_columns(keys)
        return [r[header.index("annotation_id")] for r in csv.reader(io.StringIO(raw))]

    assert ids(document_id="doc-2") == [made[4].id]
    assert ids(tags=("claim",)) == [made[4].id]
    assert ids(statuses=("disputed",)) == [made[2].id]
    assert sorted(ids(reviewers=("Bo",))) == sorted([made[0].id, made[2].id])
    assert sorted(ids(annotation_ids=(made[1].id, made[3].id))) == sorted([made[1].id, made[3].id])
    assert ids(document_id="doc-1", reviewers=("Cy",), tags=("quote",)) == sorted(
        [made[1].id, made[3].id], key=lambda i: next(a.start for a in made if a.id == i)
    )
    assert ids(annotation_ids=()) == []
    assert repo.reviewers() == ["Bo", "Cy"] and repo.reviewers("doc-2") == ["Cy"]
