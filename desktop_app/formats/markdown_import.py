"""Markdown (.md, .markdown) through markdown-it-py's CommonMark token stream (plus tables).

Markup is stripped and the visible text kept: emphasis, links (their text), inline code and
entities; images are dropped (their alt text is not article text). Soft line breaks become
spaces, hard breaks (two trailing spaces or a backslash) soft line breaks in the block.

Kinds: the first ``#`` heading is the title (shared rule), other headings are headings;
paragraphs inside ``>`` are blockquotes; paragraphs inside list items are list items; each
table row is one "table" block, cells joined with " | "; fenced and indented code are plain
paragraphs; raw HTML blocks are read like a web page; YAML front matter (``---`` ... ``---`` at
the very top) is skipped. A paragraph starting with "Photo:" (or
"Caption:", e.g. ``*Photo: ...*``) is a caption and a "By ..." line near the title a
byline (the shared rules in `heuristics`).
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

_TEXT_TOKENS = frozenset({"text", "text_special", "code_inline"})
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n.{0,4000}?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)


def _inline_text(children: Sequence[Token] | None) -> str:
    """The visible text of an inline token's children."""
    out: list[str] = []
    for child in children or ():
        if child.type in _TEXT_TOKENS:
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out)


def markdown_to_parts(source: str) -> list[tuple[str, str]]:
    """Walk the token stream into (kind, text) pairs, before the shared rules are applied."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    source = _FRONT_MATTER.sub("", source.replace("\r\n", "\n"), count=1)
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
            parts.append(("table", " | ".join(row or [])))
            row = None
        elif kind == "inline":
            text = _inline_text(token.children)
            if row is not None:
                row.append(text.replace("\n", " "))
            else:
                parts.append((block_kind, text))
        elif kind in ("fence", "code_block"):
            parts.append(("blockquote" if quote_depth else "paragraph", token.content))
        elif kind == "html_block":
            parts.extend(html_fragment_parts(token.content))
    return parts


def import_markdown(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a Markdown file."""
    parts = markdown_to_parts(decode_text(data))
    return build_source_text(apply_shared_rules(parts), stem, "md")
