"""Shared by the benchmark scripts: best-of-N wall time, peak RSS, and one `FIGURE` line per figure.

A figure line is `FIGURE <name> <value> <unit>  # comment`; `run_all.py` collects them. Names
ending in `:copydesk` or `:bare` pair up in its summary table (ratio = copydesk / bare).
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def figure(name: str, value: float, unit: str, comment: str = "") -> None:
    print(f"FIGURE {name} {value:.3f} {unit}" + (f"  # {comment}" if comment else ""), flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def compile_app() -> None:
    """Write Copydesk's bytecode, as installing it does (pip and the frozen bundle both ship
    .pyc). A checkout run with PYTHONDONTWRITEBYTECODE would otherwise recompile every module at
    each start, ~0.3 s no user pays, while the bare programs' libraries are compiled."""
    import compileall
    from pathlib import Path

    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "desktop_app"), quiet=1)
