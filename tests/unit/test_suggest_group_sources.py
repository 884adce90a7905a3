"""Unnamed groups with a modifier of two or three words are anonymous sources too."""

from __future__ import annotations

from desktop_app.core.suggest import suggest

PREFIX = "Café 🎉 naïve. "  # emoji and accents before every span: offsets stay code points


def _sources(text: str) -> list[str]:
    out = []
    for s in suggest(text):
        if s.kind == "anonymous_source":
            assert text[s.start : s.end] == s.text
            out.append(s.text)
    return out


def test_administration_and_company_officials_are_unnamed_groups():
    text = (
        PREFIX + "The embargo will be lifted, Obama administration officials said on Thursday. "
        "There were 750 leaks, Con Edison officials said. White House officials said little."
    )
    assert _sources(text) == [
        "Obama administration officials",
        "Con Edison officials",
        "White House officials",
    ]


def test_one_modifier_back_references_and_sentence_ends_are_left_as_before():
    text = (
        PREFIX + "American officials said it would pass. The officials said more. "
        "He spoke in Washington. Pentagon officials said nothing."
    )
    assert _sources(text) == ["American officials", "Pentagon officials"]
