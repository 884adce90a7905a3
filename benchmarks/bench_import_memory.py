"""Import memory: peak RSS of `copydesk import` on a near-limit plain-text file, beside a bare
`python -c` that only reads and decodes the same file.

Run with `.venv/bin/python benchmarks/bench_import_memory.py [--size-mb 39]`.

Three synthetic drafts of `--size-mb` megabytes (written here, never real articles): prose
paragraphs with curly quotes and accents (so the text needs 2 bytes a character in memory), the
same prose with no line break at all (one 39 MB paragraph), and the prose hard-wrapped at 72
columns. Each runs in its own process, whose peak RSS comes from `os.wait4`: the bare baseline
(`open().read().decode()`), `copydesk import --dry-run` (read and split only) and
`copydesk import` into a fresh temporary database (read, split, store, index). Prints
`FIGURE import_rss_<case>:copydesk|:bare` (run_all pairs them) and, per case, the peak as a
multiple of the decoded text's size and the import's wall time.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

from timing import figure  # benchmarks/ is on sys.path when a script runs

WORDS = (
    "council harbour budget said percent official residents plan the a café’s naïve résumé "
    "“we will rebuild,” ferry storm engineers Tuesday million gates tide"
).split()
BARE = (
    "import sys; data = open(sys.argv[1], 'rb').read(); text = data.decode('utf-8'); "
    "print(sys.getsizeof(text))"
)


def paragraphs(size: int) -> Iterator[str]:
    """Prose paragraphs of 40-120 words, about `size` bytes in all (UTF-8), the same each time."""
    rng, total = random.Random(3), 0
    while total < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
        paragraph = " ".join(words).capitalize() + "."
        total += len(paragraph.encode("utf-8")) + 2
        yield paragraph


def write_cases(folder: Path, size: int) -> dict[str, Path]:
    """Written a paragraph at a time: this process stays small, because a child's peak RSS on
    Linux counts what its parent held when it was forked."""
    layouts = {
        "prose": ("\n\n", lambda p: p),
        "oneline": (" ", lambda p: p),
        "wrapped": ("\n\n", lambda p: "\n".join(textwrap.wrap(p, 72))),
    }
    paths = {}
    for name, (separator, shape) in layouts.items():
        paths[name] = folder / f"{name}.txt"
        with paths[name].open("w", encoding="utf-8") as out:
            for number, paragraph in enumerate(paragraphs(size)):
                out.write((separator if number else "") + shape(paragraph))
    return paths


def run(argv: list[str]) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, stdout) of one child process; the RSS is that child's own
    (`os.wait4`), not the maximum over every child so far."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise SystemExit(f"{' '.join(argv)} failed: {err.read().strip()[-400:]}")
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024
        return usage.ru_maxrss / scale, seconds, out.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=39.0)
    args = parser.parse_args()
    copydesk = [sys.executable, "-m", "desktop_app"]
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-mem-") as folder:
        paths = write_cases(Path(folder), int(args.size_mb * 1024 * 1024))
        for name, path in paths.items():
            size_mb = path.stat().st_size / 1048576
            bare, _, out = run([sys.executable, "-c", BARE, str(path)])
            text_mb = int(out) / 1048576
            dry, _, _ = run([*copydesk, "import", "--dry-run", str(path)])
            db = Path(folder) / f"{name}.sqlite"
            ours, seconds, _ = run([*copydesk, "--db", str(db), "import", str(path)])
            note = f"{size_mb:.0f} MB file, {text_mb:.0f} MB decoded text"
            figure(f"import_rss_{name}:copydesk", ours, "MB", f"copydesk import, {note}")
            figure(f"import_rss_{name}:bare", bare, "MB", "python -c: read and decode only")
            figure(f"import_dry_run_rss_{name}", dry, "MB", "copydesk import --dry-run")
            figure(f"import_rss_per_text_{name}", ours / text_mb, "x", "peak / decoded text")
            figure(f"import_seconds_{name}", seconds, "s", "copydesk import, wall time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
