"""The pure-Python stand-in for edlib (Windows has no edlib wheel) gives edlib's answers."""

from __future__ import annotations

import edlib
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import myers

small = st.binary(min_size=1, max_size=40).map(lambda b: bytes(c % 4 + 97 for c in b))


@settings(max_examples=300, deadline=None)
@given(small, small)
def test_global_distance_matches_edlib(a: bytes, b: bytes) -> None:
    assert (
        myers.align(a, b, "NW", "distance")["editDistance"]
        == edlib.align(a, b, "NW", "distance")["editDistance"]
    )


@settings(max_examples=300, deadline=None)
@given(
    small,
    st.binary(min_size=1, max_size=200).map(lambda b: bytes(c % 4 + 97 for c in b)),
    st.integers(0, 8),
)
def test_infix_search_finds_the_same_best_distance_and_real_matches(
    quote: bytes, text: bytes, k: int
) -> None:
    ours = myers.align(quote, text, "HW", "locations", k)
    theirs = edlib.align(quote, text, mode="HW", task="locations", k=k)
    assert ours["editDistance"] == theirs["editDistance"]
    # edlib also reports the empty alignment before the text (end -1) when nothing matches at
    # all (best == len(quote)); re-anchoring never accepts that many errors.
    ends = {end for _start, end in theirs["locations"] if end >= 0}
    assert {end for _start, end in ours["locations"]} == ends
    for start, end in ours["locations"]:  # each location really is that close to the quote
        span = text[start : end + 1]
        assert edlib.align(quote, span, "NW", "distance")["editDistance"] == ours["editDistance"]


def test_fuzzy_search_works_on_the_stand_in(monkeypatch) -> None:
    """The re-anchoring search, with edlib swapped for the stand-in as on Windows."""
    from desktop_app.core import fuzzy

    monkeypatch.setattr(fuzzy, "edlib", myers)
    text = "Officials said the harbour plan would cost 4.2 million dollars next year."
    spans = fuzzy.infix_search("harbor plan", text, [(0, len(text))], 2)
    assert [text[s:e] for s, e in spans] == ["harbour plan"]
    assert fuzzy.edit_distance("harbour", "harbor") == 1
