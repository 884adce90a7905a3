"""The canonical text every importer produces, and the offsets of its blocks.

Rules (the UI, storage and annotation anchoring all rely on them):

* Unicode NFC; only ``\\n`` newlines; no control characters except ``\\n``; lone surrogates
  become U+FFFD so the text is always encodable as UTF-8.
* Inside a paragraph, runs of ASCII spaces and tabs become one space. Non-breaking spaces
  (U+00A0) and all other non-ASCII characters (emoji, accents, thin spaces, ZWJ) are kept,
  except the invisible soft hyphen (U+00AD) and zero-width space (U+200B), which are dropped:
  they would split words the reader sees whole (searches and re-anchoring would miss them).
* A paragraph may hold soft line breaks (a single ``\\n``, e.g. from ``<br>``), never a blank
  line; lines have no leading or trailing whitespace, and empty paragraphs are dropped.
* Paragraphs are joined with exactly one blank line (``\\n\\n``); no leading or trailing blank
  lines. Each `Block` covers exactly its paragraph: ``text[block.start:block.end]``.

The builder consumes its parts lazily and refuses a document past `MAX_PARAGRAPHS` as soon as it
gets there. `normalize_paragraph` calls `cancel.check()` every few paragraphs (and every
million characters of a long one), so a cancelled import stops here too, whatever the format.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from desktop_app.core.model import BLOCK_KINDS, Block, SourceText
from desktop_app.formats import cancel
from desktop_app.formats.errors import MAX_PARAGRAPHS, Rejected

MAX_TITLE_CHARS = 120
CHECK_EVERY = 64
"""Paragraphs between two cancel checks (a check costs ~0.1 µs; a paragraph far more)."""
SCAN_WINDOW = 1 << 20
"""Characters of a long paragraph scanned between two cancel checks (~25 ms)."""
_calls = itertools.count()  # normalize_paragraph calls, for its every-CHECK_EVERY cancel check

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_SPACE_RUNS = re.compile(r"[ \t]+")
# Control characters other than tab and newline, the BOM / zero-width no-break space, and
# surrogates (which cannot be stored as UTF-8).
# Qt treats the noncharacters U+FDD0/U+FDD1 as block and frame separators, so they would split a
# paragraph into two Qt blocks and shift every highlight after them.
_DROPPED = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u200b\ufeff\ufdd0-\ufdef\ufffe\uffff]"
)
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# Anything the slow path would change besides the edges and NFC (the common case has none).
# (A class alone, with the double space found by `in`: half the time of one alternation.)
_NEEDS_WORK = re.compile(
    r"[\x00-\x1f\x7f-\x9f\xad\u200b\u2028\u2029\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)


_ASCII_CONTROLS = bytes(range(0x20)) + b"\x7f"


def is_printable(text: str) -> bool:
    """`str.isprintable`, faster for ASCII text (most paragraphs): its only non-printable
    characters are the controls, which bytes.translate deletes at C speed (isascii is a flag)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_CONTROLS)) == len(text)
    return text.isprintable()


def _needs_work(text: str) -> bool:
    """Whether the slow path has anything to do; a long paragraph is scanned a window at a time
    with a cancel check between windows (a 40 MB single paragraph takes about a second)."""
    if len(text) <= SCAN_WINDOW:
        if is_printable(text):  # C speed; every character _NEEDS_WORK matches is non-printable
            return "  " in text
        return "  " in text or _NEEDS_WORK.search(text) is not None
    for start in range(0, len(text), SCAN_WINDOW):
        cancel.check()
        end = start + SCAN_WINDOW
        if text.find("  ", start, end + 1) >= 0 or _NEEDS_WORK.search(text, start, end):
            return True
    return False


def normalize_paragraph(text: str) -> str:
    """Return one paragraph in canonical form (may be "" when it holds no visible text).

    Every importer's paragraphs pass here (some more than once), so it also checks the cancel
    hook: a cancelled import stops within a few paragraphs, whatever the format."""
    if next(_calls) % CHECK_EVERY == 0:
        cancel.check()
    if not _needs_work(text):
        return unicodedata.normalize("NFC", text.strip())
    text = _SURROGATES.sub("\ufffd", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _DROPPED.sub("", text)
    cancel.check()
    lines = (_SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n"))
    # NFC last, so that nothing removed above can leave a base letter and its accent apart.
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def _fallback_title(text: str, fallback: str) -> str:
    """The first line of the text, shortened on a word boundary, else `fallback`."""
    end = text.find("\n", 0, MAX_TITLE_CHARS * 4)
    # Not text.split("\n", 1): that copies the whole rest of a 40 MB text just to drop it.
    first_line = (text[:end] if end >= 0 else text[: MAX_TITLE_CHARS * 4]).strip()
    if not first_line:
        return normalize_paragraph(fallback).replace("\n", " ") or "Untitled"
    if len(first_line) <= MAX_TITLE_CHARS:
        return first_line
    cut = first_line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:")
    return (cut or first_line[:MAX_TITLE_CHARS]) + "\u2026"


def too_many_paragraphs() -> str:
    """The one line for a document past `MAX_PARAGRAPHS`."""
    return (
        f"the document has more than {MAX_PARAGRAPHS:,} paragraphs (the limit); "
        "split it into smaller files"
    )


def build_source_text(
    parts: Iterable[tuple[str, str]], title: str, source_format: str, canonical: bool = False
) -> SourceText:
    """Join (kind, paragraph text) pairs into a `SourceText` following the canonical rules.

    The document title is the text of the first "title" block; failing that, the first line of
    the text; failing that (no text at all), `title`, which callers set to the file stem.
    `canonical=True` says every text is already a `normalize_paragraph` result (all of
    `apply_shared_rules`'s are): they are not scanned again (normalize_paragraph(p) == p).
    Raises ValueError for a kind outside `BLOCK_KINDS` (a programming error, not bad input),
    `Rejected` past `MAX_PARAGRAPHS` paragraphs, `ImportCancelled` when the import is cancelled.
    """
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    headline = ""
    for kind, raw in parts:  # normalize_paragraph checks the cancel hook
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        if canonical:
            if next(_calls) % CHECK_EVERY == 0:
                cancel.check()
            paragraph = raw
        else:
            paragraph = normalize_paragraph(raw)
        if not paragraph:
            continue
        if len(blocks) >= MAX_PARAGRAPHS:
            raise Rejected(too_many_paragraphs())
        if pieces:
            offset += 2  # the "\n\n" separator
        blocks.append(Block(kind, offset, offset + len(paragraph)))
        pieces.append(paragraph)
        offset += len(paragraph)
        if kind == "title" and not headline:
            headline = paragraph.replace("\n", " ")
    text = "\n\n".join(pieces)
    return SourceText(
        text=text,
        title=headline or _fallback_title(text, title),
        blocks=tuple(blocks),
        source_format=source_format,
    )
