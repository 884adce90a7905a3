"""Plain text (.txt): paragraphs are separated by blank lines.

Single newlines inside a paragraph are hard wraps and become spaces. A paragraph whose first
line starts with a bullet ("- ", "* ", "• ", "1. ", "1) ") is a list: one list_item per bullet,
continuation lines joined to their item. Plain text has no styles, so the title is guessed
(`promote_first_line_title`: a short single-line first paragraph not ending like a sentence),
then the shared byline and caption rules apply.
"""

from __future__ import annotations

import re

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.decoding import decode_text
from desktop_app.formats.heuristics import apply_shared_rules, promote_first_line_title

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\f")
_BULLET = re.compile(r"[^\S\n]*(?:[-*\u2022\u2023\u25e6\u2013]|\d{1,3}[.)])[^\S\n]+(?=\S)")


def _paragraph_parts(paragraph: str) -> list[tuple[str, str]]:
    """One paragraph of the file: a single joined paragraph, or several list items."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    if not lines:
        return []
    if not _BULLET.match(lines[0]):
        return [("paragraph", " ".join(lines))]
    items: list[list[str]] = []
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            items.append([line[bullet.end() :]])
        else:
            items[-1].append(line)
    return [("list_item", " ".join(item)) for item in items]


def text_to_parts(text: str) -> list[tuple[str, str]]:
    """Split plain text into (kind, text) pairs, before the shared rules are applied."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts: list[tuple[str, str]] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        parts.extend(_paragraph_parts(paragraph))
    return parts


def import_txt(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a .txt file (any common encoding)."""
    parts = promote_first_line_title(text_to_parts(decode_text(data)))
    return build_source_text(apply_shared_rules(parts), stem, "txt")
