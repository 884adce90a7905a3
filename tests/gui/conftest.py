"""Fixtures for driving the real window: a temp database and data dir, a reviewer already set."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.app import open_desk, open_repository
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk


@pytest.fixture
def make_window(qtbot: Any, copydesk_home: Path, db_path: Path) -> Callable[..., Any]:
    """Build the real main window on the test database, as `copydesk` does at start."""
    copydesk_home.mkdir(parents=True, exist_ok=True)
    settings = copydesk_home / "settings.json"
    if not settings.exists():
        settings.write_text(json.dumps({"reviewer": "Test Editor"}), encoding="utf-8")
    from desktop_app.gui import build_window

    def make() -> Any:
        window = build_window(open_desk(db_path), ask_reviewer=False)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        return window

    return make


def add_document(db_path: Path, text: str, title: str = "Test") -> str:
    """Store a document straight through the repository (for tests that do not exercise importers)."""
    repo = open_repository(db_path)
    blocks = []
    pos = 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    doc, _ = Desk(repo).add_source(
        SourceText(text, title, tuple(blocks), "txt"), f"/tmp/{title}.txt"
    )
    return doc.id


def import_and_wait(qtbot: Any, window: Any, paths: list[str]) -> None:
    with qtbot.waitSignal(window.imports.finished, timeout=20000):
        window.import_files(paths)


def highlight_ranges(window: Any, line: int) -> list[tuple[int, int]]:
    """(start, length) of the formats the highlighter laid on one block, in UTF-16 units."""
    block = window.view.document().findBlockByNumber(line)
    return [(r.start, r.length) for r in block.layout().formats() if r.format.background().style()]
