"""`copydesk suggest`: a draft file read like `import` but not stored, or a stored document;
JSON exactly as documented; bad input exits 0 with valid JSON; an unreadable file is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.desk import Desk
from desktop_app.desk import suggestions as sg
from desktop_app.storage import SqliteRepository, open_database

DRAFT = (
    "Crème brûlée 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz, the mayor. A council aide, who spoke on "
    "condition of anonymity because the talks are private, said the deficit grew 12 percent.\n"
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def suggest_json(capsys, *args: str) -> dict:
    code, out, err = run(capsys, "suggest", *args, "--format", "json")
    assert code == 0 and err == ""
    return json.loads(out)


def test_json_for_a_file_has_exactly_the_documented_shape(capsys, tmp_path: Path):
    """{"document": {"title", "text"}, "suggestions": [{kind,start,end,text,fields,confidence}]};
    offsets are code points into the canonical text (an emoji and accents come before)."""
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    data = suggest_json(capsys, str(path), "--db", str(tmp_path / "never.sqlite3"))
    assert set(data) == {"document", "suggestions"} and set(data["document"]) == {"title", "text"}
    text = data["document"]["text"]
    assert text == Desk.read_file(str(path)).text
    for s in data["suggestions"]:
        assert set(s) == {"kind", "start", "end", "text", "fields", "confidence"}
        assert text[s["start"] : s["end"]] == s["text"]
    quote = next(s for s in data["suggestions"] if s["kind"] == "quote")
    assert quote["text"] == "“We will not raise taxes,”"
    assert quote["fields"]["speaker"] == "Ana Ruiz"
    assert {s["kind"] for s in data["suggestions"]} == {"quote", "anonymous_source", "claim"}
    assert not (tmp_path / "never.sqlite3").exists()  # a FILE is not stored


@pytest.mark.parametrize(
    "body",
    [
        "The council voted 5-2 on Monday to reject the plan. No one was quoted.",
        "“ “ “ he said ” ” „ « ‘",
        "Мэр сказал: «Мы готовы». 市长说：“我们准备好了。” قال „نعم“ 🎉 “Yes,” said Ana Lee.",
        ("The board met again and said the plan would cost 12 percent more, " * 15000)[:1_000_000],
    ],
    ids=["no-marks", "unbalanced", "mixed-scripts", "one-megabyte-paragraph"],
)
def test_bad_input_exits_zero_with_valid_json(capsys, tmp_path: Path, body: str):
    """No marks, only unbalanced marks, mixed scripts, 1 MB in one paragraph: exit 0, JSON."""
    path = tmp_path / "draft.txt"
    path.write_text(body, encoding="utf-8")
    data = suggest_json(capsys, str(path))
    text = data["document"]["text"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in data["suggestions"])


def test_text_format_one_line_per_suggestion(capsys, tmp_path: Path):
    """Text: kind, start-end, confidence, fields, words: tab-separated, one line each."""
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(capsys, "suggest", str(path))
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and lines and all(len(cols) == 5 for cols in lines)
    assert ["quote", "speaker=Ana Ruiz; cue=said; quote_type=full"] in [
        [cols[0], cols[3]] for cols in lines
    ]


def test_unreadable_file_and_usage_are_one_line(capsys, tmp_path: Path):
    """A missing or undecodable file: one line, exit 1; neither or both inputs: exit 2."""
    code, out, err = run(capsys, "suggest", str(tmp_path / "missing.docx"))
    assert code == 1 and out == "" and len(err.splitlines()) == 1 and "Traceback" not in err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    code, _, err = run(capsys, "suggest", str(bad))
    assert code == 1 and len(err.splitlines()) == 1
    assert run(capsys, "suggest")[0] == 2
    assert run(capsys, "suggest", str(bad), "--document", "x")[0] == 2


def test_document_leaves_out_rejected_and_tagged_suggestions(capsys, tmp_path: Path):
    """--document ID: the stored text, without the suggestions rejected or already tagged."""
    db, path = tmp_path / "db.sqlite3", tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    desk = Desk(SqliteRepository(open_database(db), str(db)))
    doc_id = desk.import_file(str(path)).document.id
    before = sg.open_suggestions(desk, doc_id)
    quote = next(s for s in before if s.kind == "quote")
    claim = next(s for s in before if s.kind == "claim")
    sg.reject(desk, doc_id, quote)
    sg.accept(desk, doc_id, claim)
    desk.close()
    data = suggest_json(capsys, "--db", str(db), "--document", doc_id[:8])
    spans = {(s["kind"], s["start"], s["end"]) for s in data["suggestions"]}
    assert ("quote", quote.start, quote.end) not in spans
    assert ("claim", claim.start, claim.end) not in spans
    assert len(spans) == len(before) - 2
