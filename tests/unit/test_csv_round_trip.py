"""Issue 14's round trip, end to end through the CLI on real SQLite files: JSON export, a fresh
library that imports the same drafts in another order, import-annotations, and a CSV export
byte-identical to the original's. Plus the CSV filters of `copydesk export`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.exchange import PROVENANCE

BUDGET = (
    "Crème brûlée 🙂 budget: the day’s figures\n\n"
    "“We will not raise taxes,” said Ana Ruiz. A council aide, who spoke on condition of "
    "anonymity, said the deficit grew 12 percent.\n\n"
    "=SUM(A1) is not a formula here, said René."
)
HARBOUR = (
    "Ferry 🚢 à l’heure? Naïve hopes\n\n"
    "“The harbour will reopen in May,” the port authority said, according to Zoë Ng."
)


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    budget, harbour = tmp_path / "budget.txt", tmp_path / "harbour.md"
    budget.write_text(BUDGET, encoding="utf-8")
    harbour.write_text(HARBOUR, encoding="utf-8")
    return budget, harbour


def ids_by_title(db: Path, capsys) -> dict[str, str]:
    capsys.readouterr()
    assert run("--db", db, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    return {line.split("\t")[1]: line.split("\t")[0] for line in lines}


def annotate(db: Path, doc: str, tag: str, words: str, *extra: str) -> None:
    assert (
        run("--db", db, "annotate", "--document", doc, "--tag", tag, "--find", words, *extra) == 0
    )


def review(db: Path, budget: Path, harbour: Path, capsys) -> dict[str, str]:
    """Both drafts, budget first; annotations by two reviewers, after emoji and accents."""
    assert run("--db", db, "import", budget, harbour) == 0
    ids = ids_by_title(db, capsys)
    b, h = ids["Crème brûlée 🙂 budget: the day’s figures"], ids["Ferry 🚢 à l’heure? Naïve hopes"]
    annotate(db, b, "quote", "We will not raise taxes", "--field", "speaker=Ana Ruiz")
    annotate(db, b, "claim", "the deficit grew 12 percent", "--status", "needs_follow_up")
    annotate(db, b, "anonymous_source", "A council aide", "--field", "reason_given=yes")
    annotate(db, b, "quote", "=SUM(A1) is not a formula here", "--reviewer", "Bo", "--note=-x")
    annotate(db, h, "quote", "The harbour will reopen in May", "--field", "speaker=Zoë Ng")
    annotate(db, h, "claim", "Naïve hopes", "--reviewer", "Bo", "--status", "verified")
    return ids


def csv_bytes(db: Path, out: Path, *options: str) -> bytes:
    assert run("--db", db, "export", "--format", "csv", "-o", out, *options) == 0
    return out.read_bytes()


def rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_json_to_a_fresh_library_in_another_order_gives_the_identical_csv(
    tmp_path: Path, drafts: tuple[Path, Path], capsys
) -> None:
    """Same rows, same columns, same values, same bytes; provenance stays in the database."""
    budget, harbour = drafts
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    review(first, budget, harbour, capsys)
    exported = tmp_path / "review.json"
    assert run("--db", first, "export", "--format", "json", "-o", exported) == 0
    assert run("--db", second, "import", harbour) == 0  # the other order, one at a time
    assert run("--db", second, "import", budget) == 0
    assert ids_by_title(second, capsys) != ids_by_title(first, capsys)  # fresh ids
    assert run("--db", second, "import-annotations", exported) == 0
    assert "6 new" in capsys.readouterr().out
    before = csv_bytes(first, tmp_path / "first.csv")
    after = csv_bytes(second, tmp_path / "second.csv")
    assert after == before
    table = rows(after)
    assert len(table) == 6 and PROVENANCE not in table[0]
    budget_rows = [r for r in table if r["document_title"].startswith("Crème")]
    for row in budget_rows:  # offsets are code points, after the emoji and the accents
        start, end = int(row["start"]), int(row["end"])
        assert row["text"].removeprefix("'") == BUDGET[start:end]
    assert [r["document_title"][:5] for r in table] == ["Crème"] * 4 + ["Ferry"] * 2
    # Provenance is kept where it belongs: the second library's database and its JSON.
    again = tmp_path / "again.json"
    assert run("--db", second, "export", "--format", "json", "-o", again) == 0
    assert "review.json" in again.read_text(encoding="utf-8")


def test_export_filters_by_tag_status_reviewer_and_document(
    tmp_path: Path, drafts: tuple[Path, Path], capsys
) -> None:
    """--tag, --status and --reviewer narrow the rows (repeatable; combined with AND)."""
    db = tmp_path / "c.sqlite3"
    ids = review(db, *drafts, capsys)
    out = tmp_path / "x.csv"

    def texts(*options: str) -> list[str]:
        return [r["text"] for r in rows(csv_bytes(db, out, *options))]

    assert texts("--tag", "claim") == ["the deficit grew 12 percent", "Naïve hopes"]
    assert texts("--reviewer", "Bo") == ["'=SUM(A1) is not a formula here", "Naïve hopes"]
    assert texts("--status", "verified", "--status", "needs_follow_up") == [
        "the deficit grew 12 percent",
        "Naïve hopes",
    ]
    assert texts("--tag", "quote", "--reviewer", "Bo") == ["'=SUM(A1) is not a formula here"]
    harbour = ids["Ferry 🚢 à l’heure? Naïve hopes"]
    assert texts("--document", harbour, "--tag", "quote") == ["The harbour will reopen in May"]
    assert texts("--reviewer", "Nobody") == []


def test_an_unknown_tag_is_one_line(tmp_path: Path, drafts: tuple[Path, Path], capsys) -> None:
    db = tmp_path / "c.sqlite3"
    review(db, *drafts, capsys)
    capsys.readouterr()
    assert run("--db", db, "export", "--tag", "quotes", "-o", tmp_path / "x.csv") != 0
    err = capsys.readouterr().err.strip()
    assert "unknown tag 'quotes'" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
