"""Suggestions for a draft: quotations (with speaker and cue), unnamed sources (with the stated
reason) and checkable claims. Pure Python and regular expressions: no Qt, no SQL, no models."""

from __future__ import annotations

from typing import Any

from desktop_app.core.suggest.model import KINDS, Suggestion

__all__ = ["KINDS", "Suggestion", "names_in", "suggest"]


def __getattr__(name: str) -> Any:
    """`suggest` and `names_in` come from .api on first use (compiling the patterns then)."""
    if name in ("suggest", "names_in"):
        from desktop_app.core.suggest import api

        return getattr(api, name)
    raise AttributeError(name)
