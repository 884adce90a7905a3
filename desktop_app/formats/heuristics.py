"""Block-kind rules shared by every importer, applied before `build_source_text`.

Importers emit (kind, text) pairs with the kinds of `BLOCK_KINDS`, plus the internal kind
"heading1" for a level-1 heading (HTML/Markdown h1, Word "Heading 1", ODF outline level 1).
`apply_shared_rules` then decides, the same way for every format:

* Title: the first "title" block stays the title and later ones become headings. When there is
  no "title" block, the first "heading1" becomes the title; every other "heading1" is a heading.
* Caption: a paragraph starting with "Photo:", "Photograph:", "Picture:", "Image:", "Caption:",
  "Illustration:" or "Video:" (any letter case) is a caption.
* Byline: the first short paragraph (at most 150 characters, not ending in ".", "!" or "?")
  that starts with "By " (or "By: ") followed by a capitalised word, among the first
  `BYLINE_WINDOW` blocks after the title (captions not counted; with no title, from the start),
  is a byline. The window lets a standfirst sit between headline and byline.

`promote_first_line_title` is for formats without styles (plain text, unstyled RTF): their first
paragraph becomes the title when it is a single short line that does not end like a sentence.
`style_name_kind` maps a word-processor paragraph style name to a kind (.docx, .odt, .rtf).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from desktop_app.formats.canonical import is_printable, normalize_paragraph

MAX_BYLINE_CHARS = 150
MAX_GUESSED_TITLE_CHARS = 150
MAX_CAPTION_CHARS = 600
BYLINE_WINDOW = 2

_CAPTION = re.compile(
    r"(?:photo|photograph|picture|image|caption|illustration|video)\s*:\s*\S", re.IGNORECASE
)
_STYLE_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"title$"), "title"),
    (re.compile(r"subtitle$"), "subtitle"),
    (re.compile(r"heading 1$"), "heading1"),
    (re.compile(r"heading( \d+)?$"), "heading"),
    (re.compile(r"caption$|illustration$|figure$|drawing$"), "caption"),
    (re.compile(r"(intense )?quote$|quotations$|block text$|block ?quote$"), "blockquote"),
    (re.compile(r"list (bullet|number|paragraph|continue)( \d)?$"), "list_item"),
)
_BYLINE = re.compile(r"(?:By|BY):?\s+(\w)")


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


def style_name_kind(name: str) -> str | None:
    """Kind for a paragraph style name ("Heading 2" -> "heading"), or None for body styles.

    Besides `BLOCK_KINDS` it may return "heading1" (see `apply_shared_rules`) and "subtitle",
    which the caller turns into a byline when `is_byline_text`, else a heading.
    LibreOffice's caption styles (Illustration, Figure, Drawing) count as captions.
    """
    lowered = " ".join(name.lower().split())
    for pattern, kind in _STYLE_KINDS:
        if pattern.match(lowered):
            return kind
    return None


def subtitle_kind(text: str) -> str:
    """A "Subtitle"-styled paragraph is the byline when it reads like one, else a heading."""
    return "byline" if is_byline_text(text.strip()) else "heading"


def is_caption_text(text: str) -> bool:
    """True for a paragraph like "Photo: Residents fill the chamber." (not too long)."""
    return len(text) <= MAX_CAPTION_CHARS and _CAPTION.match(text) is not None


def _normalized(text: str) -> str:
    """`normalize_paragraph`, with a fast path: printable text (no controls, line breaks or
    invisible characters) without double spaces only needs its edges stripped and NFC."""
    if is_printable(text) and "  " not in text:
        return unicodedata.normalize("NFC", text.strip())
    return normalize_paragraph(text)


def _clean(parts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Normalise every paragraph and drop the empty ones, so "near the title" counts real ones."""
    cleaned = ((kind, _normalized(text)) for kind, text in parts)
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

    looked_at = 0
    for index in range(title_index + 1, len(result)):
        kind, text = result[index]
        if kind == "caption":
            continue
        if kind == "paragraph" and is_byline_text(text):
            result[index] = ("byline", text)
            break
        looked_at += 1
        if looked_at >= BYLINE_WINDOW:
            break
    return result
