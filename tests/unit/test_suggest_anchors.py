"""The anchored passes find exactly what a whole-text pass of the same pattern finds."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.suggest import anchors, anonymous
from desktop_app.core.suggest.names import UPPER, first_full_name

_WORDS = (
    "a an two several the senior official officials people person familiar with matter said "
    "according to spoke on condition of anonymity because talks are private was not authorized "
    "speak publicly analysts Shipping residents asked not be named who Ministry Transport "
    "Élodie 😀 , . ; \n\n"
).split(" ")
_DRAFTS = st.lists(st.sampled_from(_WORDS), max_size=80).map(" ".join)
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@_SETTINGS
@given(_DRAFTS)
def test_windowed_sources_and_reasons_equal_whole_text(text: str):
    """find_sources / find_reasons with anchors == the same functions without (whole text)."""
    low = anchors.lowered(text)
    body = [(0, len(text))]
    assert anonymous.find_sources(text, body, low) == anonymous.find_sources(text, body, None)
    assert anonymous.find_reasons(text, low) == anonymous.find_reasons(text, None)


@_SETTINGS
@given(_DRAFTS)
def test_anchor_finditer_equals_finditer(text: str):
    """anchors.finditer over windows around every needle == pattern.finditer on the text."""
    pattern = re.compile(r"(?:spoke|asked) [^.;]*?(?:anonymity|named)")
    low = text.lower()
    spans = anchors.windows(anchors.positions(low, ["anonymity", "named"]), 200, 20, len(text))
    found = [m.span() for m in anchors.finditer(pattern, text, spans, slack=20)]
    assert found == _spans(pattern, text)


def test_trie_pattern_matches_the_same_words_longest_first():
    """The prefix trie accepts exactly the words, preferring the longer of say/says."""
    words = ["said", "says", "say", "went on", "told"]
    trie = re.compile(anchors.trie_pattern(words))
    assert [trie.fullmatch(w) is not None for w in words] == [True] * 5
    assert trie.fullmatch("sai") is None and trie.match("says").group() == "says"


def test_first_full_name_agrees_with_the_regex():
    """The str.find lookup returns what the regex search it replaces returned."""
    text = "Officer  Halloran came. x-Curtis Halloran said; Ann Hallorans; Dr. Mary-Jo Halloran"
    expected = re.search(rf"[{UPPER}][\w’'-]+ {re.escape('Halloran')}\b", text)
    assert expected is not None and first_full_name(text, "Halloran") == expected.group()
    assert first_full_name("nobody here", "Halloran") == ""
