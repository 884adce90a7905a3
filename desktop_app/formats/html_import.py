"""Web pages (.html, .htm): a saved news article, without the site around it.

`html_clean` removes the boilerplate and picks the article root; this module walks the root in
document order. Kinds: ``<h1>`` -> title (the first one, shared rule; if the root has none, the
page's first ``<h1>`` of three or more words outside it), ``<h2>``-``<h6>`` -> heading,
``<figcaption>``/table ``<caption>`` -> caption, paragraphs inside ``<blockquote>`` ->
blockquote, ``<li>`` -> list_item, an element whose class/id/rel/itemprop names a byline or
author (or a short paragraph containing one, e.g. ``By <a rel="author">``) -> byline, each row of
a data table -> one "table" block with its non-empty cells joined by " | " (a table holding
headings, lists or nested tables, or with a single column, is a layout table and is read like
``<div>``s). Paragraph classes named after word-processor styles give kinds (`html_office`:
"Caption", "MsoQuote"...; "title"/"MsoTitle" only on a page without ``<h1>``, e.g. a Google
Docs export); a page saved by a word processor (``<meta name="generator">``) with no title
gets the plain-text title guess. Text loose inside a ``<div>`` becomes its own paragraph;
`html_chrome` drops meta boxes and UI snippets among such text. Whitespace
is collapsed as a browser would, ``&nbsp;`` is kept, ``<br>`` is a soft line break, two
``<br>`` in a row end a paragraph, and ``<pre>`` keeps its lines. Images are not text (their
alt text is dropped; a ``<figcaption>`` is the caption); embedded posts (``<blockquote
class="twitter-tweet">``) are quoted material and stay as blockquotes.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from desktop_app.core.model import SourceText
from desktop_app.formats import cancel
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.decoding import decode_text
from desktop_app.formats.errors import Rejected
from desktop_app.formats.heuristics import (
    apply_shared_rules,
    promote_first_line_title,
    subtitle_kind,
)
from desktop_app.formats.html_chrome import drop_chrome, is_author_link, is_meta_box
from desktop_app.formats.html_clean import (
    choose_root,
    drop_always,
    drop_boilerplate,
    drop_site_headings,
    is_byline_marked,
    name_tokens,
)
from desktop_app.formats.html_office import class_kind

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "details", "dd", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
    }
)  # fmt: skip
HEADINGS = {"h1": "heading1", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading"}
HEADINGS["h6"] = "heading"
LAYOUT_MARKERS = frozenset({"table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol"})
MAX_BYLINE_ELEMENT_CHARS = 200
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_WORD_PROCESSORS = re.compile(r"LibreOffice|OpenOffice|Microsoft Word|Cocoa HTML Writer|Pages")
_DISPLAY_INLINE = re.compile(r"display\s*:\s*inline\b", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BY_WORDS = re.compile(r"\s*(?:(?:written|reported|words|story)\s+)?by:?\s*", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters lxml refuses in a str (C0 controls other than tab/newline/CR, U+FFFE/U+FFFF).
_NOT_XML_CHARS = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
DECLARATION_BYTES = 8192
MAX_DEPTH = 256  # libxml2's nesting limit without XML_PARSE_HUGE
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _collapse(text: str) -> str:
    """Runs of HTML whitespace -> one space; most text nodes have none to collapse (C-speed test)."""
    if "\n" in text or "\t" in text or "\r" in text or "\f" in text or "  " in text:
        return _WHITESPACE.sub(" ", text)
    return text


def _clean_markup(markup: str) -> str:
    """Markup lxml accepts: no XML declaration, no characters XML forbids."""
    return _NOT_XML_CHARS.sub(" ", _XML_DECLARATION.sub("", markup))


def _parser() -> lxml_html.HTMLParser:
    parser = lxml_html.HTMLParser(
        recover=True, remove_comments=True, remove_pis=True, huge_tree=False, no_network=True
    )
    # Every element is a plain HtmlElement: lxml.html's own lookup (form, input, label classes)
    # is a Python call each time an element is touched, a third of the walk's cost.
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement))
    return parser


class _Walker:
    """Collects (kind, text) pairs from an element tree in document order."""

    def __init__(self, title_classes: bool = False) -> None:
        self.parts: list[tuple[str, str]] = []
        self.seen = 0  # elements walked (a cancel check every few hundred)
        self.loose: set[int] = set()  # indices of parts made of text loose in a <div>...
        self.title_classes = title_classes

    def inline(self, element: lxml_html.HtmlElement, out: list[str], pre: bool = False) -> bool:
        """Append the visible text inside `element` to `out`; True if it holds a byline marker."""
        marked = is_byline_marked(element)
        if element.tag == "br":
            out.append("\n")
            return marked
        pre = pre or element.tag == "pre"
        if element.text:
            out.append(element.text if pre else _collapse(element.text))
        for child in element:
            if isinstance(child.tag, str):
                spaced = child.tag in BLOCK_TAGS
                if spaced:
                    out.append(" ")
                marked = self.inline(child, out, pre) or marked
                if spaced:
                    out.append(" ")
            if child.tail:
                out.append(child.tail if pre else _collapse(child.tail))
        return marked

    def text_of(self, element: lxml_html.HtmlElement) -> str:
        out: list[str] = []
        self.inline(element, out)
        return "".join(out)

    def walk(self, element: lxml_html.HtmlElement, context: str | None = None) -> None:
        """Emit the blocks inside `element`; `context` overrides the kind of plain paragraphs."""
        self.seen += 1
        if self.seen % 512 == 0:
            cancel.check()  # Cancel in the window stops a long page here, not at its end
        tag = element.tag
        if tag in HEADINGS:
            self.parts.append(
                (context if context == "caption" else HEADINGS[tag], self.text_of(element))
            )
            return
        if tag == "table" and not _is_layout_table(element):
            self.table(element)
            return
        if tag == "pre":
            self.parts.append((context or "paragraph", self.text_of(element)))
            return
        if tag == "hr":
            return
        named = len(element.attrib) > 0  # the three checks below read attributes only
        if context is None and named and is_byline_marked(element):
            text = self.text_of(element)
            if len(text.strip()) <= MAX_BYLINE_ELEMENT_CHARS:
                self.parts.append(("byline", text))
                return
        if (
            context is None
            and named
            and is_meta_box(element, name_tokens(element.get("class"), element.get("id")))
        ):
            self.meta_bylines(element)
            return
        styled = (
            class_kind(element, self.title_classes)
            if tag == "p" and named and not context
            else None
        )
        if styled:
            text = self.text_of(element)
            self.parts.append((subtitle_kind(text) if styled == "subtitle" else styled, text))
            return
        if tag in ("figcaption", "caption"):
            context = "caption"
        elif tag == "blockquote" and context is None:
            context = "blockquote"
        elif tag == "li" and context is None:
            context = "list_item"
        self.mixed(element, context)

    def meta_bylines(self, element: lxml_html.HtmlElement) -> None:
        """Keep only the byline of an author/date/category box (see `html_chrome`)."""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if is_byline_marked(child) or is_author_link(child):
                self.parts.append(("byline", self.text_of(child)))
            else:
                self.meta_bylines(child)

    def mixed(self, element: lxml_html.HtmlElement, context: str | None) -> None:
        """Walk block children; each run of loose text and inline elements is one paragraph.

        Outside <p>, an inline byline or author link that starts the run (after at most "By")
        is a byline of its own, so a date or a "Follow" button after it is not glued to it.
        """
        loose = element.tag != "p"
        if not len(element):  # text only, as most paragraphs are: one run, nothing to walk
            self.flush([_collapse(element.text or "")], context, False, loose)
            return
        split_bylines = loose and context is None
        run: list[str] = [_collapse(element.text or "")]
        marked = False
        for child in element:
            tag = child.tag
            if tag == "p" and not len(child) and not child.attrib:
                # A plain <p> of text (most of an article): what walk() and mixed() do with
                # it, without their checks and calls; a blank run before it emits nothing.
                if len(run) > 1 or run[0].strip():
                    self.flush(run, context, marked, loose)
                self.plain_paragraph(child, context)
                tail = child.tail
                run, marked = [_collapse(tail) if tail else ""], False
                continue
            if isinstance(tag, str):
                if _is_block(child) or (tag not in BLOCK_TAGS and _holds_block(child)):
                    self.flush(run, context, marked, loose)
                    run, marked = [], False
                    self.walk(child, context)
                elif (
                    split_bylines
                    and _only_by_words("".join(run))
                    and (is_byline_marked(child) or is_author_link(child))
                ):
                    self.parts.append(("byline", "".join(run) + self.text_of(child)))
                    run, marked = [], False
                else:
                    marked = self.inline(child, run) or marked
            run.append(_collapse(child.tail or ""))
        self.flush(run, context, marked, loose)

    def plain_paragraph(self, element: lxml_html.HtmlElement, context: str | None) -> None:
        """`walk` of a <p> without attributes or children: its text, whitespace collapsed (so
        no line break is left to split it at), is one paragraph unless blank."""
        self.seen += 1
        if self.seen % 512 == 0:
            cancel.check()
        text = element.text
        if text and not text.isspace():  # what is blank stays blank once collapsed
            self.parts.append((context or "paragraph", _collapse(text)))

    def flush(self, run: list[str], context: str | None, marked: bool, loose: bool) -> None:
        """Emit a run as paragraph(s): two <br> in a row (a blank line) end a paragraph."""
        joined = "".join(run)
        for text in _BLANK_LINE.split(joined) if "\n" in joined else (joined,):
            stripped = text.strip()
            if not stripped:
                continue
            kind = context or "paragraph"
            if marked and kind == "paragraph" and len(stripped) <= MAX_BYLINE_ELEMENT_CHARS:
                kind = "byline"
            if loose:
                self.loose.add(len(self.parts))
            self.parts.append((kind, text))

    def table(self, table: lxml_html.HtmlElement) -> None:
        """One "table" block per row of a data table (rows of nested tables are not repeated)."""
        for child in table:
            if child.tag == "caption":
                self.parts.append(("caption", self.text_of(child)))
        for row in _rows(table):
            cells = [
                self.text_of(c).replace("\n", " ").strip() for c in row if c.tag in ("td", "th")
            ]
            cells = [cell for cell in cells if cell]
            if cells:
                self.parts.append(("table", " | ".join(cells)))


def _only_by_words(text: str) -> bool:
    """Nothing, or just "By" / "Written by", before an author's name."""
    return not text.strip() or _BY_WORDS.fullmatch(text) is not None


def _is_block(element: lxml_html.HtmlElement) -> bool:
    """A block element, unless styled to flow inline (LibreOffice wraps text in such <div>s)."""
    if element.tag not in BLOCK_TAGS:
        return False
    style = element.get("style")
    return not style or not _DISPLAY_INLINE.search(style)


def _holds_block(element: lxml_html.HtmlElement) -> bool:
    """An inline element wrapping paragraphs (a <span> frame around a caption's <p>)."""
    return any(isinstance(d.tag, str) and _is_block(d) for d in element.iterdescendants())


def _rows(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    return [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]


def _is_layout_table(table: lxml_html.HtmlElement) -> bool:
    """A table used for page layout rather than data: read it like nested <div>s."""
    if any(d.tag in LAYOUT_MARKERS for d in table.iterdescendants()):
        return True
    rows = _rows(table)
    return all(sum(1 for c in row if c.tag in ("td", "th")) <= 1 for row in rows)


def html_fragment_parts(markup: str) -> list[tuple[str, str]]:
    """(kind, text) pairs for a snippet of HTML, e.g. a raw HTML block inside Markdown."""
    try:
        fragment = lxml_html.fragment_fromstring(
            _clean_markup(markup), create_parent="div", parser=_parser()
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    drop_always(fragment)
    walker = _Walker()
    walker.walk(fragment)
    return walker.parts


def _check_limits(parser: lxml_html.HTMLParser) -> None:
    """Refuse a page that hit libxml2's safety limits (kept on: no huge_tree) instead of
    importing the part read before the limit, or reporting "no text"."""
    for entry in parser.error_log:
        if entry.type_name != "ERR_RESOURCE_LIMIT" and "XML_PARSE_HUGE" not in entry.message:
            continue
        if "depth" in entry.message.lower():
            raise Rejected(
                f"the web page is too deeply nested (more than {MAX_DEPTH} levels of elements)"
            )
        raise Rejected("the web page holds a text or attribute too large to read (over 10 MB)")


def _parse_page(markup: str, parser: lxml_html.HTMLParser) -> lxml_html.HtmlElement:
    """Parse a page; the scan for characters lxml may refuse (a regex over the whole page, as
    long as the parse itself) runs only when a parse without it fails."""
    try:
        return lxml_html.document_fromstring(_XML_DECLARATION.sub("", markup), parser=parser)
    except ValueError:
        return lxml_html.document_fromstring(_clean_markup(markup), parser=parser)


def html_to_parts(markup: str) -> list[tuple[str, str]]:
    """Parse a whole page and return the article's (kind, text) pairs, boilerplate removed."""
    parser = _parser()
    try:
        document = _parse_page(markup, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        _check_limits(parser)
        raise Rejected("the web page could not be read (it holds no HTML content)") from exc
    _check_limits(parser)
    generator = " ".join(
        document.xpath("descendant::meta[@name='generator' or @name='Generator']/@content")
    )
    drop_always(document)
    drop_site_headings(document)
    root = choose_root(document)
    drop_boilerplate(root, root_is_body=root.tag in ("body", "html"))
    walker = _Walker(title_classes=document.find(".//h1") is None)
    if root.tag not in ("body", "html") and root.find(".//h1") is None:
        for heading in document.iter("h1"):
            text = walker.text_of(heading)
            if len(text.split()) >= 3 and root not in heading.iterancestors():
                walker.parts.append(("heading1", text))
                break
    walker.walk(root)
    parts = drop_chrome(walker.parts, walker.loose)
    if _WORD_PROCESSORS.search(generator) and not any(k in ("title", "heading1") for k, _ in parts):
        parts = promote_first_line_title(parts)  # a draft saved as HTML: its headline is a <p>
    return parts


def declared_charsets(data: bytes) -> list[str]:
    """Every charset the page declares near its start (XML declaration, each <meta>), in order;
    `decode_text` weighs them against the bytes, so a lying or repeated <meta> does no harm."""
    head = data[:DECLARATION_BYTES]
    found = [m.group(1) for m in _XML_ENCODING.finditer(head[:200])]
    found += [m.group(1) for m in _META_CHARSET.finditer(head)]
    return list(dict.fromkeys(name.decode("ascii").lower() for name in found))


def import_html(data: bytes, stem: str) -> SourceText:
    """Import the bytes of a saved web page."""
    text = decode_text(data, declared_charsets(data))
    parts = apply_shared_rules(html_to_parts(text))  # canonical texts: not scanned again
    return build_source_text(parts, stem, "html", canonical=True)
