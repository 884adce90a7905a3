"""Find-as-you-type: the folded-text index finds exactly what the regex search finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import find_index
from desktop_app.core.find_index import FindIndex
from desktop_app.core.search import find_all, find_occurrence

# letters in both cases (sigma's three forms), quotes, apostrophes, dashes and whitespace runs
TEXT = st.text(alphabet="aAbé É\u00a0\n\t\"“”'’`-—‐Σσς", max_size=60)
NEEDLE = st.text(alphabet="aAbé \"“'’`-—‐Σς", min_size=1, max_size=5)


def _check(index: FindIndex, text: str, needle: str, origin: int) -> None:
    """Every match, the first from `origin`, and stepping both ways agree with `find_all`."""
    expected = find_all(text, needle)
    assert index.all(needle) == expected
    hit = index.first(needle, origin)
    if not expected:
        assert hit is None
        return
    assert hit is not None
    hit = index.count(needle, hit)  # counted at once when few, else later (typing paused)
    n = next((k for k, (s, _) in enumerate(expected) if s >= origin), 0)
    assert (hit.start, hit.end, hit.ordinal, hit.total) == (*expected[n], n + 1, len(expected))
    forward = index.step(needle, hit, 1)
    assert forward.total == len(expected)
    assert (forward.start, forward.end) == expected[(n + 1) % len(expected)]
    assert forward.ordinal == (n + 1) % len(expected) + 1
    back = index.step(needle, hit, -1)
    assert back.total == len(expected)
    assert (back.start, back.end) == expected[(n - 1) % len(expected)]
    assert back.ordinal == (n - 1) % len(expected) + 1


# listed: every occurrence kept (and re-checked as the needle grows) up to this many; 0 = counted
@pytest.mark.parametrize("listed", [0, 3, 2_000])
@settings(max_examples=150)
@given(text=TEXT, needle=NEEDLE, data=st.data())
def test_typing_matches_the_regex_search(
    listed: int, text: str, needle: str, data: st.DataObject
) -> None:
    """Typed one character at a time (then erased) on one index, each needle finds what the
    regex finds, from any origin."""
    saved, find_index.LISTED = find_index.LISTED, listed
    try:
        index = FindIndex(text)
        typed = [needle[:k] for k in range(1, len(needle) + 1)]
        for prefix in typed + typed[::-1]:
            _check(index, text, prefix, data.draw(st.integers(0, len(text))))
    finally:
        find_index.LISTED = saved


@given(TEXT, NEEDLE)
def test_case_sensitive_index(text: str, needle: str) -> None:
    assert FindIndex(text, ignore_case=False).all(needle) == find_all(text, needle, False)


def test_typed_words_find_typographic_text() -> None:
    """Straight quotes, hyphens and a space find curly quotes, an em dash and a no-break space."""
    text = "Intro.\n\n“Don’t go,” she said — then left\u00a0early. DON'T"
    index = FindIndex(text)
    hit = index.first('"don\'t go," she said - then left early')
    assert hit is not None
    assert text[hit.start : hit.end] == "“Don’t go,” she said — then left\u00a0early"
    assert [text[s:e] for s, e in index.all("don't")] == ["Don’t", "DON'T"]
    assert find_occurrence(text, "don't", 2) is None  # the CLI's find stays case-sensitive


def test_overlapping_occurrences_count_left_to_right() -> None:
    """ "aa" in "aaaaa" is two matches (0 and 2), as a regex finds them; from 1 the next is 2."""
    index = FindIndex("aaaaa")
    assert index.all("aa") == [(0, 2), (2, 4)]
    hit = index.first("aa", 1)
    assert hit is not None
    hit = index.count("aa", hit)
    assert (hit.start, hit.ordinal, hit.total) == (2, 2, 2)


def test_origin_inside_a_whitespace_run() -> None:
    """A match beginning with the run the cursor sits in starts before the cursor: skip it."""
    index = FindIndex("x   b x   b")
    hit = index.first(" b", 2)
    assert hit is not None
    hit = index.count(" b", hit)
    assert (hit.start, hit.end, hit.ordinal) == (7, 11, 2)
    assert index.first(" b", 1) == index.step(" b", hit, 1)


@pytest.mark.parametrize("listed", [0, 2_000])
def test_overlapping_needles_typed_and_stepped(listed: int) -> None:
    """Needles whose occurrences overlap ("aa"), grown into ones that do not ("aab"): the matches
    stay the regex's left-to-right ones, stepping backwards included."""
    text = "aaab aaaa baaab aaaaa"
    saved, find_index.LISTED = find_index.LISTED, listed
    try:
        index = FindIndex(text)
        for needle in ("a", "aa", "aab", "aa", "aaa"):
            for origin in range(len(text) + 1):
                _check(index, text, needle, origin)
    finally:
        find_index.LISTED = saved
