"""The words in context shown for a library search hit."""

from __future__ import annotations

from desktop_app.core.search import snippet, words_pattern


def test_the_words_in_context_ignore_case_and_accents_and_mark_every_match() -> None:
    text = (
        "Été 🙂 "
        + "filler words here " * 10
        + "Marta Žižek said the FERRY was late; the ferry-boat too."
    )
    pattern = words_pattern(["zizek", "ferry"])
    assert pattern is not None
    found = snippet(text, pattern, "[", "]")
    assert found is not None and found.startswith("…")
    assert "Marta [Žižek] said the [FERRY] was late; the [ferry]-boat too." in found
    assert snippet("The ferryman came.", pattern, "[", "]") is None  # whole words only
    assert words_pattern(["“—”"]) is None  # nothing to search for


def test_a_dotted_word_matches_as_the_full_text_index_tokenises_it() -> None:
    pattern = words_pattern(["U.S."])
    assert pattern is not None
    assert snippet("Officials in the U.S. said so.", pattern, "[", "]") == (
        "Officials in the [U.S]. said so."
    )
