"""Which suggestions are still open after an edit, re-decided only near the edit: on a long
draft, re-checking every suggestion against every annotation after each key press costs tens of
milliseconds on the UI thread; the suggestions an edit can open or close are those it touched."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop_app.desk.document_state import DocumentState

if TYPE_CHECKING:  # the suggester loads in its worker, after the draft's first paint
    from desktop_app.core.suggest import Suggestion

Key = tuple[str, int, int]


def key(s: Suggestion) -> Key:
    return (s.kind, s.start, s.end)


class OpenSuggestions:
    """Everything the suggester found for one draft, and which of it is still to decide."""

    def __init__(self, everything: list[Suggestion], open_now: Iterable[Suggestion]) -> None:
        self.everything = everything
        self.by_start = sorted(everything, key=lambda s: s.start)
        self.starts = [s.start for s in self.by_start]
        self.longest = max((s.end - s.start for s in everything), default=0)
        self.open_keys = {key(s) for s in open_now}

    def near(self, start: int, end: int) -> list[Suggestion]:
        """The suggestions sharing a character with [start, end) (or touching an empty span)."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, max(end, start + 1))
        return [s for s in self.by_start[lo:hi] if s.start < max(end, start + 1) and s.end > start]

    def reconcile(
        self, state: DocumentState, spans: Iterable[tuple[int, int]], rejected: set[Key]
    ) -> bool:
        """Re-decide the suggestions near `spans` (what an edit touched); True if any changed."""
        changed = False
        for start, end in spans:
            for s in self.near(start, end):
                tagged = any(
                    state.annotations[i].tag == s.kind
                    for i in state.index.overlapping(s.start, s.end)
                    if i in state.annotations
                )
                now_open = key(s) not in rejected and not tagged
                if now_open != (key(s) in self.open_keys):
                    changed = True
                    (self.open_keys.add if now_open else self.open_keys.discard)(key(s))
        return changed

    def open(self) -> list[Suggestion]:
        return [s for s in self.everything if key(s) in self.open_keys]
