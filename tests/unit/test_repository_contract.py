"""The repository contract: the same tests against every adapter of `core.ports.Repository`
(SQLite and the in-memory fake today; a server database must pass them too)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Block, Document, Tag
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
    assert repo.get_document(doc.id) == replace(doc, title="Renamed")


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
    assert repo.get_annotation(a.id) == changed
    repo.delete_annotation(a.id)
    assert repo.get_annotation(a.id) is None and repo.annotations_for("doc-1") == []


def test_deleting_a_document_takes_its_annotations(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_annotation(quote(repo, "Officials"))
    repo.delete_document("doc-1")
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
    assert repo.get_tag("opinion") == replace(tag, label="View")  # builtin never changes
    repo.delete_tag("opinion")
    assert repo.get_tag("opinion") is None


def test_a_tag_in_use_cannot_be_deleted_underneath_its_annotations(repo: Repository) -> None:
    with repo.transaction():
        repo.insert_document(document())
        repo.insert_annotation(quote(repo, "Officials"))
    with pytest.raises(CopydeskError):
        with repo.transaction():
            repo.delete_tag("quote")
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
        repo.delete_document("doc-1")
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
