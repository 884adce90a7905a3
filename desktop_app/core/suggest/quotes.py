"""Quotation spans: pair the marks paragraph by paragraph, tolerating every imbalance.

Double marks (curly, straight, guillemets, „German“) are paired in one pass over the marks;
a paragraph that opens a quotation and does not close it continues into the next paragraph when
that one opens with a mark (the newsroom convention), else the quote runs to the paragraph end.
Single marks are quotations only outside double ones (nested quotes belong to their outer quote).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import partial
from itertools import compress, repeat
from typing import NamedTuple

from desktop_app.core.suggest.anchors import positions

_DOUBLE_MARKS = '“”"«»„'
_OPENERS = {"“": "”", "«": "»", "„": "“"}
# ‘single’ quotations: an opening mark at a word start, a closing one not followed by a letter
# (so apostrophes in "it’s" never close); straight 'Single' ones must start with a capital and end
# with punctuation, so "rock 'n' roll" and "the '90s" stay apostrophes.
_SINGLE = re.compile(
    r"(?<![\w’'])‘(?=\w)(?:[^‘’\n]|’(?=\w))+’(?!\w)"
    r"|(?<![\w'’])'(?=[A-ZÀ-Þ])(?:[^'\n]|'(?=\w))+?[.,!?]'(?!\w)"
)
# Interview transcripts: "A: answer" paragraphs ("Q:" ones are the interviewer's).
_ANSWER = re.compile(r"(?m)^(?:A|[A-ZÀ-Þ]{2,}(?: [A-ZÀ-Þ]{2,})?)[:.]\s+(?=\S)")


class RawQuote(NamedTuple):
    """A quotation span (a named tuple: built once per quotation of a long draft, and a frozen
    dataclass costs a setattr call per field)."""

    start: int  # the opening mark (or the first word of an unmarked answer)
    end: int  # after the closing mark, or the paragraph end when unclosed
    closed: bool
    continues: bool  # opens a paragraph that carries on the previous paragraph's quotation
    answer: bool = False  # an interview answer ("A: ...")


# RawQuote((start, end, closed, continues, answer)) without the named tuple's Python __new__.
_raw = partial(tuple.__new__, RawQuote)


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def double_quotes(text: str, spans: list[tuple[int, int]]) -> list[RawQuote]:
    """Quotations in double marks, in text order."""
    out: list[RawQuote] = []
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    n = len(spans)
    pi = 0  # the paragraph being read
    open_at, closer, continues = -1, "", False
    carry = False  # the previous paragraph left a quotation open

    def leave(index: int) -> None:
        nonlocal open_at, continues, carry
        carry = False
        if open_at >= 0:
            end = _trimmed_end(text, open_at, ends[index])
            nxt = starts[index + 1] if index + 1 < n else -1
            carry = nxt >= 0 and text[nxt : nxt + 1] in '“"«„'
            if end - open_at > 1:
                out.append(_raw((open_at, end, False, continues, False)))
        open_at, continues = -1, False

    ends_sorted = ends == sorted(ends)
    for pos in positions(text, _DOUBLE_MARKS):
        if pi < n and pos >= ends[pi]:
            leave(pi)
            pi += 1
            if pi < n and pos >= ends[pi]:
                # Paragraphs without marks: leaving them only clears `carry`, so skip to the
                # one holding `pos` (by bisection when the ends are in order, as they are).
                carry = False
                if ends_sorted:
                    pi = bisect_right(ends, pos, pi)
                else:
                    while pi < n and pos >= ends[pi]:
                        pi += 1
        if pi >= n:
            break
        if pos < starts[pi]:
            continue
        ch = text[pos]
        if open_at < 0:
            if ch in "”»" or (ch == '"' and pos > 0 and text[pos - 1].isdigit()):
                continue  # a stray closing mark, or an inch mark
            open_at, closer = pos, _OPENERS.get(ch, '"')
            continues = carry and pos == starts[pi]
            carry = False
        elif ch == closer or ch == '"' or ch in "”»":
            out.append(_raw((open_at, pos + 1, True, continues, False)))
            open_at, continues = -1, False
        else:  # a second opening mark: the first quotation was never closed
            end = _trimmed_end(text, open_at, pos)
            if end - open_at > 1:
                out.append(_raw((open_at, end, False, continues, False)))
            open_at, closer, continues = pos, _OPENERS.get(ch, '"'), False
    while pi < n:
        leave(pi)
        pi += 1
    return out


def single_quotes(
    text: str, doubles: list[RawQuote], spans: list[tuple[int, int]]
) -> list[RawQuote]:
    """‘Single-mark’ quotations that are not nested inside a double one, within body paragraphs."""
    out: list[RawQuote] = []
    d_starts = [q.start for q in doubles]
    p_starts = [s for s, _ in spans]
    last_end = 0
    for start in positions(text, "‘'"):  # where a _SINGLE match can start
        if start < last_end:
            continue
        m = _SINGLE.match(text, start)
        if m is None:
            continue
        s, e = m.span()
        last_end = e
        i = bisect_right(d_starts, s) - 1
        if i >= 0 and doubles[i].end >= e:
            continue
        p = bisect_right(p_starts, s) - 1
        if p < 0 or spans[p][1] < e:
            continue
        out.append(_raw((s, e, True, False, False)))
    return out


def answers(text: str, spans: list[tuple[int, int]]) -> list[RawQuote]:
    """Interview answers: paragraphs opening "A:" (or "SURNAME:") in a text with "Q:" paragraphs."""
    if "Q:" not in text and "Q." not in text:
        return []
    out: list[RawQuote] = []
    n = len(spans)
    starts = [s for s, _ in spans]
    # _ANSWER tried at every paragraph start by a C-level map (a Python step per paragraph
    # cost more than the rest of the quotation pass); only the paragraphs it matches are read.
    found = list(map(_ANSWER.match, repeat(text), starts))  # (?m)^: only at a line start
    for p in compress(range(n), found):
        start, p_end = spans[p]
        if p + 1 < n and starts[p + 1] == start:
            continue  # the last paragraph starting here holds the answer
        m = found[p]
        if m is None or text[start] == "Q":
            continue
        end = _trimmed_end(text, m.end(), p_end)
        if end > m.end():
            out.append(RawQuote(m.end(), end, True, False, answer=True))
    return out


def find_quotes(text: str, spans: list[tuple[int, int]]) -> list[RawQuote]:
    doubles = double_quotes(text, spans)
    extra = single_quotes(text, doubles, spans) + answers(text, spans)
    if not extra:
        return doubles
    a_starts = [q.start for q in extra if q.answer]
    a_ends = [q.end for q in extra if q.answer]
    if a_starts:  # quotations inside an answer belong to the answer
        kept = []
        for q in doubles:
            i = bisect_right(a_starts, q.start) - 1
            if not (i >= 0 and q.end <= a_ends[i]):
                kept.append(q)
        doubles = kept
    return sorted(doubles + extra, key=lambda q: q.start)
