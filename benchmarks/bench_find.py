"""Find as you type on a 5 M-character draft: per keystroke, Copydesk's FindIndex vs bare Qt.

Each needle is typed one character at a time from the middle of the draft, then erased. Copydesk:
`FindIndex.first` (the match at or after the cursor, with typographic equivalence; its number
among the matches too when they are few, else `FindIndex.count` once typing pauses). Bare: QTextDocument.find from the same cursor (no count, no equivalence).
Also prints the old per-keystroke regex scan (`search.find_all`) for reference; target: < 16 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_data import make_text  # noqa: E402
from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from timing import figure  # noqa: E402

from desktop_app.core.find_index import FindIndex  # noqa: E402
from desktop_app.core.search import find_all  # noqa: E402

NEEDLES = ("residents said", "the budget", "harbour plan", "official percent", "zebra")


def keystrokes() -> list[str]:
    typed = []
    for needle in NEEDLES:
        prefixes = [needle[:k] for k in range(1, len(needle) + 1)]
        typed += prefixes + prefixes[-2::-1]
    return typed


def main() -> int:
    rng = random.Random(5)
    text = make_text(5_000_000, rng).replace(" said", " “said”").replace("percent", "per\u00a0cent")
    origin = len(text) // 2
    t0 = time.perf_counter()
    index = FindIndex(text)
    figure("find_index_build_5m", (time.perf_counter() - t0) * 1000, "ms", "once per draft")
    typed = keystrokes()
    ours, counts = [], []
    for needle in typed:
        t0 = time.perf_counter()
        hit = index.first(needle, origin)
        ours.append((time.perf_counter() - t0) * 1000)
        if hit is not None and hit.total is None:  # the window counts once typing pauses
            t0 = time.perf_counter()
            index.count(needle, hit)
            counts.append((time.perf_counter() - t0) * 1000)
    figure(
        "find_keystroke_5m:copydesk", statistics.median(ours), "ms", f"median; max {max(ours):.1f}"
    )
    figure("find_keystroke_5m_max", max(ours), "ms", "Copydesk, slowest keystroke")
    if counts:
        figure(
            "find_count_5m", statistics.median(counts), "ms", "deferred count, once typing pauses"
        )
    app = QApplication.instance() or QApplication([])
    document = QTextDocument()
    document.setPlainText(text)
    start = QTextCursor(document)
    start.setPosition(origin)
    bare = []
    for needle in typed:
        t0 = time.perf_counter()
        found = document.find(needle, start)
        if found.isNull():
            document.find(needle, 0)
        bare.append((time.perf_counter() - t0) * 1000)
    figure("find_keystroke_5m:bare", statistics.median(bare), "ms", f"median; max {max(bare):.1f}")
    old = []
    for needle in typed[::4]:
        t0 = time.perf_counter()
        find_all(text, needle)
        old.append((time.perf_counter() - t0) * 1000)
    figure("find_keystroke_5m_regex_scan", statistics.median(old), "ms", "the old path, median")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
