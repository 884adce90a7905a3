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


def launch_ms(command: list[str], **kwargs: object) -> float:
    """Milliseconds from starting `command` to the moment it prints `SHOWN <time.time()>` (its
    window shown and painted), so the process's exit, which no user waits for, is not counted."""
    import subprocess

    started = time.time()
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload]
    shown = [line for line in out.stdout.splitlines() if line.startswith("SHOWN ")]
    if not shown:
        raise RuntimeError(f"the launch probe failed: {out.stderr.strip()[-300:]}")
    return (float(shown[-1].split()[1]) - started) * 1000
