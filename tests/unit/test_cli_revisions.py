"""Revised drafts end to end through the CLI, on the golden revisions of three sample articles
(tests/fixtures/revisions/): import, annotate --find, import --revision-of, export, check, revisions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from desktop_app.app import open_repository
from desktop_app.cli import main
from desktop_app.core.textdiff import format_word_diff, word_diff

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "revisions"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def nth(text: str, words: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.index(words, pos + 1)
    return pos


def document_text(db: Path, doc_id: str) -> str:
    repo = open_repository(db)
    try:
        text = repo.document_text(doc_id)
        assert text is not None
        return text
    finally:
        repo.close()


def revise(capsys, db: Path, case: str) -> tuple[list[dict], dict[str, str], str, str]:
    """The first draft imported and annotated (by --find), then its revision imported; returns
    the fixture's annotations, fixture id -> annotation id, and the two document ids."""
    spec = json.loads((FIXTURES / f"{case}.json").read_text(encoding="utf-8"))
    code, out, err = run(capsys, "import", str(FIXTURES / spec["old"]), "--db", str(db))
    assert (code, err) == (0, ""), err
    old_id = out.split("\t")[0]
    ids = {}
    for item in spec["annotations"]:
        code, out, err = run(
            capsys,
            "annotate",
            "--db",
            str(db),
            "--document",
            old_id,
            "--tag",
            item["tag"],
            "--find",
            item["words"],
            "--nth",
            str(item["occurrence"]),
        )
        assert (code, err) == (0, ""), err
        ident, _, _, words = out.rstrip("\n").split("\t")
        assert words == item["words"]
        ids[item["id"]] = ident
    new_file = FIXTURES / spec["new"]
    code, out, err = run(
        capsys, "import", str(new_file), "--revision-of", old_id[:8], "--db", str(db)
    )
    assert code == 0, err
    line = out.splitlines()
    assert len(line) == 1
    new_id, title, blocks, chars = line[0].split("\t")
    assert blocks.endswith(" blocks") and chars == f"{len(document_text(db, new_id))} characters"
    assert err.startswith("annotations carried over: same ")
    return spec["annotations"], ids, old_id, new_id


@pytest.mark.parametrize("case", CASES)
def test_export_of_the_revision_carries_every_annotation_with_its_fate(capsys, tmp_path, case):
    """Survivors land on their words (a repeated quote on the right occurrence), reworded ones
    are changed with their old words beside them, the deleted paragraph's ones are orphans."""
    db = tmp_path / "rev.sqlite3"
    expected, ids, old_id, new_id = revise(capsys, db, case)
    code, out, err = run(capsys, "export", "--document", new_id, "--db", str(db))
    assert (code, err) == (0, "")
    rows = {r["annotation_id"]: r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert set(rows) == set(ids.values())
    new_text = document_text(db, new_id)
    for item in expected:
        row = rows[ids[item["id"]]]
        assert row["anchor_state"] == item["fate"], (item["id"], row)
        assert row["previous_text"] == item["words"]
        if item["fate"] == "orphaned":
            assert (row["text"], row["start"], row["end"], row["paragraph"]) == ("", "", "", "")
            continue
        words = item.get("new_words", item["words"])
        start = nth(new_text, words, item.get("new_occurrence", 1))
        assert (row["text"], int(row["start"]), int(row["end"])) == (
            words,
            start,
            start + len(words),
        )
    # the previous revision is still exported as it was
    code, out, _ = run(capsys, "export", "--document", old_id, "--db", str(db))
    old_rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert sorted(r["text"] for r in old_rows) == sorted(i["words"] for i in expected)


@pytest.mark.parametrize("case", CASES)
def test_check_flags_every_reworded_quote_with_its_diff(capsys, tmp_path, case):
    db = tmp_path / "rev.sqlite3"
    expected, ids, _, new_id = revise(capsys, db, case)
    code, out, err = run(capsys, "check", "--document", new_id, "--format", "json", "--db", str(db))
    assert (code, err) == (0, "")
    flagged = {f["annotation_id"]: f for f in json.loads(out) if f["kind"] == "quote_changed"}
    reworded = [i for i in expected if i["tag"] == "quote" and i["fate"] == "changed"]
    assert reworded and set(flagged) == {ids[i["id"]] for i in reworded}
    for item in reworded:
        finding = flagged[ids[item["id"]]]
        diff = format_word_diff(word_diff(item["words"], item["new_words"]))
        assert finding["message"] == f"Quote changed between drafts: {diff}"
        assert "[-" in diff or "{+" in diff
        assert finding["text"] == item["new_words"]
        assert finding["label"] == "Quote changed between drafts"


def test_revisions_command_shows_counts_changes_and_orphans(capsys, tmp_path):
    db = tmp_path / "rev.sqlite3"
    expected, ids, old_id, new_id = revise(capsys, db, "harbour")
    code, out, err = run(capsys, "revisions", new_id[:8], "--db", str(db))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split("\t")[:2] == ["revision 1", old_id]
    assert lines[1].split("\t")[:2] == ["revision 2", new_id] and lines[1].endswith("(this one)")
    fates = [i["fate"] for i in expected]
    assert lines[2] == ", ".join(
        f"{fate} {fates.count(fate)}" for fate in ("same", "moved", "changed", "orphaned")
    )
    changed = [line.split("\t") for line in lines if line.startswith("changed\t")]
    assert {c[1] for c in changed} == {ids[i["id"]] for i in expected if i["fate"] == "changed"}
    orphaned = [line.split("\t") for line in lines if line.startswith("orphaned\t")]
    assert {o[3] for o in orphaned} == {i["words"] for i in expected if i["fate"] == "orphaned"}
    code, out, _ = run(capsys, "revisions", new_id, "--format", "json", "--db", str(db))
    payload = json.loads(out)
    assert payload["revision_of"] == old_id
    assert payload["counts"]["orphaned"] == fates.count("orphaned")
    assert [r["document_id"] for r in payload["revisions"]] == [old_id, new_id]


def test_revision_errors_are_one_line(capsys, tmp_path):
    """A second import onto an earlier revision, an unknown id and two files are refused."""
    db = tmp_path / "rev.sqlite3"
    _, _, old_id, new_id = revise(capsys, db, "clinic")
    other = FIXTURES / "harbour.new.txt"
    for args, code_wanted, words in (
        (("import", str(other), "--revision-of", old_id), 1, "earlier revision"),
        (("import", str(other), "--revision-of", "nope"), 1, "no document"),
        (("import", str(other), str(other), "--revision-of", new_id), 2, "exactly one FILE"),
    ):
        code, out, err = run(capsys, *args, "--db", str(db))
        assert (code, out) == (code_wanted, "")
        assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err
