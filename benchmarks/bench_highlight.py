"""Pathological drafts through the highlighting path, Copydesk's and bare Qt's, headless.

Cases: one 1 M-character paragraph of curly quotes and accents with 10,000 annotations; the same
at 5 M with 50,000; a 1 M-character draft of short paragraphs with 100,000 annotations. Each case
and side runs in its own process (so peak RSS is its own): Copydesk's AnnotationHighlighter over
its SpanIndex and UTF-16 mapping (a stand-in session: no database), or bare_qt's highlighter.
Prints FIGURE lines: first paint (set the text, highlight what is shown, paint), add one highlight
(index it, repaint its block), peak RSS. No database read: see bare_qt.py/bench_window.py for that.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_data import make_text, one_paragraph, random_spans  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402
from timing import figure, peak_rss_mb  # noqa: E402

CASES = {  # name -> (characters, annotations, one paragraph?)
    "para1m": (1_000_000, 10_000, True),
    "para5m": (5_000_000, 50_000, True),
    "ann100k": (1_000_000, 100_000, False),
}


def copydesk_side(view: QPlainTextEdit, text: str, spans: list[tuple[str, int, int]]):  # type: ignore[no-untyped-def]
    from desktop_app.core.model import BUILTIN_TAGS
    from desktop_app.core.spans import SpanIndex
    from desktop_app.ui.highlighter import AnnotationHighlighter

    by_tag = {tag: SimpleNamespace(tag=tag) for tag in ("quote", "claim", "anonymous_source")}
    # one shared stand-in per tag: the session's Annotation objects are the window bench's cost
    annotations = {f"a{n}": by_tag[tag] for n, (tag, _, _) in enumerate(spans)}
    index = SpanIndex(text, ((f"a{n}", s, e) for n, (_, s, e) in enumerate(spans)))
    session = SimpleNamespace(
        index=index, annotations=annotations, document=SimpleNamespace(blocks=())
    )
    view.setPlainText(text)
    highlighter = AnnotationHighlighter(
        view.document(), session, list(BUILTIN_TAGS), False, range(0, 200)
    )  # type: ignore[arg-type]

    def add(n: int, s: int, e: int) -> None:
        annotations[f"new{n}"] = by_tag["claim"]
        highlighter.rehighlight_lines(index.add(f"new{n}", s, e))

    return highlighter, add


def bare_side(view: QPlainTextEdit, text: str, spans: list[tuple[str, int, int]]):  # type: ignore[no-untyped-def]
    from bare_qt import BareHighlighter, BareIndex

    index = BareIndex(text, spans)
    view.setPlainText(text)
    highlighter = BareHighlighter(view.document(), index)

    def add(n: int, s: int, e: int) -> None:
        line = index.add("claim", s, e)
        highlighter.rehighlightBlock(view.document().findBlockByNumber(line))

    return highlighter, add


def run(case: str, side: str) -> None:
    chars, count, single = CASES[case]
    rng = random.Random(11)
    text = one_paragraph(chars, rng) if single else make_text(chars, rng)
    spans = random_spans(text, count, rng)
    app = QApplication.instance() or QApplication([])
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.resize(1280, 820)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    _, add = (copydesk_side if side == "copydesk" else bare_side)(view, text, spans)
    app.processEvents()  # the highlighter's first pass
    view.viewport().repaint()
    figure(f"first_paint_{case}:{side}", (time.perf_counter() - started) * 1000, "ms")
    times = []
    for n in range(15):  # a repaint is most of it, and one repaint can take twice another
        s = rng.randrange(0, len(text) - 100)
        t0 = time.perf_counter()
        add(n, s, s + 40)
        view.viewport().repaint()
        times.append((time.perf_counter() - t0) * 1000)
    figure(f"add_highlight_{case}:{side}", statistics.median(times), "ms", "median of 15, no DB")
    figure(f"peak_rss_{case}:{side}", peak_rss_mb(), "MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", choices=sorted(CASES))
    parser.add_argument("--side", choices=("copydesk", "bare"))
    args = parser.parse_args()
    if args.case and args.side:
        run(args.case, args.side)
        return 0
    failed = 0
    for case in [args.case] if args.case else list(CASES):
        for side in [args.side] if args.side else ["copydesk", "bare"]:
            done = subprocess.run(
                [sys.executable, __file__, "--case", case, "--side", side], timeout=1800
            )
            failed |= done.returncode
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
