"""Paragraphs and sentences of the canonical text, found with whole-text regex passes."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from desktop_app.core.model import Block

# Blocks that hold article prose; headlines, bylines, captions and tables get no suggestions.
BODY_KINDS = frozenset({"paragraph", "blockquote", "list_item"})
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
# Abbreviations that end with a period without ending the sentence ("Dr. Benedetti", "8:30 a.m. in").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm prof rev fr st jr sr inc corp co ltd
    no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m e.g i.e
    mt ft ave blvd rd ph.d""".split()
)


_KELVIN = "\u212a"


def _not_after_abbreviation() -> str:
    """Lookbehinds, one per length, that fail when the run of word characters and periods before
    a period is an abbreviation, in any case ("Dr.", "U.S."); K: the Kelvin sign lowers to k."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(_ABBREVIATIONS):
        cased = "".join(
            f"[{c}{c.upper()}{_KELVIN if c == 'k' else ''}]" if c.isalpha() else re.escape(c)
            for c in word
        )
        by_length.setdefault(len(word), []).append(cased)
    return "".join(
        rf"(?<!(?<![\w.])(?:{'|'.join(words)})\.)" for _, words in sorted(by_length.items())
    )


# A sentence ends at . ! ? (and any closing marks) before a space and a capital, digit or mark,
# not at a period after an abbreviation. The spaces after it are part of the match, so m.end()
# is the next sentence's start. One pattern per end mark, each led by its literal character, so
# a scan jumps from mark to mark (a pattern led by a class tests every character in turn). In
# the period's pattern the group "one" is set when the period follows a lone character, which
# is an initial ("J. Smith") when upper case.
_AFTER_END = r"[”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-ZÀ-Þ0-9])"
_PERIOD_END = re.compile(
    rf"\.{_not_after_abbreviation()}(?:(?<=(?<![\w.])\w\.)(?P<one>))?{_AFTER_END}"
)
_OTHER_ENDS = tuple((mark, re.compile(re.escape(mark) + _AFTER_END)) for mark in "!?…")


def paragraphs(text: str, blocks: Sequence[Block] | None) -> list[tuple[int, int]]:
    """(start, end) of each prose paragraph: body blocks if given, else runs between blank lines."""
    if blocks:
        return [
            (max(0, b.start), min(len(text), b.end))
            for b in blocks
            if b.kind in BODY_KINDS and b.end > b.start
        ]
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def sentence_starts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Sorted start offsets of every sentence (each paragraph start is one)."""
    starts = [s for s, _ in spans]
    # a period after a lone capital is an initial ("J. Smith"), not a sentence end
    starts += [
        m.end()
        for m in _PERIOD_END.finditer(text)
        if not (m.lastindex and text[m.start() - 1].isupper())
    ]
    for mark, pattern in _OTHER_ENDS:
        if mark in text:  # a scan for the mark alone is cheaper than the pattern's
            starts.extend(m.end() for m in pattern.finditer(text))
    starts.sort()
    return starts


class Sentences:
    """Sentence lookup by offset: the sentence around a position, clipped to its paragraph."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.starts = sentence_starts(text, spans)
        self.para_starts = [s for s, _ in spans]
        self.para_ends = [e for _, e in spans]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.para_starts, pos) - 1
        if i < 0:
            return 0, len(self.text)
        return self.para_starts[i], self.para_ends[i]

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (start, end), within its paragraph."""
        p_start, p_end = self.paragraph(pos)
        i = bisect_right(self.starts, pos) - 1
        start = max(self.starts[i] if i >= 0 else 0, p_start)
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        end = min(end, p_end)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence inside a paragraph, trailing spaces trimmed."""
        out: list[tuple[int, int]] = []
        append = out.append
        starts, text = self.starts, self.text
        para_starts, para_ends = self.para_starts, self.para_ends
        n_paras = len(para_ends)
        if not n_paras:
            return out
        # Each sentence runs to the next start (the last to the text's end), clipped to its
        # paragraph; the paragraph is tracked as a pair of locals, advanced when passed.
        nexts = starts[1:]
        nexts.append(len(text))
        p, p_start, p_end = 0, para_starts[0], para_ends[0]
        for start, end in zip(starts, nexts, strict=True):
            if p_end <= start:
                p += 1
                while p < n_paras and para_ends[p] <= start:
                    p += 1
                if p >= n_paras:
                    break  # past the last paragraph: no later start is inside one
                p_start, p_end = para_starts[p], para_ends[p]
            if start < p_start:
                continue
            if end > p_end:
                end = p_end
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                append((start, end))
        return out
