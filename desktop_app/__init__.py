"""Copydesk: review article drafts and tag quotes, claims and anonymous sources."""

from __future__ import annotations

import re
from pathlib import Path


def _version() -> str:
    """pyproject.toml is the one place the version is written: read from it in a checkout, from the
    file the PyInstaller spec writes in a frozen bundle, else from the installed distribution."""
    here = Path(__file__).resolve().parent
    pyproject = here.parent / "pyproject.toml"
    if pyproject.is_file():
        text = pyproject.read_text("utf-8")
        found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
        if found and re.search(r'^name\s*=\s*"copydesk"', text, re.M):
            return found[1]
    frozen = here / "VERSION"
    if frozen.is_file():
        return frozen.read_text("utf-8").strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("copydesk")
    except PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
