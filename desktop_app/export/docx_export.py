"""The draft as a Word document for the reporter: each annotation a real Word comment on exactly
its words (python-docx >= 1.2 writes the comment parts), author = reviewer, headline and
paragraph styles kept. Overlapping annotations give overlapping comment ranges."""

from __future__ import annotations

from datetime import datetime
from typing import IO

from docx import Document as new_docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from desktop_app.core.export_data import DocumentBundle, ExportData
from desktop_app.core.model import Annotation, Block, Tag
from desktop_app.export.html_report import note_line

# Block kind -> a style every Word template has. Headline and headings keep their rank.
STYLES = {
    "title": "Title",
    "heading": "Heading 1",
    "byline": "Subtitle",
    "caption": "Caption",
    "blockquote": "Quote",
    "list_item": "List Bullet",
}


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part)[:3].upper()


def _when(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None


def _paragraph_runs(
    paragraph: Paragraph, text: str, block: Block, placed: list[Annotation]
) -> dict[str, list[Run]]:
    """Fill the paragraph with one run per piece between annotation edges; returns the runs
    each annotation covers (its first and last give the comment's range)."""
    cuts = {block.start, block.end}
    inside = [a for a in placed if a.start < block.end and a.end > block.start]
    for a in inside:
        cuts.update(p for p in (a.start, a.end) if block.start < p < block.end)
    covered: dict[str, list[Run]] = {}
    edges = sorted(cuts)
    for lo, hi in zip(edges, edges[1:], strict=False):
        run = paragraph.add_run(text[lo:hi])  # "\n" inside a block becomes a line break
        for a in inside:
            if a.start <= lo and a.end >= hi:
                covered.setdefault(a.id, []).append(run)
    return covered


def write_bundle(document: object, bundle: DocumentBundle, tags: dict[str, Tag]) -> int:
    doc = bundle.document
    placed = [a for a in bundle.annotations if a.anchor_state != "orphaned" and a.end > a.start]
    runs: dict[str, list[Run]] = {}
    blocks = doc.blocks or (Block("paragraph", 0, len(doc.text)),)
    for block in blocks:
        paragraph = document.add_paragraph(style=STYLES.get(block.kind))  # type: ignore[attr-defined]
        for key, covered in _paragraph_runs(paragraph, doc.text, block, placed).items():
            runs.setdefault(key, []).extend(covered)
    count = 0
    for a in placed:  # reading order: Word numbers and lists comments in this order
        if a.id not in runs:
            continue
        comment = document.add_comment(  # type: ignore[attr-defined]
            runs[a.id],
            text=note_line(a, tags),
            author=a.reviewer or "Copydesk",
            initials=_initials(a.reviewer or "Copydesk"),
        )
        when = _when(a.updated_at or a.created_at)
        if when is not None:
            comment._comment_elm.date = when  # python-docx has no public setter for the date
        count += 1
    return count


class DocxExporter:
    name = "docx"
    label = "Word document with comments"
    suffix = ".docx"
    binary = True
    findings = False

    def write(self, data: ExportData, out: IO[bytes]) -> int:
        document = new_docx()
        document.core_properties.title = data.title
        tags = {t.name: t for t in data.tags}
        count = 0
        for n, bundle in enumerate(data.documents):
            if n:
                document.add_page_break()
            count += write_bundle(document, bundle, tags)
        document.save(out)
        return count


__all__ = ["DocxExporter", "STYLES", "write_bundle"]
