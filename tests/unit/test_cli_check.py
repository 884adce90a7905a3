"""`copydesk check`: the standards findings, headless, on a real temp database: one line per
finding (or JSON), exit 0 even with findings, one-line errors."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from desktop_app.app import open_repository
from desktop_app.cli import main
from desktop_app.core.annotations import edited
from desktop_app.core.checks import CHECK_KINDS, CHECK_LABELS
from desktop_app.core.fields import parse_span
from desktop_app.core.operations import UpdateAnnotation, apply

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ARTICLE = ARTICLES / "anonymous_sources.md"
NO_REASON = "A contractor familiar with the bidding"
REASON_SENTENCE = "The contractor asked not to be named for fear of losing future county contracts."
UNNAMED_QUOTE = "“The board knew about this in March and did nothing,”"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("copydesk: ") and "Traceback" not in err
    return lines[0]


def findings(capsys, db: Path, *args: str) -> list[list[str]]:
    """`copydesk check` as text, split into its four tab-separated columns."""
    code, out, err = run(capsys, "check", "--db", str(db), *args)
    assert (code, err) == (0, "")
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 4 and row[1] in CHECK_KINDS for row in rows), out
    return rows


def annotate(capsys, db: Path, doc: str, tag: str, words: str, *fields: str) -> str:
    """Tag `words` through the CLI; returns the new annotation's id."""
    extra = [arg for field in fields for arg in ("--field", field)]
    code, out, err = run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        doc,
        "--tag",
        tag,
        "--find",
        words,
        *extra,
    )
    assert (code, err) == (0, ""), err
    return out.split("\t")[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "check.sqlite3"


@pytest.fixture
def doc(capsys, db: Path) -> str:
    """The anonymous-sources fixture article imported into `db`; returns its document id."""
    code, out, err = run(capsys, "import", str(ARTICLE), "--db", str(db))
    assert (code, err) == (0, "")
    return out.split("\t")[0]


def test_acceptance_reason_picked_as_a_span_clears_the_finding(capsys, db, doc):
    """An anonymous source with no stated reason is listed by `copydesk check`; picking the
    reason sentence from the text (reason, reason_span, reason_given=yes) clears it."""
    source_id = annotate(capsys, db, doc[:8], "anonymous_source", NO_REASON)
    with closing(open_repository(db)) as repo:
        source = repo.get_annotation(source_id)
        text = repo.document_text(doc)
    assert source is not None and text is not None
    rows = findings(capsys, db)
    assert rows == [
        [
            doc[:8],
            "anonymous_no_reason",
            f"{source.start}-{source.end}",
            "Anonymous source gives no reason: “A contractor familiar…”",
        ]
    ]

    start = text.index(REASON_SENTENCE)
    end = start + len(REASON_SENTENCE)
    picked = {
        **source.fields,
        "reason": text[start:end],
        "reason_span": f"{start}-{end}",
        "reason_given": "yes",
    }
    with closing(open_repository(db)) as repo:
        apply(repo, UpdateAnnotation(edited(source, fields=picked)))
        stored = repo.get_annotation(source_id)
    assert stored is not None and parse_span(stored.fields["reason_span"]) == (start, end)
    assert text[start:end] == stored.fields["reason"] == REASON_SENTENCE

    assert findings(capsys, db) == []
    code, out, _ = run(capsys, "check", "--db", str(db), "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_rote_reason_and_unmarked_unnamed_quote(capsys, db, doc):
    """A rote reason is listed as such, a specific one is not; a quote from "a senior county
    official" is listed until that official is tagged as an anonymous source."""
    annotate(capsys, db, doc, "anonymous_source", "A county engineer", "reason_given=yes")
    rote = annotate(
        capsys,
        db,
        doc,
        "anonymous_source",
        "A second official",
        "reason=because of the sensitivity of the matter",
    )
    quote = annotate(capsys, db, doc, "quote", UNNAMED_QUOTE)
    rows = findings(capsys, db)
    assert [row[1] for row in rows] == [
        "quote_no_speaker",
        "anonymous_quote_unmarked",
        "anonymous_rote_reason",
    ]
    assert "(a senior county official)" in rows[1][3]
    assert rows[2][3].startswith("Anonymous source has only a rote reason (sensitivity of")
    code, out, _ = run(capsys, "check", "--db", str(db), "--format", "json")
    by_kind = {item["kind"]: item for item in json.loads(out)}
    assert (
        by_kind["anonymous_rote_reason"]["annotation_id"],
        by_kind["quote_no_speaker"]["annotation_id"],
    ) == (rote, quote)

    annotate(capsys, db, doc, "anonymous_source", "a senior county official", "reason_given=yes")
    assert [row[1] for row in findings(capsys, db)] == [
        "quote_no_speaker",
        "anonymous_rote_reason",
    ]


def test_json_output_has_every_field(capsys, db, doc):
    """--format json is one list of objects with the document, the annotation's exact words, the
    kind's label and its span; unverified and disputed claims both show."""
    claim = annotate(capsys, db, doc, "claim", "$1.2 million")
    code, out, err = run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        doc,
        "--tag",
        "claim",
        "--find",
        "38 percent",
        "--status",
        "disputed",
        "--field",
        "verification=false",
    )
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "check", "--db", str(db), "--format", "json", "--document", doc)
    assert (code, err) == (0, "")
    items = json.loads(out)
    with closing(open_repository(db)) as repo:
        stored = repo.get_annotation(claim)
        title = repo.get_document(doc).title
    assert stored is not None
    assert items[0] == {
        "document_id": doc,
        "document_title": title,
        "annotation_id": claim,
        "kind": "claim_unverified",
        "label": CHECK_LABELS["claim_unverified"],
        "message": "Claim not verified: “$1.2 million”",
        "start": stored.start,
        "end": stored.end,
        "text": "$1.2 million",
    }
    assert [(i["kind"], i["message"]) for i in items[1:]] == [
        ("claim_unverified", "Claim marked false: “38 percent”"),
        ("disputed", "Disputed claim: “38 percent”"),
    ]


def test_document_option_filters_and_the_library_is_the_default(capsys, db, doc, tmp_path):
    """Without --document every document is checked; --document (a unique prefix is enough)
    checks only that one."""
    other_file = tmp_path / "other.md"
    other_file.write_text("# Other story\n\n“It is fine,” one aide said.\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(other_file), "--db", str(db))
    other = out.split("\t")[0]
    annotate(capsys, db, other, "quote", "“It is fine,”")
    annotate(capsys, db, doc, "claim", "14 of 52")
    assert {row[0] for row in findings(capsys, db)} == {doc[:8], other[:8]}
    assert [row[:2] for row in findings(capsys, db, "--document", doc[:6])] == [
        [doc[:8], "claim_unverified"]
    ]
    assert [row[1] for row in findings(capsys, db, "--document", other)] == [
        "quote_no_speaker",
        "anonymous_quote_unmarked",
    ]


def test_nothing_to_report_prints_nothing_and_exits_0(capsys, db, doc):
    """No findings: nothing printed (text) or [] (json), exit 0; the same for an empty library."""
    assert findings(capsys, db) == []
    assert findings(capsys, db.with_name("empty.sqlite3")) == []
    code, out, err = run(capsys, "check", "--db", str(db), "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (("--document", "zzzz"), 1, "no document with id 'zzzz'"),
        (("--format", "csv"), 2, "invalid choice"),
    ],
)
def test_check_failures_are_one_line(capsys, db, doc, args, code, expected):
    """An unknown document exits 1 and a bad option exits 2, each with one line on stderr and
    nothing on stdout."""
    result, out, err = run(capsys, "check", "--db", str(db), *args)
    assert (result, out) == (code, "")
    assert expected in one_error_line(err)
