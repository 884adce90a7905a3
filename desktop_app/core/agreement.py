"""How far two reviewers agree on one document: spans both tagged, spans only one tagged, and
Cohen's kappa per tag on character overlap, computed the way QualCoder and NVivo report it.

For a tag and a text of N characters: A = characters reviewer A tagged with it, B likewise.
Observed agreement Po = (|A ∩ B| + characters neither tagged) / N. Chance agreement
Pe = (|A|/N)(|B|/N) + ((N-|A|)/N)((N-|B|)/N). Kappa = (Po - Pe) / (1 - Pe); undefined (None)
when Pe is 1 (both tagged everything or nothing). Orphaned annotations have no characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from desktop_app.core.model import Annotation

Spans = list[tuple[int, int]]


def merged(spans: Iterable[tuple[int, int]]) -> Spans:
    """Sorted, non-overlapping spans covering the same characters."""
    out: Spans = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def covered(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def overlap(a: Spans, b: Spans) -> int:
    """Characters in both (each list merged)."""
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        total += max(0, hi - lo)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


@dataclass(frozen=True)
class TagAgreement:
    tag: str
    characters: int  # N, the document's length
    first: int  # characters the first reviewer tagged with this tag
    second: int
    both: int
    neither: int
    percent: float  # observed agreement, 0-100
    kappa: float | None


def kappa_for(n: int, first: Spans, second: Spans) -> TagAgreement:
    a, b, both = covered(first), covered(second), overlap(first, second)
    neither = n - (a + b - both)
    po = (both + neither) / n if n else 1.0
    pe = ((a / n) * (b / n) + ((n - a) / n) * ((n - b) / n)) if n else 1.0
    kappa = None if pe >= 1.0 else (po - pe) / (1.0 - pe)
    return TagAgreement("", n, a, b, both, neither, round(po * 100, 2), kappa)


@dataclass
class Agreement:
    first: str  # reviewer names
    second: str
    tags: list[TagAgreement] = field(default_factory=list)
    both: list[tuple[Annotation, Annotation]] = field(default_factory=list)  # same tag, overlapping
    only_first: list[Annotation] = field(default_factory=list)
    only_second: list[Annotation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        def span(a: Annotation) -> dict[str, Any]:
            return {"id": a.id, "tag": a.tag, "start": a.start, "end": a.end, "text": a.exact}

        return {
            "reviewers": [self.first, self.second],
            "tags": [
                {
                    "tag": t.tag,
                    "characters": t.characters,
                    self.first: t.first,
                    self.second: t.second,
                    "both": t.both,
                    "neither": t.neither,
                    "percent_agreement": t.percent,
                    "kappa": None if t.kappa is None else round(t.kappa, 4),
                }
                for t in self.tags
            ],
            "both": [{"first": span(a), "second": span(b)} for a, b in self.both],
            "only_first": [span(a) for a in self.only_first],
            "only_second": [span(a) for a in self.only_second],
        }


def pick_reviewers(annotations: Sequence[Annotation]) -> tuple[str, str] | None:
    """The two reviewers with the most placed annotations (ties by name)."""
    counts = Counter(a.reviewer for a in annotations if a.anchor_state != "orphaned")
    ranked = sorted(counts, key=lambda r: (-counts[r], r))
    return (ranked[0], ranked[1]) if len(ranked) >= 2 else None


def compare_reviewers(
    text: str, annotations: Iterable[Annotation], first: str, second: str
) -> Agreement:
    placed = [a for a in annotations if a.anchor_state != "orphaned" and a.end > a.start]
    mine = [a for a in placed if a.reviewer == first]
    theirs = [a for a in placed if a.reviewer == second]
    result = Agreement(first, second)
    for tag in sorted({a.tag for a in mine + theirs}):
        row = kappa_for(
            len(text),
            merged((a.start, a.end) for a in mine if a.tag == tag),
            merged((a.start, a.end) for a in theirs if a.tag == tag),
        )
        result.tags.append(replace(row, tag=tag))
    matched: set[str] = set()
    for a in sorted(mine, key=lambda x: (x.start, x.end)):
        partners = [b for b in theirs if b.tag == a.tag and b.start < a.end and a.start < b.end]
        if partners:
            result.both += [(a, b) for b in partners]
            matched.update(b.id for b in partners)
        else:
            result.only_first.append(a)
    result.only_second = sorted(
        (b for b in theirs if b.id not in matched), key=lambda x: (x.start, x.end)
    )
    return result
