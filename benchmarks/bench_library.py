"""Across the library: searching 500 drafts (FTS5) and browsing their annotations, next to a bare
sqlite3 FTS5 query on the same file. Target (issue 11): a library search under 100 ms."""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import figure  # noqa: E402

from desktop_app.app import open_desk  # noqa: E402
from desktop_app.core.model import Block, SourceText  # noqa: E402

WORDS = (
    "council harbour budget ferry school mayor vote rent housing police court fire storm river "
    "bridge hospital union strike tax plan report audit contract port street market"
).split()
PEOPLE = ["Ana Ruiz", "René Dubois", "Marta Žižek", "Inés Carvalho", "Greg Tanaka", "Dana Okafor"]


def draft(rng: random.Random, n: int) -> SourceText:
    paragraphs = []
    for _ in range(40):
        words = [rng.choice(WORDS) for _ in range(30)]
        paragraphs.append(f"“{' '.join(words[:8])},” said {rng.choice(PEOPLE)}. {' '.join(words)}.")
    text = f"Story {n}\n\n" + "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    return SourceText(text, f"Story {n}", tuple(blocks), "txt")


def median_ms(fn, repeat: int = 15) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(11)
    path = Path(tempfile.mkdtemp(prefix="copydesk-library-")) / "library.sqlite3"
    desk = open_desk(path, reviewer="bench")
    for n in range(500):
        doc = desk.add_source(draft(rng, n), f"/drafts/story-{n}.txt").document
        quote = doc.text.index("“")
        desk.annotate(doc.id, "quote", quote, doc.text.index("”") + 1,
                      fields={"speaker": rng.choice(PEOPLE)})  # fmt: skip
    chars = sum(d.characters for d in desk.documents())
    search = median_ms(lambda: desk.search("harbour ferry strike"))
    browse = median_ms(lambda: desk.find_annotations(tag="quote", speaker="zizek"))
    desk.close()
    bare = sqlite3.connect(path)
    raw = median_ms(
        lambda: bare.execute(
            "SELECT rowid, snippet(document_search, 1, '[', ']', '…', 16) FROM document_search "
            'WHERE document_search MATCH \'"harbour" "ferry" "strike"\' ORDER BY rank LIMIT 200'
        ).fetchall()
    )
    bare.close()
    note = f"500 drafts, {chars:,} characters"
    figure("library_search_500:copydesk", search, "ms", note + "; target < 100 ms")
    figure("library_search_500:bare", raw, "ms", "sqlite3 FTS5 query with snippet, same file")
    figure("browse_quotes_by_speaker_500:copydesk", browse, "ms", "500 quotes, accent-insensitive")


if __name__ == "__main__":
    main()
