"""Strip a saved news web page down to its article: boilerplate removal and root choice.

Always dropped: script, style, noscript, template, nav, aside, footer, form (unless it wraps the
whole page, as some sites do), button, iframe, svg and other embedded or form widgets; elements
with role navigation, banner, contentinfo, complementary, search, menu(bar), dialog or toolbar;
hidden elements (``hidden``, ``aria-hidden="true"``, inline ``display: none``); footnote
reference marks (``<a href="#fn1">``, ``#_ftn1``, ``#ftnt1``, ``#cite_note-1``...: the notes
themselves stay where the page has them, at the end); what `html_office` lists for pages saved
by word processors (page headers and footers, comments, typed-out list numbers). When a page has several ``<h1>``, those
in the site's header or branding (site name, logo) are dropped so the article's is the title.

The article root is the longest ``<article>``, else ``<main>`` (or role="main"), else
``<body>``. Inside it, elements whose class or id names a word such as menu, nav, footer,
sidebar, cookie, newsletter, related, share, social, ad/advert, comments, promo, category,
tags, like counts or buttons are dropped too (long names match by their part:
"jp-relatedposts", "sharedaddy"; the id of a section holding a heading, four or more words
long, is the heading's slug and does not count), unless they hold the page's ``<h1>`` or at
least half of the article's text (a wrapper like ``<div class="story has-sidebar">`` is kept). With ``<body>`` as the root, a ``<header>``
without an ``<h1>`` is dropped as the site header.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from desktop_app.formats.html_office import office_dropped, prepare_office_html
from desktop_app.formats.html_score import Lengths, article_root, paragraph_chars, text_length

DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "aside", "footer", "button", "iframe",
        "frame", "frameset", "svg", "math", "canvas", "select", "input", "textarea", "option",
        "object", "embed", "audio", "video", "dialog", "menu", "head", "title", "meta", "link",
        "map", "base", "source", "track",
    }
)  # fmt: skip
DROP_ROLES = frozenset(
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
        "dialog", "alertdialog", "toolbar",
    }
)  # fmt: skip
BOILERPLATE_TOKENS = frozenset(
    {
        "ad", "ads", "adslot", "advert", "adverts", "advertisement", "advertising", "sponsor",
        "sponsored", "promo", "promotion", "menu", "nav", "navbar", "navigation", "breadcrumb",
        "breadcrumbs", "footer", "sidebar", "cookie", "cookies", "consent", "gdpr", "newsletter",
        "subscribe", "subscription", "signup", "related", "recommended", "recirculation",
        "share", "sharing", "sharebar", "social", "comment", "comments", "disqus", "popup",
        "modal", "paywall", "outbrain", "taboola", "trending", "popular", "toolbar", "bio",
        "skip", "widget", "masthead", "banner", "copyright", "cat", "category", "categories",
        "tags", "tagged", "taglist", "ufi", "like", "likes", "reactions", "button", "btn", "cta",
        "print", "tools", "pagination", "pager", "follow", "donate", "addtoany", "a2a", "toast",
        "notification", "skiplink",
    }
)  # fmt: skip
# Parts of compound class names ("jp-relatedposts", "sharedaddy", "newsletterSignup").
BOILERPLATE_PARTS = re.compile(
    r"related|sharing|sharedaddy|newsletter|sidebar|cookie|advert|sponsor|recommend|outbrain|"
    r"taboola|breadcrumb|paywall|subscribe|subscription|widget|trending|social|disqus"
)
SITE_TOKENS = frozenset(
    {"site", "header", "masthead", "branding", "brand", "logo", "banner", "navbar", "topbar"}
)
ARTICLE_TOKENS = frozenset(
    {"entry", "post", "article", "story", "headline", "content", "hentry", "main"}
)
# A semantic root (<article>, <main>) may hold this much more paragraph text than the scored one.
SEMANTIC_SLACK = 5
HOME = ("/", "./", "index.html", "/index.html")
# Links to a footnote from the text (not the note's link back, which says "ref" or "anc").
_NOTE_REFERENCE = re.compile(
    r"#(?:_?ftn\d|ftnt\d|_?edn\d|sd(?:foot|end)note\d+sym|cite_note|(?:fn|footnote|endnote|note)"
    r"[:_-]?\d)",
    re.IGNORECASE,
)
MAX_NOTE_MARK_CHARS = 8
SLUG_WORDS = 4
# Attributes `_always_dropped` reads (besides a <div>/<span> title and a link's "#..." href):
# an element with none of them, most of a page, is never asked.
_DROP_ATTRIBUTES = frozenset({"role", "hidden", "aria-hidden", "style", "class"})
HIDDEN_CLASSES = frozenset({"sr-only", "visually-hidden", "screen-reader-text", "hidden", "hide"})
BYLINE_TOKENS = frozenset({"byline", "author", "authors"})
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def name_tokens(*values: str | None) -> set[str]:
    """Lower-case words of class/id-like attribute values: "shareBar main-nav" -> share, bar..."""
    tokens: set[str] = set()
    for value in values:
        if value:
            tokens |= _value_tokens(value)
    return tokens


@functools.lru_cache(maxsize=4096)
def _value_tokens(value: str) -> frozenset[str]:
    # A page repeats a few class names on thousands of elements: each is split once.
    return frozenset(t for t in _NON_ALNUM.split(_CAMEL.sub(" ", value).lower()) if t)


def is_boilerplate_name(element: lxml_html.HtmlElement) -> bool:
    """True when the class or id names site furniture (menus, share bars, related links...)."""
    element_id = element.get("id")
    if element_id and len(_NON_ALNUM.split(element_id)) >= SLUG_WORDS and _holds_heading(element):
        element_id = None  # a section named after its heading ("sharing-with-a-developer")
    return _boilerplate_names(element.get("class"), element_id)


@functools.lru_cache(maxsize=1024)
def _boilerplate_names(class_value: str | None, element_id: str | None) -> bool:
    tokens = name_tokens(class_value, element_id)
    return bool(tokens & BOILERPLATE_TOKENS) or any(
        len(token) > 6 and BOILERPLATE_PARTS.search(token) for token in tokens
    )


def _holds_heading(element: lxml_html.HtmlElement) -> bool:
    return next(element.iter("h1", "h2", "h3", "h4", "h5", "h6"), None) is not None


def is_byline_marked(element: lxml_html.HtmlElement) -> bool:
    """True when class, id, rel, itemprop or data-testid names a byline or author."""
    if not element.attrib:  # most elements have no attribute: one check instead of five
        return False
    get = element.get
    return _names_byline((get("class"), get("id"), get("rel"), get("itemprop"), get("data-testid")))


@functools.lru_cache(maxsize=4096)
def _names_byline(values: tuple[str | None, ...]) -> bool:
    return bool(name_tokens(*values) & BYLINE_TOKENS)


def _text_length(element: lxml_html.HtmlElement) -> int:
    return text_length(element)


def _maybe_always_dropped(element: lxml_html.HtmlElement) -> bool:
    """Whether `_always_dropped` could say yes: a form, or an attribute it reads (checked by
    name: one C call, where reading each attribute would be several)."""
    tag = element.tag
    if tag == "form":
        return True
    names = element.keys()
    if not names:
        return False
    if not _DROP_ATTRIBUTES.isdisjoint(names):
        return True
    if "title" in names and tag in ("div", "span"):
        return True
    return tag == "a" and (element.get("href") or "").startswith("#")


def _always_dropped(element: lxml_html.HtmlElement, page_chars: int) -> bool:
    tag = element.tag
    if tag == "form":  # ASP.NET pages wrap everything in one <form>
        return _text_length(element) < page_chars // 2 and element.find(".//h1") is None
    if tag in DROP_TAGS:
        return True
    names = element.keys()  # an absent attribute is not read (most have a class and no more)
    if "role" in names and (element.get("role") or "").strip().lower() in DROP_ROLES:
        return True
    if "hidden" in names or ("aria-hidden" in names and element.get("aria-hidden") == "true"):
        return True
    if (tag == "a" and _is_note_reference(element)) or office_dropped(element):
        return True
    if "class" in names and _hidden_class(element.get("class") or ""):
        return True
    return "style" in names and bool(_HIDDEN_STYLE.search(element.get("style") or ""))


@functools.lru_cache(maxsize=1024)
def _hidden_class(value: str) -> bool:
    return not HIDDEN_CLASSES.isdisjoint(value.lower().split())


def _is_note_reference(link: lxml_html.HtmlElement) -> bool:
    """A footnote mark ("[1]", "1", "*") linking to its note, or a Google Docs comment mark."""
    href = link.get("href") or ""
    if href.startswith("#cmnt") and "ref" not in href:
        return True
    short = len(link.text_content().strip()) <= MAX_NOTE_MARK_CHARS
    return short and _NOTE_REFERENCE.match(href) is not None


def _prune(
    top: lxml_html.HtmlElement,
    is_candidate: Callable[[lxml_html.HtmlElement], bool],
    should_drop: Callable[[lxml_html.HtmlElement], bool],
) -> None:
    """Drop (keeping tail text) every element under `top` for which is_candidate(el), a cheap
    test, and should_drop(el) are true, outermost first; a dropped one's candidates are skipped.
    (A Python pass over the elements beats an XPath predicate: libxml2 builds a node set per
    attribute test, three times slower on a page of many small <div>s.)"""
    found = [element for element in top.iterdescendants("*") if is_candidate(element)]
    index = 0
    while index < len(found):
        element = found[index]
        index += 1
        if should_drop(element):  # its candidates follow it in `found`, in document order
            index += sum(1 for inner in element.iterdescendants("*") if is_candidate(inner))
            element.drop_tree()


def drop_always(top: lxml_html.HtmlElement) -> None:
    """Remove scripts, navigation, hidden elements and the like anywhere under `top`."""
    # Only a <form> is weighed against the page (measured before anything is dropped).
    page_chars = _text_length(top) if next(top.iter("form"), None) is not None else 0
    prepare_office_html(top)
    etree.strip_elements(top, *DROP_TAGS, with_tail=False)
    _prune(top, _maybe_always_dropped, lambda el: _always_dropped(el, page_chars))


def _is_site_heading(heading: lxml_html.HtmlElement) -> bool:
    """An <h1> holding the site's name or logo rather than the article's headline.

    Walking up from the heading, the first telling element decides: a name like "entry",
    "post", "article" or "story" (or an <article>/<main>) means the article; a name like "site",
    "masthead", "branding", "logo" or "header", role="banner", or a <header> outside the
    article means the site. A heading that is only a link to the home page is the site's too.
    """
    links = heading.findall(".//a")
    if len(links) == 1 and not (heading.text or "").strip() and links[0].get("href") in HOME:
        return True
    for element in (heading, *heading.iterancestors()):
        tokens = name_tokens(element.get("class"), element.get("id"))
        if element.tag in ("article", "main") or tokens & ARTICLE_TOKENS:
            return False
        if tokens & SITE_TOKENS or (element.get("role") or "").lower() == "banner":
            return True
        if element.tag == "header":
            return not any(a.tag in ("article", "main") for a in element.iterancestors())
    return False


def drop_site_headings(document: lxml_html.HtmlElement) -> None:
    """With several <h1>, remove the site-name ones, so the article's <h1> is the title."""
    headings = list(document.iter("h1"))
    site = [h for h in headings if _is_site_heading(h)]
    if site and len(site) < len(headings):
        for heading in site:
            heading.drop_tree()


def _semantic_root(
    document: lxml_html.HtmlElement, lengths: Lengths
) -> lxml_html.HtmlElement | None:
    """The <article> with the most paragraph text, else <main> (or role="main"), else None."""
    articles = list(document.iter("article"))
    if articles:
        return max(articles, key=lambda a: (paragraph_chars(a, lengths), lengths.text(a)))
    for path in ("descendant::main", "descendant::*[@role='main']"):  # not //: it sorts
        found = document.xpath(path)
        if found:
            return max(found, key=lengths.text)  # type: ignore[no-any-return]
    return None


def choose_root(document: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The element holding the article: a semantic element (<article>, <main>) when it holds
    the scored article (`html_score`) without much more, else the scored element, else <body>."""
    body = document.find(".//body")
    body = body if body is not None else document
    lengths = Lengths()  # nothing is dropped until the root is chosen
    semantic = _semantic_root(document, lengths)
    found = article_root(body, lengths)
    if found is None:
        return semantic if semantic is not None else body
    scored, not_article = found
    if semantic is not None:
        semantic_mass = paragraph_chars(semantic, lengths)
        scored_mass = paragraph_chars(scored, lengths)
        if semantic is scored or semantic in scored.iterancestors():
            keep = semantic_mass <= SEMANTIC_SLACK * scored_mass
        elif scored in semantic.iterancestors():
            keep = semantic_mass * SEMANTIC_SLACK >= scored_mass
        else:
            keep = semantic_mass >= scored_mass
        if keep:
            return semantic
    for element in not_article:
        element.drop_tree()
    return scored


def drop_boilerplate(root: lxml_html.HtmlElement, root_is_body: bool) -> None:
    """Remove menus, share bars, related links... by class/id names, inside the article root."""
    measured: list[int] = []  # the root's text, measured once, before anything is dropped

    def root_chars() -> int:
        if not measured:
            measured.append(max(_text_length(root), 1))
        return measured[0]

    def should_drop(element: lxml_html.HtmlElement) -> bool:
        if element.tag == "header":
            if root_is_body and element.find(".//h1") is None:
                root_chars()
                return True
            return False
        if not is_boilerplate_name(element):
            return False
        if element.tag == "h1" or element.find(".//h1") is not None:
            return False
        return _text_length(element) * 2 < root_chars()

    _prune(root, _named_or_header, should_drop)


def _named_or_header(element: lxml_html.HtmlElement) -> bool:
    if element.tag == "header":
        return True
    names = element.keys()
    return bool(names) and ("class" in names or "id" in names)
