"""W3C Web Annotation export and import: round trip, merge by id, bad input, provenance, undo."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from desktop_app.app import open_repository
from desktop_app.cli import main
from desktop_app.core.errors import CopydeskError
from desktop_app.core.exchange import CONFLICT, PROVENANCE
from desktop_app.desk import Desk
from desktop_app.storage.memory import MemoryRepository

DRAFT = (
    "Crème brûlée 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz. A council aide, who spoke on condition of "
    "anonymity because the talks are private, said the deficit grew 12 percent.\n\n"
    "=SUM(A1) is not a formula here, said René."
)


def run(*argv: str) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "budget.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def doc_id_of(db: Path, capsys) -> str:
    capsys.readouterr()
    assert run("--db", db, "list") == 0
    return capsys.readouterr().out.split("\t")[0]


def tagged_library(db: Path, draft: Path, capsys) -> str:
    assert run("--db", db, "import", draft) == 0
    doc = doc_id_of(db, capsys)
    steps = [
        ("quote", "We will not raise taxes", ["--field", "speaker=Ana Ruiz", "--note", "call her"]),
        ("claim", "the deficit grew 12 percent", ["--status", "needs_follow_up"]),
        ("anonymous_source", "A council aide", ["--field", "reason_given=yes"]),
        ("quote", "=SUM(A1) is not a formula here", ["--reviewer", "Bo"]),
    ]
    for tag, words, extra in steps:
        assert (
            run("--db", db, "annotate", "--document", doc, "--tag", tag, "--find", words, *extra)
            == 0
        )
    return doc


def csv_rows(db: Path, tmp_path: Path, name: str) -> list[dict[str, str]]:
    out = tmp_path / name
    assert run("--db", db, "export", "--format", "csv", "-o", out) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_round_trip_json_to_a_fresh_library_gives_the_same_csv(tmp_path, draft, capsys):
    """JSON export -> fresh database with the same draft -> import-annotations -> CSV identical
    (provenance is recorded in the database and the JSON, not in the CSV)."""
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    tagged_library(first, draft, capsys)
    exported = tmp_path / "review.json"
    assert run("--db", first, "export", "--format", "json", "-o", exported) == 0
    assert run("--db", second, "import", draft) == 0
    new_doc = doc_id_of(second, capsys)
    assert run("--db", second, "import-annotations", exported) == 0
    assert "4 new" in capsys.readouterr().out
    before = csv_rows(first, tmp_path, "a.csv")
    after = csv_rows(second, tmp_path, "b.csv")
    assert len(before) == len(after) == 4
    assert after == before and PROVENANCE not in after[0]
    desk = Desk(open_repository(second))
    assert all(a.fields[PROVENANCE].startswith("review.json ") for a in desk.annotations(new_doc))
    desk.close()


def test_export_is_web_annotation_with_code_point_selectors(tmp_path, draft, capsys):
    db = tmp_path / "a.sqlite3"
    tagged_library(db, draft, capsys)
    out = tmp_path / "review.json"
    assert run("--db", db, "export", "--format", "json", "-o", out) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    quote = next(i for i in data["first"]["items"] if i["fields"].get("speaker") == "Ana Ruiz")
    selectors = {s["type"]: s for s in quote["target"]["selector"]}
    position, words = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]["exact"]
    assert DRAFT[position["start"] : position["end"]] == words == "We will not raise taxes"
    assert {b["purpose"]: b["value"] for b in quote["body"]} == {
        "tagging": "quote",
        "commenting": "call her",
    }
    assert quote["target"]["source"]["textSha256"]
    assert quote["status"] == "open" and quote["creator"]["type"] == "Person"


@pytest.fixture
def desk_and_file(tmp_path, draft, capsys) -> tuple[Desk, Path, str]:
    """An exported review, and a memory desk holding the same draft (no annotations)."""
    db = tmp_path / "a.sqlite3"
    tagged_library(db, draft, capsys)
    out = tmp_path / "review.json"
    assert run("--db", db, "export", "--format", "json", "-o", out) == 0
    desk = Desk(MemoryRepository(), "Me")
    doc = desk.import_file(str(draft)).document
    return desk, out, doc.id


def test_import_is_one_undo_step_and_merges_by_id(desk_and_file):
    desk, path, doc = desk_and_file
    summary = desk.import_annotations(str(path))
    assert (summary.new, summary.updated, summary.conflicts) == (4, 0, 0)
    assert len(desk.annotations(doc)) == 4
    desk.undo(None)
    assert desk.annotations(doc) == []
    desk.redo(None)
    data = json.loads(path.read_text(encoding="utf-8"))
    item = data["first"]["items"][1]
    item["body"].append({"type": "TextualBody", "purpose": "commenting", "value": "newer"})
    item["modified"] = "2999-01-01T00:00:00.000+00:00"
    twin = json.loads(json.dumps(data["first"]["items"][0]))
    twin["status"] = "disputed"  # same modified time, other content: a true conflict
    data["first"]["items"][0:2] = [twin, item]
    path.write_text(json.dumps(data), encoding="utf-8")
    summary = desk.import_annotations(str(path))
    assert (summary.updated, summary.conflicts, summary.unchanged) == (1, 1, 2)
    updated = desk.annotation(item["id"].removeprefix("urn:uuid:"))
    assert updated.note.endswith("newer")
    copies = [a for a in desk.annotations(doc) if a.fields.get(CONFLICT)]
    assert len(copies) == 1 and copies[0].status == "disputed"
    kinds = [f.kind for f in desk.findings(doc) if f.annotation_id == copies[0].id]
    assert "merge_conflict" in kinds
    again = desk.import_annotations(str(path))  # the same file twice adds nothing more
    assert (again.new, again.updated, again.conflicts) == (0, 0, 0)


def test_revised_text_re_anchors_by_quote_and_context(tmp_path, desk_and_file):
    desk, path, _ = desk_and_file
    revised = tmp_path / "budget-v2.txt"
    revised.write_text("Update 🙂: " + DRAFT.replace("Crème", "Creme"), encoding="utf-8")
    other = Desk(MemoryRepository(), "Me")
    doc = other.import_file(str(revised)).document
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["first"]["items"]:
        item["target"]["source"]["title"] = doc.title  # found by title: the hash differs
    path.write_text(json.dumps(data), encoding="utf-8")
    summary = other.import_annotations(str(path))
    assert summary.new == 4 and summary.orphans == 0
    for a in other.annotations(doc.id):
        assert doc.text[a.start : a.end] == a.exact and a.anchor_state == "moved"


BAD = {
    "truncated.json": '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annot',
    "not-json.json": "quote,claim\n1,2\n",
    "schema-org.json": '{"@context": "https://schema.org", "@type": "Article"}',
    "no-selector.json": json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "first": {"items": [{"type": "Annotation", "target": {"source": {"id": "x"}}}]},
        }
    ),
    "empty.json": "",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_get_one_line_and_change_nothing(tmp_path, desk_and_file, name):
    desk, _, doc = desk_and_file
    path = tmp_path / name
    path.write_text(BAD[name], encoding="utf-8")
    with pytest.raises(CopydeskError) as caught:
        desk.import_annotations(str(path))
    assert "\n" not in str(caught.value) and name in str(caught.value)
    assert desk.annotations(doc) == [] and desk.undo_label(None) == "Import Crème brûlée 🙂 budget"


def test_a_document_not_in_the_library_changes_nothing(tmp_path, desk_and_file, capsys):
    _, path, _ = desk_and_file
    empty = tmp_path / "empty.sqlite3"
    capsys.readouterr()
    assert run("--db", empty, "import-annotations", path) == 1
    err = capsys.readouterr().err
    assert "not in the library" in err and len(err.strip().splitlines()) == 1
    capsys.readouterr()
    assert run("--db", empty, "list") == 0 and capsys.readouterr().out == ""


def test_export_streams_to_text(desk_and_file):
    desk, path, doc = desk_and_file
    desk.import_annotations(str(path))
    out = io.BytesIO()
    assert desk.export("json", out, doc) == 4
    assert json.loads(out.getvalue())["total"] == 4
