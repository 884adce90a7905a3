"""Convert between Python code-point offsets (the core's) and Qt's UTF-16 positions, at the Qt boundary."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class TextOffsets:
    """Built once per document: the UTF-16 position of each astral character (emoji etc.)."""

    def __init__(self, text: str) -> None:
        self._astral_cp: list[int] = []
        self._astral_u16: list[int] = []
        if utf16_len(text) != len(text):
            for cp, ch in enumerate(text):
                if ord(ch) > 0xFFFF:
                    self._astral_u16.append(cp + len(self._astral_cp))
                    self._astral_cp.append(cp)

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, u16: int) -> int:
        """A position inside a surrogate pair rounds forward to after the character."""
        return u16 - bisect_right(self._astral_u16, u16 - 2)


def line_to_utf16(line: str, cp: int) -> int:
    """UTF-16 offset within one line (for QSyntaxHighlighter, which works per block)."""
    if line.isascii():
        return cp
    return utf16_len(line[:cp])
