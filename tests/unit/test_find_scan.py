"""Find before the index is built: the windowed scan finds what `find_all` finds, from any
origin and whatever the window size; an index folded in slices matches as one folded whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import find_index
from desktop_app.core.find_index import FindIndex, ScanSearch
from desktop_app.core.search import find_all

# no needle can match twice overlapping here (no border: "said", "a b"…), see ScanSearch's docstring
TEXT = st.lists(
    st.sampled_from(["said", "“said”", "Said", "a  b", "a\u00a0b", "café", "🙂", "—", "-", "x"]),
    max_size=80,
).map(" ".join)
NEEDLE = st.sampled_from(["said", '"said"', "a b", "CAFÉ", "🙂 said", "-", "said x", "x"])


@settings(max_examples=200)
@given(text=TEXT, needle=NEEDLE, window=st.integers(1, 40), data=st.data())
def test_scan_finds_what_find_all_finds(
    text: str, needle: str, window: int, data: st.DataObject
) -> None:
    origin = data.draw(st.integers(0, len(text)))
    scan = ScanSearch(text, needle, origin)
    scan.WINDOW, scan.OVERLAP = window, 32
    steps = 0
    while not scan.advance(0.0):  # one window per call
        steps += 1
    expected = find_all(text, needle)
    assert scan.matches == expected
    after = [m for m in expected if m[0] >= origin]
    assert scan.first == (after[0] if after else expected[0] if expected else None)
    assert steps <= len(text) // window + 2


def test_the_first_match_after_the_origin_is_known_before_the_scan_ends() -> None:
    text = "said " * 10 + "x " * 200 + "said"
    scan = ScanSearch(text, "SAID", text.index("x"))
    scan.WINDOW = 64
    scan.advance(0.0)
    assert not scan.done and scan.first is None  # 64 characters of x: nothing yet
    while scan.first is None:
        scan.advance(0.0)
    assert scan.first == (len(text) - 4, len(text))
    while not scan.advance(0.0):
        pass
    assert len(scan.matches) == 11 and scan.first == (len(text) - 4, len(text))


@given(text=TEXT, needle=NEEDLE)
def test_folding_in_slices_changes_nothing(text: str, needle: str) -> None:
    saved, find_index._FOLD_SLICE = find_index._FOLD_SLICE, 3
    try:
        sliced = FindIndex(text)
    finally:
        find_index._FOLD_SLICE = saved
    assert sliced.folded == FindIndex(text).folded
    assert sliced.all(needle) == find_all(text, needle)
