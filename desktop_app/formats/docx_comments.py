"""Read the Word comments of a .docx: who wrote what, on which words (with a little context on
each side, so the desk can find those words in the canonical text the draft importer made)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from desktop_app.formats.errors import MAX_MEMBER_BYTES, FormatError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONTEXT = 32


@dataclass(frozen=True)
class WordComment:
    id: str
    author: str
    date: str
    text: str  # the comment itself
    exact: str  # the words it is on
    prefix: str
    suffix: str


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MEMBER_BYTES:
        raise ValueError(f"{name} is too large")
    return archive.read(info)


def _walk_body(root: object) -> tuple[str, dict[str, tuple[int, int]], set[str]]:
    """The body's text in document order (paragraphs apart by a blank line, deleted text left
    out) and each comment range as (start, end) in it; plus ranges opened but never closed."""
    parts: list[str] = []
    pos = 0
    opened: dict[str, int] = {}
    ranges: dict[str, tuple[int, int]] = {}
    first_paragraph = True

    def add(piece: str) -> None:
        nonlocal pos
        parts.append(piece)
        pos += len(piece)

    for el in root.iter():  # type: ignore[attr-defined]
        tag = el.tag
        if tag == W + "p":
            if not first_paragraph:
                add("\n\n")
            first_paragraph = False
        elif tag == W + "t":
            add(el.text or "")
        elif tag == W + "tab":
            add("\t")
        elif tag in (W + "br", W + "cr"):
            add("\n")
        elif tag == W + "commentRangeStart":
            opened[el.get(W + "id", "")] = pos
        elif tag == W + "commentRangeEnd":
            key = el.get(W + "id", "")
            if key in opened:
                ranges[key] = (opened.pop(key), pos)
    return "".join(parts), ranges, set(opened)


def read_word_comments(path: str) -> list[WordComment]:
    """Every comment with the words it covers; FormatError (one line) for a file that is not a
    .docx or whose comments point nowhere."""
    name = Path(path).name
    try:
        with zipfile.ZipFile(path) as archive:
            body = _member(archive, "word/document.xml")
            notes = _member(archive, "word/comments.xml")
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormatError(name, f"not a Word document we can read ({error})") from None
    if body is None:
        raise FormatError(name, "not a Word document (no word/document.xml)")
    if notes is None:
        return []
    try:
        text, ranges, unclosed = _walk_body(ElementTree.fromstring(body))
        comments_root = ElementTree.fromstring(notes)
    except Exception as error:  # defusedxml and expat raise several kinds
        raise FormatError(name, f"damaged Word XML ({type(error).__name__})") from None
    found: list[WordComment] = []
    for c in comments_root.iter(W + "comment"):
        key = c.get(W + "id", "")
        paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")]
        author = " ".join(c.get(W + "author", "").split())
        if key not in ranges:
            why = "is never closed" if key in unclosed else "points at no words"
            raise FormatError(name, f"the comment {key} by {author or 'someone'} {why} in the text")
        start, end = ranges[key]
        if not text[start:end].strip():
            raise FormatError(name, f"the comment {key} by {author or 'someone'} covers no words")
        found.append(
            WordComment(
                id=key,
                author=author,
                date=c.get(W + "date", ""),
                text="\n".join(paragraphs).strip(),
                exact=text[start:end],
                prefix=text[max(0, start - CONTEXT) : start],
                suffix=text[end : end + CONTEXT],
            )
        )
    return found
