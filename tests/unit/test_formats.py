"""The same article, saved in every supported format, imports to the same canonical text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop_app.core.model import SourceText
from desktop_app.core.resources import sample_article
from desktop_app.formats import SUPPORTED_EXTENSIONS, load_source

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

TITLE = "Millbrook Falls council delays vote on riverside housing plan"
BYLINE = "By Dana Okafor"
CAPTION = "Photo: Residents fill the council chamber on Tuesday night. (Millbrook Ledger)"
# Written out here (NFC, with the NBSPs, the composed "é" and the emoji) so the test checks the
# importers against the article itself, not only against each other.
BODY = [
    "The Millbrook Falls city council on Tuesday postponed a vote on a plan to build 340 "
    "apartments along the Kettle River, after more than 200 residents packed a hearing that ran "
    "past midnight.",
    "\u201cWe are not against housing. We are against housing nobody here can afford,\u201d said "
    "Maria \u00c1lvarez, who has lived on Dock Street for 31 years.",
    "What the plan would do",
    "Rents in the city rose 12\u00a0percent between 2021 and 2023, according to the county "
    "housing office. The developer, Riverside Partners, says 20\u00a0percent of the units would "
    "be priced for families earning less than $48,000 a year.",
    "Council member Ren\u00e9 Dubois said the delay would give staff time to review the traffic "
    "studies. \u201cWe owe people real numbers, not promises,\u201d he said.",
    "A city official who spoke on condition of anonymity because they were not authorized to "
    "discuss the negotiations said the developer had offered to pay for a new bus stop.",
    "Tom\u00e1s Reyes, who arrived after 10 p.m., showed the text he had sent his neighbour: "
    "\u201cRunning late, save me a seat \U0001f642\u201d",
    "The river is the reason people moved here. Build on it and you change what this town is.",
    "That line, from a letter signed by 58 residents, was read into the record by the clerk "
    "\u2014 to loud applause.",
    "People familiar with the matter said the council is likely to take up the plan again on "
    "May 14.",
    "The hearing ended at 12:40 a.m. Wednesday, when council president Helen Marsh called a "
    "recess.",
]
# Windows-1252 has no emoji: that variant of the article was saved without it.
BODY_CP1252 = [p.replace(" \U0001f642", "") for p in BODY]

VARIANTS = {
    "article_utf8.txt": ("txt", BODY),
    "article_utf8_bom.txt": ("txt", BODY),
    "article_utf16.txt": ("txt", BODY),
    "article_cp1252.txt": ("txt", BODY_CP1252),
    "article.md": ("md", BODY),
    "article.html": ("html", BODY),
    "article.docx": ("docx", BODY),
    "article.odt": ("odt", BODY),
    "article.rtf": ("rtf", BODY),
}
HEAD_KINDS = {"title", "byline", "caption"}
STYLED = ("article.md", "article.html", "article.docx", "article.odt", "article.rtf")


def texts(source: SourceText, kinds: set[str] | None = None) -> list[str]:
    return [source.text[b.start : b.end] for b in source.blocks if kinds is None or b.kind in kinds]


def body_texts(source: SourceText) -> list[str]:
    return [source.text[b.start : b.end] for b in source.blocks if b.kind not in HEAD_KINDS]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_variant_imports_to_the_same_body_paragraphs(name: str) -> None:
    """Each saved variant of the article yields exactly the article's body paragraphs, in order."""
    source = load_source(ARTICLES / name)
    expected_format, expected_body = VARIANTS[name]
    assert source.source_format == expected_format
    assert body_texts(source) == expected_body


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_variant_finds_headline_byline_and_caption(name: str) -> None:
    """Headline, byline and photo caption get their own kinds in every format, styled or not."""
    source = load_source(ARTICLES / name)
    assert source.title == TITLE
    assert [(b.kind, source.text[b.start : b.end]) for b in source.blocks[:3]] == [
        ("title", TITLE),
        ("byline", BYLINE),
        ("caption", CAPTION),
    ]


@pytest.mark.parametrize("name", STYLED)
def test_styled_formats_keep_the_subheading_and_the_blockquote(name: str) -> None:
    """Formats with structure mark the subheading as heading and the letter as blockquote."""
    source = load_source(ARTICLES / name)
    assert texts(source, {"heading"}) == ["What the plan would do"]
    assert texts(source, {"blockquote"}) == [BODY[7]]
    assert {b.kind for b in source.blocks} == HEAD_KINDS | {"paragraph", "heading", "blockquote"}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_imported_text_is_canonical(name: str) -> None:
    """Imported text is NFC, uses single blank lines between blocks and blocks tile the text."""
    source = load_source(ARTICLES / name)
    assert unicodedata.is_normalized("NFC", source.text)
    assert "\r" not in source.text and "\n\n\n" not in source.text
    assert "\n\n".join(texts(source)) == source.text
    assert "e\u0301" not in source.text and "Ren\u00e9 Dubois" in source.text


def test_web_page_boilerplate_is_absent() -> None:
    """Menus, cookie banner, share buttons, ads, sidebar, comments, scripts and footer are gone."""
    text = load_source(ARTICLES / "article.html").text
    boilerplate = [
        "Skip to content",
        "The Millbrook Ledger",
        "Local News",
        "Search the Ledger",
        "Subscribe for $1 a week",
        "Share on Facebook",
        "Email this story",
        "Share icon",
        "Advertisement",
        "loadAd",
        "Related coverage",
        "Council approves budget",
        "Sign up for the Morning Ledger",
        "inbox",
        "Filed under",
        "Comments (14)",
        "Log in to join",
        "Most read",
        "High school band",
        "\u00a9 2024",
        "Privacy policy",
        "We use cookies",
        "Accept all cookies",
        "window.dataLayer",
        "font-family",
        "tracking pixel",
        "City Hall",
    ]
    assert [s for s in boilerplate if s in text] == []
    assert text.endswith("called a recess.")


def test_bundled_sample_article_has_the_parts_the_self_test_relies_on() -> None:
    """The bundled sample has a title, byline, caption, headings, quotes, NBSP and an emoji."""
    source = load_source(sample_article())
    kinds = [b.kind for b in source.blocks]
    assert source.title == TITLE
    assert kinds[:3] == ["title", "byline", "caption"]
    assert kinds.count("heading") >= 3 and "blockquote" in kinds
    assert 600 <= len(source.text.split()) <= 900
    for needle in (
        "Ren\u00e9 Dubois",
        "12\u00a0percent",
        "\U0001f642",
        "said Maria \u00c1lvarez",
        "spoke on condition of anonymity because they were not authorized",
        "People familiar with the matter said",
    ):
        assert needle in source.text, needle
    assert unicodedata.is_normalized("NFC", source.text)


def test_supported_extensions_cover_every_fixture_format() -> None:
    """Every importer's extension is advertised, and nothing else is."""
    assert set(SUPPORTED_EXTENSIONS) == {
        ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".odt", ".rtf", ".pdf", ".doc",
        ".wpd", ".pages",
    }  # fmt: skip
    assert {Path(n).suffix for n in VARIANTS} <= set(SUPPORTED_EXTENSIONS)


def test_fixture_sources_really_hold_the_tricky_characters() -> None:
    """The sources hold a decomposed accent, NBSPs and an emoji, so NFC checks mean something."""
    raw = (ARTICLES / "article_utf8.txt").read_bytes()
    assert "Rene\u0301".encode() in raw
    assert "\u00a0".encode() in raw and "\U0001f642".encode() in raw
    assert "Rene\u0301".encode() in sample_article().read_bytes()
    assert (ARTICLES / "article_utf16.txt").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert (ARTICLES / "article_utf8_bom.txt").read_bytes()[:3] == b"\xef\xbb\xbf"
    with pytest.raises(UnicodeDecodeError):
        (ARTICLES / "article_cp1252.txt").read_bytes().decode("utf-8")
