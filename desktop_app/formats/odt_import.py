"""OpenDocument text (.odt): content.xml and styles.xml parsed with defusedxml.

Styles: a paragraph usually names an automatic style ("P1") whose ``parent-style-name`` is the
real one, so the parent chain is followed (automatic styles of content.xml, then the named
styles of styles.xml; "_20_" in internal names is a space). Kinds: "Title" -> title,
"Subtitle" -> byline if it reads like one ("By ...") else heading, ``text:h`` -> heading, and
the first level-1 heading is the title when no "Title" paragraph exists (shared rule);
"Heading N" styles on ``text:p`` count as headings too; "Caption" and LibreOffice's caption
styles ("Illustration", "Figure", "Drawing") -> caption; "Quotations"/"Quote" -> blockquote;
paragraphs in ``text:list`` -> list_item; each table row -> one "table" block, cells joined
with " | " (empty and covered cells are left out; a one-column table is a layout box, read as
ordinary paragraphs).

Text: spans, links and fields (their shown value) are read through; ``text:s`` gives spaces,
``text:tab`` a tab, ``text:line-break`` a soft line break; comments, ruby annotations, the
table of contents and images' alt text are skipped. The body of an .odt already is the text
with tracked changes accepted (deleted text lives in ``text:tracked-changes``, which is
skipped). Frames' text boxes and shapes holding text (``draw:custom-shape``, ``draw:rect``,
grouped shapes...) are emitted before their anchor paragraph as "textbox" blocks (a styled
heading or caption there keeps its kind), never glued into the anchor's text. Footnotes and endnotes
follow `notes`: the body loses them and they come after it as "[citation] ..." blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.errors import Rejected
from desktop_app.formats.heuristics import (
    apply_shared_rules,
    is_caption_text,
    style_name_kind,
    subtitle_kind,
)
from desktop_app.formats.notes import NoteMarks, note_block
from desktop_app.formats.sniff import open_checked_zip, read_member

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_SKIPPED_INLINE = frozenset(
    {
        OFFICE + "annotation", OFFICE + "annotation-end", TEXT + "ruby-text", TEXT + "tracked-changes",
        SVG + "title", SVG + "desc", OFFICE + "binary-data",
    }
)  # fmt: skip
_SKIPPED_BLOCKS = frozenset(
    {
        TEXT + "tracked-changes", TEXT + "table-of-content", TEXT + "alphabetical-index",
        TEXT + "illustration-index", TEXT + "table-index", TEXT + "bibliography",
        TEXT + "user-index", TEXT + "object-index", OFFICE + "forms",
    }
)  # fmt: skip
# Drawing elements read through rather than as a box: a frame holds a text box or an image; a
# link wraps a shape; images and objects hold no body text. Every other draw: element is a
# shape, group or text box whose paragraphs are a box of their own.
_DRAW_PASSTHROUGH = frozenset({DRAW + "frame", DRAW + "a"})
_DRAW_NO_TEXT = frozenset({DRAW + "image", DRAW + "object", DRAW + "object-ole"})
_ESCAPE = re.compile(r"_([0-9a-fA-F]{2,4})_")
_WHITESPACE = re.compile(r"[ \t\n\r]+")
MAX_STYLE_DEPTH = 20


def _display(name: str) -> str:
    """Internal ODF style name -> display name: "Heading_20_1" -> "Heading 1"."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name)


def _parse(data: bytes, what: str) -> Element:
    try:
        return safe_et.fromstring(data)  # type: ignore[no-any-return]
    except DefusedXmlException as exc:
        raise Rejected(f"its {what} declares XML entities, which are refused as unsafe") from exc
    except (ParseError, ValueError) as exc:
        raise Rejected(f"not a valid OpenDocument text (its {what} is malformed XML)") from exc


class _Reader:
    """Turns office:text into (kind, text) pairs."""

    def __init__(self, roots: list[Element]) -> None:
        self.parts: list[tuple[str, str]] = []
        self.notes: list[tuple[str, str]] = []
        self.marks = NoteMarks()
        self.box_depth = 0  # > 0 while reading the paragraphs of a text box or shape
        self.parents: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        for root in roots:
            for style in root.iter(STYLE + "style"):
                name = style.get(STYLE + "name")
                if not name or style.get(STYLE + "family", "paragraph") != "paragraph":
                    continue
                self.parents.setdefault(name, style.get(STYLE + "parent-style-name"))
                self.names.setdefault(name, style.get(STYLE + "display-name") or name)

    def style_kind(self, style: str | None) -> str | None:
        seen: set[str] = set()
        while style and style not in seen and len(seen) < MAX_STYLE_DEPTH:
            seen.add(style)
            for candidate in (_display(style), _display(self.names.get(style, style))):
                kind = style_name_kind(candidate)
                if kind:
                    return kind
            style = self.parents.get(style)
        return None

    def blocks(self, parent: Element, in_list: bool = False) -> None:
        for child in parent:
            tag = child.tag
            if tag in (TEXT + "p", TEXT + "h"):
                self.paragraph(child, in_list)
            elif tag == TEXT + "list":
                self.blocks(child, True)
            elif tag == TABLE + "table":
                self.table(child)
            elif _is_box(tag):  # a text box or shape anchored to the page
                self.box(child)
            elif tag not in _SKIPPED_BLOCKS and tag not in _DRAW_NO_TEXT:  # sections, frames...
                self.blocks(child, in_list)

    def box(self, element: Element) -> None:
        self.box_depth += 1
        self.blocks(element)
        self.box_depth -= 1

    def paragraph(self, element: Element, in_list: bool) -> None:
        nested: list[Element] = []
        text = "".join(self.inline(element, nested))
        for box in nested:
            self.box(box)
        kind = self.style_kind(element.get(TEXT + "style-name"))
        if kind == "subtitle":
            kind = subtitle_kind(text)
        if kind is None and element.tag == TEXT + "h":
            level = element.get(TEXT + "outline-level", "1")
            kind = "heading1" if level.strip() == "1" else "heading"
        if kind is None:
            kind = "list_item" if in_list else "paragraph"
        if kind == "paragraph" and self.box_depth and not is_caption_text(text.strip()):
            kind = "textbox"
        self.parts.append((kind, text))

    def inline(self, element: Element, nested: list[Element]) -> Iterator[str]:
        """Visible text of a paragraph; text boxes found inside frames go to `nested`."""
        if element.text:
            yield _WHITESPACE.sub(" ", element.text)
        for child in element:
            tag = child.tag
            if tag == TEXT + "s":
                count = child.get(TEXT + "c", "1")
                yield " " * min(int(count) if count.isdigit() else 1, 100)
            elif tag == TEXT + "tab":
                yield "\t"
            elif tag == TEXT + "line-break":
                yield "\n"
            elif _is_box(tag):
                nested.append(child)
            elif tag in _DRAW_NO_TEXT:
                pass
            elif tag == TEXT + "note":
                self.note(child)
            elif tag not in _SKIPPED_INLINE:
                yield from self.inline(child, nested)
            if child.tail:
                yield _WHITESPACE.sub(" ", child.tail)

    def note(self, note: Element) -> None:
        """Keep a footnote's or endnote's text for the end of the document (see `notes`)."""
        citation = note.find(TEXT + "note-citation")
        mark = "".join(citation.itertext()) if citation is not None else ""
        if not mark.strip():
            mark = self.marks.next(note.get(TEXT + "note-class") == "endnote")
        body = note.find(TEXT + "note-body")
        paragraphs = []
        if body is not None:
            for element in body.iter():
                if element.tag in (TEXT + "p", TEXT + "h"):
                    paragraphs.append("".join(self.inline(element, [])))
        self.notes.append(note_block(mark, paragraphs))

    def table(self, table: Element) -> None:
        rows = [row for row in _rows(table)]
        grid = [[c for c in row if c.tag == TABLE + "table-cell"] for row in rows]
        if all(len(cells) <= 1 for cells in grid):  # a layout box, not data
            for cells in grid:
                for cell in cells:
                    self.blocks(cell)
            return
        for cells in grid:
            texts = (" ".join(self.cell_text(cell)).replace("\n", " ").strip() for cell in cells)
            self.parts.append(("table", " | ".join(t for t in texts if t)))

    def cell_text(self, cell: Element) -> Iterator[str]:
        for element in cell.iter():
            if element.tag in (TEXT + "p", TEXT + "h"):
                yield "".join(self.inline(element, []))


def _is_box(tag: str) -> bool:
    """A text box, shape or group of shapes: its paragraphs are read as a box of their own."""
    return tag.startswith(DRAW) and tag not in _DRAW_PASSTHROUGH and tag not in _DRAW_NO_TEXT


def _rows(table: Element) -> Iterator[Element]:
    """Rows of `table`, inside header-rows / row-groups too, but not of nested tables."""
    for child in table:
        if child.tag == TABLE + "table-row":
            yield child
        elif child.tag in (
            TABLE + "table-header-rows",
            TABLE + "table-rows",
            TABLE + "table-row-group",
        ):
            yield from _rows(child)


def import_odt(data: bytes, stem: str) -> SourceText:
    """Import the bytes of an .odt file."""
    with open_checked_zip(data, ".odt") as archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise Rejected("not a valid OpenDocument text (content.xml is missing)")
        if "META-INF/manifest.xml" in names and b"encryption-data" in read_member(
            archive, "META-INF/manifest.xml"
        ):  # encrypted parts would only parse as garbage
            raise Rejected("the document is password-protected; remove the password and retry")
        content = _parse(read_member(archive, "content.xml", True), "content.xml")
        styles = None
        if "styles.xml" in names:
            styles = _parse(read_member(archive, "styles.xml"), "styles.xml")
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise Rejected("not an OpenDocument text (it has no text body)")
    reader = _Reader([content] + ([styles] if styles is not None else []))
    reader.blocks(body)
    parts = apply_shared_rules(reader.parts) + reader.notes
    return build_source_text(parts, stem, "odt")
