"""Anchoring: describe a span, then find it again in the same or a revised text."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from desktop_app.core.anchoring import (
    CONTEXT_CHARS,
    ORPHAN,
    Anchor,
    anchor,
    describe,
    trim_span,
)
from desktop_app.core.search import find_occurrence

ARTICLE = (
    "The council met on Tuesday. \u201cWe will not raise taxes,\u201d the mayor said. "
    "Critics disagreed. Later, a spokesperson repeated: \u201cWe will not raise taxes,\u201d "
    "adding that the budget was balanced."
)
PHRASE = "We will not raise taxes"


def occurrences(text: str, needle: str) -> list[int]:
    """Every (overlapping) start index of needle in text."""
    found, pos = [], text.find(needle)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def test_describe_keeps_position_quote_and_context():
    """describe() stores the span, its exact words and up to 32 characters of context."""
    start = ARTICLE.index("mayor")
    sel = describe(ARTICLE, start, start + 5)
    assert (sel.start, sel.end, sel.exact) == (start, start + 5, "mayor")
    assert sel.prefix == ARTICLE[start - CONTEXT_CHARS : start]
    assert sel.suffix == ARTICLE[start + 5 : start + 5 + CONTEXT_CHARS]
    head = describe(ARTICLE, 0, 3)
    assert head.prefix == "" and head.exact == "The"


@pytest.mark.parametrize("span", [(3, 3), (-1, 2), (5, 4), (0, len(ARTICLE) + 1)])
def test_describe_rejects_empty_or_outside_spans(span):
    """An empty, reversed or out-of-range span cannot be described."""
    with pytest.raises(ValueError):
        describe(ARTICLE, *span)


def test_same_text_anchors_in_place():
    """Unchanged text: the annotation stays exactly where it was, state anchored."""
    start = ARTICLE.index(PHRASE)
    sel = describe(ARTICLE, start, start + len(PHRASE))
    assert anchor(ARTICLE, sel) == Anchor(start, start + len(PHRASE), "anchored")


def test_insertion_before_moves_to_the_same_words():
    """Text inserted before the span: the annotation follows its words to the new offset."""
    start = ARTICLE.index("Critics disagreed")
    sel = describe(ARTICLE, start, start + len("Critics disagreed"))
    revised = "BREAKING: a longer introduction was added here. " + ARTICLE
    result = anchor(revised, sel)
    assert result.state == "moved"
    assert revised[result.start : result.end] == "Critics disagreed"
    assert result.start == revised.index("Critics disagreed")


def test_duplicate_phrase_picks_the_one_whose_context_fits():
    """With the phrase twice in the text, the occurrence with the matching prefix/suffix wins."""
    second = occurrences(ARTICLE, PHRASE)[1]
    sel = describe(ARTICLE, second, second + len(PHRASE))
    # Push both occurrences away from the stored position; the first is then nearer to it.
    revised = ARTICLE.replace("The council met on Tuesday.", "The council met on Tuesday " * 8)
    first_new, second_new = occurrences(revised, PHRASE)
    assert abs(first_new - second) < abs(second_new - second)
    result = anchor(revised, sel)
    assert (result.start, result.end, result.state) == (
        second_new,
        second_new + len(PHRASE),
        "moved",
    )


def test_equal_context_prefers_the_nearest_occurrence():
    """Two equally fitting candidates: the one nearest the old position is chosen."""
    unit = "alpha beta gamma delta. "
    text = unit * 6
    start = text.index("gamma", len(unit) * 3)
    sel = describe(text, start, start + 5)
    revised = "x" + text  # every candidate shifts by one; context is identical for the inner ones
    result = anchor(revised, sel)
    assert result.start == start + 1 and result.state == "moved"


def test_deleted_phrase_is_orphaned_not_attached_elsewhere():
    """When the words are gone, the result is an orphan, never some other words."""
    start = ARTICLE.index("Critics disagreed")
    sel = describe(ARTICLE, start, start + len("Critics disagreed"))
    revised = ARTICLE.replace("Critics disagreed. ", "")
    assert anchor(revised, sel) == ORPHAN
    assert ORPHAN.orphaned and (ORPHAN.start, ORPHAN.end) == (-1, -1)


def test_deleted_short_phrase_does_not_jump_to_another_occurrence():
    """A short quote whose own occurrence was deleted is orphaned, not moved to a look-alike."""
    text = "Police said the road was closed. Later the mayor said nothing about reopening it."
    start = text.index("said") + text[text.index("said") + 1 :].index("said") + 1  # second
    assert text[start : start + 4] == "said"
    sel = describe(text, start, start + 4)
    revised = text.replace("Later the mayor said nothing about reopening it.", "It reopened.")
    assert "said" in revised
    assert anchor(revised, sel) == ORPHAN


def test_long_unique_quote_survives_edits_on_both_sides():
    """A long quote that occurs once is still found when the words around it were rewritten."""
    quote = "We will not raise taxes this year"
    text = f"The mayor said, \u201c{quote},\u201d adding that he was sure."
    start = text.index(quote)
    sel = describe(text, start, start + len(quote))
    revised = f"Speaking on Monday the mayor insisted: {quote}; nobody believed him."
    result = anchor(revised, sel)
    assert revised[result.start : result.end] == quote and result.state == "moved"


def test_empty_quote_is_orphaned():
    """Selectors without words cannot be placed."""
    sel = describe(ARTICLE, 0, 3)
    empty = type(sel)(sel.start, sel.end, "", sel.prefix, sel.suffix)
    assert anchor(ARTICLE, empty) == ORPHAN


def test_unicode_before_the_span_counts_code_points():
    """Emoji, combining accents and NBSPs before the span: offsets are Python code points."""
    text = (
        "Caf\u00e9 \U0001f600 e\u0301 na\u00efve\u00a0well-known \U0001f1eb\U0001f1f7: "
        "the phrase here."
    )
    start = text.index("the phrase")
    sel = describe(text, start, start + len("the phrase"))
    assert sel.exact == "the phrase"
    assert anchor(text, sel) == Anchor(start, start + 10, "anchored")
    revised = "\U0001f44d\U0001f3fd\u00a0" + text
    result = anchor(revised, sel)
    assert (result.start, result.end) == (start + 3, start + 13)
    assert revised[result.start : result.end] == "the phrase"


def test_find_occurrence_counts_from_one():
    """find_occurrence returns the nth match as a code-point span, None when there is none."""
    text = "\U0001f600 ha ha ha"
    assert find_occurrence(text, "ha") == (2, 4)
    assert find_occurrence(text, "ha", 3) == (8, 10)
    assert find_occurrence(text, "ha", 4) is None
    assert find_occurrence(text, "ha", 0) is None
    assert find_occurrence(text, "") is None


def test_trim_span_drops_surrounding_whitespace():
    """A selection with spaces, NBSPs or newlines at its edges shrinks to the words."""
    text = "a \u00a0 word\n\n b"
    assert trim_span(text, 1, 9) == (4, 8)
    assert trim_span(text, 1, 3) == (3, 3)


# -- properties --------------------------------------------------------------------------------
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
WORDY = st.lists(
    st.sampled_from(
        ["the", "mayor", "said", "caf\u00e9", "\U0001f600", "e\u0301", "a\u00a0b", ","]
    ),
    min_size=1,
    max_size=80,
).map(" ".join)


@st.composite
def text_and_span(draw, texts=TEXT):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(text_and_span() | text_and_span(WORDY))
def test_property_unchanged_text_round_trips(case):
    """For any text and span, anchor(text, describe(text, s, e)) is (s, e), anchored."""
    text, start, end = case
    assert anchor(text, describe(text, start, end)) == Anchor(start, end, "anchored")


@given(text_and_span() | text_and_span(WORDY), TEXT | WORDY, st.data())
@example(("\u00e9t\u00e9 ok", 4, 6), "\U0001f600e\u0301\u00a0", None)
def test_property_insertion_before_shifts_the_span(case, inserted, data):
    """Insert text anywhere before the span: when the words are no longer at the old offset and
    occur only once, anchor returns the span shifted by the insertion's length."""
    text, start, end = case
    at = data.draw(st.integers(0, start)) if data is not None else 0
    revised = text[:at] + inserted + text[at:]
    exact = text[start:end]
    assume(revised[start:end] != exact)
    assume(len(occurrences(revised, exact)) == 1)
    shift = len(inserted)
    assert anchor(revised, describe(text, start, end)) == Anchor(
        start + shift, end + shift, "moved"
    )


@given(
    text_and_span() | text_and_span(WORDY), TEXT | WORDY, st.integers(0, 300), st.integers(0, 50)
)
def test_property_never_attaches_to_other_words(case, replacement, at, length):
    """After any edit, the result is an orphan or a span holding exactly the original words."""
    text, start, end = case
    at = min(at, len(text))
    revised = text[:at] + replacement + text[at + length :]
    result = anchor(revised, describe(text, start, end))
    if result.orphaned:
        assert (result.start, result.end) == (-1, -1)
    else:
        assert revised[result.start : result.end] == text[start:end]


def test_typed_words_match_nbsp_curly_quotes_and_dashes():
    """A space typed for a no-break space, a straight quote for a curly one, a hyphen for a dash."""
    text = "He said “12\u00a0percent” — twice.\n\nThen 12 percent again."
    assert find_occurrence(text, '"12 percent"') == (8, 20)
    assert find_occurrence(text, "percent\u201d - twice") == (12, 28)
    assert find_occurrence(text, "12 percent", 2) == (36, 46)
    assert find_occurrence(text, "12 Percent") is None  # the CLI is case-sensitive
    assert find_occurrence(text, "   ") is None
