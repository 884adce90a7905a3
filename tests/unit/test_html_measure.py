"""The web importer's shortcuts measure what lxml would: cached lengths, attribute pre-checks."""

from __future__ import annotations

from lxml import html as lxml_html

from desktop_app.formats.html_clean import _maybe_always_dropped, _named_or_header
from desktop_app.formats.html_score import Lengths, text_length

PAGE = (
    "<html><body><main>Lead \U0001f642 <!-- a note --> tail<article><p>Caf\u00e9 "
    "<a href='/x'>link</a> after</p><p>Plain, with a comma.</p><div><span>deep "
    "<b>bold</b></span> end</div></article> between <aside>side</aside> last</main>"
    "<header class='site'><span hidden>x</span><a href='#fn1'>1</a><div title='footer'>f</div>"
    "<form><p role='note'>r</p></form><p id='k' data-x='1'>y</p></header></body></html>"
)


def test_lengths_from_children_equal_lxml_text_lengths_in_any_order() -> None:
    """Measured children first or last, each length is len(text_content()), comments and
    emoji included (a comment's text is not counted, the text after it is)."""
    document = lxml_html.document_fromstring(PAGE)  # the default parser keeps comments
    elements = list(document.iter("*"))
    for order in (elements, elements[::-1]):
        lengths = Lengths()
        for element in order:
            assert lengths.text(element) == len(element.text_content())
            assert lengths.text(element) == text_length(element)


def test_attribute_prechecks_match_the_xpath_predicates_they_replace() -> None:
    """The Python pre-checks pick the same elements as the former XPath predicates."""
    document = lxml_html.document_fromstring(PAGE)
    always = document.xpath(
        "descendant::*[@role or @hidden or @aria-hidden or @style or @class or self::form"
        " or (@title and (self::div or self::span)) or (self::a and starts-with(@href, '#'))]"
    )
    named = document.xpath("descendant::*[@class or @id or self::header]")
    descendants = list(document.iterdescendants("*"))
    assert [e for e in descendants if _maybe_always_dropped(e)] == always
    assert [e for e in descendants if _named_or_header(e)] == named
    assert len(always) == 6 and len(named) == 2
