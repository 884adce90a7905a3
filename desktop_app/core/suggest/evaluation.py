"""Scoring suggestions against hand-written gold (used by benchmarks/eval_suggest.py and tests).

Gold JSON per article: {"quotes": [{"text", "speaker", "type"}], "anonymous_sources": [{"text",
"reason", "rote"}], "claims": [{"text"}]}; each "text" is found in the canonical text in order
(the first occurrence after the previous item of its kind), a reason after its source.
Matching, one to one, first fit in text order:
* quote: the same span once quotation marks, spaces and edge punctuation (, . ; :) are stripped
  from both ends of both spans (so the marks may or may not be inside the gold span);
* anonymous source and claim: the overlap covers at least half of the gold span and at least half
  of the suggested span;
* speaker: right when, lower-cased and split into words, one speaker's words contain the other's
  ("Okafor" for "Raymond Okafor"); scored over matched quotes whose gold names a speaker;
* reason: found when the suggestion's reason span covers at least half of the gold reason span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.suggest.model import Suggestion

_EDGE = " \t\n\u00a0\"“”‘’'«»„,.;:"


@dataclass
class GoldItem:
    kind: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)


def locate(text: str, gold: dict[str, Any]) -> list[GoldItem]:
    """Gold items with offsets; ValueError when a gold text is not in `text`."""
    items: list[GoldItem] = []
    for kind, key in (
        ("quote", "quotes"),
        ("anonymous_source", "anonymous_sources"),
        ("claim", "claims"),
    ):
        pos = 0
        for entry in gold.get(key, []):
            start = text.find(entry["text"], pos)
            if start < 0:  # listed out of order: the first occurrence anywhere
                start = text.find(entry["text"])
            if start < 0:
                raise ValueError(f"gold {kind} not found: {entry['text'][:60]!r}")
            end = start + len(entry["text"])
            fields = {k: v for k, v in entry.items() if k != "text"}
            if entry.get("reason"):
                r = text.find(entry["reason"], start)
                if r < 0:
                    raise ValueError(f"gold reason not found: {entry['reason'][:60]!r}")
                fields["reason_start"], fields["reason_end"] = r, r + len(entry["reason"])
            items.append(GoldItem(kind, start, end, fields))
            pos = start + 1
    return items


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def matches(text: str, kind: str, g: GoldItem, s: Suggestion) -> bool:
    if kind == "quote":
        return _core(text, g.start, g.end) == _core(text, s.start, s.end)
    ov = _overlap(g.start, g.end, s.start, s.end)
    return ov * 2 >= g.end - g.start and ov * 2 >= s.end - s.start


def same_speaker(gold: str, found: str) -> bool:
    a = set(re.findall(r"[\w’'-]+", gold.lower()))
    b = set(re.findall(r"[\w’'-]+", found.lower()))
    return bool(a and b) and (a <= b or b <= a)


@dataclass
class Tally:
    """Counts over one or more documents."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # kind -> [tp, fp, fn]
    speaker: list[int] = field(default_factory=lambda: [0, 0])  # right, scored
    reason: list[int] = field(default_factory=lambda: [0, 0])
    rote: list[int] = field(default_factory=lambda: [0, 0])
    qtype: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, fp, fn = self.counts.get(kind, [0, 0, 0])
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @staticmethod
    def rate(pair: list[int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def score(
    text: str, gold: dict[str, Any], found: list[Suggestion], tally: Tally, name: str = ""
) -> None:
    """Add one document's comparison to `tally`."""
    items = locate(text, gold)
    for kind in ("quote", "anonymous_source", "claim"):
        golds = [g for g in items if g.kind == kind]
        preds = [s for s in found if s.kind == kind]
        used: set[int] = set()
        counts = tally.counts.setdefault(kind, [0, 0, 0])
        for g in golds:
            hit = next(
                (i for i, s in enumerate(preds) if i not in used and matches(text, kind, g, s)),
                None,
            )
            if hit is None:
                counts[2] += 1
                tally.misses.append(f"{name}: missed {kind}: {text[g.start : g.end][:70]!r}")
                continue
            used.add(hit)
            counts[0] += 1
            s = preds[hit]
            if kind == "quote":
                if g.fields.get("speaker"):
                    ok = same_speaker(g.fields["speaker"], str(s.fields.get("speaker", "")))
                    tally.speaker[0] += ok
                    tally.speaker[1] += 1
                    if not ok:
                        tally.misses.append(
                            f"{name}: speaker {s.fields.get('speaker', '')!r} for {g.fields['speaker']!r}"
                        )
                tally.qtype[0] += s.fields.get("quote_type") == g.fields.get("type")
                tally.qtype[1] += 1
            if kind == "anonymous_source" and "reason_start" in g.fields:
                r0, r1 = g.fields["reason_start"], g.fields["reason_end"]
                rs, re_ = int(s.fields.get("reason_start", -1)), int(s.fields.get("reason_end", -1))
                ok = _overlap(r0, r1, rs, re_) * 2 >= r1 - r0
                tally.reason[0] += ok
                tally.reason[1] += 1
                if not ok:
                    tally.misses.append(f"{name}: reason not found for {text[g.start : g.end]!r}")
                if ok and "rote" in g.fields:
                    tally.rote[0] += (s.fields.get("rote") == "yes") == bool(g.fields["rote"])
                    tally.rote[1] += 1
        for i, s in enumerate(preds):
            if i not in used:
                counts[1] += 1
                tally.misses.append(f"{name}: extra {kind}: {s.text[:70]!r}")
