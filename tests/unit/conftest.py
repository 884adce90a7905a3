"""Fixtures for the Qt-free unit tests: read-only files that really are read-only, and snapshots."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Snapshot = dict[str, list[tuple]]


def _writable(path: Path) -> bool:
    """Try to open for writing: os.access lies for root and for immutable files."""
    try:
        if path.is_dir():
            probe = path / ".copydesk-write-probe"
            probe.write_bytes(b"")
            probe.unlink()
        else:
            with open(path, "r+b"):
                pass
        return True
    except OSError:
        return False


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], None]]:
    """Make a file or folder read-only the way a user meets it: chmod a-w, which binds everyone
    but root; as root (containers, CI) fall back to `chattr +i`, which binds root too. Skips when
    neither works here. Everything is made writable again afterwards so tmp_path can be removed."""
    changed: list[tuple[Path, int, bool]] = []

    def make(path: Path) -> None:
        mode = path.stat().st_mode & 0o777
        os.chmod(path, mode & ~0o222)
        changed.append((path, mode, False))
        if not _writable(path):
            return
        try:
            result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
            why = result.stderr.strip() or "no effect"
            if result.returncode == 0:
                changed[-1] = (path, mode, True)
        except OSError as error:
            why = str(error)
        if not _writable(path):
            return
        pytest.skip(f"cannot make a file read-only here: root, and chattr +i failed ({why})")

    yield make
    for path, mode, immutable in reversed(changed):
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        os.chmod(path, mode)


@pytest.fixture
def db_rows() -> Callable[[Path], Snapshot]:
    """Every row of every Copydesk table, read through a separate plain connection (which, as the
    last one to close, also removes the -wal/-shm files, like a user quitting the app)."""

    def read(path: Path) -> Snapshot:
        conn = sqlite3.connect(path)
        try:
            return {
                table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("documents", "annotations", "tags")
            }
        finally:
            conn.close()

    return read
