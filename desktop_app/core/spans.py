"""A compact index of annotation spans per line, for painting highlights one line at a time.

Lines are the text split on "\\n" (what Qt calls blocks). Spans live in flat integer arrays, not a
Python object each: one sorted array of (start, slot) keys finds a line's spans by bisect, and the
rare span crossing a newline is also filed under each later line it covers.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Mapping
from heapq import heappop, heappush
from itertools import compress, count, repeat
from operator import lshift, ne, or_, sub
from typing import NamedTuple

_SLOT_BITS = 32  # a key is start << 32 | slot: sorting keys sorts by start, then slot
_SLOT_MASK = (1 << _SLOT_BITS) - 1


class Segment(NamedTuple):
    """A run of one line covered by the same annotations: offsets relative to the line start.

    Painting needs only the outermost (longest) and innermost (shortest) covering annotation and
    how many cover the run, so that is all a segment carries, however many overlap.
    """

    start: int
    end: int
    outer: str
    inner: str
    count: int


def line_starts(text: str) -> array[int]:
    starts = array("q", [0])
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


class _Spans(Mapping[str, tuple[int, int]]):
    """Read-only view: id -> (start, end)."""

    def __init__(self, index: SpanIndex) -> None:
        self._index = index

    def __getitem__(self, ident: str) -> tuple[int, int]:
        slot = self._index._slot[ident]
        return self._index._start[slot], self._index._end[slot]

    def __contains__(self, ident: object) -> bool:
        return ident in self._index._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._index._slot)

    def __len__(self) -> int:
        return len(self._index._slot)


class SpanIndex:
    def __init__(self, text: str, spans: Iterable[tuple[str, int, int]] = ()) -> None:
        latest = {ident: (start, end) for ident, start, end in spans}  # the last one given wins
        ids = list(latest)
        self._load(text, ids, [s for s, _ in latest.values()], [e for _, e in latest.values()])

    @classmethod
    def of(cls, text: str, ids: list[str], starts: list[int], ends: list[int]) -> SpanIndex:
        """The index of spans given as parallel lists, one entry per id (a draft's annotations):
        built by C-level passes over the lists, with no Python step per span."""
        index = cls.__new__(cls)
        index._load(text, ids, starts, ends)
        return index

    def _load(self, text: str, ids: list[str], starts: list[int], ends: list[int]) -> None:
        self.starts = line_starts(text)
        self.length = len(text)
        self._slot: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))  # id -> slot
        self._ids: list[str] = list(ids)  # slot -> id ("" when free)
        self._free: list[int] = []
        self.spans: Mapping[str, tuple[int, int]] = _Spans(self)
        self._start = array("q", starts)  # slot -> start
        self._end = array("q", ends)  # slot -> end
        shifted = map(lshift, starts, repeat(_SLOT_BITS))
        self._keys = array("q", sorted(map(or_, shifted, range(len(ids)))))
        self._crossing: dict[int, array[int]] = {}  # line -> slots of spans begun on earlier lines
        # No span is longer (it only grows): bounds the look-back in at().
        self._longest = max(map(sub, ends, starts), default=0)
        # The rare span crossing a line break: one holding a newline before its last character.
        breaks = map(text.find, repeat("\n"), starts, map(sub, ends, repeat(1)))
        for slot in compress(count(), map(ne, breaks, repeat(-1))):
            self._file_crossing(slot, starts[slot], ends[slot])

    def _file_crossing(self, slot: int, start: int, end: int) -> None:
        lines = self.lines_touched(start, end)
        if len(lines) < 2:
            return
        for line in lines[1:]:
            bucket = self._crossing.get(line)
            if bucket is None:
                self._crossing[line] = array("q", [slot])
            else:
                bucket.append(slot)

    def line_of(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def lines_touched(self, start: int, end: int) -> range:
        last = self.line_of(max(start, end - 1))
        return range(self.line_of(start), last + 1)

    def add(self, ident: str, start: int, end: int) -> range:
        """File a span; returns the lines to repaint."""
        if ident in self._slot:
            self.remove(ident)
        if self._free:
            slot = self._free.pop()
            self._ids[slot], self._start[slot], self._end[slot] = ident, start, end
        else:
            slot = len(self._ids)
            self._ids.append(ident)
            self._start.append(start)
            self._end.append(end)
        self._slot[ident] = slot
        insort(self._keys, start << _SLOT_BITS | slot)
        self._longest = max(self._longest, end - start)
        self._file_crossing(slot, start, end)
        return self.lines_touched(start, end)

    def remove(self, ident: str) -> range:
        slot = self._slot.pop(ident)
        start, end = self._start[slot], self._end[slot]
        key = start << _SLOT_BITS | slot
        del self._keys[bisect_left(self._keys, key)]
        lines = self.lines_touched(start, end)
        for line in lines[1:]:
            bucket = self._crossing[line]
            bucket.remove(slot)
            if not bucket:
                del self._crossing[line]
        self._ids[slot] = ""
        self._free.append(slot)
        return lines

    def _line_slots(self, line: int, upto: int | None = None) -> list[int]:
        """Slots of the spans touching `line` (those starting before `upto`, if given)."""
        first = self.starts[line]
        stop = self.starts[line + 1] if line + 1 < len(self.starts) else self.length + 1
        if upto is not None:
            stop = min(stop, upto)
            first = max(first, upto - self._longest)
        keys = self._keys
        lo = bisect_left(keys, first << _SLOT_BITS)
        hi = bisect_left(keys, stop << _SLOT_BITS)
        slots = list(self._crossing.get(line, ()))
        slots.extend(k & _SLOT_MASK for k in keys[lo:hi])
        return slots

    def starting_on(self, line: int) -> list[str]:
        """Ids of the spans that start on `line`."""
        stop = self.starts[line + 1] if line + 1 < len(self.starts) else self.length + 1
        keys, ids = self._keys, self._ids
        lo = bisect_left(keys, self.starts[line] << _SLOT_BITS)
        hi = bisect_left(keys, stop << _SLOT_BITS)
        return [ids[k & _SLOT_MASK] for k in keys[lo:hi]]

    def overlapping(self, start: int, end: int) -> list[str]:
        """Ids of the annotations sharing at least one character with [start, end)."""
        starts, ends, ids = self._start, self._end, self._ids
        found: dict[str, None] = {}
        for line in self.lines_touched(start, end):
            for slot in self._line_slots(line):
                if starts[slot] < end and ends[slot] > start:
                    found[ids[slot]] = None
        return list(found)

    def at(self, position: int) -> list[str]:
        """Ids of annotations covering `position`, innermost (shortest) first."""
        starts, ends, ids = self._start, self._end, self._ids
        hits = [
            slot
            for slot in self._line_slots(self.line_of(position), position + 1)
            if starts[slot] <= position < ends[slot]
        ]
        hits.sort(key=lambda n: (ends[n] - starts[n], starts[n], ids[n]))
        return [ids[n] for n in hits]

    def segments(self, line: int) -> list[Segment]:
        """The line's covered runs, by a sweep over span boundaries (n log n in the spans)."""
        slots = self._line_slots(line)
        if not slots:
            return []
        line_start = self.starts[line]
        line_end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else self.length
        starts, ends, ids = self._start, self._end, self._ids
        outer: list[tuple[int, int, str, int]] = []  # per span, its keys in the two heaps
        inner: list[tuple[int, int, str, int]] = []
        events: list[int] = []  # one int per event: position, 0 = end / 1 = start, span
        bits = len(slots).bit_length()
        for slot in slots:
            s, e = max(starts[slot], line_start), min(ends[slot], line_end)
            if s < e:
                k = len(outer)
                outer.append((s - e, s, ids[slot], k))
                inner.append((e - s, -s, ids[slot], k))
                events.append((s << 1 | 1) << bits | k)
                events.append((e << 1) << bits | k)
        if not outer:
            return []
        events.sort()
        mask, shift = (1 << bits) - 1, bits + 1
        active = bytearray(len(outer))
        live = 0
        longest: list[tuple[int, int, str, int]] = []  # heaps with lazy deletion
        shortest: list[tuple[int, int, str, int]] = []
        out: list[Segment] = []
        i, total = 0, len(events)
        event = events[0]
        while i < total:
            position = event >> shift
            while True:  # every event at this position
                k = event & mask
                if event >> bits & 1:
                    active[k] = 1
                    live += 1
                    heappush(longest, outer[k])
                    heappush(shortest, inner[k])
                else:
                    active[k] = 0
                    live -= 1
                i += 1
                if i == total:
                    break
                event = events[i]
                if event >> shift != position:
                    break
            if not live or i == total:
                continue
            while not active[longest[0][3]]:
                heappop(longest)
            while not active[shortest[0][3]]:
                heappop(shortest)
            out.append(
                Segment(
                    position - line_start,
                    (event >> shift) - line_start,
                    longest[0][2],
                    shortest[0][2],
                    live,
                )
            )
        return out
