"""One window per database: a second launch hands its files to the running copy over a local socket
and exits. The second launch is always another process, as it is for real."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir

from desktop_app.ui.single_instance import claim_instance, server_name

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "sample_article.md"
SECOND_LAUNCH = (
    "import sys\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from desktop_app.ui.single_instance import claim_instance\n"
    "app = QCoreApplication([])\n"
    "instance = claim_instance(sys.argv[1], sys.argv[2:])\n"
    "print('handed over' if instance.handed_over else 'would open a window')\n"
)


def second_launch(db: Path, *files: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_LAUNCH, str(db), *files],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return out.strip()


def test_second_launch_hands_its_files_to_the_first(qtbot: Any, tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    first = claim_instance(db, [])
    assert not first.handed_over and first.server is not None
    with qtbot.waitSignal(first.files_received, timeout=30000) as received:
        process = second_launch(db, "draft one.md", str(SAMPLE), cwd=tmp_path)
    assert finish(process) == "handed over"
    # Relative names are made absolute where they were typed, not where the first copy runs.
    assert received.args == [[str(tmp_path / "draft one.md"), str(SAMPLE)]]


def test_another_database_gets_its_own_window(qtbot: Any, tmp_path: Path) -> None:
    first = claim_instance(tmp_path / "one.sqlite3", [])
    assert first.server is not None
    process = second_launch(tmp_path / "two.sqlite3", str(SAMPLE), cwd=tmp_path)
    assert finish(process) == "would open a window"


def test_same_database_by_another_path_is_the_same_instance(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert server_name(tmp_path / "sub" / ".." / "a.sqlite3") == server_name(tmp_path / "a.sqlite3")
    assert server_name(tmp_path / "a.sqlite3") != server_name(tmp_path / "b.sqlite3")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows pipes leave no file behind")
def test_a_socket_left_by_a_crashed_copy_is_taken_over(qtbot: Any, tmp_path: Path) -> None:
    db = tmp_path / "crashed.sqlite3"
    path = os.path.join(QDir.tempPath(), server_name(db))
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)  # bound, never listening, never removed: what a killed process leaves
    stale.close()
    try:
        first = claim_instance(db, [])
        assert not first.handed_over and first.server is not None
        with qtbot.waitSignal(first.files_received, timeout=30000):
            process = second_launch(db, str(SAMPLE), cwd=tmp_path)
        assert finish(process) == "handed over"
    finally:
        if first.server is not None:
            first.server.close()


def test_handed_over_files_open_in_the_running_window(
    make_window: Any, qtbot: Any, db_path: Path
) -> None:
    window = make_window()
    instance = claim_instance(db_path, [])
    instance.attach(window)
    window.showMinimized()
    with qtbot.waitSignal(window.imports.finished, timeout=30000):
        process = second_launch(db_path, str(SAMPLE), cwd=db_path.parent)
    assert finish(process) == "handed over"
    assert window.review.state is not None and "Millbrook Falls" in window.review.state.text
    assert not window.isMinimized()


def test_two_copydesk_processes_on_one_database(tmp_path: Path, copydesk_home: Path) -> None:
    """The real command: the second `copydesk FILE` exits at once and the first imports FILE."""
    copydesk_home.mkdir(parents=True, exist_ok=True)
    (copydesk_home / "settings.json").write_text(json.dumps({"reviewer": "Test"}), "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COPYDESK_HOME": str(copydesk_home)}
    db = tmp_path / "shared.sqlite3"
    command = [sys.executable, "-m", "desktop_app", "--db", str(db)]
    first = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # the first copy listens before it creates the database
            if db.exists():
                break
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            time.sleep(0.1)
        second = subprocess.run([*command, str(SAMPLE)], env=env, timeout=60)
        assert second.returncode == 0
        listed = ""
        for _ in range(600):  # until the first copy has imported the file in the background
            listed = subprocess.run(
                [*command, "list"], env=env, capture_output=True, text=True, timeout=60
            ).stdout
            if "characters" in listed:
                break
            time.sleep(0.1)
        assert "characters" in listed, "the first window never imported the handed-over file"
        assert first.poll() is None  # still running: the second launch did not replace it
    finally:
        first.terminate()
        first.wait(timeout=30)
