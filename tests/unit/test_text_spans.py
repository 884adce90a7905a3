"""The span index and the code-point/UTF-16 conversion that feed the highlighter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.spans import Segment, SpanIndex


def test_segments_split_overlaps_outermost_first() -> None:
    """Two overlapping spans on one line give three runs with the right covering ids."""
    text = "abcdefghij\nsecond line"
    index = SpanIndex(text, [("outer", 1, 8), ("inner", 3, 5)])
    assert index.segments(0) == [
        Segment(1, 3, ("outer",)),
        Segment(3, 5, ("outer", "inner")),
        Segment(5, 8, ("outer",)),
    ]
    assert index.segments(1) == []
    assert index.at(4) == ["inner", "outer"]


def test_span_across_lines_is_clipped_per_line() -> None:
    """A span crossing a newline paints each line's part, offsets relative to that line."""
    text = "first line\n\nthird line"
    index = SpanIndex(text, [("x", 6, 17)])
    assert index.segments(0) == [Segment(6, 10, ("x",))]
    assert index.segments(1) == []
    assert index.segments(2) == [Segment(0, 5, ("x",))]
    assert index.remove("x") == range(0, 3)
    assert index.segments(2) == []


@given(st.text(alphabet="ab\n🙂é", max_size=40), st.data())
def test_segments_cover_exactly_the_spans(text: str, data: st.DataObject) -> None:
    """Every character is reported covered by exactly the spans that contain it (not newlines)."""
    spans = []
    for n in range(data.draw(st.integers(0, 4))):
        if len(text) < 1:
            break
        s = data.draw(st.integers(0, len(text) - 1))
        e = data.draw(st.integers(s + 1, len(text)))
        spans.append((f"id{n}", s, e))
    index = SpanIndex(text, spans)
    for line, start in enumerate(index.starts):
        covered: dict[int, set[str]] = {}
        for seg in index.segments(line):
            for pos in range(start + seg.start, start + seg.end):
                covered[pos] = set(seg.ids)
        end = index.starts[line + 1] - 1 if line + 1 < len(index.starts) else len(text)
        for pos in range(start, end):
            expected = {i for i, s, e in spans if s <= pos < e}
            assert covered.get(pos, set()) == expected
