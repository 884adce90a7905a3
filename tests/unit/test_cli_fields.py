"""`copydesk annotate --field` goes through the same rules as the detail form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.app import open_desk
from desktop_app.cli import main

TEXT = "Rents rose 12 percent last year, the council said.\n\nNobody disputes the figure 🙂."


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "fields.sqlite3"
    assert main(["import", str(draft), "--db", str(db)]) == 0
    desk = open_desk(db)
    doc_id = desk.documents()[0].id
    desk.close()
    return db, doc_id


def annotate(db: Path, doc_id: str, *fields: str) -> int:
    extra = [arg for f in fields for arg in ("--field", f)]
    return main(
        [
            "annotate",
            "--db",
            str(db),
            "--document",
            doc_id,
            "--tag",
            "claim",
            "--find",
            "12 percent",
            "--reviewer",
            "Fact Checker",
            *extra,
        ]
    )


def test_verified_stores_exactly_what_the_form_stores(setup, capsys) -> None:
    """--field verification=verified also records who checked, when, and the verified status."""
    db, doc_id = setup
    assert annotate(db, doc_id, "verification=verified", "claim_type=quantity or statistic") == 0
    capsys.readouterr()
    desk = open_desk(db, reviewer="Fact Checker")
    (stored,) = desk.annotations(doc_id)
    assert stored.status == "verified"
    assert stored.fields == {
        "verification": "verified",
        "claim_type": "quantity or statistic",
        "checked_by": "Fact Checker",
        "checked_at": date.today().isoformat(),
    }
    # The form's path: the same rule on a fresh claim gives the same fields and status.
    doc = desk.document(doc_id)
    start = doc.text.index("the figure")
    other = desk.annotate(doc_id, "claim", start, start + len("the figure"))
    desk.set_fields(other.id, {"claim_type": "quantity or statistic"})
    desk.set_fields(other.id, {"verification": "verified"})
    formed = desk.annotation(other.id)
    assert (formed.fields, formed.status) == (stored.fields, stored.status)
    desk.close()


@pytest.mark.parametrize(
    ("field", "words"),
    [("bogus=1", "unknown field 'bogus'"), ("verification=maybe", "verification cannot be")],
)
def test_bad_fields_exit_2_with_one_line_and_store_nothing(setup, capsys, field, words) -> None:
    db, doc_id = setup
    assert annotate(db, doc_id, field) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("copydesk: ") and words in err
    desk = open_desk(db)
    assert desk.annotations(doc_id) == []
    desk.close()
