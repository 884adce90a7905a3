"""Find-as-you-type on long drafts: a folded copy of the text searched with str.find/str.count.

Folding maps each character to one: lower case, every quote, apostrophe and dash variant to its
plain form, and a whitespace run to one space (the only change of length, kept in a short table
of runs to map offsets back), so a typed needle is one literal and each keystroke costs at most a
C-level pass or two over the draft, never a regex scan. Matches are exactly `search.find_all`'s.
When a typed needle extends the previous one and that had few occurrences, only those are
re-checked; otherwise a keystroke finds the next match only, and the matches are counted later
(`count`, one pass: call it once typing pauses).
"""

from __future__ import annotations

import re
import time
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from desktop_app.core.search import (
    _APOSTROPHES,
    _DASHES,
    _EQUIVALENTS,
    _QUOTES,
    find_all,
    needle_pattern,
)

_CANONICAL = {ch: cls[2] for ch, cls in _EQUIVALENTS.items()}  # '"', "'" or '-'
_CLASS_MEMBERS = {ch: cls[2] for cls in (_QUOTES, _APOSTROPHES, _DASHES) for ch in cls[1:-1]}
# members of a class that are not typed equivalents match only themselves when typed: the regex
_ONE_WAY = frozenset(_CLASS_MEMBERS) - frozenset(_EQUIVALENTS)
_SPACE_RUN = re.compile(" {2,}")
# Every str.isspace() character but the plain space, written out: deriving it walks 12,000
# code points at import, ~2 ms of start-up (tests/unit/test_find_index.py derives it again).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
LISTED = 1_000  # up to this many occurrences are listed (and re-checked as the needle grows)
_CACHED_NEEDLES = 64
_BORDER_WALK_LIMIT = 10_000  # a pathological run of one repeated letter stops being exact here
_REPLACEMENTS = [
    (ch, canonical)
    for ch, canonical in [*_CLASS_MEMBERS.items(), *((w, " ") for w in _WHITESPACE)]
    if ch != canonical
]
_FOLD_SLICE = 1 << 18  # characters folded per step (about a millisecond each)


def _fold_case(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter lowering to two (İ): keep such letters as they are
        table = {ord(c): c.lower() for c in set(text) if len(c.lower()) == 1}
        lowered = text.translate(table)
    return lowered.replace("ς", "σ")  # final sigma: str.lower depends on context, re does not


def _has_border(literal: str) -> bool:
    """Whether two occurrences can overlap ("aa", "that"): its start repeats its end."""
    return any(literal[:k] == literal[-k:] for k in range(1, len(literal)))


@dataclass(frozen=True)
class Hit:
    """One match: its code-point span, its place among all matches and their number (None
    until counted: see `FindIndex.count`)."""

    start: int
    end: int
    ordinal: int | None  # 1-based
    total: int | None


class FindIndex:
    """Built once per draft (a few hundred ms for 5 M characters: build it when the find bar opens
    or in a worker); `first` and `step` are then cheap however long the draft."""

    def __init__(self, text: str, ignore_case: bool = True) -> None:
        self.text = text
        self.ignore_case = ignore_case
        # Folded a slice at a time (every step maps one character to one): a worker thread
        # building the index then never holds the interpreter lock for long in one C call.
        folded = "".join(
            self._fold(text[i : i + _FOLD_SLICE]) for i in range(0, len(text), _FOLD_SLICE)
        )
        pieces: list[str] = []  # every whitespace character is a space now: collapse the runs
        self._at = array("q")  # collapsed position of each run of 2+ whitespace characters
        self._orig = array("q")  # its original position
        self._cum = array("q")  # characters removed up to and including that run
        last = removed = 0
        for m in _SPACE_RUN.finditer(folded):
            pieces.append(folded[last : m.start()])
            pieces.append(" ")
            last = m.end()
            self._at.append(m.start() - removed)
            self._orig.append(m.start())
            removed += m.end() - m.start() - 1
            self._cum.append(removed)
        pieces.append(folded[last:])
        self.folded = "".join(pieces)
        # literal -> (every occurrence, the left-to-right matches among them), or None if too many
        self._listed: dict[str, tuple[list[int], list[int]] | None] = {}
        self._fallback: dict[str, list[tuple[int, int]]] = {}

    def _fold(self, part: str) -> str:
        folded = _fold_case(part) if self.ignore_case else part
        for ch, canonical in _REPLACEMENTS:
            if ch in folded:  # instant when the text cannot hold ch
                folded = folded.replace(ch, canonical)
        return folded

    # -- offsets --------------------------------------------------------------------------------
    def _to_original(self, c: int) -> int:
        k = bisect_left(self._at, c) - 1  # the last run before collapsed position c
        return c + self._cum[k] if k >= 0 else c

    def _to_collapsed(self, o: int) -> int:
        """The first collapsed position whose original position is at or after `o`."""
        k = bisect_right(self._orig, o) - 1
        if k < 0:
            return o
        if o == self._orig[k]:
            return self._at[k]
        width = self._cum[k] - (self._cum[k - 1] if k else 0) + 1
        if o < self._orig[k] + width:  # inside the run
            return self._at[k] + 1
        return o - self._cum[k]

    # -- the typed needle -----------------------------------------------------------------------
    def _literal(self, needle: str) -> str | None:
        """The needle folded like the text, or None if it needs the regex (one-way characters)."""
        if _ONE_WAY.intersection(needle):
            return None
        literal = " ".join(needle.split())
        if self.ignore_case:
            literal = _fold_case(literal)
        literal = "".join(_CANONICAL.get(ch, ch) for ch in literal)
        if needle[:1].isspace():
            literal = " " + literal
        if needle[-1:].isspace():
            literal += " "
        return literal

    def _listing(self, literal: str) -> tuple[list[int], list[int]] | None:
        """Every occurrence and the non-overlapping matches, if at most LISTED; from the longest
        listed prefix of `literal` (typing on) when there is one, else by one pass with str.find."""
        if literal in self._listed:
            return self._listed[literal]
        folded, n = self.folded, len(literal)
        prefix = max((k for k in self._listed if literal.startswith(k)), key=len, default=None)
        known = self._listed.get(prefix) if prefix is not None else None
        occurrences: list[int] | None
        if known is not None:
            occurrences = [p for p in known[0] if folded.startswith(literal, p)]
        else:
            occurrences = []
            p = folded.find(literal)
            while p != -1 and len(occurrences) < LISTED:
                occurrences.append(p)
                p = folded.find(literal, p + 1)
            if p != -1:
                occurrences = None
        listing = None
        if occurrences is not None:
            matches = occurrences
            if _has_border(literal):
                matches, end = [], -1
                for p in occurrences:
                    if p >= end:
                        matches.append(p)
                        end = p + n
            listing = (occurrences, matches)
        if len(self._listed) >= _CACHED_NEEDLES:
            del self._listed[next(iter(self._listed))]
        self._listed[literal] = listing
        return listing

    # -- many occurrences: counted by str.count, aligned by a short walk ------------------------
    def _cluster_start(self, literal: str, p: int) -> int:
        """Walk back over mutually overlapping occurrences: the first is a left-to-right match."""
        n, folded = len(literal), self.folded
        if not _has_border(literal):
            return p
        for _ in range(_BORDER_WALK_LIMIT):
            q = folded.rfind(literal, max(0, p - n + 1), p + n - 1)
            if q == -1:
                break
            p = q
        return p

    def _match_from(self, literal: str, c: int, stop: int | None = None) -> int:
        """Collapsed start of the first non-overlapping match in [c, stop), or -1."""
        folded, n = self.folded, len(literal)
        p = folded.find(literal, c, len(folded) if stop is None else stop + n - 1)
        if p == -1:
            return -1
        g = self._cluster_start(literal, p)
        while g != -1 and g < p:
            g = folded.find(literal, g + n)
        return g

    def _match_before(self, literal: str, c: int) -> int:
        """Collapsed start of the last non-overlapping match starting before c, or -1."""
        folded, n = self.folded, len(literal)
        r = folded.rfind(literal, 0, c + n - 1)
        if r == -1:
            return -1
        g = self._cluster_start(literal, r)
        while True:
            following = folded.find(literal, g + n, c + n - 1)
            if following == -1:
                return g
            g = following

    def _hit(
        self, literal: str, g: int, ordinal: int | None = None, total: int | None = None
    ) -> Hit:
        end = self._to_original(g + len(literal))
        return Hit(self._to_original(g), end, ordinal, total)

    def _listed_hit(self, literal: str, matches: list[int], k: int) -> Hit:
        g = matches[k]
        end = self._to_original(g + len(literal))
        return Hit(self._to_original(g), end, k + 1, len(matches))

    def _regex_hits(self, needle: str) -> list[tuple[int, int]]:
        if needle not in self._fallback:
            self._fallback = {needle: find_all(self.text, needle, self.ignore_case)}
        return self._fallback[needle]

    # -- public -----------------------------------------------------------------------------------
    def first(self, needle: str, origin: int = 0) -> Hit | None:
        """The first match starting at or after `origin`, else the first one; None if none."""
        if not needle.strip():
            return None
        literal = self._literal(needle)
        if literal is None:
            hits = self._regex_hits(needle)
            after = next((n for n, (s, _) in enumerate(hits) if s >= origin), 0)
            return Hit(*hits[after], after + 1, len(hits)) if hits else None
        c = self._to_collapsed(origin)
        listing = self._listing(literal)
        if listing is not None:
            matches = listing[1]
            if not matches:
                return None
            k = bisect_left(matches, c)
            return self._listed_hit(literal, matches, k if k < len(matches) else 0)
        g = self._match_from(literal, c)
        if g == -1:
            g = self._match_from(literal, 0, c)
        return None if g == -1 else self._hit(literal, g)

    def count(self, needle: str, hit: Hit) -> Hit:
        """`hit` with its number and the number of matches (one pass over the draft)."""
        if hit.total is not None:
            return hit
        literal = self._literal(needle)
        assert literal is not None  # uncounted hits come from the literal path only
        g = self._to_collapsed(hit.start)
        before = self.folded.count(literal, 0, g)
        return Hit(hit.start, hit.end, before + 1, before + self.folded.count(literal, g))

    def step(self, needle: str, hit: Hit, direction: int) -> Hit:
        """The next (direction 1) or previous (-1) match after `hit`, wrapping around."""
        literal = self._literal(needle)
        if literal is None:
            hits = self._regex_hits(needle)
            n = (hit.ordinal - 1 + direction) % len(hits)
            return Hit(*hits[n], n + 1, len(hits))
        listing = self._listing(literal)
        if listing is not None:
            matches = listing[1]
            k = bisect_left(matches, self._to_collapsed(hit.start))
            return self._listed_hit(literal, matches, (k + direction) % len(matches))
        c = self._to_collapsed(hit.start)
        total = hit.total
        ordinal = None if hit.ordinal is None else hit.ordinal + direction
        if direction > 0:
            g = self.folded.find(literal, c + len(literal))
            if g == -1:
                g, ordinal = self._match_from(literal, 0), 1
        else:
            g = self._match_before(literal, c)
            if g == -1:
                g, ordinal = self._match_before(literal, len(self.folded)), total
        return self._hit(literal, g, ordinal, total)

    def all(self, needle: str) -> list[tuple[int, int]]:
        """Every match in reading order (what `find_all` returns)."""
        if not needle.strip():
            return []
        literal = self._literal(needle)
        if literal is None:
            return list(self._regex_hits(needle))
        n = len(literal)
        out: list[tuple[int, int]] = []
        g = self._match_from(literal, 0)
        while g != -1:
            out.append((self._to_original(g), self._to_original(g + n)))
            g = self.folded.find(literal, g + n)
        return out


class ScanSearch:
    """Until a draft's FindIndex is built: the typed words searched by the regex of `find_all`,
    a window at a time (`advance` stops after `budget` seconds), from `origin` to the end and
    then from the start, so the first match after the caret shows at once and the count follows.
    Rare edges until the index is ready: a match longer than OVERLAP characters (a huge
    whitespace run) can be missed at a window edge, and in a run of overlapping occurrences ("aa"
    in "aaaa") around the caret the pairing can differ from `find_all`'s."""

    WINDOW = 1 << 17
    OVERLAP = 4096

    def __init__(self, text: str, needle: str, origin: int = 0, ignore_case: bool = True) -> None:
        self.text, self.origin = text, min(max(origin, 0), len(text))
        flags = re.IGNORECASE if ignore_case else 0
        self._pattern = re.compile(needle_pattern(needle), flags) if needle.strip() else None
        self._after: list[tuple[int, int]] = []  # matches from origin on
        self._before: list[tuple[int, int]] = []  # matches before origin (found after wrapping)
        self._pos = self.origin  # where the next window starts
        self._wrapped = False
        self.done = self._pattern is None

    def advance(self, budget: float) -> bool:
        """Scan windows until `budget` seconds have passed or the text is done; returns `done`."""
        started = time.perf_counter()
        while not self.done:
            self._window()  # at least one window per call, however small the budget
            if time.perf_counter() - started >= budget:
                break
        return self.done

    def _window(self) -> None:
        assert self._pattern is not None
        text, pattern = self.text, self._pattern
        stop = len(text) if not self._wrapped else self.origin
        end = min(self._pos + self.WINDOW, stop)
        found = self._before if self._wrapped else self._after
        limit = len(text) if not self._wrapped else min(len(text), self.origin + self.OVERLAP)
        for m in pattern.finditer(text, self._pos, min(end + self.OVERLAP, limit)):
            if m.start() >= end:
                break
            span = m.span()
            if m.end() == min(end + self.OVERLAP, limit) and m.end() < len(text):
                whole = pattern.match(text, m.start())  # cut by the window: its real end
                span = whole.span() if whole else span
            if found and span[0] < found[-1][1]:
                continue  # overlaps the previous match (found again across a window edge)
            found.append(span)
        self._pos = end
        if end >= stop:
            if self._wrapped or self.origin == 0:
                self.done = True
            else:
                self._wrapped, self._pos = True, 0
        if self.done and self._before:
            # The match straddling the origin is found by the wrap: those it overlaps go.
            seam = self._before[-1][1]
            while self._after and self._after[0][0] < seam:
                del self._after[0]

    @property
    def first(self) -> tuple[int, int] | None:
        """The first match at or after origin, else the first one, as far as scanned."""
        if self._after:
            return self._after[0]
        return self._before[0] if self._before else None

    @property
    def matches(self) -> list[tuple[int, int]]:
        """Every match in reading order (complete once `done`)."""
        return self._before + self._after
