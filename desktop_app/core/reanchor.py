"""Carry annotations from one revision of a text to the next, recording each one's fate.

The cascade, cheapest first (as the Hypothesis client does, with a diff in front):
1. the old->new offset map (one diff for all annotations) still holds the words: same or moved;
2. the words were edited in place (one or both ends survived): changed, if close enough;
3. the exact words elsewhere, in text that is new in this revision, trusted by their context;
4. approximate (edlib) matches in new text, scored like Hypothesis (quote 50, prefix 20,
   suffix 20, position 2), accepted only above a bound;
5. otherwise orphaned: never attached to other words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from desktop_app.core.anchoring import (
    CONTEXT_CHARS,
    MIN_CONTEXT_FIT,
    fit_after,
    fit_before,
    side_confirms,
    trim_span,
)
from desktop_app.core.fuzzy import Context, anchored_end, anchored_start, infix_search, score
from desktop_app.core.model import Annotation
from desktop_app.core.textdiff import Block, OffsetMap

FATES = ("same", "moved", "changed", "orphaned")
# At most this share of the quote's characters may be edited for it to count as the same quote
# (Hypothesis allows half; a newsroom quote rewritten that much is a new quote).
MAX_ERROR_RATE = 0.4
# A fuzzy match must reach this Hypothesis score (an in-place edit, whose one end at least is
# held by the diff, the lower one)...
MIN_SCORE = 0.75
MIN_SCORE_IN_PLACE = 0.7
# ...and keep most of its old context on at least one side.
MIN_CONTEXT_SIMILARITY = 0.75
# An exact match elsewhere with no old context around it is trusted only if it is the single
# occurrence of a quote at least this long.
MIN_UNIQUE_QUOTE = 32


@dataclass(frozen=True)
class Placement:
    """Where an annotation lands in the new text. `same`/`moved` imply text == previous_text;
    `changed` means placed on words that differ; `orphaned` has start = end = None, text ""."""

    annotation_id: str
    fate: str
    start: int | None
    end: int | None
    text: str
    previous_text: str
    score: float


def reanchor(old_text: str, new_text: str, annotations: Sequence[Annotation]) -> list[Placement]:
    """Place every annotation of `old_text` in `new_text`, in the order given."""
    offsets = OffsetMap(old_text, new_text)
    return [_place(a, old_text, new_text, offsets) for a in annotations]


def _placed(a: Annotation, previous: str, new: str, start: int, end: int, sc: float) -> Placement:
    text = new[start:end]
    if text != previous:
        fate = "changed"
    else:
        fate = "same" if (start, end) == (a.start, a.end) else "moved"
    return Placement(a.id, fate, start, end, text, previous, round(sc, 3))


def _orphan(a: Annotation, previous: str) -> Placement:
    return Placement(a.id, "orphaned", None, None, "", previous, 0.0)


def _place(a: Annotation, old: str, new: str, offsets: OffsetMap) -> Placement:
    quote = a.exact
    valid = (
        a.anchor_state != "orphaned"
        and 0 <= a.start < a.end <= len(old)
        and old[a.start : a.end] == quote
    )
    if not quote:
        return _orphan(a, quote)
    if not valid:  # an orphan carried over, or a stale row: only its stored context is known
        return _search(a, new, Context(quote, a.prefix, a.suffix, None), None) or _orphan(a, quote)

    start, end = a.start, a.end
    first, last = offsets.block_at(start), offsets.block_at(end - 1)
    new_start = None if first is None else first.new_start + start - first.old_start
    new_end = None if last is None else last.new_start + end - last.old_start
    ctx = Context(
        quote,
        old[max(0, start - CONTEXT_CHARS) : start],
        old[end : end + CONTEXT_CHARS],
        new_start if new_start is not None else offsets.hint(start),
    )
    # 1. The words survived in one block of the diff (with some of their context around them).
    if first is not None and first is last and _block_holds(first, start, end, len(old)):
        assert new_start is not None and new_end is not None
        return _placed(a, quote, new, new_start, new_end, 1.0)
    # 2. Edited in place: both ends survived, or one did and the other is found by alignment.
    max_errors = int(MAX_ERROR_RATE * len(quote))
    spans: list[tuple[int, int]] = []
    if new_start is not None and new_end is not None and new_start < new_end:
        spans.append((new_start, new_end))
    elif new_start is not None:
        found_end = anchored_end(quote, new, new_start, max_errors)
        spans += [] if found_end is None else list(_word_variants(new, new_start, found_end, False))
    elif new_end is not None:
        found_start = anchored_start(quote, new, new_end, max_errors)
        spans += (
            [] if found_start is None else list(_word_variants(new, found_start, new_end, True))
        )
    best = _best(ctx, new, spans, max_errors, MIN_SCORE_IN_PLACE)
    if best is not None:
        return _placed(a, quote, new, *best)
    return _search(a, new, ctx, offsets) or _orphan(a, quote)


def _block_holds(block: Block, start: int, end: int, old_len: int) -> bool:
    """A whole-sentence block is trusted; a word-level one only with context inside it, since a
    few common words can match by chance in a rewritten sentence; a loose one never."""
    if block.level != "word":
        return block.level == "sentence"
    if end - start >= MIN_UNIQUE_QUOTE:
        return True
    before = start - block.old_start if block.old_start > 0 else CONTEXT_CHARS
    after = block.old_end - end if block.old_end < old_len else CONTEXT_CHARS
    return max(before, after) >= MIN_CONTEXT_FIT


def _search(a: Annotation, new: str, ctx: Context, offsets: OffsetMap | None) -> Placement | None:
    """Steps 3 and 4: the quote elsewhere. With a diff, only spans touching new text qualify:
    anything else was already in the old text, so it is other words."""
    quote = ctx.quote
    windows = [(0, len(new))] if offsets is None else offsets.windows(len(quote))
    exact = _exact_match(ctx, new, windows, offsets)
    if exact is not None:
        return _placed(a, quote, new, *exact)
    max_errors = int(MAX_ERROR_RATE * len(quote))
    if max_errors == 0:
        return None
    if offsets is not None:
        windows = offsets.windows(len(quote) + max_errors)
    spans = [
        variant
        for s, e in infix_search(quote, new, windows, max_errors)
        if offsets is None or offsets.touches_change(s, e)
        for variant in _word_variants(new, s, e, True)
    ]
    best = _best(ctx, new, spans, max_errors, MIN_SCORE)
    return None if best is None else _placed(a, quote, new, *best)


def _exact_match(
    ctx: Context, new: str, windows: list[tuple[int, int]], offsets: OffsetMap | None
) -> tuple[int, int, float] | None:
    """The best trusted exact occurrence: most old context around it, then nearest the hint."""
    quote, size = ctx.quote, len(ctx.quote)
    found: set[int] = set()
    for lo, hi in windows:
        pos = new.find(quote, lo, hi)
        while pos != -1:
            found.add(pos)
            pos = new.find(quote, pos + 1, hi)
    if offsets is not None:
        found = {p for p in found if offsets.touches_change(p, p + size)}
    if not found:
        return None
    unique = size >= MIN_UNIQUE_QUOTE and len(found) == 1 and new.count(quote) == 1
    ranked = []
    for pos in found:
        before = fit_before(new, pos, ctx.prefix)
        after = fit_after(new, pos + size, ctx.suffix)
        trusted = side_confirms(before, ctx.prefix, pos == 0) or side_confirms(
            after, ctx.suffix, pos + size == len(new)
        )
        if trusted or unique:
            distance = 0 if ctx.hint is None else abs(pos - ctx.hint)
            ranked.append((-(before + after), distance, pos))
    if not ranked:
        return None
    pos = min(ranked)[2]
    return pos, pos + size, score(ctx, new, pos, pos + size, 0)[0]


def _word_variants(text: str, start: int, end: int, loose_start: bool) -> Iterator[tuple[int, int]]:
    """The span as found, and snapped outwards to whole words at its loose ends: an alignment
    may stop inside a reworded word ("in 20" for "in 2025")."""
    yield start, end
    snapped_end = end
    while (
        0 < snapped_end < len(text)
        and text[snapped_end - 1].isalnum()
        and text[snapped_end].isalnum()
    ):
        snapped_end += 1
    snapped_start = start
    while (
        loose_start
        and 0 < snapped_start < len(text)
        and text[snapped_start - 1].isalnum()
        and text[snapped_start].isalnum()
    ):
        snapped_start -= 1
    if (snapped_start, snapped_end) != (start, end):
        yield snapped_start, snapped_end


def _best(
    ctx: Context, new: str, spans: list[tuple[int, int]], max_errors: int, min_score: float
) -> tuple[int, int, float] | None:
    """The best-scoring span within the error bound that passes both thresholds."""
    best: tuple[float, int, int] | None = None
    for raw_start, raw_end in spans:
        start, end = trim_span(new, raw_start, raw_end)
        if start >= end:
            continue
        errors = Levenshtein.distance(ctx.quote, new[start:end], score_cutoff=max_errors)
        if errors > max_errors:
            continue
        total, context = score(ctx, new, start, end, errors)
        if (
            total >= min_score
            and context >= MIN_CONTEXT_SIMILARITY
            and (best is None or total > best[0])
        ):
            best = (total, start, end)
    return None if best is None else (best[1], best[2], best[0])
