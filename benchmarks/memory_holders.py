"""Where the window's memory goes on the 1 M-character / 10,000-annotation draft (bench_window.py's).

Prints VmHWM/VmRSS after each stage (database built, window shown, first paint, settled) and,
with --trace, the biggest Python holders once settled (tracemalloc, by line or by file). What
tracemalloc does not see (Qt's items, the text layout) is the rest of the RSS growth. A diagnostic,
not a figure: `make benchmark` does not run it. Run: `python benchmarks/memory_holders.py --trace`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_data import build_database  # noqa: E402


def status() -> str:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    mb = {k: int(fields[k].split()[0]) / 1024 for k in ("VmHWM", "VmRSS")}
    return f"VmHWM {mb['VmHWM']:6.1f} MB  VmRSS {mb['VmRSS']:6.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trace", action="store_true", help="list the biggest Python holders")
    parser.add_argument("--by", choices=["lineno", "filename"], default="lineno")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="copydesk-memory-"))
    os.environ["COPYDESK_HOME"] = str(home)
    doc_id = build_database(home / "bench.sqlite3", random.Random(7))
    print(f"{'database built':<16}{status()}")
    app = QApplication.instance() or QApplication([])
    from desktop_app.app import open_desk
    from desktop_app.gui import build_window

    window = build_window(open_desk(home / "bench.sqlite3"), ask_reviewer=False)
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    print(f"{'window shown':<16}{status()}")
    if args.trace:
        tracemalloc.start()  # from here: what opening the draft adds (RSS grows with the tracing)
    window.open_document(doc_id)
    app.processEvents()
    window.view.viewport().repaint()
    print(f"{'first paint':<16}{status()}")
    state, started = window.review.state, time.perf_counter()
    while window.review.highlighter.pending or state.checks is None:
        app.processEvents()
        if time.perf_counter() - started > 60:
            break
    for _ in range(100):  # the suggester starts once the draft has settled
        app.processEvents()
        time.sleep(0.01)
    print(f"{'settled':<16}{status()}")
    if args.trace:
        current, peak = tracemalloc.get_traced_memory()
        print(f"\nPython, traced since the window: {current / 1e6:.1f} MB (peak {peak / 1e6:.1f})")
        for stat in tracemalloc.take_snapshot().statistics(args.by)[: args.top]:
            frame = stat.traceback[0]
            where = frame.filename if args.by == "filename" else f"{frame.filename}:{frame.lineno}"
            print(f"{stat.size / 1e6:7.2f} MB {stat.count:8d} blocks  {where}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
