"""The bare-Qt baseline: what any Qt program must spend to show the same draft with its highlights.

A minimal QPlainTextEdit + QSyntaxHighlighter over a bisect span index (sorted starts, no overlap
resolution, no deferral), reading the same SQLite file with Copydesk's settings (WAL,
synchronous=FULL, foreign keys, busy timeout). Prints FIGURE lines with the `:bare` suffix:
open -> first paint (database read included), key press -> highlight painted with a durable
commit, peak RSS. Its `--probe` mode (open, show, exit) is the bare launch -> usable window, which
bench_window.py times alternating with Copydesk's. Run: `benchmarks/run_all.py`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import statistics
import tempfile
import time
import uuid
from bisect import bisect_left, bisect_right
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402
from timing import figure, peak_rss_mb  # noqa: E402

COLOURS = {"quote": "#2f7ed8", "claim": "#d9822b", "anonymous_source": "#9b59b6"}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class BareIndex:
    """Spans sorted by start (parallel lists) and the line starts; a line's spans by bisect."""

    def __init__(self, text: str, rows: list[tuple[str, int, int]]) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.length = len(text)
        rows = sorted(rows, key=lambda r: r[1])
        self.tags = [r[0] for r in rows]
        self.starts = [r[1] for r in rows]
        self.ends = [r[2] for r in rows]
        self.longest = max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0)

    def add(self, tag: str, start: int, end: int) -> int:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.tags.insert(i, tag)
        self.longest = max(self.longest, end - start)
        return bisect_right(self.line_starts, start) - 1

    def line(self, n: int) -> list[tuple[str, int, int]]:
        first = self.line_starts[n]
        stop = self.line_starts[n + 1] if n + 1 < len(self.line_starts) else self.length + 1
        lo = bisect_left(self.starts, first - self.longest)
        hi = bisect_left(self.starts, stop)
        return [
            (self.tags[i], max(self.starts[i], first) - first, self.ends[i] - first)
            for i in range(lo, hi)
            if self.ends[i] > first
        ]


class BareHighlighter(QSyntaxHighlighter):
    def __init__(self, document, index: BareIndex) -> None:  # type: ignore[no-untyped-def]
        self.index = index
        self.formats = {}
        for tag, colour in COLOURS.items():
            fmt = QTextCharFormat()
            c = QColor(colour)
            c.setAlpha(70)
            fmt.setBackground(c)
            self.formats[tag] = fmt
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        spans = self.index.line(self.currentBlock().blockNumber())
        if not spans:
            return
        astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        for tag, s, e in spans:
            e = min(e, len(text))
            if astral:
                s, e = s + bisect_left(astral, s), e + bisect_left(astral, e)
            self.setFormat(s, e - s, self.formats.get(tag, self.formats["quote"]))


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return db


def open_draft(db: sqlite3.Connection, doc_id: str) -> tuple[str, list[tuple[str, int, int]]]:
    text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    rows = db.execute(
        'SELECT tag, start, "end" FROM annotations WHERE document_id = ? AND anchor_state != ?',
        [doc_id, "orphaned"],
    ).fetchall()
    return text, rows


def show(app: QApplication, db: sqlite3.Connection, doc_id: str):  # type: ignore[no-untyped-def]
    """Read the draft, show it highlighted; returns (view, index, highlighter, text)."""
    text, rows = open_draft(db, doc_id)
    index = BareIndex(text, rows)
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.resize(1280, 820)
    view.setPlainText(text)
    highlighter = BareHighlighter(view.document(), index)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    return view, index, highlighter, text


def commit_annotation(
    db: sqlite3.Connection, doc_id: str, text: str, tag: str, s: int, e: int
) -> None:
    """One durable INSERT in its own transaction, every column filled as Copydesk fills it."""
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        'INSERT INTO annotations (id, document_id, tag, start, "end", exact, prefix, suffix, '
        "note, status, fields, reviewer, created_at, updated_at, anchor_state) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 'open', '{}', 'bench', ?, ?, 'anchored')",
        [
            str(uuid.uuid4()),
            doc_id,
            tag,
            s,
            e,
            text[s:e],
            text[max(0, s - 32) : s],
            text[e : e + 32],
            now,
            now,
        ],
    )
    db.execute("COMMIT")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a Copydesk database (default: build one)")
    parser.add_argument("--doc", help="the draft's id in --db")
    parser.add_argument("--probe", action="store_true", help="launch probe: open, show, exit")
    args = parser.parse_args()
    if args.probe:
        app = QApplication([])
        show(app, connect(args.db), args.doc)
        print(f"SHOWN {time.time()}", flush=True)
        return 0
    rng = random.Random(7)
    if args.db is None:
        from bench_data import build_database

        args.db = Path(tempfile.mkdtemp(prefix="copydesk-bare-")) / "bench.sqlite3"
        args.doc = build_database(args.db, rng)
    app = QApplication([])
    started = time.perf_counter()
    db = connect(args.db)
    view, index, highlighter, text = show(app, db, args.doc)
    figure(
        "open_first_paint:bare", (time.perf_counter() - started) * 1000, "ms", "DB read included"
    )
    document = view.document()
    keys = []
    for _ in range(30):
        s = rng.randrange(0, len(text) - 100)
        t0 = time.perf_counter()
        commit_annotation(db, args.doc, text, "claim", s, s + 40)
        line = index.add("claim", s, s + 40)
        highlighter.rehighlightBlock(document.findBlockByNumber(line))
        view.viewport().repaint()
        keys.append((time.perf_counter() - t0) * 1000)
    figure(
        "key_highlight_commit:bare",
        statistics.median(keys),
        "ms",
        f"median of 30, max {max(keys):.1f}",
    )
    figure("peak_rss:bare", peak_rss_mb(), "MB")
    view.close()
    # Its launch (the --probe mode) is timed by bench_window.py, alternating with Copydesk's.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
