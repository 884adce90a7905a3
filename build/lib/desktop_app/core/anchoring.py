"""Describe a span by position and quote, and find it again in a (possibly revised) text.

The cascade follows the Hypothesis client: cheapest selector first, and the quote is checked at every
step, so an annotation is either on exactly its words or reported as orphaned, never on other words.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Selectors:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Anchor:
    """Where an annotation lands: `state` is anchored (same place), moved, or orphaned (start/end -1)."""

    start: int
    end: int
    state: str

    @property
    def orphaned(self) -> bool:
        return self.state == "orphaned"


ORPHAN = Anchor(-1, -1, "orphaned")


def describe(text: str, start: int, end: int) -> Selectors:
    """Selectors for text[start:end]; raises ValueError for an empty or out-of-range span."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"span {start}-{end} is outside the text (0-{len(text)}) or empty")
    return Selectors(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _common_suffix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def anchor(text: str, selectors: Selectors) -> Anchor:
    """Place `selectors` in `text`: same position, else the best-fitting nearest exact match, else orphan."""
    exact = selectors.exact
    if not exact:
        return ORPHAN
    start, end = selectors.start, selectors.end
    if 0 <= start and end <= len(text) and text[start:end] == exact:
        return Anchor(start, end, "anchored")
    best: tuple[int, int, int] | None = None  # (-context score, distance, position)
    pos = text.find(exact)
    while pos != -1:
        context = _common_suffix_len(text[max(0, pos - CONTEXT_CHARS) : pos], selectors.prefix)
        after = pos + len(exact)
        context += _common_prefix_len(text[after : after + CONTEXT_CHARS], selectors.suffix)
        candidate = (-context, abs(pos - start), pos)
        if best is None or candidate < best:
            best = candidate
        pos = text.find(exact, pos + 1)
    if best is None:
        return ORPHAN
    return Anchor(best[2], best[2] + len(exact), "moved")


def find_occurrence(text: str, needle: str, nth: int = 1) -> tuple[int, int] | None:
    """The code-point span of the nth (1-based) occurrence of needle, or None."""
    if not needle or nth < 1:
        return None
    pos = -1
    for _ in range(nth):
        pos = text.find(needle, pos + 1)
        if pos == -1:
            return None
    return pos, pos + len(needle)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a selection so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
