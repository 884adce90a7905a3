"""Cheap anchors, then heavy patterns only around them.

A descriptor or anonymity pattern tried at every position of a 1 MB draft costs hundreds of
milliseconds; every match of it contains one of a few literal words ("official", "anonymity"),
which `str.find` locates at memory speed. The pattern then runs on small windows around those
words, with results identical to a whole-text pass: lookbehinds and \\b see the whole string,
a match near a window's end is redone on the whole text, and matches never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def positions(lowered: str, needles: Iterable[str]) -> list[int]:
    """Sorted start offsets of every needle in `lowered` (a lower-cased copy of the text, or
    the text itself for needles such as quotation marks). str.find per needle runs at memory
    speed, where a regex character class tests each character of the text in turn."""
    out: list[int] = []
    append = out.append
    for needle in needles:
        find = lowered.find
        i = find(needle)
        while i >= 0:
            append(i)
            i = find(needle, i + 1)
    out.sort()
    return out


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of `words` factored by common prefixes ("a(?:ide|nalyst)"): the regex
    engine then tests each first letter once instead of trying every word at every position."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            # An optional letter is a cheap single-character repeat; an optional group of more
            # is spelled as a choice with an empty branch: the same matches in the same order,
            # without the repeat context the engine allocates each time it tries `(?:...)?`.
            return f"{body}?" if len(body) == 1 else f"(?:{body}|)"
        return body

    return "(?:" + build(root) + ")"


def windows(anchors: list[int], before: int, after: int, size: int) -> list[tuple[int, int]]:
    """Merged (start, end) windows reaching `before`/`after` characters around each anchor."""
    out: list[tuple[int, int]] = []
    for a in anchors:
        start, end = max(0, a - before), min(size, a + after)
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def finditer(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]], slack: int = 0
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` restricted to `spans`: the same matches wherever each lies
    inside a span. A match ending within `slack` of a span's end (where the cut could have
    shortened it, or made it: `$` holds at the cut) is redone at its start on the whole text,
    and dropped when the whole text has none there."""
    last_end = 0
    size = len(text)
    for start, end in spans:
        pos = max(start, last_end)
        while pos < end:
            m = pattern.search(text, pos, end)
            if m is None:
                break
            if end < size and m.end() >= end - slack:
                whole = pattern.match(text, m.start())
                if whole is None:
                    pos = m.start() + 1
                    continue
                m = whole
            yield m
            last_end = m.end() if m.end() > m.start() else m.end() + 1
            pos = last_end


def in_windows(
    pattern: re.Pattern[bytes], data: bytes, windows: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(k, start) for each match of `pattern` in window k, data[lo:hi], searched as if alone;
    `start` is an offset in `data`. For patterns that hold no "|" and fail at "|" as at the end
    of the data (literals in a lookahead): the windows, thousands of short ones, are joined by
    "|" and searched once, where a search per window cost more in calls than in scanning."""
    if not windows:
        return []
    pieces = [data[lo:hi] for lo, hi in windows]
    out: list[tuple[int, int]] = []
    append = out.append
    # Walk the windows beside the hits (both in order): window k starts at `at` in the joined
    # copy and ends at `limit`.
    k, at, limit = 0, 0, len(pieces[0])
    for m in pattern.finditer(b"|".join(pieces)):
        pos = m.start()
        while pos >= limit:
            at = limit + 1
            k += 1
            limit = at + len(pieces[k])
        append((k, pos - at + windows[k][0]))
    return out


def matches_at(
    pattern: re.Pattern[str], text: str, candidates: list[int]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match begins at one of the sorted
    `candidates` (a superset is fine): `pattern` is tried only there, anchored, on the whole
    text, and a candidate inside an earlier match is skipped as finditer would."""
    last_end = 0
    match = pattern.match
    for pos in candidates:
        if pos < last_end:
            continue
        m = match(text, pos)
        if m is not None:
            yield m
            last_end = m.end()


def lowered(text: str) -> str | None:
    """text.lower() when offsets survive it (lower() can lengthen "İ"); None otherwise."""
    low = text.lower()
    return low if len(low) == len(text) else None
