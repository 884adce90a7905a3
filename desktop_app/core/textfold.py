"""Folding text for matching the way an editor expects: any case, accents ignored."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, one character for one (positions in the folded text are
    positions in the original), as SQLite FTS5's remove_diacritics does for Latin letters."""
    if text.isascii():
        return text.lower()
    # casefold() can lengthen a character ("ß" -> "ss"); lower() keeps one for one.
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text.lower())
