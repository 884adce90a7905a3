"""Footnotes and endnotes: kept, but never inside a body paragraph.

Decision: a note's text is not dropped (in a draft it often names the source of a claim, which
a reviewer may need to tag) and never left where its reference mark sits (it would split the
sentence). The reference mark is removed from the body text, and each note becomes its own
"paragraph" block after the whole body, in the order the notes are first referenced, starting
with its mark in brackets: "[1] Fares were last raised in 2019." A note of several paragraphs
is one block with soft line breaks. Footnotes are numbered 1, 2, 3... and endnotes i, ii,
iii... (the Word and LibreOffice defaults) unless the format stores the mark itself (ODF's
note citation, a Markdown footnote label). Comments are never imported.
"""

from __future__ import annotations

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(number: int) -> str:
    """Lower-case Roman numeral for a positive number: 4 -> "iv"."""
    out: list[str] = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


class NoteMarks:
    """Hands out the default marks: footnotes 1, 2, 3...; endnotes i, ii, iii..."""

    def __init__(self) -> None:
        self.footnotes = 0
        self.endnotes = 0

    def next(self, endnote: bool) -> str:
        if endnote:
            self.endnotes += 1
            return roman(self.endnotes)
        self.footnotes += 1
        return str(self.footnotes)


def note_block(mark: str, paragraphs: list[str]) -> tuple[str, str]:
    """The (kind, text) pair for one note: "[mark] first paragraph\\nsecond paragraph"."""
    text = "\n".join(p.strip() for p in paragraphs if p.strip())
    mark = mark.strip()
    return ("paragraph", f"[{mark}] {text}" if mark and text else text)
