"""The suggester's entry points (imported lazily by the package: its patterns take ~0.1 s to
compile, which the window's start-up should not pay before a draft is open)."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from operator import itemgetter

from desktop_app.core.model import Block
from desktop_app.core.suggest.engine import (
    Draft,
    claim_suggestions,
    quote_suggestions,
    source_suggestions,
)
from desktop_app.core.suggest.model import Suggestion
from desktop_app.core.suggest.names import is_org

_ORDER = itemgetter(1, 2, 0)  # (start, end, kind) of a Suggestion, read as a plain tuple


def suggest(text: str, blocks: Sequence[Block] | None = None) -> list[Suggestion]:
    """Every suggestion for `text`, sorted by start. Never raises on any string."""
    if not text or not text.strip():
        return []
    # A 1 MB draft allocates enough objects (matches, mentions, suggestions) to trigger several
    # full GC passes (~12% of the time); the pass makes no reference cycles, so collection waits.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        draft = Draft(text, blocks)
        found = quote_suggestions(draft)
        out = found + source_suggestions(draft) + claim_suggestions(draft, found)
        # Freed here, the draft's thousands of mentions and spans are not walked by the
        # collection that the first allocation after gc.enable() starts; sorted here, the
        # sort's key tuples (one per suggestion, garbage at once) start no collections.
        del draft, found
        out.sort(key=_ORDER)
    finally:
        if was_enabled:
            gc.enable()
    return out


def names_in(text: str, blocks: Sequence[Block] | None = None) -> list[str]:
    """People and organisations the suggester found as speakers, most frequent first."""
    counts: dict[str, int] = {}
    for s in suggest(text, blocks):
        speaker = str(s.fields.get("speaker", ""))
        if s.kind == "quote" and speaker and (speaker[:1].isupper() or is_org(speaker)):
            counts[speaker] = counts.get(speaker, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))
