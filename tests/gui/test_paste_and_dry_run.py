"""Paste as New Draft (HTML through the web-page importer, text through the text importer) and
`copydesk import --dry-run` (blocks shown, nothing stored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.app import open_repository
from desktop_app.cli import main


def test_pasting_html_makes_a_draft_titled_by_its_first_line(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    window = make_window()
    mime = QMimeData()
    mime.setHtml(
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>Sports</a></nav>"
        "<h1>Ferry fares rise 🙂 again</h1><p>“We cannot absorb fuel costs,” said Marta Žižek.</p>"
        "<p>Fares rise 12 percent in May.</p></body></html>"
    )
    mime.setText("plain fallback")
    QGuiApplication.clipboard().setMimeData(mime)
    window.view.setFocus()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (doc,) = open_repository(db_path).list_documents()
    assert doc.title == "Ferry fares rise 🙂 again" and doc.source_path == ""
    assert window.review.state is not None and "Marta Žižek" in window.review.state.text
    assert "Home" not in window.review.state.text  # the web-page importer dropped the menu


def test_pasting_plain_text(qtbot: Any, make_window: Any, db_path: Path) -> None:
    window = make_window()
    QGuiApplication.clipboard().setText("Budget vote delayed\n\nThe council met on Tuesday.")
    assert window.imports.paste_new_draft()
    (doc,) = open_repository(db_path).list_documents()
    assert doc.title == "Budget vote delayed"


def test_dry_run_prints_blocks_and_stores_nothing(tmp_path: Path, capsys: Any) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Ferry fares rise\n\nBy Ana Ruiz\n\nFares rise 12 percent in May.\n", "utf-8"
    )
    db = tmp_path / "none.sqlite3"
    assert main(["import", "--dry-run", str(draft), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[1] == "Ferry fares rise"
    assert "  title: Ferry fares rise" in out and any(
        line.startswith("  paragraph: Fares") for line in out
    )
    assert not db.exists()
