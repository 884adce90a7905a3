"""Cancel on the import progress dialog stops the file being read, not only the batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.app import open_repository
from desktop_app.formats import text_import


def _big_draft(path: Path) -> None:
    """About 8 MB of prose paragraphs (accents and emoji, so offsets are not bytes)."""
    paragraph = " ".join(["The café’s owner 🙂 told the council the harbour plan was naïve."] * 8)
    path.write_text("\n\n".join([paragraph] * 15_000), encoding="utf-8")


def test_cancel_stops_a_long_file_and_stores_nothing(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, after = tmp_path / "big.txt", tmp_path / "after.txt"
    _big_draft(big)
    after.write_text("A later draft\n\nThe council met again.", encoding="utf-8")
    window = make_window()
    flow = window.imports
    outcomes: list[str] = []
    real_load = flow.importer.load

    def load(path: str) -> Any:
        try:
            source = real_load(path)
        except BaseException as error:
            outcomes.append(type(error).__name__)
            raise
        outcomes.append("loaded")
        return source

    flow.importer.load = load
    real_decode = text_import.decode_plain_text

    def decode_after_cancel(data: bytes) -> str:
        # Hold the reader inside the file until Cancel has been pressed, so that the cancel
        # surely lands while this file is being read (whatever the machine's speed).
        flow.importer.cancelled.wait(20)
        return real_decode(data)

    monkeypatch.setattr(text_import, "decode_plain_text", decode_after_cancel)
    with qtbot.waitSignal(flow.finished, timeout=30000):
        window.import_files([str(big), str(after)])
        dialog = flow.progress
        qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown after its minimum duration
        cancel = next(b for b in dialog.findChildren(QPushButton) if "Cancel" in b.text())
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert outcomes == ["ImportCancelled"]  # stopped inside big.txt; after.txt never read
    assert open_repository(db_path).list_documents() == []
    assert flow.progress is None
    assert window.statusBar().currentMessage() == "Import cancelled; 0 drafts imported."
