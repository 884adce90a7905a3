"""HTML written by word processors: Word "Save as HTML", LibreOffice, Google Docs "Download".

Such pages have no site around them, but carry the document's furniture in their own ways:

* Dropped: page headers and footers (``<div title="header">``, ``mso-element:header``),
  comments (``title="annotation"``, ``mso-element:comment-list``, Word's ``msocomanchor`` and
  ``msocomtxt``, Google Docs' ``#cmnt`` blocks), list numbers typed out as text
  (``mso-list:Ignore`` spans, a leading "1." or "·" span in a list item or a Word
  "MsoList..." paragraph: the kind says it is a list item already).
* Notes: the link back from a note to its mark ("1", "[1]", "↩") becomes the note's "[1] "
  prefix, as in the other formats (see `notes`); a bare arrow is dropped.
* Paragraph classes named after styles give kinds: "Caption", "Quotations", "MsoQuote",
  "MsoListParagraph"... (`style_name_kind`); "Title"/"MsoTitle" and "Subtitle" only on a page
  without ``<h1>``, where they mark the document's title.
"""

from __future__ import annotations

import functools
import re

from lxml import html as lxml_html

from desktop_app.formats.heuristics import style_name_kind

_OFFICE_TITLES = frozenset({"header", "footer", "annotation"})
_MSO_DROPPED = re.compile(
    r"mso-list\s*:\s*ignore|mso-element\s*:\s*(?:comment-list|comment|header|footer)", re.I
)
_BACKLINK = re.compile(
    r"#(?:sd(?:foot|end)note\d+anc|_(?:ftn|edn)ref\d+|ftnt_ref\d+|body_(?:ftn|edn)\d+"
    r"|fnref[:_-]?\w+|cite_ref)",
    re.IGNORECASE,
)
_ARROWS = frozenset({"", "\u21a9", "\u21a9\ufe0e", "\u2191", "^"})
_LIST_MARKER = re.compile(
    r"\s*(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6})[.)]|[\u2022\u25e6\u25aa\u2023\u00b7\u2013o"
    r"\uf0b7\uf0a7-])\s*"
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MSO_NAME = re.compile(r"^Mso|CxSp[A-Za-z]+$")
_TITLE_KINDS = frozenset({"title", "subtitle", "heading1"})
_LIST_CANDIDATES = (  # two plain paths; the first predicate of each is a cheap pre-filter
    "descendant::li[span|p][*[1][self::span or self::p]]",
    "descendant::p[@class][starts-with(@class, 'Mso') or starts-with(@class, 'mso')]",
)
_IN_PAGE_LINKS = "descendant::a[starts-with(@href, '#')]"
_MSO_COMMENT_CLASSES = frozenset({"msocommentreference", "msocomanchor", "msocomtxt", "msocomoff"})


def office_dropped(element: lxml_html.HtmlElement) -> bool:
    """Headers, footers, comments and typed-out list numbers written by office suites."""
    names = element.keys()  # an absent attribute is not read
    if (
        "title" in names
        and (element.get("title") or "").strip().lower() in _OFFICE_TITLES
        and element.tag in ("div", "span")
    ):
        return True
    if "style" in names and _MSO_DROPPED.search(element.get("style") or ""):
        return True
    return "class" in names and _comment_class(element.get("class") or "")


@functools.lru_cache(maxsize=1024)
def _comment_class(value: str) -> bool:
    return not _MSO_COMMENT_CLASSES.isdisjoint(value.lower().split())


def prepare_office_html(top: lxml_html.HtmlElement) -> None:
    """Drop Google Docs comments and list-number spans; turn note back-links into "[1] "."""
    in_page = top.xpath(_IN_PAGE_LINKS)  # one pass finds the comment marks among them too
    dropped = False
    for link in [a for a in in_page if (a.get("href") or "").startswith("#cmnt_ref")]:
        holder = next(link.iterancestors("div"), None)
        if holder is not None and holder.getparent() is not None:
            holder.drop_tree()
            dropped = True
    for link in top.xpath(_IN_PAGE_LINKS) if dropped else in_page:  # only in-page links
        if _BACKLINK.match(link.get("href") or ""):
            mark = link.text_content().strip()
            if mark in _ARROWS:
                link.drop_tree()
            elif not mark.startswith("["):
                for child in list(link):
                    link.remove(child)
                link.text = f"[{mark}] "
    # Only items starting with a <span> or <p>, and Word's "MsoList..." paragraphs, can qualify.
    for item in [found for path in _LIST_CANDIDATES for found in top.xpath(path)]:
        holder = item
        if item.tag == "p" and not (item.get("class") or "").lower().startswith("msolist"):
            continue
        if not (item.text or "").strip() and len(item) and item[0].tag == "p":
            holder = item[0]
        first = holder[0] if len(holder) else None
        if (
            first is not None
            and first.tag == "span"
            and not (holder.text or "").strip()
            and _LIST_MARKER.fullmatch(first.text_content())
        ):
            first.drop_tree()


def class_kind(element: lxml_html.HtmlElement, allow_title: bool) -> str | None:
    """The kind a paragraph's style-named class stands for ("Caption", "MsoQuote"...)."""
    for name in (element.get("class") or "").split():
        name = _CAMEL.sub(" ", _MSO_NAME.sub("", name)).replace("_20_", " ")
        kind = style_name_kind(name)
        if kind and (allow_title or kind not in _TITLE_KINDS):
            return kind
    return None
