"""A damaged database at start-up: the dialog's three ways out, driven through startup.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app import startup
from desktop_app.app import open_desk
from desktop_app.ui import damaged_dialog
from tests.gui.conftest import add_document

TEXT = "Budget vote\n\nOfficials said the deficit grew 12 percent 🙂."


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\xde\xad" * 50  # the header is gone: "file is not a database"
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_with_backup(db_path: Path, copydesk_home: Path) -> Path:
    add_document(db_path, TEXT)
    desk = open_desk(db_path)
    desk.backup("manual")
    desk.close()
    damage(db_path)
    return db_path


def choose(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[tuple[str, str | None]]:
    asked: list[tuple[str, str | None]] = []

    def fake(message: str, latest: str | None, parent: Any = None) -> str:
        asked.append((message, latest))
        return answer

    monkeypatch.setattr(damaged_dialog, "ask_damaged", fake)
    return asked


def test_open_the_latest_backup(qtbot: Any, damaged_with_backup: Path, monkeypatch) -> None:
    asked = choose(monkeypatch, damaged_dialog.OPEN_BACKUP)
    desk = startup.open_for_window(str(damaged_with_backup))
    assert desk is not None and [d.title for d in desk.documents()] == ["Test"]
    assert "damaged" in asked[0][0] and asked[0][1] is not None
    aside = [p for p in damaged_with_backup.parent.iterdir() if "-damaged-" in p.name]
    assert len([p for p in aside if p.suffix == ".sqlite3"]) == 1  # kept, with its -wal/-shm
    desk.close()


def test_start_a_new_database(qtbot: Any, damaged_with_backup: Path, monkeypatch) -> None:
    choose(monkeypatch, damaged_dialog.START_NEW)
    desk = startup.open_for_window(str(damaged_with_backup))
    assert desk is not None and desk.documents() == []
    assert [p for p in damaged_with_backup.parent.iterdir() if "-damaged-" in p.name]
    desk.close()


def test_quit_touches_nothing(qtbot: Any, damaged_with_backup: Path, monkeypatch) -> None:
    choose(monkeypatch, damaged_dialog.QUIT)
    before = damaged_with_backup.read_bytes()
    assert startup.open_for_window(str(damaged_with_backup)) is None
    assert damaged_with_backup.read_bytes() == before


def test_the_dialog_offers_three_buttons(qtbot: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[list[str]] = []

    def press_quit() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == "Quit").click()

    QTimer.singleShot(0, press_quit)
    assert damaged_dialog.ask_damaged("x: damaged", None) == damaged_dialog.QUIT
    assert sorted(seen[0]) == ["Open the Latest Backup", "Quit", "Start a New Database"]
