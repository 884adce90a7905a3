"""Background saves of the settings: each saves the settings as they were when asked, in order,
and wait() lets them land before the caller saves newer ones itself."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.core.settings import Settings
from desktop_app.ui.settings_saver import SettingsSaver


def test_saves_land_in_order_each_with_the_settings_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    gate = threading.Event()
    saved: list[str] = []

    def save(snapshot: Settings) -> None:
        gate.wait(5)  # the disk is slow: the window goes on meanwhile
        saved.append(snapshot.last_document_id)
        snapshot.save(path)

    saver = SettingsSaver(save)
    settings = Settings(reviewer="Ana")
    for ident in ("first", "second", "third"):
        settings.last_document_id = ident
        saver.save_soon(settings)
    settings.last_document_id = "changed after asking"
    gate.set()
    saver.wait()
    assert saved == ["first", "second", "third"]
    assert Settings.load(path).last_document_id == "third"


def test_an_unwritable_settings_file_does_not_break_the_saver(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    saver = SettingsSaver(lambda s: s.save(blocked / "settings.json"))
    saver.save_soon(Settings(last_document_id="x"))
    saver.wait()  # the OSError stays in the worker; the next save on the UI thread reports it
    good = tmp_path / "settings.json"
    saver = SettingsSaver(lambda s: s.save(good))
    saver.save_soon(Settings(last_document_id="y"))
    saver.wait()
    assert Settings.load(good).last_document_id == "y"
