"""Starting the app: the self-test end to end, and a clear line instead of a Qt abort without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(extra)
    return env


def test_self_test_passes_in_a_fresh_process(tmp_path: Path) -> None:
    """`copydesk --self-test` builds the window, tags with Q, exports, and prints one ok line."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(COPYDESK_HOME=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("copydesk self-test: ok")
    assert "1 quote tagged with Q" in lines[0]


def test_no_display_gives_one_line_not_an_abort(tmp_path: Path) -> None:
    """Without any display the window command explains itself in one line and exits 1."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(COPYDESK_HOME=str(tmp_path)),
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no display" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_display_pointing_at_nothing_gives_one_line(tmp_path: Path) -> None:
    """DISPLAY set to a server that is not running: one line, exit 1, no Qt abort (134)."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(COPYDESK_HOME=str(tmp_path), DISPLAY=":97"),
    )
    assert result.returncode == 1
    assert "cannot reach the display :97" in result.stderr


def test_the_window_process_asks_workers_to_yield_the_interpreter_quickly(tmp_path: Path) -> None:
    """The GUI process starts with a short interpreter switch interval, so the checks and the
    suggester (pure-Python workers) hand the UI thread the lock within a fraction of a
    millisecond when a paint needs Python (Python's default is 5 ms)."""
    probe = (
        "import sys; from desktop_app.gui import application; before = sys.getswitchinterval(); "
        "application(); print(before, sys.getswitchinterval())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(COPYDESK_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    before, after = (float(x) for x in result.stdout.split())
    assert before == 0.005 and after <= 0.0005
