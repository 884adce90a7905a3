"""Suggestions for a draft: quotations (with speaker and cue), unnamed sources (with the stated
reason) and checkable claims. Pure Python and regular expressions: no Qt, no SQL, no models."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from desktop_app.core.model import Block
from desktop_app.core.suggest.engine import (
    Draft,
    claim_suggestions,
    quote_suggestions,
    source_suggestions,
)
from desktop_app.core.suggest.model import KINDS, Suggestion
from desktop_app.core.suggest.names import is_org

__all__ = ["KINDS", "Suggestion", "names_in", "suggest"]
_ORDER = attrgetter("start", "end", "kind")


def suggest(text: str, blocks: Sequence[Block] | None = None) -> list[Suggestion]:
    """Every suggestion for `text`, sorted by start. Never raises on any string."""
    if not text or not text.strip():
        return []
    draft = Draft(text, blocks)
    found = quote_suggestions(draft)
    out = found + source_suggestions(draft) + claim_suggestions(draft, found)
    out.sort(key=_ORDER)
    return out


def names_in(text: str, blocks: Sequence[Block] | None = None) -> list[str]:
    """People and organisations the suggester found as speakers, most frequent first."""
    counts: dict[str, int] = {}
    for s in suggest(text, blocks):
        speaker = str(s.fields.get("speaker", ""))
        if s.kind == "quote" and speaker and (speaker[:1].isupper() or is_org(speaker)):
            counts[speaker] = counts.get(speaker, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))
