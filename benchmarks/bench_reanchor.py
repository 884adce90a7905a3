"""Re-anchoring benchmark: 10,000 annotations carried onto a revised 1 M-character draft.

Run with `.venv/bin/python benchmarks/bench_reanchor.py` (or `make benchmark`).

The draft is ~1,000 paragraphs of sentences with ten annotations each. The revision makes typical
edits: words inserted and deleted at random places (some inside annotations), one paragraph moved
far away, one deleted, one inserted. Every edit is tracked, so the script knows where each
untouched annotation must land and counts the ones placed elsewhere ("wrong": must be 0).

Prints the best of three runs of `reanchor` and, side by side, the bare baseline of one
`str.find` of the quote per annotation over the same texts (what tools that "move annotations to
the first exact match" do), with its own count of wrong placements. Target: reanchor < 1 s.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass, field, replace

from timing import timed  # benchmarks/ is on sys.path when a script runs

from desktop_app.core.annotations import new_annotation
from desktop_app.core.model import Annotation
from desktop_app.core.reanchor import reanchor

TEXT_CHARS = 1_000_000
ANNOTATIONS = 10_000
COMMON = "the a of to and in said that for on was with he she it at by from".split()


def vocabulary(rng: random.Random) -> list[str]:
    """A few thousand made-up words plus common ones, so phrases repeat as in real prose."""
    syllables = "ka lo mi ne ru sa ti vo de ba fe gu hi jo ly po qua re si to".split()
    words = {"".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(4000)}
    return sorted(words) + COMMON * 40


@dataclass
class Paragraph:
    text: str
    origin: int | None = None  # its index in the first draft; None for an inserted paragraph
    spans: list[tuple[int, int]] = field(default_factory=list)  # annotation spans in the text
    touched: set[int] = field(default_factory=set)  # spans an edit went through
    inside: set[int] = field(default_factory=set)  # ...and of those, edited strictly inside


def sentence(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choices(words, k=rng.randint(8, 24))).capitalize() + "."


def build(rng: random.Random, words: list[str]) -> list[Paragraph]:
    """Paragraphs up to TEXT_CHARS, then ANNOTATIONS spans of whole words spread over them."""
    paragraphs: list[Paragraph] = []
    total = 0
    while total < TEXT_CHARS:
        text = " ".join(sentence(rng, words) for _ in range(rng.randint(6, 10)))
        paragraphs.append(Paragraph(text, len(paragraphs)))
        total += len(text) + 2
    for n, p in enumerate(paragraphs):
        count = ANNOTATIONS // len(paragraphs) + (n < ANNOTATIONS % len(paragraphs))
        cuts = sorted(rng.sample([i for i, ch in enumerate(p.text) if ch == " "], 2 * count))
        p.spans = [(cuts[i] + 1, cuts[i + 1]) for i in range(0, len(cuts), 2)]
    return paragraphs


def edit(p: Paragraph, at: int, remove: int, insert: str) -> None:
    """Replace p.text[at:at+remove] by `insert`, shifting or marking the spans."""
    p.text = p.text[:at] + insert + p.text[at + remove :]
    delta = len(insert) - remove
    for i, (s, e) in enumerate(p.spans):
        if at + remove <= s:
            p.spans[i] = (s + delta, e + delta)
        elif s < at and (
            at + remove <= e if remove else at < e
        ):  # inside: the span now holds the edited words
            p.spans[i] = (s, e + delta)
            p.touched.add(i)
            p.inside.add(i)
        elif at < e:  # across a boundary: where it should land is a matter of judgement
            p.touched.add(i)
            p.inside.discard(i)


def revise(
    rng: random.Random, words: list[str], paragraphs: list[Paragraph]
) -> tuple[list[Paragraph], Paragraph]:
    """The revised paragraphs, and the one deleted from them."""
    revised = [Paragraph(p.text, p.origin, list(p.spans)) for p in paragraphs]
    for _ in range(150):  # insertions of a few words
        p = rng.choice(revised)
        at = rng.choice([i for i, ch in enumerate(p.text) if ch == " "])
        edit(p, at, 0, " " + " ".join(rng.choices(words, k=rng.randint(1, 4))))
    for _ in range(150):  # deletions of a word or two
        p = rng.choice(revised)
        at = rng.choice([i for i, ch in enumerate(p.text) if ch == " "])
        second = p.text.find(" ", at + 1)
        end = p.text.find(" ", second + 1) if second != -1 else -1
        if end > at:
            edit(p, at, end - at, "")
    moved = revised.pop(100)
    revised.insert(len(revised) - 50, moved)
    deleted = revised.pop(400)  # its annotations must become orphans
    deleted.touched = set(range(len(deleted.spans)))
    revised.insert(700, Paragraph(" ".join(sentence(rng, words) for _ in range(8))))
    return revised, deleted


def join(paragraphs: list[Paragraph]) -> tuple[str, list[int]]:
    starts, at = [], 0
    for p in paragraphs:
        starts.append(at)
        at += len(p.text) + 2
    return "\n\n".join(p.text for p in paragraphs), starts


def truth(revised: list[Paragraph], new_starts: list[int]) -> dict[str, tuple[int, int]]:
    """Where each annotation no edit went through must land: id -> (start, end)."""
    expected: dict[str, tuple[int, int]] = {}
    for p, base in zip(revised, new_starts, strict=True):
        if p.origin is not None:
            for k, (s, e) in enumerate(p.spans):
                if k not in p.touched:
                    expected[f"{p.origin}:{k}"] = (base + s, base + e)
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-wrong", action="store_true", help="print each wrong placement")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(rng)
    paragraphs = build(rng, words)
    old, old_starts = join(paragraphs)
    annotations: list[Annotation] = []
    for n, (p, base) in enumerate(zip(paragraphs, old_starts, strict=True)):
        for k, (s, e) in enumerate(p.spans):
            a = new_annotation("doc", old, "quote", base + s, base + e)
            annotations.append(replace(a, id=f"{n}:{k}"))
    revised, deleted = revise(rng, words, paragraphs)
    new, new_starts = join(revised)
    expected = truth(revised, new_starts)

    result: list = []
    seconds = timed(lambda: result.append(reanchor(old, new, annotations)))
    placements = result[-1]
    if args.show_wrong:
        by_id = {a.id: a for a in annotations}
        for p in placements:
            if (
                p.annotation_id in expected
                and p.fate != "orphaned"
                and (p.start, p.end) != expected[p.annotation_id]
            ):
                a, (s, e) = by_id[p.annotation_id], expected[p.annotation_id]
                print(
                    "WRONG",
                    p,
                    "\n   expected",
                    s,
                    e,
                    repr(new[s - 20 : e + 20]),
                    "\n   old",
                    repr(old[a.start - 20 : a.end + 20]),
                )
    fates = Counter(p.fate for p in placements)
    wrong = sum(
        1
        for p in placements
        if p.annotation_id in expected
        and p.fate != "orphaned"
        and (p.start, p.end) != expected[p.annotation_id]
    )
    lost = sum(1 for p in placements if p.annotation_id in expected and p.fate == "orphaned")

    def baseline() -> list[int]:
        return [new.find(a.exact) for a in annotations]

    base_seconds = timed(baseline)
    found = baseline()
    base_wrong = sum(
        1
        for a, pos in zip(annotations, found, strict=True)
        if a.id in expected and pos != -1 and pos != expected[a.id][0]
    )
    base_lost = sum(
        1 for a, pos in zip(annotations, found, strict=True) if a.id in expected and pos == -1
    )

    print(f"text: {len(old):,} -> {len(new):,} characters, {len(annotations):,} annotations")
    print(f"untouched by the edits (ground truth known): {len(expected):,}")
    print(
        f"reanchor:           {seconds * 1000:7.0f} ms   wrong {wrong}, lost {lost}   fates "
        + ", ".join(f"{k} {fates[k]}" for k in ("same", "moved", "changed", "orphaned"))
    )
    print(
        f"baseline str.find:  {base_seconds * 1000:7.0f} ms   wrong {base_wrong}, lost {base_lost}"
    )
    by_id = {p.annotation_id: p for p in placements}
    touched = [f"{p.origin}:{k}" for p in [*revised, deleted] for k in sorted(p.touched)]
    gone = {f"{deleted.origin}:{k}" for k in range(len(deleted.spans))}
    print(
        f"edited inside ({len(touched) - len(gone)}) or deleted ({len(gone)}): "
        + ", ".join(
            f"{fate} {n}" for fate, n in sorted(Counter(by_id[t].fate for t in touched).items())
        )
        + f"; deleted paragraph orphaned {sum(by_id[g].fate == 'orphaned' for g in gone)}"
    )
    inside = {
        f"{p.origin}:{k}": (base + p.spans[k][0], base + p.spans[k][1])
        for p, base in zip(revised, new_starts, strict=True)
        for k in p.inside
    }
    right = sum((by_id[i].start, by_id[i].end) == span for i, span in inside.items())
    lost_inside = sum(by_id[i].fate == "orphaned" for i in inside)
    print(
        f"edited strictly inside: {len(inside)}, changed on the edited words {right}, "
        f"orphaned {lost_inside}, elsewhere {len(inside) - right - lost_inside}"
    )
    print(f"ratio reanchor / baseline: {seconds / base_seconds:.2f}")
    plan_seconds, store_seconds = store(old, new, annotations)
    print(
        f"then planning it (worker thread) {plan_seconds * 1000:.0f} ms, storing it as one "
        f"undoable step (UI thread, SQLite) {store_seconds * 1000:.0f} ms"
    )
    print("target: reanchor < 1000 ms, wrong 0")


def store(old: str, new: str, annotations: list[Annotation]) -> tuple[float, float]:
    """The UI-thread half of an import: the revision and its 10,000 carried annotations written
    as one undoable step (`desk.revisions.store_revision`) into a temporary SQLite database.
    (Planning the revision, `core.revisions.plan_revision`, runs off the UI thread: timed too.)"""
    import tempfile
    import time
    from pathlib import Path

    from desktop_app.core.model import Block, SourceText
    from desktop_app.core.revisions import plan_revision
    from desktop_app.desk import Desk, revisions
    from desktop_app.storage import SqliteRepository, open_database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        desk = Desk(SqliteRepository(open_database(path), str(path)))
        draft = desk.add_source(
            SourceText(old, "Old", (Block("paragraph", 0, len(old)),), "txt"), ""
        )
        with desk.repo.transaction():
            for a in annotations:
                desk.repo.insert_annotation(replace(a, document_id=draft.document.id))
        previous, carried, rejected = revisions.revision_inputs(desk, draft.document.id)
        placements = reanchor(old, new, carried)
        source = SourceText(new, "New", (Block("paragraph", 0, len(new)),), "txt")
        t0 = time.perf_counter()
        plan = plan_revision(previous, carried, source, "", placements, rejected)
        t1 = time.perf_counter()
        revisions.store_revision(desk, plan)
        t2 = time.perf_counter()
        desk.close()
    return t1 - t0, t2 - t1


if __name__ == "__main__":
    main()
