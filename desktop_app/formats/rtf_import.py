"""Rich Text Format (.rtf), flattened to text with striprtf.

Every line of the stripped text (one RTF paragraph) is a block. Paragraph styles are read from
the ``\\stylesheet``: before striprtf runs, each ``\\sN`` that names a known style (Title,
Subtitle, Heading N, Caption, Quote/Quotations, List ...; see `style_name_kind`) gets an
invisible marker (U+2063 and a letter) that is read back and removed per line. Unstyled lines
are paragraphs; the first is the title when it is a single short line not ending like a sentence
(`promote_first_line_title`); then the shared byline and caption rules apply. A line that
striprtf ends with "|" is a table row (it writes "|" for each cell end); its cells are joined
with " | ". ``\\'hh`` escapes use the document's ``\\ansicpg`` code page, and ``\\u``
surrogate pairs (emoji) are recombined.
"""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.heuristics import (
    apply_shared_rules,
    promote_first_line_title,
    style_name_kind,
    subtitle_kind,
)

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_STYLE_ENTRY = re.compile(r"\{(?:\\\*)?\\s(\d+)(?!\d)([^{}]*)\}")
_CONTROL = re.compile(r"\\(?:[a-zA-Z]+-?\d* ?|'[0-9a-fA-F]{2}|.)")
_STYLE_USE = re.compile(r"(?<!\\)\\s(\d+)(?![\d])")
MAX_STYLESHEET_CHARS = 1_000_000
MARK = "\u2063"
_MARK_LETTERS = {
    "title": "T", "subtitle": "S", "heading1": "H", "heading": "h", "caption": "C",
    "blockquote": "Q", "list_item": "L",
}  # fmt: skip
_LETTER_KINDS = {letter: kind for kind, letter in _MARK_LETTERS.items()}
_MARKER = re.compile(MARK + "([A-Za-z])")


def _code_page(data: bytes) -> str:
    """The codec for the document's \\ansicpg, Windows-1252 when absent or unknown."""
    match = _CODE_PAGE.search(data[:4096])
    if match:
        name = f"cp{match.group(1).decode('ascii')}"
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    return "cp1252"


def _stylesheet_end(rtf: str) -> int:
    """Index just past the ``{\\stylesheet ...}`` group, or -1 when there is none."""
    start = rtf.find("{\\stylesheet")
    if start < 0:
        return -1
    depth = 0
    index = start
    limit = min(len(rtf), start + MAX_STYLESHEET_CHARS)
    while index < limit:
        char = rtf[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def mark_styles(rtf: str) -> str:
    """Insert a marker after each use of a paragraph style that stands for a block kind."""
    end = _stylesheet_end(rtf)
    if end < 0:
        return rtf
    letters: dict[str, str] = {}
    for number, body in _STYLE_ENTRY.findall(rtf[:end]):
        name = _CONTROL.sub("", body).split(";", 1)[0]
        kind = style_name_kind(name)
        if kind:
            letters[number] = _MARK_LETTERS[kind]
    if not letters:
        return rtf

    def insert(match: re.Match[str]) -> str:
        letter = letters.get(match.group(1))
        return match.group(0) + f"{{\\uc1\\u8291?{letter}}}" if letter else match.group(0)

    return rtf[:end] + _STYLE_USE.sub(insert, rtf[end:])


def _join_surrogates(text: str) -> str:
    """striprtf turns each half of a \\u surrogate pair into its own character; pair them."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def rtf_to_parts(data: bytes) -> list[tuple[str, str]]:
    """The (kind, text) pairs of an RTF document, before the shared rules are applied."""
    encoding = _code_page(data)
    rtf = mark_styles(data.decode(encoding, "replace"))
    text = _join_surrogates(rtf_to_text(rtf, encoding, "replace"))
    parts: list[tuple[str, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        marker = _MARKER.search(line)
        line = _MARKER.sub("", line).replace(MARK, "")
        stripped = line.strip()
        if stripped.endswith("|") and len(stripped) > 1:
            cells = [cell.strip() for cell in stripped[:-1].split("|")]
            parts.append(("table", " | ".join(cells)))
            continue
        kind = _LETTER_KINDS[marker.group(1)] if marker else "paragraph"
        parts.append((subtitle_kind(line) if kind == "subtitle" else kind, line))
    return parts


def import_rtf(data: bytes, stem: str) -> SourceText:
    """Import the bytes of an .rtf file."""
    parts = promote_first_line_title(rtf_to_parts(data))
    return build_source_text(apply_shared_rules(parts), stem, "rtf")
