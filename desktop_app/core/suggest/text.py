"""Paragraphs and sentences of the canonical text, found with whole-text regex passes."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from desktop_app.core.model import Block

# Blocks that hold article prose; headlines, bylines, captions and tables get no suggestions.
BODY_KINDS = frozenset({"paragraph", "blockquote", "list_item"})
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
# A sentence ends at . ! ? (and any closing marks) before a space and a capital, digit or mark.
# The spaces after it are part of the match, so m.end() is the next sentence's start.
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-ZÀ-Þ0-9])")
# Abbreviations that end with a period without ending the sentence ("Dr. Benedetti", "8:30 a.m. in").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm prof rev fr st jr sr inc corp co ltd
    no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m e.g i.e
    mt ft ave blvd rd ph.d""".split()
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


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
    append, abbreviations = starts.append, _ABBREVIATIONS
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
            if word and (
                word.group(1).lower() in abbreviations
                or (len(word.group(1)) == 1 and word.group(1).isupper())  # an initial: "J. Smith"
            ):
                continue
        append(m.end())
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
        out = []
        starts, text = self.starts, self.text
        para_ends = self.para_ends
        p = 0
        for i, start in enumerate(starts):
            while p < len(para_ends) and para_ends[p] <= start:
                p += 1
            if p >= len(para_ends) or start < self.para_starts[p]:
                continue
            end = min(starts[i + 1] if i + 1 < len(starts) else len(text), para_ends[p])
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append((start, end))
        return out
