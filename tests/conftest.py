"""Shared fixtures. Qt runs offscreen unless a test run says otherwise; every test gets its own data dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def copydesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point COPYDESK_HOME at a temp dir so no test touches the real user data."""
    home = tmp_path / "copydesk-home"
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"
