"""The canonical-text builder and the shared block-kind rules."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.model import BLOCK_KINDS
from desktop_app.formats import build_source_text
from desktop_app.formats.canonical import normalize_paragraph
from desktop_app.formats.heuristics import apply_shared_rules, promote_first_line_title


def block_texts(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    source = build_source_text(parts, "stem", "txt")
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def test_spaces_and_tabs_collapse_but_nbsp_and_non_ascii_stay() -> None:
    """Runs of spaces/tabs become one space; NBSP, emoji and accents survive untouched."""
    assert (
        normalize_paragraph("  a \t  b\u00a0c  \U0001f642\u00e9  ") == "a b\u00a0c \U0001f642\u00e9"
    )


def test_combining_accent_is_composed() -> None:
    """A decomposed e + U+0301 becomes the single code point é (NFC)."""
    assert normalize_paragraph("Rene\u0301") == "Ren\u00e9"


def test_control_characters_are_dropped_even_between_letter_and_accent() -> None:
    """Control characters vanish, and NFC still composes the letters they separated."""
    assert normalize_paragraph("Re\x00ne\x07\u0301\ufeff") == "Ren\u00e9"


def test_line_breaks_inside_a_paragraph_become_single_newlines() -> None:
    """CRLF, CR, form feeds and Unicode separators are soft breaks; blank lines disappear."""
    assert normalize_paragraph("one \r\n\r\n two\rthree\u2028four\x0cfive") == (
        "one\ntwo\nthree\nfour\nfive"
    )


def test_blocks_are_joined_with_one_blank_line_and_empty_ones_dropped() -> None:
    """Empty or whitespace-only paragraphs vanish and the rest are separated by exactly "\\n\\n"."""
    source = build_source_text(
        [
            ("title", " Head "),
            ("paragraph", " \u00a0 "),
            ("paragraph", "Body  text "),
            ("table", ""),
        ],
        "stem",
        "md",
    )
    assert source.text == "Head\n\nBody text"
    assert [(b.kind, b.start, b.end) for b in source.blocks] == [
        ("title", 0, 4),
        ("paragraph", 6, 15),
    ]
    assert source.source_format == "md"


def test_title_comes_from_title_block_then_first_line_then_fallback() -> None:
    """The title block wins; otherwise the first line (shortened); otherwise the given fallback."""
    assert build_source_text([("paragraph", "x"), ("title", "T")], "stem", "txt").title == "T"
    long_line = "word " * 60
    title = build_source_text([("paragraph", long_line + "\nsecond")], "stem", "txt").title
    assert title.endswith("\u2026") and len(title) <= 121 and title.startswith("word word")
    assert build_source_text([("paragraph", "  ")], "report-draft", "txt").title == "report-draft"


def test_unknown_block_kind_is_a_programming_error() -> None:
    """An importer emitting a kind outside BLOCK_KINDS fails loudly."""
    with pytest.raises(ValueError, match="unknown block kind"):
        build_source_text([("footnote", "x")], "stem", "txt")


def test_first_heading1_is_title_only_without_a_title_style() -> None:
    """The first level-1 heading is the title unless a "title" block exists; others are headings."""
    assert [k for k, _ in apply_shared_rules([("heading1", "A"), ("heading1", "B")])] == [
        "title",
        "heading",
    ]
    parts = [("heading1", "A"), ("title", "T"), ("title", "U")]
    assert [k for k, _ in apply_shared_rules(parts)] == ["heading", "title", "heading"]


def test_byline_rule_needs_a_capitalised_short_line_near_the_title() -> None:
    """A "By Name" line just after the title (or a dek) is a byline; "By" sentences are not."""
    parts = [("title", "T"), ("paragraph", "Photo: a crowd."), ("paragraph", "BY DANA OKAFOR")]
    assert [k for k, _ in apply_shared_rules(parts)] == ["title", "caption", "byline"]
    sentence = [("title", "T"), ("paragraph", "By Monday, the council had voted.")]
    assert [k for k, _ in apply_shared_rules(sentence)] == ["title", "paragraph"]
    lower = [("title", "T"), ("paragraph", "by the river")]
    assert [k for k, _ in apply_shared_rules(lower)] == ["title", "paragraph"]
    after_dek = [("title", "T"), ("paragraph", "A dek."), ("paragraph", "By Dana Okafor")]
    assert [k for k, _ in apply_shared_rules(after_dek)] == ["title", "paragraph", "byline"]
    late = [
        ("title", "T"),
        ("paragraph", "A."),
        ("paragraph", "B."),
        ("paragraph", "By Dana Okafor"),
    ]
    assert [k for k, _ in apply_shared_rules(late)] == [
        "title",
        "paragraph",
        "paragraph",
        "paragraph",
    ]


def test_first_line_title_guess_for_unstyled_text() -> None:
    """A short first line becomes the title; a first sentence or a lone paragraph does not."""
    assert promote_first_line_title([("paragraph", "Headline"), ("paragraph", "Body.")])[0][0] == (
        "title"
    )
    sentence = [("paragraph", "It rained on Tuesday."), ("paragraph", "Body.")]
    assert promote_first_line_title(sentence)[0][0] == "paragraph"
    assert promote_first_line_title([("paragraph", "Only one")])[0][0] == "paragraph"
    byline_first = [("paragraph", "By Dana Okafor"), ("paragraph", "Body.")]
    assert promote_first_line_title(byline_first)[0][0] == "paragraph"


paragraph_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc")),
    max_size=40,
) | st.sampled_from(["", "  ", "\n\n", "e\u0301", "\u00a0", "a\r\nb", "\t x \t", "\U0001f642"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(BLOCK_KINDS), paragraph_text), max_size=8))
def test_builder_output_always_follows_the_canonical_rules(parts: list[tuple[str, str]]) -> None:
    """For any input: NFC, \\n only, no trailing spaces, one blank line between exact blocks."""
    source = build_source_text(parts, "stem", "txt")
    text = source.text
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and "\n\n\n" not in text
    assert text == text.strip() or text == ""
    for line in text.split("\n"):
        assert line == line.strip()
    slices = [text[b.start : b.end] for b in source.blocks]
    assert "\n\n".join(slices) == text
    assert all(s and "\n\n" not in s for s in slices)
    assert [b.kind for b in source.blocks] == [
        kind for kind, raw in parts if normalize_paragraph(raw)
    ]
    assert source.title and "\n" not in source.title
    assert (
        build_source_text(
            [(b.kind, s) for b, s in zip(source.blocks, slices, strict=True)], "s", "txt"
        ).text
        == text
    )


def test_qt_separator_noncharacters_are_dropped():
    """U+FDD0/U+FDD1 (Qt's block and frame separators) never reach the canonical text."""
    from desktop_app.formats.canonical import build_source_text

    source = build_source_text([("paragraph", "one\ufdd0two\ufdd1three\uffff")], "t", "txt")
    assert source.text == "onetwothree"
