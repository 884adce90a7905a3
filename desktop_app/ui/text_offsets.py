"""Convert between Python code-point offsets (the core's) and Qt's UTF-16 positions, at the Qt boundary."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# Astral characters (emoji, math letters…) are the only ones taking two UTF-16 units.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def astral_positions(text: str) -> list[int]:
    """Code-point offsets of the astral characters, sorted; empty without a C-level pass over
    ASCII text (str.isascii is O(1)), one fast encode for other Basic-Multilingual-Plane text."""
    if text.isascii() or utf16_len(text) == len(text):
        return []
    return [m.start() for m in _ASTRAL.finditer(text)]


class TextOffsets:
    """Built once per text (a document, or one block for the highlighter): the astral characters'
    positions, so each conversion is a bisect, O(log n), however long the text."""

    __slots__ = ("_astral_cp", "_astral_u16")

    def __init__(self, text: str) -> None:
        self._astral_cp = astral_positions(text)
        # the n-th astral character sits n UTF-16 units further on than its code-point offset
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral_cp)]

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_left(self._astral_cp, cp) if self._astral_cp else cp

    def to_cp(self, u16: int) -> int:
        """A position inside a surrogate pair rounds forward to after the character."""
        return u16 - bisect_right(self._astral_u16, u16 - 2) if self._astral_u16 else u16


def line_offsets(line: str) -> TextOffsets:
    """The per-block mapping the highlighter builds once per block and reuses for every segment."""
    return TextOffsets(line)


def line_to_utf16(line: str, cp: int) -> int:
    """UTF-16 offset within one line, for a single conversion; for many, use `line_offsets`."""
    return TextOffsets(line).to_utf16(cp)
