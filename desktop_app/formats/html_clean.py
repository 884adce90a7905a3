"""Strip a saved news web page down to its article: boilerplate removal and root choice.

Always dropped: script, style, noscript, template, nav, aside, footer, form (unless it wraps the
whole page, as some sites do), button, iframe, svg and other embedded or form widgets; elements
with role navigation, banner, contentinfo, complementary, search, menu(bar), dialog or toolbar;
hidden elements (``hidden``, ``aria-hidden="true"``, inline ``display: none``).

The article root is the longest ``<article>``, else ``<main>`` (or role="main"), else
``<body>``. Inside it, elements whose class or id names a word such as menu, nav, footer,
sidebar, cookie, newsletter, related, share, social, ad/advert, comments or promo are dropped
too, unless they hold the page's ``<h1>`` or at least half of the article's text (a wrapper like
``<div class="story has-sidebar">`` is kept). With ``<body>`` as the root, a ``<header>``
without an ``<h1>`` is dropped as the site header.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import html as lxml_html

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
        "skip", "widget", "masthead", "banner",
    }
)  # fmt: skip
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
            tokens.update(t for t in _NON_ALNUM.split(_CAMEL.sub(" ", value).lower()) if t)
    return tokens


def is_byline_marked(element: lxml_html.HtmlElement) -> bool:
    """True when class, id, rel or itemprop names a byline or author."""
    get = element.get
    return bool(name_tokens(get("class"), get("id"), get("rel"), get("itemprop")) & BYLINE_TOKENS)


def _text_length(element: lxml_html.HtmlElement) -> int:
    return len(element.text_content())


def _always_dropped(element: lxml_html.HtmlElement, page_chars: int) -> bool:
    tag = element.tag
    if tag == "form":  # ASP.NET pages wrap everything in one <form>
        return _text_length(element) < page_chars // 2 and element.find(".//h1") is None
    if tag in DROP_TAGS:
        return True
    if (element.get("role") or "").strip().lower() in DROP_ROLES:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    classes = set((element.get("class") or "").lower().split())
    return bool(classes & HIDDEN_CLASSES) or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _prune(
    top: lxml_html.HtmlElement, should_drop: Callable[[lxml_html.HtmlElement], bool]
) -> None:
    """Drop (keeping tail text) every descendant of `top` for which should_drop(el) is true."""
    stack = [top]
    while stack:
        element = stack.pop()
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            if should_drop(child):
                child.drop_tree()
            else:
                stack.append(child)


def drop_always(top: lxml_html.HtmlElement) -> None:
    """Remove scripts, navigation, hidden elements and the like anywhere under `top`."""
    page_chars = _text_length(top)
    _prune(top, lambda el: _always_dropped(el, page_chars))


def choose_root(document: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The element holding the article: the longest <article>, else <main>, else <body>."""
    articles = list(document.iter("article"))
    if articles:
        return max(articles, key=_text_length)
    for path in ("//main", "//*[@role='main']"):
        found = document.xpath(path)
        if found:
            return max(found, key=_text_length)  # type: ignore[no-any-return]
    body = document.find(".//body")
    return body if body is not None else document


def drop_boilerplate(root: lxml_html.HtmlElement, root_is_body: bool) -> None:
    """Remove menus, share bars, related links... by class/id names, inside the article root."""
    root_chars = max(_text_length(root), 1)

    def should_drop(element: lxml_html.HtmlElement) -> bool:
        if element.tag == "header":
            return root_is_body and element.find(".//h1") is None
        if not name_tokens(element.get("class"), element.get("id")) & BOILERPLATE_TOKENS:
            return False
        if element.tag == "h1" or element.find(".//h1") is not None:
            return False
        return _text_length(element) * 2 < root_chars

    _prune(root, should_drop)
