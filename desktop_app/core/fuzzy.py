"""Approximate search of a quote (edlib's infix alignment) and Hypothesis-style match scores.

edlib compares bytes and accepts at most 256 distinct symbols, so each search maps the quote's own
characters to bytes 1..255 and every other character to 0: the edit distance is unchanged, since
a character that is not in the quote can never match one of its characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

try:  # edlib is C++ and fast, but has no Windows wheel: there the same algorithm in Python
    import edlib  # type: ignore[import-untyped]  # ships no type hints
except ImportError:  # pragma: no cover - exercised by tests/unit/test_myers.py
    from desktop_app.core import myers as edlib

from desktop_app.core.textdiff import OffsetMap

# Hypothesis's weights (src/annotator/anchoring/match-quote.ts).
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
_TOTAL = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT


@dataclass(frozen=True)
class Context:
    """What is known about an annotation before it is placed: its words, their surroundings and
    a guess of where they are now (None when nothing is known)."""

    quote: str
    prefix: str
    suffix: str
    hint: int | None
    # The old quote began (ended) at a word boundary, so a match must too: "evo in." is no
    # placement for "was in.".
    whole_start: bool = True
    whole_end: bool = True
    # (offset map, old start, old end) when the annotation's old place is known: a match may
    # not take in old text from outside that place.
    own: tuple[OffsetMap, int, int] | None = None


def _alphabet(quote: str) -> dict[int, int]:
    """Quote characters -> 1..255, most frequent first (beyond 255 the rarest share 255; the real
    distance is checked afterwards, so a shared code can only cost a candidate, never add one)."""
    counts: dict[str, int] = {}
    for ch in quote:
        counts[ch] = counts.get(ch, 0) + 1
    ranked = sorted(counts, key=lambda ch: -counts[ch])
    return {ord(ch): min(i + 1, 255) for i, ch in enumerate(ranked)}


def _reduce(text: str, table: dict[int, int], others: re.Pattern[str]) -> bytes:
    return others.sub("\x00", text).translate(table).encode("latin-1")


def infix_search(
    quote: str, text: str, windows: Sequence[tuple[int, int]], max_errors: int
) -> list[tuple[int, int]]:
    """Spans text[s:e] inside `windows` within `max_errors` edits of `quote`, at the best
    distance found (edlib reports only the best ones). Empty if none is close enough."""
    if not quote or not windows:
        return []
    table = _alphabet(quote)
    others = re.compile("[^" + "".join(re.escape(chr(c)) for c in table) + "]")
    # Windows are searched as one target, separated by runs of an unmatched symbol longer than
    # the error bound, so no match can straddle two windows.
    gap = "\x00" * (max_errors + 1)
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []  # (position in target, position in text)
    at = 0
    for lo, hi in windows:
        offsets.append((at, lo))
        parts.append(text[lo:hi])
        parts.append(gap)
        at += hi - lo + len(gap)
    found = edlib.align(
        _reduce(quote, table, others),
        _reduce("".join(parts), table, others),
        mode="HW",
        task="locations",
        k=max_errors,
    )
    if found["editDistance"] < 0:
        return []
    starts = [o[0] for o in offsets]
    spans = []
    for t_start, t_end in found["locations"]:
        base, origin = offsets[bisect_right(starts, t_start) - 1]
        spans.append((origin + t_start - base, origin + t_end + 1 - base))
    return spans


def _as_bytes(a: str, b: str) -> tuple[bytes, bytes]:
    """Both strings over one byte alphabet that keeps their edit distance (see the docstring)."""
    chars = set(a) | set(b)
    if len(chars) <= 256:
        table = {ord(ch): i for i, ch in enumerate(chars)}
        return a.translate(table).encode("latin-1"), b.translate(table).encode("latin-1")
    table = _alphabet(a)
    others = re.compile("[^" + "".join(re.escape(chr(c)) for c in table) + "]")
    return _reduce(a, table, others), _reduce(b, table, others)


def edit_distance(a: str, b: str, max_errors: int = -1) -> int:
    """Levenshtein distance of a and b; any value above `max_errors` (if given) means "more"."""
    if not a or not b:
        return max(len(a), len(b))
    x, y = _as_bytes(a, b)
    found = edlib.align(x, y, mode="NW", task="distance", k=max_errors)
    distance = int(found["editDistance"])
    return distance if distance >= 0 else max(len(a), len(b))


def similarity(a: str, b: str) -> float:
    """1 - edit distance / the longer length: 1.0 for equal strings, 0.0 if either is empty."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    return 1 - edit_distance(a, b) / max(len(a), len(b))


def context_scores(ctx: Context, text: str, start: int, end: int) -> tuple[float, float]:
    """How well the old prefix and suffix fit around text[start:end] (0..1 each). A quote that
    was at the very start (end) of the old text fits only at the start (end) of the new one."""
    if ctx.prefix:
        before = similarity(ctx.prefix, text[max(0, start - len(ctx.prefix)) : start])
    else:
        before = 1.0 if start == 0 else 0.0
    if ctx.suffix:
        after = similarity(ctx.suffix, text[end : end + len(ctx.suffix)])
    else:
        after = 1.0 if end == len(text) else 0.0
    return before, after


def score(ctx: Context, text: str, start: int, end: int, errors: int) -> tuple[float, float]:
    """(Hypothesis score 0..1, best context side) of placing the quote at text[start:end]."""
    before, after = context_scores(ctx, text, start, end)
    quote_score = 1 - errors / max(1, len(ctx.quote))
    position = 1.0
    if ctx.hint is not None and text:
        position = 1 - abs(start - ctx.hint) / len(text)
    raw = (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * before
        + SUFFIX_WEIGHT * after
        + POSITION_WEIGHT * position
    )
    return raw / _TOTAL, max(before, after)
