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

Memory: the text is read line by line twice (once for the wrap width, once for the paragraphs)
without lists of lines or chunks, and paragraphs are handed on one at a time, so an import holds
the file's bytes, its decoded text and the paragraphs (then the joined text), not five copies;
the bytes are decoded by `text_decoding` (no whole-file lists either).
Past `MAX_PARAGRAPHS` paragraphs the file is refused as soon as the splitter gets there; the
splitter calls `cancel.check()` every million characters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from desktop_app.core.model import SourceText
from desktop_app.formats import cancel
from desktop_app.formats.canonical import build_source_text, too_many_paragraphs
from desktop_app.formats.errors import MAX_PARAGRAPHS, Rejected
from desktop_app.formats.heuristics import apply_shared_rules, promote_first_line_title
from desktop_app.formats.text_decoding import decode_plain_text

MAX_WRAP_WIDTH = 100
WRAP_PERCENTILE = 0.9
SHORT_LINE_RATIO = 0.6
SLAB_CHARS = 1 << 20
"""Characters split into lines at a time (one cancel check each, every ~20 ms)."""
_NEWLINE = re.compile(r"\r\n?|\n")
_BULLET = re.compile(r"[^\S\n]*(?:[-*\u2022\u2023\u25e6\u2013]|\d{1,3}[.)])[^\S\n]+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:\"\u201d\u2019\u00bb)]$")


def _line_ends_paragraph(line: str, next_line: str, width: int) -> bool:
    """True when the break after `line` is deliberate rather than a hard wrap at `width`."""
    next_word = next_line.split(None, 1)[0]
    if len(line) + 1 + len(next_word) > width:
        return False
    return _SENTENCE_END.search(line) is not None or len(line) <= SHORT_LINE_RATIO * width


def _split(slab: str) -> list[str]:
    """The lines of a slab: CRLF, CR and LF end a line; tabs expanded (columns restart at each
    line, so expanding a slab that starts a line is expanding each of its lines)."""
    return slab.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")


def _slabs(text: str) -> Iterator[list[str]]:
    """The lines of `text`, about `SLAB_CHARS` characters of them at a time: splitting stays at
    C speed while the copies it makes stay small, whatever the size of the file."""
    start, size = 0, len(text)
    while start + SLAB_CHARS < size:
        found = _NEWLINE.search(text, start + SLAB_CHARS)
        if found is None:
            break
        lines = _split(text[start : found.end()])
        lines.pop()  # the empty string after the slab's last line end
        yield lines
        start = found.end()
    yield _split(text[start:])


def _lines(text: str) -> Iterator[str | None]:
    """The non-blank lines (tabs expanded, right-stripped), with None at each paragraph break.

    A break is a whitespace-only line after the first line (the next line then loses its
    indentation) or a form feed (which may split a line). Several breaks in a row mean one.
    """
    after_blank, first = False, True
    for lines in _slabs(text):
        cancel.check()
        for line in lines:
            if not line or line.isspace():
                after_blank = after_blank or not first
                first = False
                if "\f" in line:
                    yield None
                continue
            first = False
            if after_blank:
                yield None
                line, after_blank = line.lstrip(), False
            if "\f" not in line:
                yield line.rstrip()
                continue
            for index, piece in enumerate(line.split("\f")):
                if index:
                    yield None
                if piece.strip():
                    yield piece.rstrip()


def _layout(text: str) -> tuple[int, bool]:
    """(wrap width, unwrapped): the width is the 90th percentile of the lengths of lines that
    another line of the same chunk follows; unwrapped when some line is longer than
    `MAX_WRAP_WIDTH` (the width is then unused, so the pass stops there). Refuses a text with
    more than `MAX_PARAGRAPHS` chunks before the second pass starts."""
    lengths: Counter[int] = Counter()
    longest, previous, chunks = 0, -1, 0
    for line in _lines(text):
        if line is None:
            previous = -1
            continue
        if previous < 0:  # each chunk between breaks is at least one paragraph
            chunks += 1
            if chunks > MAX_PARAGRAPHS:
                raise Rejected(too_many_paragraphs())
        length = len(line.strip())
        if length > MAX_WRAP_WIDTH:
            return 0, True
        if previous >= 0:
            lengths[previous] += 1
        previous, longest = length, max(longest, length)
    if not lengths:
        return longest, False
    wanted = int(WRAP_PERCENTILE * (sum(lengths.values()) - 1))
    seen = 0
    for length in sorted(lengths):
        seen += lengths[length]
        if seen > wanted:
            return length, False
    return longest, False  # not reached: `wanted` is below the total


def text_to_parts(text: str) -> Iterator[tuple[str, str]]:
    """Split plain text into (kind, text) pairs, before the shared rules are applied.

    A generator: one paragraph (its lines) is held at a time; refuses the file with `Rejected`
    past `MAX_PARAGRAPHS` paragraphs."""
    width, unwrapped = _layout(text)
    group: tuple[str, list[str]] | None = None
    previous_raw = ""
    count = 0
    for raw in _lines(text):
        if (
            raw is None
            or group is None
            or _starts_group(raw, group[0], previous_raw, width, unwrapped)
        ):
            if group is not None:
                count += 1
                if count > MAX_PARAGRAPHS:
                    raise Rejected(too_many_paragraphs())
                yield group[0], " ".join(group[1])
                group = None
            if raw is None:
                continue
            line = raw.strip()
            bullet = _BULLET.match(line)
            group = ("list_item", [line[bullet.end() :]]) if bullet else ("paragraph", [line])
        else:
            group[1].append(raw.strip())
        previous_raw = raw
    if group is not None:
        if count >= MAX_PARAGRAPHS:
            raise Rejected(too_many_paragraphs())
        yield group[0], " ".join(group[1])


def _starts_group(raw: str, kind: str, previous_raw: str, width: int, unwrapped: bool) -> bool:
    """Whether `raw` begins a new paragraph or list item rather than continuing the current one."""
    line = raw.strip()
    if _BULLET.match(line):
        return True
    indented = raw[:1].isspace()
    if kind == "list_item" and indented:
        return False
    return (
        unwrapped
        or (indented and not previous_raw[:1].isspace())
        or _line_ends_paragraph(previous_raw.strip(), line, width)
    )


def _decoded_parts(data: bytes) -> Iterable[tuple[str, str]]:
    # The decoded text lives only inside this generator, so it is freed once the paragraphs
    # have been read, before the builder joins them into the canonical text.
    return text_to_parts(decode_plain_text(data))


def import_txt(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a .txt file (any common encoding)."""
    parts = promote_first_line_title(_decoded_parts(data))
    return build_source_text(apply_shared_rules(parts), stem, "txt")
