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
        Segment(1, 3, "outer", "outer", 1),
        Segment(3, 5, "outer", "inner", 2),
        Segment(5, 8, "outer", "outer", 1),
    ]
    assert index.segments(1) == []
    assert index.at(4) == ["inner", "outer"]


def test_span_across_lines_is_clipped_per_line() -> None:
    """A span crossing a newline paints each line's part, offsets relative to that line."""
    text = "first line\n\nthird line"
    index = SpanIndex(text, [("x", 6, 17)])
    assert index.segments(0) == [Segment(6, 10, "x", "x", 1)]
    assert index.segments(1) == []
    assert index.segments(2) == [Segment(0, 5, "x", "x", 1)]
    assert index.remove("x") == range(0, 3)
    assert index.segments(2) == []


@given(st.text(alphabet="ab\n🙂é", max_size=40), st.data())
def test_segments_cover_exactly_the_spans(text: str, data: st.DataObject) -> None:
    """Every character gets the right count, longest and shortest covering span (not newlines)."""
    spans = []
    for n in range(data.draw(st.integers(0, 4))):
        if len(text) < 1:
            break
        s = data.draw(st.integers(0, len(text) - 1))
        e = data.draw(st.integers(s + 1, len(text)))
        spans.append((f"id{n}", s, e))
    index = SpanIndex(text, spans)
    for line, start in enumerate(index.starts):
        covered: dict[int, Segment] = {}
        for seg in index.segments(line):
            for pos in range(start + seg.start, start + seg.end):
                covered[pos] = seg
        end = index.starts[line + 1] - 1 if line + 1 < len(index.starts) else len(text)
        for pos in range(start, end):
            cover = [(i, max(s, start), min(e, end)) for i, s, e in spans if s <= pos < e]
            if not cover:
                assert pos not in covered
                continue
            seg = covered[pos]
            assert seg.count == len(cover)
            assert seg.outer == min(cover, key=lambda c: (c[1] - c[2], c[1], c[0]))[0]
            assert seg.inner == min(cover, key=lambda c: (c[2] - c[1], -c[1], c[0]))[0]


def test_thousands_of_overlaps_on_one_line_stay_fast() -> None:
    """5,000 overlapping spans in one paragraph come back as at most 10,000 runs (a sweep, not n²)."""
    text = "word " * 20_000
    spans = [(f"a{n}", n * 7, n * 7 + 300) for n in range(5_000)]
    index = SpanIndex(text, spans)
    segments = index.segments(0)
    assert len(segments) <= 2 * len(spans)
    assert max(s.count for s in segments) == 43  # 300 // 7 + 1 spans overlap at most


def _naive_segments(text: str, spans: dict[str, tuple[int, int]], line: int) -> list[Segment]:
    """Character by character: who covers each position of the line, merged into runs."""
    start = sum(len(part) + 1 for part in text.split("\n")[:line])
    end = start + len(text.split("\n")[line])
    out: list[Segment] = []
    for pos in range(start, end):
        cover = [(i, max(s, start), min(e, end)) for i, (s, e) in spans.items() if s <= pos < e]
        if not cover:
            continue
        outer = min(cover, key=lambda c: (c[1] - c[2], c[1], c[0]))[0]
        inner = min(cover, key=lambda c: (c[2] - c[1], -c[1], c[0]))[0]
        seg = Segment(pos - start, pos - start + 1, outer, inner, len(cover))
        last = out[-1] if out else None
        if last and last.end == seg.start and last[2:] == seg[2:]:
            out[-1] = last._replace(end=seg.end)
        else:
            out.append(seg)
    return out


def _merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent runs with the same cover joined (the sweep may split a run at a boundary)."""
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].end == seg.start and out[-1][2:] == seg[2:]:
            out[-1] = out[-1]._replace(end=seg.end)
        else:
            out.append(seg)
    return out


@given(st.text(alphabet="ab\n🙂é", min_size=1, max_size=30), st.data())
def test_edits_match_a_naive_index(text: str, data: st.DataObject) -> None:
    """After any mix of bulk load, add (new or moved) and remove, every query agrees with a
    character-by-character reference."""
    ids = [f"id{n}" for n in range(6)]

    def span() -> tuple[int, int]:
        s = data.draw(st.integers(0, len(text) - 1))
        return s, data.draw(st.integers(s + 1, len(text)))

    naive = {i: span() for i in data.draw(st.lists(st.sampled_from(ids), unique=True))}
    index = SpanIndex(text, [(i, s, e) for i, (s, e) in naive.items()])
    for _ in range(data.draw(st.integers(0, 8))):
        ident = data.draw(st.sampled_from(ids))
        if ident in naive and data.draw(st.booleans()):
            s, e = naive.pop(ident)
            assert index.remove(ident) == index.lines_touched(s, e)
        else:
            naive[ident] = span()
            assert index.add(ident, *naive[ident]) == index.lines_touched(*naive[ident])
        assert dict(index.spans) == naive
        assert all((i in index.spans) == (i in naive) for i in ids)
        for line in range(text.count("\n") + 1):
            assert _merged(index.segments(line)) == _naive_segments(text, naive, line)
            begun = {i for i, (s, _) in naive.items() if text.count("\n", 0, s) == line}
            assert sorted(index.starting_on(line)) == sorted(begun)
        for pos in range(len(text)):
            cover = sorted((e - s, s, i) for i, (s, e) in naive.items() if s <= pos < e)
            assert index.at(pos) == [i for _, _, i in cover]
            assert text.count("\n", 0, pos) == index.line_of(pos)
