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

from desktop_app.core.anchoring import (
    CONTEXT_CHARS,
    MIN_CONTEXT_FIT,
    fit_after,
    fit_before,
    side_confirms,
    trim_span,
)
from desktop_app.core.fuzzy import Context, edit_distance, infix_search, score
from desktop_app.core.model import Annotation
from desktop_app.core.textdiff import Block, OffsetMap

FATES = ("same", "moved", "changed", "orphaned")
# At most this share of the quote's characters may be edited for it to count as the same quote
# (Hypothesis allows half; a newsroom quote rewritten that much is a new quote).
MAX_ERROR_RATE = 0.4
# A fuzzy match must reach this Hypothesis score (an in-place edit, whose one end at least is
# held by the diff, the lower one)...
MIN_SCORE = 0.72
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
    # 1. The words survived in one block of the diff (with some of their context around them).
    if first is not None and first is last and _block_holds(first, start, end, len(old)):
        assert new_start is not None and new_end is not None
        return _placed(a, quote, new, new_start, new_end, 1.0)
    ctx = Context(
        quote,
        old[max(0, start - CONTEXT_CHARS) : start],
        old[end : end + CONTEXT_CHARS],
        new_start if new_start is not None else offsets.hint(start),
        whole_start=not _inside_word(old, start),
        whole_end=not _inside_word(old, end),
        own=(offsets, start, end),
    )
    # 2. Edited in place. Both ends held by the diff decide alone: the quote is there,
    # changed, or too changed to be the same quote (orphan), whatever matches elsewhere.
    max_errors = int(MAX_ERROR_RATE * len(quote))
    spans: list[tuple[int, int]] = []
    if new_start is not None and new_end is not None and new_start < new_end:
        assert first is not None and last is not None
        decisive = _holds_before(first, start) and _holds_after(last, end, len(old))
        bound = len(quote) if decisive else max_errors  # there the score is the bound
        # The old words intact at either held end beat the span between the ends: with repeated
        # words the diff may pair an end with a later copy ("the mayor" -> "the ma the mayor").
        held = [(new_start, new_end)] + [
            (s, s + len(quote))
            for s in (new_start, new_end - len(quote))
            if new.startswith(quote, max(0, s))
        ]
        best = _best(ctx, new, held, bound, MIN_SCORE_IN_PLACE)
        if best is not None or decisive:
            return _orphan(a, quote) if best is None else _placed(a, quote, new, *best)
    elif new_start is not None:
        spans = [(new_start, e) for e in _word_ends(new, new_start, len(quote), max_errors)]
    elif new_end is not None:
        spans = [(s, new_end) for s in _word_starts(new, new_end, len(quote), max_errors)]
    best = _best(ctx, new, spans, max_errors, MIN_SCORE_IN_PLACE)
    if best is not None:
        return _placed(a, quote, new, *best)
    return _search(a, new, ctx, offsets) or _orphan(a, quote)


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


def _word_ends(text: str, start: int, size: int, slack: int) -> list[int]:
    """Ends for a span whose start is known: within `slack` of the old length, at a word
    boundary (or at exactly the old length); the score picks among them."""
    lo, hi = start + max(1, size - slack), min(len(text), start + size + slack)
    return [
        e
        for e in range(lo, hi + 1)
        if e == start + size or e == len(text) or not (text[e - 1].isalnum() and text[e].isalnum())
    ]


def _word_starts(text: str, end: int, size: int, slack: int) -> list[int]:
    """Starts for a span whose end is known (as `_word_ends`)."""
    lo, hi = max(0, end - size - slack), end - max(1, size - slack)
    return [
        s
        for s in range(lo, hi + 1)
        if s == end - size or s == 0 or not (text[s - 1].isalnum() and text[s].isalnum())
    ]


def _block_holds(block: Block, start: int, end: int, old_len: int) -> bool:
    """A whole-sentence block is trusted; a word-level one only with context inside it, since a
    few common words can match by chance in a rewritten sentence; a loose one never."""
    if block.level == "word" and end - start >= MIN_UNIQUE_QUOTE:
        return True
    return _holds_before(block, start) or _holds_after(block, end, old_len)


def _holds_before(block: Block, start: int) -> bool:
    """The block holds the span's start with some old context before it (or is whole sentences)."""
    if block.level != "word":
        return block.level == "sentence"
    return block.old_start == 0 or start - block.old_start >= MIN_CONTEXT_FIT


def _holds_after(block: Block, end: int, old_len: int) -> bool:
    """The block holds the span's end with some old context after it (or is whole sentences)."""
    if block.level != "word":
        return block.level == "sentence"
    return block.old_end == old_len or block.old_end - end >= MIN_CONTEXT_FIT


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
    if ctx.own is not None:
        # As in _best: words the diff says were partly someone else's are other words, even
        # when they read the same ("budget budget" edited inside the first: not moved onto the
        # second, which was already there).
        own, old_start, old_end = ctx.own
        found = {p for p in found if not own.provenance(p, p + size, old_start, old_end)[0]}
    if not found:
        return None
    unique = size >= MIN_UNIQUE_QUOTE and len(found) == 1 and new.count(quote) == 1
    ranked = []
    for pos in found:
        before = fit_before(new, pos, ctx.prefix)
        after = fit_after(new, pos + size, ctx.suffix)
        # A few characters of context can fit by chance ("said the " before "mayor"), so most of
        # one side's old context must also be there, as for a fuzzy match.
        total, context = score(ctx, new, pos, pos + size, 0)
        trusted = (
            side_confirms(before, ctx.prefix, pos == 0)
            or side_confirms(after, ctx.suffix, pos + size == len(new))
        ) and (total >= MIN_SCORE and context >= MIN_CONTEXT_SIMILARITY)
        if trusted or unique:
            distance = 0 if ctx.hint is None else abs(pos - ctx.hint)
            ranked.append((-(before + after), distance, pos, total))
    if not ranked:
        return None
    _, _, pos, total = min(ranked)
    return pos, pos + size, total


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
    """The best-scoring span within the error bound that passes both thresholds. The exact words,
    if among them, win: when an edit next to a quote can be read as touching it or not ("the
    from x from y" -> "the from y"), calling the quote changed would be a false alarm."""
    best: tuple[bool, float, int, int] | None = None
    for raw_start, raw_end in spans:
        start, end = trim_span(new, max(0, raw_start), min(len(new), raw_end))
        if start >= end:
            continue
        if (ctx.whole_start and _inside_word(new, start)) or (
            ctx.whole_end and _inside_word(new, end)
        ):
            continue
        errors = edit_distance(ctx.quote, new[start:end], max_errors)
        if errors > max_errors:
            continue
        if ctx.own is not None:
            # Even exact words are refused when the diff says some were someone else's: with
            # repeated words ("the from x from y" -> "the from y") that can call a quote changed
            # that a reader would call moved, but never puts it on other words.
            if ctx.own[0].provenance(start, end, ctx.own[1], ctx.own[2])[0]:
                continue
        total, context = score(ctx, new, start, end, errors)
        if total >= min_score and context >= MIN_CONTEXT_SIMILARITY:
            key = (errors == 0, total, start, end)
            best = key if best is None or key[:2] > best[:2] else best
    return None if best is None else (best[2], best[3], best[1])
