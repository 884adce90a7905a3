"""Describe a span by position and quote, and find it again in a (possibly revised) text.

The cascade follows the Hypothesis client: cheapest selector first, and the quote is checked at
every step, so an annotation is either on exactly its words or reported as orphaned, never on
other words. A match elsewhere must also be *trusted*: some of its old context still fits, or the
quote is long and occurs only once. Otherwise a short quote like "he said" would silently jump to
another occurrence after its own was deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32
# A moved match is trusted when this many characters (or the whole stored prefix/suffix, if
# shorter) still fit on at least one side of it.
MIN_CONTEXT_FIT = 8
# ...or when it is the only occurrence of a quote at least this long.
MIN_UNIQUE_QUOTE = 16


@dataclass(frozen=True)
class Selectors:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Anchor:
    """Where an annotation lands: `state` is anchored (same place), moved, or orphaned (-1, -1)."""

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


def fit_before(text: str, pos: int, prefix: str) -> int:
    """How many characters just before `pos` equal the end of `prefix`."""
    n = 0
    limit = min(len(prefix), pos)
    while n < limit and text[pos - 1 - n] == prefix[-1 - n]:
        n += 1
    return n


def fit_after(text: str, pos: int, suffix: str) -> int:
    """How many characters from `pos` on equal the start of `suffix`."""
    n = 0
    limit = min(len(suffix), len(text) - pos)
    while n < limit and text[pos + n] == suffix[n]:
        n += 1
    return n


def side_confirms(fit: int, stored: str, at_boundary: bool) -> bool:
    if not stored:  # the quote was at the very start/end of the text: it must still be
        return at_boundary
    return fit >= min(len(stored), MIN_CONTEXT_FIT)


def anchor(text: str, selectors: Selectors) -> Anchor:
    """Place `selectors` in `text`: same position, else the best-fitting nearest trusted exact
    match (see the module docstring), else orphan."""
    exact = selectors.exact
    if not exact:
        return ORPHAN
    start, end = selectors.start, selectors.end
    if 0 <= start and end <= len(text) and text[start:end] == exact:
        return Anchor(start, end, "anchored")
    candidates: list[tuple[int, int, int, bool]] = []  # (-context, distance, position, trusted)
    pos = text.find(exact)
    while pos != -1:
        after = pos + len(exact)
        before_fit = fit_before(text, pos, selectors.prefix)
        after_fit = fit_after(text, after, selectors.suffix)
        trusted = side_confirms(before_fit, selectors.prefix, pos == 0) or side_confirms(
            after_fit, selectors.suffix, after == len(text)
        )
        candidates.append((-(before_fit + after_fit), abs(pos - start), pos, trusted))
        pos = text.find(exact, pos + 1)
    if len(candidates) == 1 and len(exact) >= MIN_UNIQUE_QUOTE:
        candidates[0] = (*candidates[0][:3], True)
    trusted_candidates = [c for c in candidates if c[3]]
    if not trusted_candidates:
        return ORPHAN
    best = min(trusted_candidates)
    return Anchor(best[2], best[2] + len(exact), "moved")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a selection so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
