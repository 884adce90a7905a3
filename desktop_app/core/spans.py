"""A pure-Python index of annotation spans per line, for painting highlights one line at a time.

Lines are the text split on "\\n" (what Qt calls blocks). Each annotation is filed under every line it
touches, so finding a line's segments is a dict lookup plus a sweep over a handful of boundaries.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from heapq import heappop, heappush


@dataclass(frozen=True)
class Segment:
    """A run of one line covered by the same annotations: offsets relative to the line start.

    Painting needs only the outermost (longest) and innermost (shortest) covering annotation and
    how many cover the run, so that is all a segment carries, however many overlap.
    """

    start: int
    end: int
    outer: str
    inner: str
    count: int


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


class SpanIndex:
    def __init__(self, text: str, spans: Iterable[tuple[str, int, int]] = ()) -> None:
        self.starts = line_starts(text)
        self.length = len(text)
        self.spans: dict[str, tuple[int, int]] = {}
        self.by_line: dict[int, set[str]] = {}
        starts, by_line, index = self.starts, self.by_line, self.spans
        for ident, start, end in spans:  # add() inlined: opening files thousands at once
            index[ident] = (start, end)
            first = bisect_right(starts, start) - 1
            last = bisect_right(starts, end - 1) - 1 if end - 1 > start else first
            for line in range(first, last + 1):
                bucket = by_line.get(line)
                if bucket is None:
                    by_line[line] = {ident}
                else:
                    bucket.add(ident)

    def line_of(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def lines_touched(self, start: int, end: int) -> range:
        last = self.line_of(max(start, end - 1))
        return range(self.line_of(start), last + 1)

    def add(self, ident: str, start: int, end: int) -> range:
        """File a span; returns the lines to repaint."""
        if ident in self.spans:
            self.remove(ident)
        self.spans[ident] = (start, end)
        lines = self.lines_touched(start, end)
        for line in lines:
            self.by_line.setdefault(line, set()).add(ident)
        return lines

    def remove(self, ident: str) -> range:
        start, end = self.spans.pop(ident)
        lines = self.lines_touched(start, end)
        for line in lines:
            bucket = self.by_line.get(line)
            if bucket is not None:
                bucket.discard(ident)
                if not bucket:
                    del self.by_line[line]
        return lines

    def at(self, position: int) -> list[str]:
        """Ids of annotations covering `position`, innermost (shortest) first."""
        hits = [
            i
            for i in self.by_line.get(self.line_of(position), ())
            if self.spans[i][0] <= position < self.spans[i][1]
        ]
        return sorted(hits, key=lambda i: (self.spans[i][1] - self.spans[i][0], self.spans[i][0]))

    def segments(self, line: int) -> list[Segment]:
        """The line's covered runs, by a sweep over span boundaries (n log n in the spans)."""
        ids = self.by_line.get(line)
        if not ids:
            return []
        line_start = self.starts[line]
        line_end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else self.length
        events: list[tuple[int, int, str]] = []  # (position, 0 = end / 1 = start, id)
        clipped: dict[str, tuple[int, int]] = {}
        for i in ids:
            s, e = self.spans[i]
            s, e = max(s, line_start), min(e, line_end)
            if s < e:
                clipped[i] = (s, e)
                events.append((s, 1, i))
                events.append((e, 0, i))
        events.sort()
        active: set[str] = set()
        longest: list[tuple[int, int, str]] = []  # heaps with lazy deletion
        shortest: list[tuple[int, int, str]] = []
        out: list[Segment] = []
        n = 0
        while n < len(events):
            position = events[n][0]
            while n < len(events) and events[n][0] == position:
                _, kind, i = events[n]
                if kind:
                    s, e = clipped[i]
                    active.add(i)
                    heappush(longest, (s - e, s, i))
                    heappush(shortest, (e - s, -s, i))
                else:
                    active.discard(i)
                n += 1
            if not active or n == len(events):
                continue
            while longest[0][2] not in active:
                heappop(longest)
            while shortest[0][2] not in active:
                heappop(shortest)
            out.append(
                Segment(
                    position - line_start,
                    events[n][0] - line_start,
                    longest[0][2],
                    shortest[0][2],
                    len(active),
                )
            )
        return out
