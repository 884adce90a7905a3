"""Page furniture that class names do not give away: meta boxes, author links, UI labels.

Used by the HTML walker after `html_clean` has removed what it can by tag, role and name:

* A "meta" box (a class or id such as ``entry-meta``, ``post-meta``, ``article-meta``) holding
  no heading and little text is the author/date/category line: only its byline (an element
  marked as byline or author, or a link to an author page) is kept.
* "Loose" text is text that sits directly in a ``<div>``, ``<section>``... rather than in a
  ``<p>``, list item, heading, quote, caption or table cell. Article paragraphs are almost
  always ``<p>``; loose snippets are mostly buttons and labels. A loose paragraph is dropped
  when it is a UI label ("Share", "Follow", "Listen", "6 min read", a bare count like "42",
  "--", a bare date), or, when the page has ``<p>`` paragraphs, when it stands before the first
  or after the last of them and is three words or fewer (category links, "Sign in"), unless it
  reads as a byline or caption. Paragraphs separated only by ``<br><br>`` in a ``<div>`` are
  long and stay.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from desktop_app.formats.heuristics import is_byline_text, is_caption_text

MAX_META_CHARS = 300
MAX_CHROME_WORDS = 3
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|profiles?|people|staff|writers?|journalists?|contributors?|reporters?|by)"
    r"(?:/|$|\?)|/@[\w.-]+/?$",
    re.IGNORECASE,
)
_UI_LABEL = re.compile(
    r"(?:share(?: this(?: story| article| post)?)?|follow|listen|subscribe(?: now)?|sign (?:in|up)"
    r"|log ?in|read more|continue reading|show more|load more|advertisement|sponsored|print"
    r"|e-?mail|comments?|like|save|copy link|\d+ min(?:ute)?s? read\b.*|[\d,.kKmM]+"
    r"|[-\u2013\u2014\u00b7|\u2022/\s]+)[:.!]?",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # January, Jan.
_DATE = re.compile(
    rf"(?:(?:updated|published|posted|modified)\s*:?\s*)?(?:[a-z]+,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?"
    rf"(?:\s+[a-z]{{2,4}})?)?",
    re.IGNORECASE,
)


_READ_TIME = re.compile(r"\d+ min(?:ute)?s? read", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_SEPARATORS = " \t\n\u00a0\u00b7|\u2022-\u2013\u2014/,"


def is_author_link(element: lxml_html.HtmlElement) -> bool:
    """A link to an author's page ("/author/jane-roe", "/profile/12", "/@jane")."""
    return element.tag == "a" and _AUTHOR_HREF.search(element.get("href") or "") is not None


def is_meta_box(element: lxml_html.HtmlElement, tokens: set[str]) -> bool:
    """A short author/date/category box: "entry-meta", "post-meta", "article-meta"..."""
    if not any(t == "meta" or t == "metadata" or t.endswith("meta") for t in tokens):
        return False
    if any(d.tag in ("h1", "h2", "h3", "h4", "h5", "h6") for d in element.iterdescendants()):
        return False
    return len(element.text_content().strip()) <= MAX_META_CHARS


def is_chrome_label(text: str) -> bool:
    """UI text that is never article text on its own: "Share", "6 min read", "42", a date,
    or several of them in a row ("March 3, 2024 · 6 min read")."""
    text = text.strip()
    if _UI_LABEL.fullmatch(text):
        return True
    if not _DIGIT.search(text):  # every date and read time holds a digit: nothing to remove
        return False
    if _DATE.fullmatch(text):
        return True
    rest = _READ_TIME.sub(" ", _DATE.sub(" ", text))
    return rest != text and not rest.strip(_SEPARATORS)


def drop_chrome(parts: list[tuple[str, str]], loose: set[int]) -> list[tuple[str, str]]:
    """Remove loose UI snippets from the walker's parts (see the module docstring)."""
    anchored = [i for i, (kind, _) in enumerate(parts) if kind == "paragraph" and i not in loose]
    first, last = (anchored[0], anchored[-1]) if anchored else (-1, len(parts))
    kept: list[tuple[str, str]] = []
    for index, (kind, text) in enumerate(parts):
        if index in loose and kind == "paragraph":
            stripped = " ".join(text.split())
            if is_chrome_label(stripped):
                continue
            outside = index < first or index > last
            short = len(stripped.split()) <= MAX_CHROME_WORDS and not stripped.endswith(
                (".", "!", "?")
            )
            if outside and short and not is_byline_text(stripped) and not is_caption_text(stripped):
                continue
        kept.append((kind, text))
    return kept
