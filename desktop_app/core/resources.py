"""The one place that finds bundled resources: in a checkout, an installed wheel or a frozen app."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from desktop_app.core.errors import CopydeskError

# The package folder: <checkout>/desktop_app, <site-packages>/desktop_app or <bundle>/_internal/...
PACKAGE_DIR = Path(__file__).resolve().parent.parent


class ResourcesMissing(CopydeskError):
    pass


def _checkout_resources() -> Path | None:
    """<checkout>/resources when desktop_app was imported from a source checkout. This is also the
    case when a checkout's root is the working directory and shadows an installed copydesk: its
    desktop_app/ has no resources subpackage (setuptools maps resources/ in only when installing)."""
    root = PACKAGE_DIR.parent
    candidate = root / "resources"
    if (root / "pyproject.toml").is_file() and (candidate / "sample").is_dir():
        return candidate
    return None


def _package_resources() -> Path | None:
    """The desktop_app.resources package of an installed wheel (or an editable install)."""
    try:
        spec = importlib.util.find_spec("desktop_app.resources")
    except ImportError:
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller: the spec copies resources/ to <bundle>/_internal/resources
        return Path(frozen_root) / "resources"
    found = _checkout_resources() or _package_resources()
    if found is None:
        raise ResourcesMissing(
            f"Copydesk's resources were not found (looked beside {PACKAGE_DIR}); reinstall Copydesk"
        )
    return found


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_article() -> Path:
    return resource("sample", "sample_article.md")
