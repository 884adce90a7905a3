"""Word documents (.docx), read with python-docx after the zip has passed the bomb checks.

The body is walked in order, so tables sit where they are in the document; content controls
(``w:sdt``) are entered. Paragraph kinds come from the style, following its "based on" chain:
"Title" -> title, "Subtitle" -> byline if it reads like one ("By ...") else heading,
"Heading 1" -> first one is the title when no "Title" paragraph exists (shared rule), other
"Heading N" -> heading, "Caption" -> caption, "Quote", "Intense Quote", "Quotations" (what
LibreOffice writes), "Block Text" -> blockquote, "List ..." styles or a numbering property ->
list_item; otherwise an outline level makes a heading. Each table row is one "table" block,
cells joined with " | " (a one-column table is a layout box: its paragraphs are read as usual).

Text: ``w:t`` runs, tabs, breaks (soft line breaks) and non-breaking hyphens; deleted or moved
-away revisions, field instructions and the fallback copy of text boxes are skipped. Paragraphs
inside text boxes (e.g. a floating photo's caption) are emitted just before their anchor.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.errors import Rejected
from desktop_app.formats.heuristics import apply_shared_rules, style_name_kind, subtitle_kind
from desktop_app.formats.sniff import open_checked_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = frozenset(
    {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText", MC_FALLBACK, W + "sdtPr"}
)
MAX_STYLE_DEPTH = 20


class _Reader:
    """Turns the body of one document into (kind, text) pairs."""

    def __init__(self, document: docx.document.Document) -> None:
        self.parts: list[tuple[str, str]] = []
        self.styles: dict[str, tuple[str, str | None]] = {}
        self.default_style: str | None = None
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
        if element.tag == W + "p":
            self.paragraph(element)
        elif element.tag == W + "tbl":
            self.table(element)
        elif element.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            for child in element:
                self.block(child)

    def paragraph(self, p: etree._Element) -> None:
        nested: list[etree._Element] = []
        text = "".join(self.runs(p, nested))
        for box in nested:
            for child in box:
                self.block(child)
        ppr = p.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        style_id = style_el.get(W + "val") if style_el is not None else self.default_style
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
        self.parts.append((kind, text))

    def runs(self, element: etree._Element, nested: list[etree._Element]) -> Iterator[str]:
        """The visible text under `element`; text-box contents are collected into `nested`."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == W + "t":
                yield child.text or ""
            elif tag in (W + "tab", W + "ptab"):
                yield "\t"
            elif tag in (W + "br", W + "cr"):
                yield "\n"
            elif tag == W + "noBreakHyphen":
                yield "\u2011"
            elif tag == W + "txbxContent":
                nested.append(child)
            else:
                yield from self.runs(child, nested)

    def table(self, table: etree._Element) -> None:
        rows = [row for row in table.iter(W + "tr") if _owner_table(row) is table]
        grid = [[cell for cell in row if cell.tag == W + "tc"] for row in rows]
        if all(len(cells) <= 1 for cells in grid):  # a layout box, not data
            for cells in grid:
                for cell in cells:
                    for child in cell:
                        self.block(child)
            return
        for cells in grid:
            texts = [" ".join(self.cell_paragraphs(cell)) for cell in cells]
            self.parts.append(("table", " | ".join(t.replace("\n", " ").strip() for t in texts)))

    def cell_paragraphs(self, cell: etree._Element) -> Iterator[str]:
        for p in cell.iter(W + "p"):
            yield "".join(self.runs(p, []))


def _owner_table(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors(W + "tbl"), None)


def import_docx(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a .docx file."""
    open_checked_zip(data, ".docx").close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        raise Rejected("not a Word document (its contents are damaged or not a .docx)") from exc
    reader = _Reader(document)
    for child in document.element.body:
        reader.block(child)
    return build_source_text(apply_shared_rules(reader.parts), stem, "docx")
