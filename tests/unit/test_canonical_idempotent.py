"""A canonical paragraph is a fixed point of `normalize_paragraph`, which is what lets the web
importer hand `apply_shared_rules`'s texts to `build_source_text(canonical=True)` unscanned."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.formats.canonical import build_source_text, is_printable, normalize_paragraph
from desktop_app.formats.heuristics import apply_shared_rules

# Characters the rules treat specially: spaces and breaks of every kind, controls, invisible
# characters, surrogates, accents and Hangul jamo that NFC composes, singletons NFC replaces.
TRICKY = (
    " \t\n\r\x0b\x0c\x85\u2028\u2029\x00\x07\x1f\x7f\x9f\xa0\xad\u200b\ufeff\ufdd0\ufffe"
    "\ud800\udfff\u2000\u2001\u2002\u3000\u0301\u0308\u0338\u0344\u0385\u1fee\u212b\u2126"
    "\u1100\u1161\u11a8\uac00eEaA.,By\U0001f642\U0001d15e"
)
texts = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40)
KINDS = ("paragraph", "heading1", "title", "caption", "byline", "list_item", "table")


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_a_normalised_paragraph_normalises_to_itself(text: str) -> None:
    """normalize_paragraph(normalize_paragraph(x)) == normalize_paragraph(x)."""
    once = normalize_paragraph(text)
    assert normalize_paragraph(once) == once


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), texts), max_size=8))
def test_building_from_shared_rules_output_needs_no_second_scan(
    parts: list[tuple[str, str]],
) -> None:
    """The builder gives the same source whether or not it scans `apply_shared_rules` output."""
    shared = apply_shared_rules(parts)
    assert build_source_text(shared, "stem", "html", canonical=True) == build_source_text(
        shared, "stem", "html"
    )


def test_already_canonical_texts_keep_their_blocks_and_title() -> None:
    """Kinds, offsets and the title come out as from raw parts (emoji and accents included)."""
    parts = [("heading1", "  Caf\u00e9 \U0001f642 vote "), ("paragraph", "By Ana  Ru\u0301iz")]
    source = build_source_text(apply_shared_rules(parts), "stem", "html", canonical=True)
    assert source.title == "Caf\u00e9 \U0001f642 vote"
    assert [(b.kind, source.text[b.start : b.end]) for b in source.blocks] == [
        ("title", "Caf\u00e9 \U0001f642 vote"),
        ("byline", "By Ana R\u00faiz"),
    ]


@settings(max_examples=2000, deadline=None)
@given(texts)
def test_is_printable_agrees_with_str_isprintable(text: str) -> None:
    """The ASCII shortcut gives str.isprintable's answer, for ASCII and other text alike."""
    assert is_printable(text) == text.isprintable()
    ascii_only = text.encode("ascii", "ignore").decode("ascii")
    assert is_printable(ascii_only) == ascii_only.isprintable()
