"""SpanIndex.overlapping agrees with a brute-force scan, for spans within and across lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.spans import SpanIndex

TEXT = "Été 🙂 one\n\ntwo “three” four\nfive six seven\n\neight nine ten eleven twelve"


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 30)), max_size=25),
    query=st.tuples(st.integers(0, len(TEXT) - 1), st.integers(0, 30)),
)
def test_overlapping_matches_brute_force(
    spans: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    placed = [(f"a{n}", s, min(len(TEXT), s + size)) for n, (s, size) in enumerate(spans)]
    index = SpanIndex(TEXT, placed)
    start, end = query[0], min(len(TEXT), query[0] + query[1])
    expected = {i for i, s, e in placed if s < end and e > start}
    assert set(index.overlapping(start, end)) == expected
    if placed:
        index.remove(placed[0][0])
        assert set(index.overlapping(start, end)) == expected - {placed[0][0]}
