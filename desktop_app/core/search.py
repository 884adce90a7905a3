"""Finding typed words in a draft: what an editor types on a keyboard versus what the draft holds.

Any run of typed whitespace matches any run of whitespace (no-break spaces included), and straight
quotes, curly quotes and dashes match each other. Offsets are code points of the draft text.
"""

from __future__ import annotations

import re

_QUOTES = '["“”„«»]'
_APOSTROPHES = "['‘’‚`]"
_DASHES = "[-‐‑‒–—]"
_EQUIVALENTS = {
    '"': _QUOTES,
    "“": _QUOTES,
    "”": _QUOTES,
    "„": _QUOTES,
    "«": _QUOTES,
    "»": _QUOTES,
    "'": _APOSTROPHES,
    "‘": _APOSTROPHES,
    "’": _APOSTROPHES,
    "-": _DASHES,
    "–": _DASHES,
    "—": _DASHES,
}


def needle_pattern(needle: str) -> str:
    """A regex for the typed words (see the module docstring)."""
    parts = ["".join(_EQUIVALENTS.get(ch, re.escape(ch)) for ch in word) for word in needle.split()]
    pattern = r"\s+".join(parts)
    if parts and needle[:1].isspace():
        pattern = r"\s+" + pattern
    if parts and needle[-1:].isspace():
        pattern += r"\s+"
    return pattern


def find_all(text: str, needle: str, ignore_case: bool = True) -> list[tuple[int, int]]:
    """Every match of the typed words, as code-point spans, in reading order."""
    if not needle.strip():
        return []
    flags = re.IGNORECASE if ignore_case else 0
    return [(m.start(), m.end()) for m in re.finditer(needle_pattern(needle), text, flags)]


def find_occurrence(text: str, needle: str, nth: int = 1) -> tuple[int, int] | None:
    """The nth (1-based) case-sensitive match of the typed words, or None."""
    if nth < 1 or not needle.strip():
        return None
    for n, match in enumerate(re.finditer(needle_pattern(needle), text), start=1):
        if n == nth:
            return match.start(), match.end()
    return None
