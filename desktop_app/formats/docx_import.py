"""Word documents (.docx), read with python-docx after the zip has passed the bomb checks.

The body is walked in order, so tables sit where they are in the document; content controls
(``w:sdt``) are entered, except a table of contents and unfilled placeholders. Paragraph kinds
come from the style, following its "based on" chain: "Title" -> title, "Subtitle" -> byline if
it reads like one ("By ...") else heading, "Heading 1" -> first one is the title when no
"Title" paragraph exists (shared rule), other "Heading N" -> heading, "Caption" -> caption,
"Quote", "Intense Quote", "Quotations" (what LibreOffice writes), "Block Text" -> blockquote,
"List ..." styles or a numbering property -> list_item; otherwise an outline level makes a
heading; "TOC N"/"Contents N" paragraphs are skipped. Each table row is one "table" block, its
non-empty cells joined with " | " (cells covered by a vertical merge are empty); a one-column
table is a layout box: its paragraphs are read as usual.

Text is the document with tracked changes accepted: insertions and moved-to text are read,
deletions and moved-away text are not, a deleted paragraph mark joins the paragraph to the next
one and deleted table rows vanish. Runs give ``w:t`` text, tabs, breaks (soft line breaks) and
non-breaking hyphens; hidden (``w:vanish``) runs, field instructions, comments, headers and
footers and the fallback copy of text boxes are skipped. Paragraphs inside text boxes and
shapes (``w:txbxContent``, in DrawingML, VML or grouped shapes) are emitted just before their
anchor as "textbox" blocks (a styled heading or caption there keeps its kind), and so is the
text of SmartArt diagrams (`docx_diagram`). Table cells
wrapped in content controls at row level are read too. An HTML/MHT/text chunk (``w:altChunk``)
is read in place (`docx_altchunk`). Footnotes and endnotes follow
`notes`: their marks leave the body and their text comes after it as "[1] ..." blocks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from lxml import etree

from desktop_app.core.model import SourceText
from desktop_app.formats import cancel
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.docx_altchunk import altchunk_parts
from desktop_app.formats.docx_diagram import RELIDS, diagram_paragraphs
from desktop_app.formats.errors import Rejected
from desktop_app.formats.heuristics import (
    apply_shared_rules,
    is_caption_text,
    style_name_kind,
    subtitle_kind,
)
from desktop_app.formats.notes import NoteMarks, note_block
from desktop_app.formats.sniff import check_inflated, open_checked_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = frozenset(
    {
        W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText", W + "delText",
        W + "delInstrText", MC_FALLBACK, W + "sdtPr",
    }
)  # fmt: skip
_NOTE_REFERENCES = {W + "footnoteReference": False, W + "endnoteReference": True}
_OFF = ("0", "false", "off")
_SKIPPED_STYLE = re.compile(r"(toc|contents) (\d|heading)", re.IGNORECASE)
MAX_STYLE_DEPTH = 20


class _Reader:
    """Turns the body of one document into (kind, text) pairs."""

    def __init__(self, document: docx.document.Document) -> None:
        self.parts: list[tuple[str, str]] = []
        self.seen = 0  # body elements read (a cancel check every few hundred)
        self.note_refs: list[tuple[bool, str]] = []
        self.pending = ""  # text of a paragraph whose mark was deleted: it joins the next one
        self.box_depth = 0  # > 0 while reading the paragraphs of a text box or shape
        self.styles: dict[str, tuple[str, str | None]] = {}
        self.default_style: str | None = None
        self.related = document.part.related_parts
        for style in document.styles.element.iterchildren(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            style_id = style.get(W + "styleId") or ""
            name_el = style.find(W + "name")
            based_on = style.find(W + "basedOn")
            name = name_el.get(W + "val", "") if name_el is not None else style_id
            parent = based_on.get(W + "val") if based_on is not None else None
            self.styles[style_id] = (name, parent)
            if style.get(W + "default") in ("1", "true", "on"):
                self.default_style = style_id

    def style_kind(self, style_id: str | None) -> str | None:
        """The block kind a paragraph style (or one it is based on) stands for, if any."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < MAX_STYLE_DEPTH:
            seen.add(style_id)
            name, parent = self.styles.get(style_id, (style_id, None))
            kind = style_name_kind(name)
            if kind:
                return kind
            style_id = parent
        return None

    def block(self, element: etree._Element) -> None:
        """Read one body-level element: paragraph, table, or a container of them."""
        self.seen += 1
        if self.seen % 256 == 0:
            cancel.check()  # Cancel in the window stops a long document here, not at its end
        if element.tag == W + "p":
            self.paragraph(element)
        elif element.tag == W + "tbl":
            self.table(element)
        elif element.tag == W + "altChunk":
            self.alt_chunk(element)
        elif element.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            if element.tag == W + "sdt" and _skipped_sdt(element):
                return
            for child in element:
                self.block(child)

    def alt_chunk(self, element: etree._Element) -> None:
        """HTML or text imported in place by Word (see `docx_altchunk`)."""
        self.flush_pending()
        part = self.related.get(element.get(R_ID) or "")
        if part is not None:
            self.parts.extend(altchunk_parts(part))

    def style_name(self, style_id: str | None) -> str:
        return self.styles.get(style_id or "", (style_id or "", None))[0]

    def paragraph(self, p: etree._Element) -> None:
        nested: list[etree._Element] = []
        text = self.pending + "".join(self.runs(p, nested))
        self.pending = ""
        self.box_depth += 1
        for box in nested:
            for child in box:
                self.block(child)
        self.box_depth -= 1
        ppr = p.find(W + "pPr")
        mark = ppr.find(W + "rPr") if ppr is not None else None
        if mark is not None and (
            mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None
        ):
            self.pending = text  # accepting the deletion of the mark merges the paragraphs
            return
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        style_id = style_el.get(W + "val") if style_el is not None else self.default_style
        if _SKIPPED_STYLE.match(self.style_name(style_id)):
            return
        kind = self.style_kind(style_id) or "paragraph"
        if kind == "subtitle":
            kind = subtitle_kind(text)
        if kind == "paragraph" and ppr is not None:
            outline = ppr.find(W + "outlineLvl")
            numbering = ppr.find(W + "numPr")
            level = outline.get(W + "val", "") if outline is not None else ""
            if level.isdigit() and int(level) <= 8:
                kind = "heading1" if int(level) == 0 else "heading"
            elif numbering is not None:
                num_id = numbering.find(W + "numId")
                if num_id is None or num_id.get(W + "val") != "0":
                    kind = "list_item"
        if kind == "paragraph" and self.box_depth and not is_caption_text(text.strip()):
            kind = "textbox"
        self.parts.append((kind, text))

    def runs(self, element: etree._Element, nested: list[etree._Element]) -> Iterator[str]:
        """The visible text under `element`; text-box contents are collected into `nested`."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == W + "t":
                yield child.text or ""
            elif tag == W + "r" and _hidden(child):
                continue
            elif tag in _NOTE_REFERENCES:
                self.note_refs.append((_NOTE_REFERENCES[tag], child.get(W + "id", "")))
            elif tag == W + "sdt" and _skipped_sdt(child):
                continue
            elif tag in (W + "tab", W + "ptab"):
                yield "\t"
            elif tag in (W + "br", W + "cr"):
                yield "\n"
            elif tag == W + "noBreakHyphen":
                yield "\u2011"
            elif tag == W + "txbxContent":
                nested.append(child)
            elif tag == RELIDS:  # SmartArt: its boxes come before the anchor, like text boxes
                texts = diagram_paragraphs(child, self.related)
                self.parts.extend(("textbox", text) for text in texts)
            else:
                yield from self.runs(child, nested)

    def flush_pending(self) -> None:
        if self.pending:
            self.parts.append(("paragraph", self.pending))
            self.pending = ""

    def table(self, table: etree._Element) -> None:
        self.flush_pending()
        rows = [
            row
            for row in table.iter(W + "tr")
            if _owner_table(row) is table and row.find(f"{W}trPr/{W}del") is None
        ]
        grid = [list(_cells(row)) for row in rows]
        if all(len(cells) <= 1 for cells in grid):  # a layout box, not data
            for cells in grid:
                for cell in cells:
                    for child in cell:
                        self.block(child)
            return
        for cells in grid:
            texts = (
                " ".join(self.cell_paragraphs(cell)).replace("\n", " ").strip() for cell in cells
            )
            self.parts.append(("table", " | ".join(t for t in texts if t)))

    def cell_paragraphs(self, cell: etree._Element) -> Iterator[str]:
        """Text of every paragraph in the cell (nested tables and text boxes too), once each."""
        for p in cell.iter(W + "p"):
            skipped = False
            for ancestor in p.iterancestors():
                if ancestor is cell:
                    break
                if ancestor.tag in _SKIPPED or (
                    ancestor.tag == W + "tr" and ancestor.find(f"{W}trPr/{W}del") is not None
                ):
                    skipped = True
                    break
            if not skipped:
                yield "".join(self.runs(p, []))

    def notes(self, document: docx.document.Document) -> list[tuple[str, str]]:
        """The footnotes and endnotes referenced in the body, as blocks (see `notes`)."""
        bodies = {
            False: _note_bodies(document, "footnotes"),
            True: _note_bodies(document, "endnotes"),
        }
        marks = NoteMarks()
        parts: list[tuple[str, str]] = []
        seen: set[tuple[bool, str]] = set()
        for endnote, note_id in self.note_refs:
            if (endnote, note_id) in seen:
                continue
            seen.add((endnote, note_id))
            mark = marks.next(endnote)
            body = bodies[endnote].get(note_id)
            if body is not None:
                paragraphs = ["".join(self.runs(p, [])) for p in body.iter(W + "p")]
                parts.append(note_block(mark, paragraphs))
        return parts


def _hidden(run: etree._Element) -> bool:
    """True for a run formatted as hidden text."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "1").lower() not in _OFF


def _skipped_sdt(sdt: etree._Element) -> bool:
    """A content control showing placeholder text, or holding a table of contents."""
    props = sdt.find(W + "sdtPr")
    if props is None:
        return False
    if props.find(W + "showingPlcHdr") is not None:
        return True
    gallery = props.find(f"{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(W + "val") or "").lower()


def _note_bodies(document: docx.document.Document, relation: str) -> dict[str, etree._Element]:
    """id -> w:footnote / w:endnote element of the document's notes part, if it has one."""
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/" + relation):
            continue
        root = parse_xml(rel.target_part.blob)
        return {
            note.get(W + "id", ""): note
            for note in root
            if note.get(W + "type") in (None, "normal")
        }
    return {}


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    """The cells of a row, also those wrapped in content controls or custom XML."""
    for child in row:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            if child.tag != W + "sdt" or not _skipped_sdt(child):
                yield from _cells(child)


def _owner_table(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors(W + "tbl"), None)


def import_docx(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a .docx file."""
    with open_checked_zip(data, ".docx") as archive:
        # python-docx reads every part with zipfile's unbounded read(): inflate them once here,
        # in small steps, so that a directory lying about sizes is caught before it does.
        check_inflated(archive, main_parts=("word/document.xml",))
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        raise Rejected("not a Word document (its contents are damaged or not a .docx)") from exc
    reader = _Reader(document)
    for child in document.element.body:
        reader.block(child)
    reader.flush_pending()
    parts = apply_shared_rules(reader.parts) + reader.notes(document)
    return build_source_text(parts, stem, "docx")
