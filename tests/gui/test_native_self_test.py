"""`copydesk --self-test --platform native`: the real window on the desktop's own Qt platform (xcb
under xvfb-run here), exposed and painted; skipped where xvfb-run is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

needs_xvfb = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("xvfb-run") is None,
    reason="needs xvfb-run (apt-get install xvfb libxcb-icccm4 libxcb-keysyms1)",
)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    # Even an explicit offscreen request in the environment must not win over --platform native.
    return {**env, "COPYDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


@needs_xvfb
def test_native_self_test_shows_the_real_window(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            sys.executable,
            "-m",
            "desktop_app",
            "--self-test",
            "--platform",
            "native",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("copydesk self-test: ok (platform xcb: window exposed and painted")
    assert "1 quote tagged with Q" in lines[0]


def test_native_self_test_without_a_display_fails_in_one_line(tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("always a display there")
    env = {k: v for k, v in _env(tmp_path).items() if k != "WAYLAND_DISPLAY"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test", "--platform", "native"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("copydesk self-test: FAILED: no display found")
    assert result.stderr.count("\n") == 1
