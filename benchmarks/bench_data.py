"""Synthetic drafts shared by the benchmarks (written here, never real articles).

`build_database` makes the window benchmark's draft (1 M characters, 10,000 annotations, 20%
overlapping; the generator of bench_window.py, same seed) in a Copydesk database, so the bare-Qt
baseline reads the same kind of file. `one_paragraph` makes the pathological case: a single long
paragraph full of curly quotes and accents.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "council",
    "harbour",
    "budget",
    "said",
    "percent",
    "official",
    "residents",
    "plan",
    "the",
    "a",
)
PARAGRAPH_WORDS = (
    "“We",
    "will",
    "rebuild,”",
    "said",
    "the",
    "café’s",
    "owner",
    "—",
    "naïve",
    "résumé",
)
TAGS = ("quote", "claim", "anonymous_source")


def make_text(target: int, rng: random.Random) -> str:
    paragraphs, size = [], 0
    while size < target:
        p = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))).capitalize() + "."
        paragraphs.append(p)
        size += len(p) + 2
    return "\n\n".join(paragraphs)[:target].rstrip()


def one_paragraph(target: int, rng: random.Random) -> str:
    """A single paragraph (no line break) of `target` characters, mostly non-ASCII punctuation."""
    words = rng.choices(PARAGRAPH_WORDS, k=target // 5)
    return " ".join(words)[:target]


def random_spans(text: str, count: int, rng: random.Random) -> list[tuple[str, int, int]]:
    """(tag, start, end) spans of 10–120 characters, every fifth overlapping the one before."""
    spans, previous = [], 0
    for n in range(count):
        start = rng.randrange(0, len(text) - 200)
        if n % 5 == 0 and n:
            start = max(0, previous + 5)
        previous = start
        spans.append((TAGS[n % 3], start, start + rng.randint(10, 120)))
    return spans


def build_database(
    path: Path, rng: random.Random, chars: int = 1_000_000, count: int = 10_000
) -> str:
    """A Copydesk database holding one draft and its annotations; returns the draft's id."""
    from desktop_app.app import open_repository
    from desktop_app.core.annotations import new_annotation
    from desktop_app.core.model import Block, SourceText

    text = make_text(chars, rng)
    blocks, pos = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    from desktop_app.desk import Desk

    repo = open_repository(path)
    doc, _ = Desk(repo).add_source(
        SourceText(text, "Benchmark draft", tuple(blocks), "txt"), "/bench.txt"
    )
    with repo.transaction():
        for tag, start, end in random_spans(text, count, rng):
            try:
                a = new_annotation(doc.id, text, tag, start, end, reviewer="bench")
            except Exception:
                continue
            repo.insert_annotation(a)
    return doc.id
