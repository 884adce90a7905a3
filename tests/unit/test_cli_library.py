"""Library commands: delete, rename, search and list-annotations, headless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.app import open_desk
from desktop_app.cli import main

FIRST = "Ferry fares rise\n\nMaría Ortiz said the ferry “must stay affordable” for 🙂 commuters."
SECOND = "Library hours cut\n\nA library worker, who asked not to be named, said hours fall 20%."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    for name, text in (("ferry.txt", FIRST), ("library.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "lib.sqlite3"
    assert (
        main(
            [
                "import",
                str(tmp_path / "ferry.txt"),
                str(tmp_path / "library.txt"),
                "--db",
                str(path),
            ]
        )
        == 0
    )
    return path


def ids(db: Path) -> dict[str, str]:
    desk = open_desk(db)
    try:
        return {d.title: d.id for d in desk.documents()}
    finally:
        desk.close()


def test_search_prints_each_document_with_its_words_in_context(db: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["search", "MARIA affordable", "--db", str(db)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    doc_id, title, snippet = line.split("\t")
    assert (doc_id, title) == (ids(db)["Ferry fares rise"], "Ferry fares rise")
    assert "[María]" in snippet and "[affordable]" in snippet
    assert main(["search", "nothing-like-this", "--db", str(db)]) == 0
    assert capsys.readouterr().out == ""


def test_list_annotations_filters_by_tag_status_and_speaker(db: Path, capsys) -> None:
    doc = ids(db)["Ferry fares rise"]
    for args in (
        ["--tag", "quote", "--find", "must stay affordable", "--field", "speaker=María Ortiz"],
        ["--tag", "claim", "--find", "Ferry fares rise", "--status", "verified"],
    ):
        assert main(["annotate", "--db", str(db), "--document", doc, *args]) == 0
    capsys.readouterr()
    assert main(["list-annotations", "--speaker", "maria", "--db", str(db)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[2:] == ["quote", "open", "María Ortiz", "must stay affordable"]
    assert main(["list-annotations", "--tag", "claim", "--format", "json", "--db", str(db)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["status"], row["text"]) == ("verified", "Ferry fares rise")
    assert main(["list-annotations", "--tag", "nope", "--db", str(db)]) == 1
    assert "unknown tag" in capsys.readouterr().err


def test_rename_and_delete_a_document(db: Path, capsys) -> None:
    doc = ids(db)["Library hours cut"]
    assert main(["rename", doc[:8], "Library  hours cut, final", "--db", str(db)]) == 0
    assert "Library hours cut, final" in ids(db)
    assert (
        main(["annotate", "--db", str(db), "--document", doc, "--tag", "claim", "--find", "20%"])
        == 0
    )
    capsys.readouterr()
    assert main(["delete", doc, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "has 1 annotation; add --yes" in err
    assert main(["delete", doc, "--yes", "--db", str(db)]) == 0
    assert "deleted with 1 annotation" in capsys.readouterr().out
    assert list(ids(db)) == ["Ferry fares rise"]
    assert main(["delete", doc, "--db", str(db)]) == 1
