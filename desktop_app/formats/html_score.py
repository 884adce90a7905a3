"""Readability-style content scoring: which element of a page holds the article's paragraphs.

After Mozilla Readability's `_grabArticle`: every paragraph-like element (``<p>``, ``<pre>``,
``<td>``, a ``<div>`` with no block children, and, unlike Readability, a list item of plain text
with at most half of it in links, so a report written as bullet lists has a body) of 25
characters or more scores
1 + its commas + one point per 100 characters (at most 3); the score goes to its parent in full,
its grandparent halved and further ancestors (up to five levels) divided by three times their
level. An ancestor starts from a tag bonus (``<div>`` +5, ``<li>`` -3...) and +/-25 for a class
or id that sounds like content ("article", "story") or furniture ("comment", "related"). Each
candidate's score is then scaled by (1 - link density). Paragraphs inside an "unlikely" box
(a comment thread, unless also named like content; Readability's wider list of sidebars and
menus cost recall on the peer pages) score nothing. `article_root` returns the best one,
moved up while its parent holds most of the page's paragraph text, so an article split into
many small ``<div>``s is kept whole.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

MIN_PARAGRAPH_CHARS = 25
MAX_LEVELS = 5
# Readability's alternative-ancestor rule: of the next best candidates, this many within this share.
TOP_CANDIDATES = 5
CLOSE_SCORE = 0.75
MIN_CLOSE = 3
# Climb to the parent while it holds this much more prose (an article split into pieces).
PROSE_GAIN = 1.3
MAX_CLIMB = 2
MIN_PROSE_CHARS = 80
MAX_PROSE_LINKS = 0.25
MAX_ITEM_LINKS = 0.5
LOOSE_SHARE = 0.5
_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story", re.IGNORECASE
)
_NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|"
    r"media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|"
    r"shopping|tags|tool|widget|nav|menu",
    re.IGNORECASE,
)
_UNLIKELY = re.compile(
    r"comment|disqus|replies|shoutbox|community",
    re.IGNORECASE,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
_TAG_BONUS = {
    "div": 5, "article": 5, "section": 2, "main": 5, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "p", "pre", "section", "table", "ul",
    }
)  # fmt: skip
# libxml2 measures an element's text without building the string in Python.
_TEXT_LENGTH = etree.XPath("string-length(.)")
_COMMAS = re.compile(r"[,\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c\u3001]")


def _class_weight(element: lxml_html.HtmlElement) -> int:
    weight = 0
    for value in (element.get("class"), element.get("id")):
        if value:
            if _NEGATIVE.search(value):
                weight -= 25
            if _POSITIVE.search(value):
                weight += 25
    return weight


def text_length(element: lxml_html.HtmlElement) -> int:
    """len(element.text_content()), computed in C; an element without children (the parser
    keeps no comments) holds only its .text, read without an XPath call."""
    if not len(element):
        return len(element.text or "")
    return int(_TEXT_LENGTH(element))


def _link_chars(element: lxml_html.HtmlElement) -> int:
    """Characters of text inside links (an HTML parser never nests one link in another)."""
    total = 0
    for link in element.iter("a"):  # most links hold only text: no XPath call for them
        total += int(_TEXT_LENGTH(link)) if len(link) else len(link.text or "")
    return total


def _link_density(element: lxml_html.HtmlElement, length: int) -> float:
    if not length:
        return 0.0
    return min(_link_chars(element) / length, 1.0)


MAX_SUMMED_CHILDREN = 32


class Lengths:
    """Text and link-text lengths of elements, each measured once: the big ones (the article,
    <main>) are asked for several times while the root is chosen, and the tree does not
    change meanwhile. Use one only while nothing is dropped from the tree."""

    def __init__(self) -> None:
        self._text: dict[lxml_html.HtmlElement, int] = {}
        self._links: dict[lxml_html.HtmlElement, int] = {}

    def text(self, element: lxml_html.HtmlElement) -> int:
        length = self._text.get(element)
        if length is None:
            length = self._text[element] = self._measure(element)
        return length

    def _measure(self, element: lxml_html.HtmlElement) -> int:
        """From the children when one of them is measured already (<main> around a measured
        <article>): XPath would build the whole string again. A comment's text is not
        counted, its tail is, as in string-length()."""
        if 0 < len(element) <= MAX_SUMMED_CHILDREN and any(c in self._text for c in element):
            total = len(element.text or "")
            for child in element:
                if isinstance(child.tag, str):
                    total += self.text(child)
                total += len(child.tail or "")
            return total
        return text_length(element)

    def links(self, element: lxml_html.HtmlElement) -> int:
        chars = self._links.get(element)
        if chars is None:
            chars = self._links[element] = _link_chars(element)
        return chars

    def link_density(self, element: lxml_html.HtmlElement) -> float:
        """`_link_density(element, text_length(element))`, from the cache."""
        length = self.text(element)
        return min(self.links(element) / length, 1.0) if length else 0.0


class Paragraph:
    """One paragraph-like element measured once: stripped length, commas, link share."""

    __slots__ = ("element", "length", "commas", "links")

    def __init__(self, element: lxml_html.HtmlElement) -> None:
        self.element = element
        if len(element):
            text = element.text_content().strip()
            self.length = len(text)
            self.links = _link_density(element, self.length) if self.length else 0.0
        else:  # text only (most paragraphs): no XPath call, and no link in it
            text = (element.text or "").strip()
            self.length = len(text)
            self.links = 0.0
        self.commas = text.count(",") if text.isascii() else len(_COMMAS.findall(text))


def measure_paragraphs(root: lxml_html.HtmlElement) -> list[Paragraph]:
    """Every paragraph-like element under `root` (see `_paragraphs`) of 25 characters or more."""
    measured = (Paragraph(element) for element in _paragraphs(root))
    return [p for p in measured if p.length >= MIN_PARAGRAPH_CHARS]


def _paragraphs(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Paragraph-like elements: <p>, <pre>, <td>; <div>s and <li>s holding only inline content."""
    found = []
    for element in root.iter("p", "pre", "td", "div", "section", "li"):
        if element.tag in ("div", "section", "li"):
            if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
                continue
        found.append(element)
    return found


def _unlikely(element: lxml_html.HtmlElement) -> bool:
    """Readability's "unlikely candidate": a comment thread, sidebar, menu... by class or id."""
    names = " ".join(filter(None, (element.get("class"), element.get("id"))))
    return bool(names) and bool(_UNLIKELY.search(names)) and not _MAYBE.search(names)


def _in_unlikely(ancestors: tuple, cache: dict) -> bool:
    """Whether one of a paragraph's `ancestors` below <body> is an unlikely box."""
    for element in ancestors:
        if element.tag in ("body", "html"):
            return False
        if element not in cache:
            cache[element] = _unlikely(element)
        if cache[element]:
            return True
    return False


class _Ancestry:
    """A paragraph's ancestors, walked once per parent element: most paragraphs share their
    parent with others (an article's <p>s), and walking up costs a proxy lookup per step."""

    def __init__(self) -> None:
        self._chains: dict[lxml_html.HtmlElement | None, tuple] = {}

    def of(self, element: lxml_html.HtmlElement) -> tuple:
        parent = element.getparent()
        chain = self._chains.get(parent)
        if chain is None:
            chain = self._chains[parent] = (
                () if parent is None else (parent, *parent.iterancestors())
            )
        return chain


def score_candidates(
    root: lxml_html.HtmlElement,
    paragraphs: list[Paragraph] | None = None,
    lengths: Lengths | None = None,
    ancestry: _Ancestry | None = None,
) -> dict[lxml_html.HtmlElement, float]:
    """Each candidate ancestor of a paragraph and its link-density-scaled score."""
    scores: dict[lxml_html.HtmlElement, float] = {}
    unlikely: dict[lxml_html.HtmlElement, bool] = {}
    ancestry = ancestry or _Ancestry()
    # Per ancestor chain: None inside an unlikely box, else the (ancestor, divider) pairs scored.
    scored: dict[int, list[tuple[lxml_html.HtmlElement, int]] | None] = {}
    for paragraph in measure_paragraphs(root) if paragraphs is None else paragraphs:
        ancestors = ancestry.of(paragraph.element)
        key = id(ancestors)  # the chain tuples live in `ancestry` while this runs
        if key not in scored:
            scored[key] = None if _in_unlikely(ancestors, unlikely) else _levels(ancestors)
        targets = scored[key]
        if targets is None:
            continue
        if paragraph.element.tag == "li" and paragraph.links > MAX_ITEM_LINKS:
            continue
        points = 1 + paragraph.commas + min(paragraph.length // 100, 3)
        for ancestor, divider in targets:
            if ancestor not in scores:
                scores[ancestor] = _TAG_BONUS.get(ancestor.tag, 0) + _class_weight(ancestor)
            scores[ancestor] += points / divider
    lengths = lengths or Lengths()
    for element in scores:
        scores[element] *= 1 - lengths.link_density(element)
    return scores


def _levels(ancestors: tuple) -> list[tuple[lxml_html.HtmlElement, int]]:
    """The ancestors a paragraph's points go to (up to five, below <body>), with the divider
    of each level: 1, 2, then three times the level."""
    found = []
    for level, ancestor in enumerate(ancestors):
        if level >= MAX_LEVELS or ancestor.tag in ("html", "body"):
            break
        found.append((ancestor, 1 if level == 0 else 2 if level == 1 else level * 3))
    return found


def paragraph_chars(element: lxml_html.HtmlElement, lengths: Lengths | None = None) -> int:
    """Characters of text outside links under `element`: how much article it can hold."""
    if lengths is not None:
        return lengths.text(element) - lengths.links(element)
    return text_length(element) - _link_chars(element)


def _common_ancestor(
    best: lxml_html.HtmlElement, scores: dict[lxml_html.HtmlElement, float]
) -> lxml_html.HtmlElement:
    """Readability's rule: when 3 of the next best candidates (within 75% of the best) share an
    ancestor with the best, that ancestor holds an article split into pieces."""
    ranked = sorted(scores, key=lambda element: scores[element], reverse=True)[1:TOP_CANDIDATES]
    close = [c for c in ranked if scores[c] >= CLOSE_SCORE * scores[best]]
    if len(close) < MIN_CLOSE:
        return best
    close_ancestors = [set(c.iterancestors()) for c in close]
    for parent in best.iterancestors():
        if parent.tag in ("html", "body"):
            break
        if sum(parent in ancestors for ancestors in close_ancestors) >= MIN_CLOSE:
            return parent
    return best


def _joins(
    sibling: lxml_html.HtmlElement, best: lxml_html.HtmlElement, scores: dict, threshold: float
) -> bool:
    """Readability's sibling test: a scored sibling, or a paragraph of real prose."""
    if sibling is best:
        return True
    bonus = (
        0.2 * scores[best]
        if sibling.get("class") and sibling.get("class") == best.get("class")
        else 0
    )
    if sibling in scores and scores[sibling] + bonus >= threshold:
        return True
    if sibling.tag == "p":
        text = sibling.text_content().strip()
        density = _link_density(sibling, len(text))
        if len(text) > 80 and density < 0.25:
            return True
        return 0 < len(text) <= 80 and density == 0 and text.endswith((".", "!", "?"))
    return False


def prose_chars(
    root: lxml_html.HtmlElement,
    paragraphs: list[Paragraph] | None = None,
    ancestry: _Ancestry | None = None,
) -> dict[lxml_html.HtmlElement, int]:
    """Characters of prose (paragraphs of 80+ characters, few links) under each element; prose
    inside a comment, related-links or similar box does not count above that box."""
    prose: dict[lxml_html.HtmlElement, int] = {}
    negative: dict[lxml_html.HtmlElement, bool] = {}
    ancestry = ancestry or _Ancestry()
    # Prose per ancestor chain, added to the chain's elements once at the end (sums of ints:
    # the order does not matter), not element by element for each paragraph.
    per_chain: dict[int, int] = {}
    chains: dict[int, tuple] = {}
    for paragraph in measure_paragraphs(root) if paragraphs is None else paragraphs:
        if paragraph.length < MIN_PROSE_CHARS or paragraph.links >= MAX_PROSE_LINKS:
            continue
        element = paragraph.element
        prose[element] = prose.get(element, 0) + paragraph.length
        if element.attrib and _negative(element, negative):  # no class or id: not negative
            continue
        ancestors = ancestry.of(element)
        key = id(ancestors)
        if key in per_chain:
            per_chain[key] += paragraph.length
        else:
            per_chain[key], chains[key] = paragraph.length, ancestors
    for key, chars in per_chain.items():
        for ancestor in _up_to_negative(chains[key], negative):
            prose[ancestor] = prose.get(ancestor, 0) + chars
    return prose


def _negative(element: lxml_html.HtmlElement, cache: dict) -> bool:
    if element not in cache:
        cache[element] = _class_weight(element) < 0
    return cache[element]  # type: ignore[no-any-return]


def _up_to_negative(ancestors: tuple, cache: dict) -> tuple:
    """`ancestors` up to and including the first one named like furniture."""
    for index, ancestor in enumerate(ancestors):
        if _negative(ancestor, cache):
            return ancestors[: index + 1]
    return ancestors


def article_root(
    root: lxml_html.HtmlElement, lengths: Lengths | None = None
) -> tuple[lxml_html.HtmlElement, list[lxml_html.HtmlElement]] | None:
    """The element that best holds the article (see the module docstring) and the children of
    it that are not article (siblings of the best candidate that failed Readability's test)."""
    lengths = lengths or Lengths()
    paragraphs = measure_paragraphs(root)
    ancestry = _Ancestry()
    scores = score_candidates(root, paragraphs, lengths, ancestry)
    if not scores:
        return None
    best = max(scores, key=lambda element: scores[element])
    best = _common_ancestor(best, scores)
    scores.setdefault(best, 0.0)
    prose = prose_chars(root, paragraphs, ancestry)
    loose = sum(lengths.text(p) for p in root.iterchildren("p"))
    held = prose.get(best, 0)
    # A word processor's page, or a hand-made one: paragraphs straight in <body>, more of them
    # than in the best box, or half as many when the page holds far more prose than that box.
    if loose > held or (loose >= LOOSE_SHARE * held and prose.get(root, 0) >= 2 * held):
        return root, []
    parent = best.getparent()
    climbed = False
    for level, ancestor in enumerate(list(best.iterancestors())):
        if level >= MAX_CLIMB:
            break
        if prose.get(ancestor, 0) >= PROSE_GAIN * prose.get(best, 0):
            best, climbed = ancestor, True
        if ancestor is root:
            break
    parent = best.getparent()
    if climbed or parent is None or best is root or parent.tag in ("html", "body"):
        return best, []
    threshold = max(10.0, 0.2 * scores.get(best, 0.0))
    siblings = [c for c in parent if isinstance(c.tag, str)]
    joined = [s for s in siblings if _joins(s, best, scores, threshold)]
    if len(joined) == 1:
        return best, []
    dropped = [
        sibling
        for sibling in siblings
        if sibling not in joined and sibling.tag != "h1" and sibling.find(".//h1") is None
    ]
    return parent, dropped
