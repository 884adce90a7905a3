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


# -- the words in context, for a library search hit -------------------------------------------------
SNIPPET_RADIUS = 70  # characters of context each side of the first match, snapped to a space


def _latin_variants() -> dict[str, str]:
    """Each ASCII letter with every Latin letter that folds to it ('e' -> 'eèéêë…'), so a regex
    can ignore accents on the draft as it is, without folding (and copying) its text."""
    import unicodedata

    variants: dict[str, list[str]] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base.isascii() and base.isalpha() and ch.lower() == ch:
            variants.setdefault(base, [base]).append(ch)
    return {k: "".join(v) for k, v in variants.items()}


_VARIANTS: dict[str, str] = {}


def words_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A case- and accent-insensitive regex for any of the searched words, each a whole word (as
    the library's full-text index tokenises them: runs of letters and digits)."""
    from desktop_app.core.textfold import fold

    if not _VARIANTS:
        _VARIANTS.update(_latin_variants())
    alternatives = []
    for word in words:
        tokens = re.findall(r"[^\W_]+", fold(word))
        if tokens:
            parts = (
                "".join(f"[{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in token)
                for token in tokens
            )
            alternatives.append(r"[\W_]+".join(parts))
    if not alternatives:
        return None
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str], start_mark: str, end_mark: str) -> str | None:
    """The words around the first match, every match in it between the marks, '…' where the
    text goes on; None when the words are not in `text`."""
    first = pattern.search(text)
    if first is None:
        return None
    lo = max(0, first.start() - SNIPPET_RADIUS)
    hi = min(len(text), first.end() + SNIPPET_RADIUS)
    if lo > 0:
        space = text.find(" ", lo, first.start())
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", first.end(), hi)
        hi = space if space >= 0 else hi
    window = pattern.sub(lambda m: f"{start_mark}{m.group(0)}{end_mark}", text[lo:hi])
    return ("…" if lo > 0 else "") + window + ("…" if hi < len(text) else "")
