"""Diffs between two revisions of a text: an old->new offset map, and a word-level diff of a quote.

The offset map is computed once per pair of texts (sentences first, then words inside the changed
sentences), so mapping thousands of annotations costs a bisect each.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# Sentence-ish tokens: a run up to terminal punctuation or a newline, with the spaces after it.
# Every character falls in exactly one token, so the tokens concatenate back to the text.
_SENTENCES = re.compile(r"[^\n.!?]*(?:[.!?]+|\n)\s*|[^\n.!?]+")
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
# Word-level matching inside a changed stretch is only trusted when the two sides are mostly
# alike (an edited sentence); a replaced paragraph shares common words by chance, and mapping
# through those would carry annotations onto unrelated words. In a stretch less alike than this,
# only runs of at least LOOSE_BLOCK_CHARS are kept, as "loose" blocks: hints, never proof.
MIN_REGION_SIMILARITY = 0.6
LOOSE_BLOCK_CHARS = 16
# Above this size a changed stretch is not diffed word by word (cost grows with the product).
MAX_REGION_CHARS = 200_000


@dataclass(frozen=True)
class Block:
    """old[old_start:old_start+size] == new[new_start:new_start+size]. `level` says how far it
    can be trusted: "sentence" (whole sentences alike), "word" (words inside an edited stretch),
    "loose" (a long run of words inside a stretch that changed a lot)."""

    old_start: int
    new_start: int
    size: int
    level: str

    @property
    def old_end(self) -> int:
        return self.old_start + self.size


def _common_length(a: str, b: str, direction: int) -> int:
    """Length of the common prefix (direction 1) or suffix (-1), by bisection on slices, which
    compares in C: a 1 M-character text costs a few dozen comparisons."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        same = a[:mid] == b[:mid] if direction > 0 else a[len(a) - mid :] == b[len(b) - mid :]
        lo, hi = (mid, hi) if same else (lo, mid - 1)
    return lo


def _spans(tokens: Sequence[str], offset: int = 0) -> list[int]:
    """Start offset of every token (from `offset`), plus the end of the last one."""
    starts = [offset]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts


class OffsetMap:
    """Where each stretch of the old text went in the new one, and which new stretches changed."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        # The common head and tail are certain and pin the diff at both ends: in repetitive text
        # ("mayor mayor mayor") a diff of the whole could pair each word with its neighbour.
        head = _common_length(old, new, 1)
        tail = _common_length(old[head:], new[head:], -1)
        # ...cut back to whole words: "povoba was hifesa" -> "povoba" shares a tail "a" that
        # belongs to different words in the two texts.
        while 0 < head < len(old) and old[head - 1].isalnum():
            head -= 1
        while 0 < tail < len(old) - head and old[len(old) - tail].isalnum():
            tail -= 1
        blocks: list[Block] = []
        if head:
            blocks.append(Block(0, 0, head, "sentence"))
        if tail:
            blocks.append(Block(len(old) - tail, len(new) - tail, tail, "sentence"))
        a = _SENTENCES.findall(old, head, len(old) - tail)
        b = _SENTENCES.findall(new, head, len(new) - tail)
        sa, sb = _spans(a, head), _spans(b, head)
        for tag, i1, i2, j1, j2 in _runs(_opcodes(a, b)):
            o1, o2, n1, n2 = sa[i1], sa[i2], sb[j1], sb[j2]
            if tag == "equal":
                blocks.append(Block(o1, n1, o2 - o1, "sentence"))
            elif o2 > o1 and n2 > n1:
                blocks.extend(_word_blocks(old, new, o1, o2, n1, n2))
        self.blocks = sorted(blocks, key=lambda blk: blk.old_start)
        self._old_starts = [blk.old_start for blk in self.blocks]
        self._new_starts = [blk.new_start for blk in self.blocks]  # sorted too: diffs keep order
        # Changed stretches of the new text, (start, end), empty where only a deletion happened:
        # whatever the trusted blocks do not carry over from the old text.
        self.changes: list[tuple[int, int]] = []
        old_at = new_at = 0
        for blk in self.blocks:
            if blk.level == "loose":
                continue
            if blk.new_start > new_at or blk.old_start > old_at:
                self.changes.append((new_at, blk.new_start))
            old_at, new_at = blk.old_end, blk.new_start + blk.size
        if new_at < len(new) or old_at < len(old):
            self.changes.append((new_at, len(new)))
        self._change_starts = [c[0] for c in self.changes]
        self._windows: dict[int, list[tuple[int, int]]] = {}

    def block_at(self, pos: int) -> Block | None:
        """The block holding old character `pos`, if that character survived."""
        i = bisect_right(self._old_starts, pos) - 1
        if i >= 0 and pos < self.blocks[i].old_end:
            return self.blocks[i]
        return None

    def hint(self, pos: int) -> int:
        """Best guess for where old offset `pos` is now, even inside a deleted stretch."""
        i = bisect_right(self._old_starts, pos) - 1
        if i < 0:
            return min(pos, len(self.new))
        blk = self.blocks[i]
        return min(blk.new_start + (pos - blk.old_start), len(self.new))

    def touches_change(self, start: int, end: int) -> bool:
        """True if new[start:end] overlaps a changed stretch, or holds a deletion point inside.

        Text outside every changed stretch was already in the old text somewhere else, so an
        annotation moved onto it would sit on other (pre-existing) words."""
        i = bisect_left(self._change_starts, end) - 1  # the last change starting before `end`
        if i < 0:
            return False
        # Changes are sorted and do not overlap, so no earlier one can reach further.
        c_start, c_end = self.changes[i]
        return c_end > start if c_end > c_start else c_start > start

    def provenance(self, start: int, end: int, old_start: int, old_end: int) -> tuple[bool, bool]:
        """(foreign, own): whether new[start:end] holds old text from outside, and from inside,
        old[old_start:old_end]. An annotation stretched over foreign text takes in other words."""
        foreign = own = False
        i = max(0, bisect_right(self._new_starts, start) - 1)
        while i < len(self.blocks) and self.blocks[i].new_start < end:
            blk = self.blocks[i]
            lo, hi = max(start, blk.new_start), min(end, blk.new_start + blk.size)
            if blk.level != "loose" and lo < hi:
                shift = blk.old_start - blk.new_start
                foreign = foreign or lo + shift < old_start or hi + shift > old_end
                own = own or (lo + shift < old_end and hi + shift > old_start)
            i += 1
        return foreign, own

    def windows(self, margin: int) -> list[tuple[int, int]]:
        """The changed stretches widened by at least `margin` on both sides, merged where they
        meet. Margins are rounded up to a power of two so a few lists serve every quote."""
        margin = 1 << max(0, margin - 1).bit_length()
        if margin not in self._windows:
            self._windows[margin] = self._widened(margin)
        return self._windows[margin]

    def _widened(self, margin: int) -> list[tuple[int, int]]:
        merged: list[tuple[int, int]] = []
        for c_start, c_end in self.changes:
            lo, hi = max(0, c_start - margin), min(len(self.new), c_end + margin)
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        return merged


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    # No autojunk: it would treat frequent tokens (" ", "the") as noise and leave them unmatched.
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _runs(ops: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with each run of deletions, insertions and replacements merged into one "change"."""
    runs: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        kind = "equal" if tag == "equal" else "change"
        if kind == "change" and runs and runs[-1][0] == "change":
            runs[-1] = ("change", runs[-1][1], i2, runs[-1][3], j2)
        else:
            runs.append((kind, i1, i2, j1, j2))
    return runs


def _word_blocks(old: str, new: str, o1: int, o2: int, n1: int, n2: int) -> list[Block]:
    """Equal word runs inside a changed stretch (see MIN_REGION_SIMILARITY)."""
    if o2 - o1 > MAX_REGION_CHARS or n2 - n1 > MAX_REGION_CHARS:
        return []
    a, b = _WORDS.findall(old, o1, o2), _WORDS.findall(new, n1, n2)
    sa, sb = _spans(a), _spans(b)
    ops = [op for op in _opcodes(a, b) if op[0] == "equal"]
    same = sum(sa[i2] - sa[i1] for _, i1, i2, _, _ in ops)
    alike = 2 * same >= MIN_REGION_SIMILARITY * ((o2 - o1) + (n2 - n1))
    level = "word" if alike else "loose"
    blocks = [Block(o1 + sa[i1], n1 + sb[j1], sa[i2] - sa[i1], level) for _, i1, i2, j1, _ in ops]
    return [b for b in blocks if alike or b.size >= LOOSE_BLOCK_CHARS]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level differences: ("equal" | "delete" | "insert", words joined by one space).

    A replaced run gives a delete then an insert, the order a reader strikes and marks them."""
    a, b = old.split(), new.split()
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _runs(_opcodes(a, b)):
        if tag == "equal":
            ops.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", " ".join(b[j1:j2])))
    return ops


def format_word_diff(ops: Sequence[tuple[str, str]]) -> str:
    """Plain text like `git diff --word-diff=plain`: "We will [-not-]{+never+} raise taxes"."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    out = ""
    for i, (tag, words) in enumerate(ops):
        # A replacement reads as one unit: "[-old-]{+new+}", no space between.
        glue = "" if i == 0 or (tag == "insert" and ops[i - 1][0] == "delete") else " "
        out += glue + marks[tag].format(words)
    return out
