"""CSV export: BOM and header, exact text and paragraph per row, formula-safe, round-trips."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.fields import FIELD_ORDER
from desktop_app.core.model import Block, SourceText
from desktop_app.core.operations import AddAnnotation, UpdateAnnotation, apply
from desktop_app.desk import Desk
from desktop_app.desk.files import write_atomically
from desktop_app.export.csv_export import BASE_COLUMNS, neutralise
from desktop_app.storage import SqliteRepository, open_database

PARAGRAPHS = [
    "Budget row \U0001f4b8 deepens",
    "Caf\u00e9 owners\u00a0say: \u201cWe will close,\u201d warned one.",
    '=HYPERLINK("http://evil") +1 -2 @cmd are all in the text.',
    'Officials, who spoke "off the record", said\nthe figure was 3,5 %.',
]
TEXT = "\n\n".join(PARAGRAPHS)
REQUIRED = (
    "document_title",
    "tag",
    "text",
    "status",
    "note",
    "reviewer",
    "paragraph",
    "context_before",
    "context_after",
    "previous_text",
    "anchor_state",
    "created_at",
    "updated_at",
    "source_path",
    "document_sha256",
    "annotation_id",
    "start",
    "end",
)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def blocks() -> tuple[Block, ...]:
    out, pos = [], 0
    for i, p in enumerate(PARAGRAPHS):
        out.append(Block("title" if i == 0 else "paragraph", pos, pos + len(p)))
        pos += len(p) + 2
    return tuple(out)


def unneutralised(cell: str) -> str:
    """What a reader gets back: one leading apostrophe is dropped before a dangerous start."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in DANGEROUS and cell[1:2] else cell


@pytest.fixture
def repo(db_path: Path):
    repository = SqliteRepository(open_database(db_path), str(db_path))
    yield repository
    repository.close()


@pytest.fixture
def doc(repo):
    document, _ = Desk(repo).add_source(SourceText(TEXT, "=Budget", blocks(), "md"), "-drafts/a.md")
    return document


def tag(repo, doc, words: str, tag_name: str = "quote", nth: int = 1, **kw):
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    a = new_annotation(doc.id, doc.text, tag_name, start, start + len(words), **kw)
    apply(repo, AddAnnotation(a))
    return a


def export(repo, document_id=None) -> tuple[bytes, list[dict[str, str]], list[str]]:
    out = io.BytesIO()
    count = Desk(repo).export("csv", out, document_id)
    raw = out.getvalue()
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    header, *rows = list(reader)
    assert count == len(rows)
    return raw, [dict(zip(header, r, strict=True)) for r in rows], header


def test_bom_and_header_with_field_columns_in_stable_order(repo, doc):
    """UTF-8 BOM first; human columns first (who right after the words, other fields after
    status, note and reviewer, in FIELD_ORDER then A-Z), place, times and ids last."""
    tag(repo, doc, "We will close", fields={"zeta": "1", "cue": "warned", "speaker": "one"})
    tag(repo, doc, "the figure was 3,5 %", "claim", fields={"evidence": "x", "alpha": "2"})
    raw, rows, header = export(repo)
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert BASE_COLUMNS == REQUIRED
    assert header == [
        "document_title", "tag", "text", "speaker", "status", "note", "reviewer",
        "cue", "evidence", "alpha", "zeta", *REQUIRED[6:],
    ]  # fmt: skip
    fields = [h for h in header if h not in REQUIRED]
    known = [f for f in fields if f in FIELD_ORDER]
    assert known == sorted(known, key=FIELD_ORDER.index)
    assert rows[0]["speaker"] == "one" and rows[0]["evidence"] == ""


def test_text_is_the_canonical_slice_and_paragraph_is_right(repo, doc):
    """For every row text == doc.text[start:end] and paragraph is the 1-based block number."""
    tag(repo, doc, "Budget row \U0001f4b8")
    tag(repo, doc, "We will close", note="check")
    tag(repo, doc, "@cmd are all", "claim")
    tag(repo, doc, "said\nthe figure", "anonymous_source")
    tag(repo, doc, "a", nth=3)
    _, rows, _ = export(repo)
    assert len(rows) == 5
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert unneutralised(row["text"]) == doc.text[start:end]
        para = int(row["paragraph"])
        block = doc.blocks[para - 1]
        assert block.start <= start and end <= block.end
        assert unneutralised(row["context_before"]) == doc.text[max(0, start - 32) : start]
        assert unneutralised(row["context_after"]) == doc.text[end : end + 32]
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)
    assert [r["paragraph"] for r in rows][:3] == ["1", "2", "2"]


@pytest.mark.parametrize("first", DANGEROUS)
def test_each_dangerous_first_character_is_neutralised(repo, doc, first):
    """Notes, fields and text starting with = + - @ tab or CR get a leading apostrophe."""
    payload = f"{first}cmd|' /C calc'!A0"
    a = tag(repo, doc, "deepens", note=f"{first}1+1", fields={"speaker": payload})
    _, rows, _ = export(repo)
    (row,) = rows
    assert row["note"] == f"'{first}1+1"
    assert row["speaker"] == f"'{first}cmd|' /C calc'!A0"
    assert row["document_title"] == "'=Budget" and row["source_path"] == "'-drafts/a.md"
    assert row["text"] == "deepens" and row["annotation_id"] == a.id


def test_text_cell_starting_with_a_formula_character(repo, doc):
    """Tagged words starting with '=' are neutralised too; dropping the apostrophe restores them."""
    tag(repo, doc, '=HYPERLINK("http://evil")')
    tag(repo, doc, "-2 @cmd")
    _, rows, _ = export(repo)
    assert [r["text"] for r in rows] == ['\'=HYPERLINK("http://evil")', "'-2 @cmd"]
    for row in rows:
        assert unneutralised(row["text"]) == TEXT[int(row["start"]) : int(row["end"])]


def test_neutralise_leaves_safe_values_alone():
    """Only strings with a dangerous first character change; numbers and others pass through."""
    assert [neutralise(v) for v in ("a=b", " =x", "", "'=x", 5, None)] == [
        "a=b",
        " =x",
        "",
        "'=x",
        5,
        None,
    ]
    assert [neutralise(c + "x") for c in DANGEROUS] == ["'" + c + "x" for c in DANGEROUS]


def test_round_trip_with_newlines_quotes_commas_and_unicode(repo, doc):
    """Cells with embedded newlines, quotes, commas and non-ASCII come back exactly via csv."""
    note = 'Line one, "quoted"\nline two;\r\nline three \u00e9\u00a0\U0001f600'
    tag(
        repo,
        doc,
        'Officials, who spoke "off the record", said\nthe',
        "anonymous_source",
        note=note,
        fields={"reason_given": 'he said, "no"\nthen left', "quelle_\u00e9": "\u00fc"},
    )
    _, rows, _ = export(repo)
    (row,) = rows
    assert row["note"] == note
    assert row["reason_given"] == 'he said, "no"\nthen left'
    assert row["quelle_\u00e9"] == "\u00fc"  # non-ASCII field key exported, not dropped
    assert row["text"] == 'Officials, who spoke "off the record", said\nthe'


def test_field_key_with_quote_or_backslash_is_exported(repo, doc):
    """Keys that cannot be JSON path labels still get their column and values."""
    tag(repo, doc, "deepens", fields={'odd"key': "v1", "back\\slash": "v2", "speaker": "s"})
    _, rows, header = export(repo)
    assert [h for h in header if h not in BASE_COLUMNS] == ["speaker", "back\\slash", 'odd"key']
    assert (rows[0]['odd"key'], rows[0]["back\\slash"], rows[0]["speaker"]) == ("v1", "v2", "s")


def test_orphans_export_without_position(repo, doc):
    """An orphaned annotation has no text, start, end or paragraph: its words are in
    previous_text."""
    a = tag(repo, doc, "deepens")
    apply(repo, UpdateAnnotation(replace(a, start=-1, end=-1, anchor_state="orphaned")))
    _, rows, _ = export(repo)
    assert (rows[0]["start"], rows[0]["end"], rows[0]["paragraph"]) == ("", "", "")
    assert rows[0]["text"] == "" and rows[0]["anchor_state"] == "orphaned"
    assert rows[0]["previous_text"] == "deepens"


def test_export_of_one_document_only(repo, doc):
    """--document limits rows and field columns to that document."""
    tag(repo, doc, "deepens", fields={"speaker": "x"})
    other, _ = Desk(repo).add_source(
        SourceText("Other text", "Other", (Block("paragraph", 0, 10),), "txt"), "/b.txt"
    )
    apply(
        repo,
        AddAnnotation(
            new_annotation(other.id, other.text, "claim", 0, 5, fields={"claimant": "y"})
        ),
    )
    _, rows, header = export(repo, other.id)
    assert [r["document_sha256"] for r in rows] == [other.text_sha256]
    assert [h for h in header if h not in BASE_COLUMNS] == ["claimant"]
    _, rows, _ = export(repo)
    assert {r["document_sha256"] for r in rows} == {doc.text_sha256, other.text_sha256}


def test_empty_export_is_just_the_header(repo, doc):
    """No annotations: a BOM and a header line."""
    raw, rows, header = export(repo)
    assert rows == [] and tuple(header) == BASE_COLUMNS
    assert raw.decode("utf-8-sig").count("\n") == 1


def test_atomic_write_replaces_and_never_leaves_half_a_file(tmp_path):
    """A failing export leaves the old file and no temp file; a good one is readable by others."""
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def boom(handle):
        handle.write(b"partial")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomically(str(target), boom)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    fresh = tmp_path / "new.csv"
    write_atomically(str(fresh), lambda h: h.write(b"a,b\r\n"))
    assert fresh.read_bytes() == b"a,b\r\n"
    assert fresh.stat().st_mode & 0o044 == 0o044  # not mkstemp's private 0600
