"""PDF articles, read with pdfminer.six's layout analysis: its text boxes come in reading order.

pdfminer groups characters into lines and lines into boxes and orders the boxes (columns
included). From there: lines in the top or bottom margin that repeat on most pages (running
headers and footers, digits ignored) and lone page numbers there are dropped; lines become
paragraphs (a box splits where the font size changes, at a first-line indent, or after a short
line ending a sentence; a paragraph cut by a column or page break is joined again); a word
hyphenated at a line end is joined ("water-" + "front" -> "waterfront"; before a capital the
hyphen stays: "Vasquez-Lindgren"). Kinds: a paragraph clearly larger than the body text
(`HEADING_RATIO`) and short is a heading; the largest one on the first page, when it stands well
above the body (`TITLE_RATIO`), is the title; the shared byline and caption rules follow.
A PDF without a text layer but with images is a scan: refused with a line saying to run OCR.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.formats.pdf_no_aes import AesUnavailable, install

try:
    import cryptography.hazmat.primitives.ciphers  # noqa: F401 - pdfminer needs it at import
except ImportError:  # the frozen bundle leaves it out: AES-encrypted PDFs get one line
    install()

from pdfminer.high_level import extract_pages  # noqa: E402 - after the check above
from pdfminer.layout import LAParams, LTChar, LTFigure, LTImage, LTPage, LTTextBox, LTTextLine  # noqa: E402
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: E402
from pdfminer.pdfparser import PDFSyntaxError  # noqa: E402
from pdfminer.psexceptions import PSException  # noqa: E402

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.errors import MAX_PDF_PAGES, Rejected
from desktop_app.formats.heuristics import apply_shared_rules

MARGIN_SHARE = 0.12  # top and bottom share of the page where running headers/footers live
REPEAT_SHARE = 0.5  # a margin line on at least this share of pages (and 2+) is a running line
HEADING_RATIO = 1.15
TITLE_RATIO = 1.4
MAX_HEADING_CHARS = 200
SMALL_PRINT = 0.9  # a font this much smaller than the body's is small print
SHORT_LINE = 0.85  # a line ending before this share of its box's width may end a paragraph
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-\u2013\u2014 ]*(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?[-\u2013\u2014 ]*",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_HYPHEN_END = re.compile(r"[^\W\d_][-\u00ad\u2010]$")
_PASSWORD = "the PDF is password-protected; save or print an unprotected copy and import that"


@dataclass
class Line:
    text: str
    size: float
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float


@dataclass
class Box:
    lines: list[Line]
    x0: float
    x1: float


@dataclass
class Page:
    height: float
    boxes: list[Box] = field(default_factory=list)
    images: int = 0


def _line(element: LTTextLine, page_height: float) -> Line | None:
    text = element.get_text().replace("\n", " ").strip()
    if not text:
        return None
    sizes = Counter(round(ch.size, 1) for ch in element if isinstance(ch, LTChar))
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    return Line(
        text, size, element.x0, element.x1, page_height - element.y1, page_height - element.y0
    )


def _count_images(element: object) -> int:
    if isinstance(element, LTImage):
        return 1
    if isinstance(element, LTFigure):
        return sum(_count_images(child) for child in element)
    return 0


def _read_page(layout: LTPage) -> Page:
    page = Page(layout.height)
    for element in layout:
        if isinstance(element, LTTextBox):
            read = (
                _line(child, layout.height) for child in element if isinstance(child, LTTextLine)
            )
            lines = [line for line in read if line is not None]
            if lines:
                page.boxes.append(Box(lines, element.x0, element.x1))
        else:
            page.images += _count_images(element)
    return page


def _read_pages(data: bytes) -> list[Page]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's
    pages: list[Page] = []
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
            if len(pages) >= MAX_PDF_PAGES:
                raise Rejected(
                    f"the PDF has more than {MAX_PDF_PAGES:,} pages (the limit); "
                    "split it or export the article pages alone"
                )
            pages.append(_read_page(layout))
    except AesUnavailable as exc:
        raise Rejected(f"{_PASSWORD} (this build cannot read AES encryption)") from exc
    except PDFPasswordIncorrect as exc:
        raise Rejected(_PASSWORD) from exc
    except PDFEncryptionError as exc:
        raise Rejected(f"{_PASSWORD} (its encryption is not supported)") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise Rejected("the PDF is damaged (its structure cannot be read)") from exc
    return pages


def _margin_key(line: Line, page: Page) -> str | None:
    """The line's text with digits blanked when it sits in the top or bottom margin."""
    zone = page.height * MARGIN_SHARE
    if line.bottom <= zone or line.top >= page.height - zone:
        return _DIGITS.sub("#", line.text.lower())
    return None


def _drop_running_lines(pages: list[Page]) -> None:
    """Remove running headers/footers and page numbers from every page."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_margin_key(line, page) for box in page.boxes for line in box.lines}
        seen.update(key for key in keys if key)
    needed = max(2, int(len(pages) * REPEAT_SHARE + 0.5))
    running = {key for key, count in seen.items() if count >= needed}
    body = _body_size(line.size for page in pages for box in page.boxes for line in box.lines)
    for page in pages:
        highest = min((line.top for box in page.boxes for line in box.lines), default=0.0)
        for box in page.boxes:
            box.lines = [
                line
                for line in box.lines
                if not (
                    (key := _margin_key(line, page)) is not None
                    and (
                        key in running
                        or _PAGE_NUMBER.fullmatch(line.text)
                        # a one-page PDF's header: the top line, in the margin, in small print
                        or (line.top == highest and line.size < body * SMALL_PRINT)
                    )
                )
            ]
        page.boxes = [box for box in page.boxes if box.lines]


def _body_size(sizes: Iterable[float]) -> float:
    """The most common font size (the body text's)."""
    counts = Counter(sizes)
    return counts.most_common(1)[0][0] if counts else 0.0


def _join(text: str, line: str) -> str:
    """Append a wrapped line, joining a word hyphenated at the line end."""
    if _HYPHEN_END.search(text):
        if line[:1].islower():
            return text[:-1] + line
        return text[:-1] + "-" + line if text[-1] == "\u00ad" else text + line
    return f"{text} {line}"


def _paragraphs(box: Box) -> list[tuple[str, float]]:
    """(text, font size) of each paragraph in one box."""
    out: list[tuple[str, float]] = []
    width = max(box.x1 - box.x0, 1.0)
    previous: Line | None = None
    for line in box.lines:
        new = previous is None
        if previous is not None:
            indent = line.x0 - box.x0
            new = (
                abs(line.size - previous.size) > 0.5
                or (indent > line.size and previous.x0 - box.x0 < line.size / 2)
                or (
                    previous.x1 - box.x0 < SHORT_LINE * width
                    and _SENTENCE_END.search(previous.text) is not None
                )
            )
        if new:
            out.append((line.text, line.size))
        else:
            text, size = out[-1]
            out[-1] = (_join(text, line.text), size)
        previous = line
    return out


def _kinds(paragraphs: list[tuple[str, float, int]]) -> list[tuple[str, str]]:
    """Block kinds from font sizes: headings stand clearly above the body size."""
    weights: Counter[float] = Counter()
    for text, size, _ in paragraphs:
        weights[size] += len(text)
    body = weights.most_common(1)[0][0] if weights else 0.0
    first_page = [
        size for text, size, page in paragraphs if page == 0 and len(text) <= MAX_HEADING_CHARS
    ]
    top = max(first_page, default=0.0)
    title_size = top if body and top >= body * TITLE_RATIO else None
    parts: list[tuple[str, str]] = []
    for text, size, page in paragraphs:
        kind = "paragraph"
        if body and size >= body * HEADING_RATIO and len(text) <= MAX_HEADING_CHARS:
            kind = "heading1" if page == 0 and size == title_size else "heading"
        parts.append((kind, text))
    return parts


def import_pdf(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a .pdf file."""
    pages = _read_pages(data)
    _drop_running_lines(pages)
    paragraphs: list[tuple[str, float, int]] = []
    for number, page in enumerate(pages):
        for box in page.boxes:
            for text, size in _paragraphs(box):
                if paragraphs:
                    last, last_size, _ = paragraphs[-1]
                    # A paragraph cut by a column or page break: no sentence end, same size,
                    # continued in lower case.
                    if (
                        abs(last_size - size) <= 0.5
                        and text[:1].islower()
                        and _SENTENCE_END.search(last) is None
                    ):
                        paragraphs[-1] = (_join(last, text), last_size, paragraphs[-1][2])
                        continue
                paragraphs.append((text, size, number))
    if not paragraphs and any(page.images for page in pages):
        raise Rejected(
            "this PDF is scanned images with no text layer; run OCR first (e.g. ocrmypdf)"
        )
    parts = apply_shared_rules(_kinds(paragraphs))
    return build_source_text(parts, stem, "pdf")
