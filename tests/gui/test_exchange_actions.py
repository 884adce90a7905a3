"""The exchange menu: export, report, import, merge with its summary, agreement (dialogs faked)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from desktop_app.app import open_desk, open_repository
from desktop_app.core.model import Block, SourceText
from desktop_app.ui.exchange_actions import ExchangeActions

TEXT = "Crème 🙂 budget\n\n“We will not raise taxes,” said Ana Ruiz. The deficit grew 12 percent."


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def setup(qtbot, tmp_path: Path):
    db = tmp_path / "mine.sqlite3"
    desk = open_desk(db, "Alice")
    source = SourceText(
        TEXT, "Budget", (Block("title", 0, 15), Block("paragraph", 17, len(TEXT))), "txt"
    )
    doc = desk.add_source(source, "/drafts/budget.txt").document
    desk.annotate(doc.id, "quote", *span("We will not raise taxes"))
    parent = QWidget()
    qtbot.addWidget(parent)
    said: list[tuple[str, bool]] = []
    actions = ExchangeActions(
        desk,
        parent,
        lambda m, error=False: said.append((m, error)),
        lambda: doc.id,
        open_other=open_repository,
    )
    menu = QMenu(parent)
    actions.add_to(menu)
    yield desk, doc, actions, said, tmp_path, menu
    desk.close()


def fake_choices(monkeypatch, *answers: str) -> None:
    queue = list(answers)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (queue.pop(0), True))


def test_menu_lists_the_exchange_actions(setup):
    *_, menu = setup
    assert [a.text() for a in menu.actions()] == [
        "Export…",
        "Export Report…",
        "Import Annotations…",
        "Merge Review…",
        "Agreement…",
    ]


def test_export_json_of_this_document_then_import_it_elsewhere(setup, monkeypatch, qtbot):
    desk, doc, actions, said, tmp, _ = setup
    out = tmp / "review.json"
    fake_choices(monkeypatch, "W3C Web Annotation (JSON-LD) (.json)", "This document")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    actions.actions["export"].trigger()
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 1
    assert said[-1] == (f"Exported 1 annotations to {out}", False)
    report = tmp / "report.html"
    fake_choices(monkeypatch, "Review report (HTML)", "All documents")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    actions.actions["report"].trigger()
    assert "We will not raise taxes" in report.read_text(encoding="utf-8")
    desk.remove_annotations([a.id for a in desk.annotations(doc.id)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    actions.actions["import"].trigger()
    assert said[-1][0].startswith("review.json: 1 new") and len(desk.annotations(doc.id)) == 1


def test_merge_review_shows_its_summary_and_agreement_opens(setup, monkeypatch, qtbot):
    desk, doc, actions, said, tmp, _ = setup
    other_db = tmp / "bob.sqlite3"
    desk.repo.close()
    shutil.copy(tmp / "mine.sqlite3", other_db)
    desk.repo = open_repository(tmp / "mine.sqlite3")
    bob = open_desk(other_db, "Bob")
    bob.annotate(doc.id, "quote", *span("We will not raise taxes,” said Ana Ruiz"))
    bob.annotate(doc.id, "claim", *span("The deficit grew 12 percent"))
    bob.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other_db), ""))
    actions.actions["merge"].trigger()
    assert shown and shown[0].splitlines()[0] == "bob.sqlite3: 2 new"
    assert {a.reviewer for a in desk.annotations(doc.id)} == {"Alice", "Bob"}
    dialog = actions.agreement()
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    bad = tmp / "bad.json"
    bad.write_text("{", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    actions.actions["merge"].trigger()
    assert said[-1][1] is True and "bad.json" in said[-1][0]
