"""Markdown (.md, .markdown) through markdown-it-py's CommonMark token stream (plus tables).

Markup is stripped and the visible text kept: emphasis, links (their text; reference links
too), inline code and entities; images are dropped (their alt text is not article text, as in
the other formats; a caption is a separate "Photo: ..." line). Soft line breaks (hard wraps)
become spaces, hard breaks (two trailing spaces, a backslash or an inline ``<br>``) soft line
breaks in the block; other inline HTML tags are dropped and their text kept.

Kinds: the first ``#`` heading is the title (shared rule), other headings are headings;
paragraphs inside ``>`` are blockquotes; paragraphs inside list items are list items; each
table row is one "table" block, non-empty cells joined with " | "; fenced and indented code
are plain paragraphs; raw HTML blocks are read like a web page. Front matter (YAML ``---`` or
TOML ``+++`` at the very top) is never text, but its ``title`` is the article's title: it
becomes the "title" block unless the text itself opens with a ``#`` heading (then that heading
is the title). Footnotes (``[^1]`` and ``[^1]: text``) follow `notes`: marks leave the text and
each note is a "[1] text" block after it. A paragraph starting with "Photo:" (or "Caption:",
e.g. ``*Photo: ...*``) is a caption and a "By ..." line near the title a byline (the shared
rules in `heuristics`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.decoding import decode_text
from desktop_app.formats.heuristics import apply_shared_rules
from desktop_app.formats.html_import import html_fragment_parts
from desktop_app.formats.notes import note_block

_TEXT_TOKENS = frozenset({"text", "text_special", "code_inline"})
_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---[ \t]*\n(.{0,4000}?)\n(?:---|\.\.\.)|\+\+\+[ \t]*\n(.{0,4000}?)\n\+\+\+)"
    r"[ \t]*(?:\n|\Z)",
    re.DOTALL,
)
_TITLE_FIELD = re.compile(r"^title[ \t]*[:=][ \t]*(.+?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_NOTE_MARK = re.compile(r"\[\^([^\]\s]{1,20})\]")
# "[^label]: text" at the start of a line, with its indented continuation lines.
_NOTE_DEFINITION = re.compile(
    r"^[ ]{0,3}\[\^([^\]\s]{1,20})\]:[ \t]*(.*(?:\n(?:[ ]{2,}|\t)\S.*)*)\n?", re.MULTILINE
)
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _inline_text(children: Sequence[Token] | None) -> str:
    """The visible text of an inline token's children."""
    out: list[str] = []
    for child in children or ():
        if child.type in _TEXT_TOKENS:
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak" or (
            child.type == "html_inline" and _BR_TAG.fullmatch(child.content.strip())
        ):
            out.append("\n")
    return "".join(out)


def _front_matter_title(source: str) -> tuple[str, str]:
    """The text without its front matter, and the front matter's title ("" when none)."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        return source, ""
    fields = match.group(1) if match.group(1) is not None else match.group(2)
    title = _TITLE_FIELD.search(fields)
    value = title.group(1) if title else ""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace('\\"', '"').replace("''", "'")
    return source[match.end() :], value


def markdown_to_parts(source: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (kind, text) pairs of the text, before the shared rules, and its note blocks.

    The front matter's title comes first when the text does not open with a level-1 heading.
    """
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    source, title = _front_matter_title(source.replace("\r\n", "\n").replace("\r", "\n"))
    notes = [
        note_block(m.group(1), [" ".join(m.group(2).split("\n"))])
        for m in _NOTE_DEFINITION.finditer(source)
    ]
    source = _NOTE_DEFINITION.sub("", source)
    body = [(kind, _NOTE_MARK.sub("", text)) for kind, text in _token_parts(parser, source)]
    if title and not (body and body[0][0] == "heading1"):
        body.insert(0, ("title", title))
    return body, notes


def _token_parts(parser: MarkdownIt, source: str) -> list[tuple[str, str]]:
    """(kind, text) pairs in token order."""
    parts: list[tuple[str, str]] = []
    quote_depth = 0
    item_depth = 0
    block_kind = "paragraph"
    row: list[str] | None = None
    for token in parser.parse(source):
        kind = token.type
        if kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "list_item_open":
            item_depth += 1
        elif kind == "list_item_close":
            item_depth -= 1
        elif kind == "heading_open":
            block_kind = "heading1" if token.tag == "h1" else "heading"
        elif kind == "paragraph_open":
            if quote_depth:
                block_kind = "blockquote"
            else:
                block_kind = "list_item" if item_depth else "paragraph"
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            parts.append(("table", " | ".join(cell for cell in row or [] if cell)))
            row = None
        elif kind == "inline":
            text = _inline_text(token.children)
            if row is not None:
                row.append(text.replace("\n", " ").strip())
            else:
                parts.append((block_kind, text))
        elif kind in ("fence", "code_block"):
            parts.append(("blockquote" if quote_depth else "paragraph", token.content))
        elif kind == "html_block":
            parts.extend(html_fragment_parts(token.content))
    return parts


def import_markdown(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a Markdown file."""
    body, notes = markdown_to_parts(decode_text(data))
    return build_source_text(apply_shared_rules(body) + notes, stem, "md")
