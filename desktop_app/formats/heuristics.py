"""Block-kind rules shared by every importer, applied before `build_source_text`.

Importers emit (kind, text) pairs with the kinds of `BLOCK_KINDS`, plus the internal kind
"heading1" for a level-1 heading (HTML/Markdown h1, Word "Heading 1", ODF outline level 1).
`apply_shared_rules` then decides, the same way for every format:

* Title: the first "title" block stays the title and later ones become headings. When there is
  no "title" block, the first "heading1" becomes the title; every other "heading1" is a heading.
* Caption: a paragraph starting with "Photo:", "Photograph:", "Picture:", "Image:", "Caption:",
  "Illustration:" or "Video:" (any letter case) is a caption.
* Byline: a short paragraph (at most 150 characters, not ending in ".", "!" or "?") that starts
  with "By " followed by a capitalised word, and is the first block after the title (captions
  in between are skipped) or, with no title, the first block, is a byline.

`promote_first_line_title` is for formats without styles (plain text, RTF): their first
paragraph becomes the title when it is a single short line that does not end like a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop_app.formats.canonical import normalize_paragraph

MAX_BYLINE_CHARS = 150
MAX_GUESSED_TITLE_CHARS = 150
MAX_CAPTION_CHARS = 600

_CAPTION = re.compile(
    r"(?:photo|photograph|picture|image|caption|illustration|video)\s*:\s*\S", re.IGNORECASE
)
_BYLINE = re.compile(r"(?:By|BY)\s+(\w)")


def is_byline_text(text: str) -> bool:
    """True for a line like "By Dana Okafor" or "BY DANA OKAFOR, Staff Writer"."""
    match = _BYLINE.match(text)
    return (
        match is not None
        and match.group(1).isupper()
        and len(text) <= MAX_BYLINE_CHARS
        and "\n" not in text
        and not text.endswith((".", "!", "?"))
    )


def is_caption_text(text: str) -> bool:
    """True for a paragraph like "Photo: Residents fill the chamber." (not too long)."""
    return len(text) <= MAX_CAPTION_CHARS and _CAPTION.match(text) is not None


def _clean(parts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Normalise every paragraph and drop the empty ones, so "right after" means what it says."""
    cleaned = ((kind, normalize_paragraph(text)) for kind, text in parts)
    return [(kind, text) for kind, text in cleaned if text]


def promote_first_line_title(parts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Make a short, single-line first paragraph the title (for unstyled formats)."""
    result = _clean(parts)
    if len(result) < 2 or result[0][0] != "paragraph":
        return result
    first = result[0][1]
    if (
        "\n" not in first
        and len(first) <= MAX_GUESSED_TITLE_CHARS
        and not first.endswith((".", ",", ";", ":"))
        and not is_byline_text(first)
        and not is_caption_text(first)
    ):
        result[0] = ("title", first)
    return result


def apply_shared_rules(parts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Apply the title, caption and byline rules; the result has only `BLOCK_KINDS` kinds."""
    result = _clean(parts)
    has_title_style = any(kind == "title" for kind, _ in result)
    title_index = -1
    for index, (kind, text) in enumerate(result):
        if kind in ("title", "heading1"):
            if title_index < 0 and (kind == "title" or not has_title_style):
                title_index = index
                result[index] = ("title", text)
            else:
                result[index] = ("heading", text)
        elif kind == "paragraph" and is_caption_text(text):
            result[index] = ("caption", text)

    candidate = title_index + 1
    while candidate < len(result) and result[candidate][0] == "caption":
        candidate += 1
    if candidate < len(result):
        kind, text = result[candidate]
        if kind == "paragraph" and is_byline_text(text):
            result[candidate] = ("byline", text)
    return result
