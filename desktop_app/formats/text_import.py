"""Plain text (.txt): paragraphs are separated by blank lines (or form feeds).

Inside a blank-line-separated chunk a newline is usually a hard wrap, joined with a space, but
not always: text exported from a word processor or an e-mail often has one paragraph per line
and no blank lines at all. A line break therefore starts a new paragraph when

* the file is not hard-wrapped at all (some line is longer than `MAX_WRAP_WIDTH`), or
* the next line's first word would have fitted on the line (wrapping is greedy, so the writer
  broke the line on purpose) and the line ends like a sentence or is clearly short; the wrap
  width is estimated over the whole file (most wrapped lines end near it), so a headline
  followed by its byline on the next line is two paragraphs, or
* the next line is indented and the line is not (indented first lines mark paragraphs).

A line starting with a bullet ("- ", "* ", "• ", "1. ", "1) ") starts a list_item; indented
lines after it continue the item. Plain text has no styles, so the title is guessed
(`promote_first_line_title`: a short single-line first paragraph not ending like a sentence),
then the shared byline and caption rules apply.
"""

from __future__ import annotations

import re

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.decoding import decode_text
from desktop_app.formats.heuristics import apply_shared_rules, promote_first_line_title

MAX_WRAP_WIDTH = 100
WRAP_PERCENTILE = 0.9
SHORT_LINE_RATIO = 0.6
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\f")
_BULLET = re.compile(r"[^\S\n]*(?:[-*\u2022\u2023\u25e6\u2013]|\d{1,3}[.)])[^\S\n]+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:\"\u201d\u2019\u00bb)]$")


def _line_ends_paragraph(line: str, next_line: str, width: int) -> bool:
    """True when the break after `line` is deliberate rather than a hard wrap at `width`."""
    next_word = next_line.split(None, 1)[0]
    if len(line) + 1 + len(next_word) > width:
        return False
    return _SENTENCE_END.search(line) is not None or len(line) <= SHORT_LINE_RATIO * width


def _wrap_width(chunks: list[list[str]]) -> int:
    """The width the text was wrapped at: 90th percentile of lines followed by another line."""
    lengths = sorted(len(line.strip()) for lines in chunks for line in lines[:-1])
    if not lengths:
        return max((len(line.strip()) for lines in chunks for line in lines), default=0)
    return lengths[int(WRAP_PERCENTILE * (len(lengths) - 1))]


def _chunk_parts(raw_lines: list[str], width: int, unwrapped: bool) -> list[tuple[str, str]]:
    """One blank-line-separated chunk of the file: paragraphs and list items."""
    if not raw_lines:
        return []
    groups: list[tuple[str, list[str]]] = []
    previous_raw = ""
    for raw in raw_lines:
        line = raw.strip()
        bullet = _BULLET.match(line)
        indented = raw[:1].isspace()
        if bullet:
            groups.append(("list_item", [line[bullet.end() :]]))
        elif not groups:
            groups.append(("paragraph", [line]))
        elif groups[-1][0] == "list_item" and indented:
            groups[-1][1].append(line)
        elif (
            unwrapped
            or (indented and not previous_raw[:1].isspace())
            or _line_ends_paragraph(previous_raw.strip(), line, width)
        ):
            groups.append(("paragraph", [line]))
        else:
            groups[-1][1].append(line)
        previous_raw = raw
    return [(kind, " ".join(lines)) for kind, lines in groups]


def text_to_parts(text: str) -> list[tuple[str, str]]:
    """Split plain text into (kind, text) pairs, before the shared rules are applied."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    chunks = [
        [line.rstrip() for line in chunk.split("\n") if line.strip()]
        for chunk in _PARAGRAPH_BREAK.split(text)
    ]
    unwrapped = any(len(line.strip()) > MAX_WRAP_WIDTH for lines in chunks for line in lines)
    width = _wrap_width(chunks)
    parts: list[tuple[str, str]] = []
    for lines in chunks:
        parts.extend(_chunk_parts(lines, width, unwrapped))
    return parts


def import_txt(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a .txt file (any common encoding)."""
    parts = promote_first_line_title(text_to_parts(decode_text(data)))
    return build_source_text(apply_shared_rules(parts), stem, "txt")
