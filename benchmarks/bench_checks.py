"""Checks benchmark: `check_document` on a 1 M-character draft with 10,000 annotations.

Run with `make benchmark` or `.venv/bin/python benchmarks/bench_checks.py`.

The synthetic draft is newsroom-like: paragraphs of plain sentences, quotes attributed to named
people and to unnamed ones ("…,” said a person familiar with the talks"), and anonymous sources
with specific, rote or missing reasons. The annotations sit on those quotes, sources and numbers,
with a mix of filled and empty fields, so every rule runs, including the paragraph-based ones
(empty speakers, anonymous sources whose reason must be read from their paragraph).

Prints the best of five runs of `check_document` and of `summarise`, and the number of findings;
target: well under 100 ms.
"""

from __future__ import annotations

import argparse
import random

from timing import timed  # benchmarks/ is on sys.path when a script runs

from desktop_app.core.annotations import new_annotation
from desktop_app.core.checks import check_document, summarise
from desktop_app.core.model import Annotation

TEXT_CHARS = 1_000_000
ANNOTATIONS = 10_000
FILLER = (
    "the council voted on the budget after a long hearing and residents asked about the "
    "schedule for repairs while the report was delayed again by staff"
).split()
NAMED = ("said Mayor Ana Ruiz", "Dana Okafor said", "said council member René Dubois")
UNNAMED = (
    "said a person familiar with the talks",
    "a senior county official said",
    "according to one official",
    "said two aides to the mayor",
)
SOURCES = (
    (
        "A county engineer, who spoke on condition of anonymity because she feared losing her job,",
        "A county engineer",
    ),
    (
        "A second official, who spoke on condition of anonymity because of the sensitivity of the "
        "matter,",
        "A second official",
    ),
    ("A contractor familiar with the bidding", "A contractor familiar with the bidding"),
)


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(FILLER, k=rng.randint(6, 14))).capitalize() + "."


def build(rng: random.Random) -> tuple[str, list[tuple[str, int, int]]]:
    """The draft and its taggable spans: (tag, start, end)."""
    parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    size = 0

    def add(piece: str, tag: str = "", words: str = "") -> None:
        nonlocal size
        if tag:
            offset = size + piece.index(words)
            spans.append((tag, offset, offset + len(words)))
        parts.append(piece)
        size += len(piece)

    while size < TEXT_CHARS:
        kind = rng.randrange(4)
        if kind == 0:
            quote = f"“{sentence(rng)[:-1]},”"
            add(f"{quote} {rng.choice(NAMED + UNNAMED)}. ", "quote", quote)
        elif kind == 1:
            long, short = rng.choice(SOURCES)
            add(f"{long} said {sentence(rng).lower()} ", "anonymous_source", short)
        else:
            number = f"{rng.randint(2, 99)}\u00a0percent"
            add(f"{sentence(rng)[:-1]} by {number}", "claim", number)
            amount = f"${rng.randint(2, 99)}\u00a0million"
            add(f", to {amount}. ", "claim", amount)
        if rng.random() < 0.25:
            add(sentence(rng) + " ")
        if rng.random() < 0.2:
            add("\n\n")
    return "".join(parts), spans


def fields_for(tag: str, rng: random.Random) -> dict[str, str]:
    if tag == "quote":
        return rng.choice(({}, {"speaker": "Ana Ruiz"}, {"speaker": "a city official"}))
    if tag == "anonymous_source":
        return rng.choice(({}, {"reason_given": "yes"}, {"reason": "to speak freely"}))
    return rng.choice(({}, {"verification": "verified"}, {"verification": "false"}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotations", type=int, default=ANNOTATIONS)
    args = parser.parse_args()
    rng = random.Random(20240611)
    text, spans = build(rng)
    chosen = rng.sample(spans, min(args.annotations, len(spans)))
    annotations: list[Annotation] = [
        new_annotation("bench", text, tag, start, end, fields=fields_for(tag, rng))
        for tag, start, end in chosen
    ]
    findings = check_document("bench", text, annotations)
    seconds = timed(lambda: check_document("bench", text, annotations), 5)
    summary = timed(lambda: summarise(findings), 5)
    print(f"text: {len(text):,} characters, {text.count(chr(10) * 2) + 1:,} paragraphs")
    print(f"annotations: {len(annotations):,}; findings: {len(findings):,}")
    print(f"check_document: {seconds * 1000:.1f} ms (best of 5; target < 100 ms)")
    print(f"summarise: {summary * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
