"""SIGKILL at random moments while edits stream through the desk: every acknowledged annotation
survives (and every acknowledged deletion and note holds) and the file passes integrity_check."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def run_and_kill(db: Path, seed: int, rng: random.Random) -> list[str]:
    """Start the worker, let it edit for a random moment, SIGKILL it; its acknowledged lines."""
    worker = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_worker.py")), str(db), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert worker.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert worker.stdout is not None
        for line in worker.stdout:
            if line.strip() == "READY":
                ready.set()
            lines.append(line.rstrip("\n"))
        ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert ready.wait(30), "the worker did not start"
    time.sleep(rng.uniform(0.0, 0.6))  # a random moment: mid-commit, mid-print, between edits
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    reader.join(10)
    errors = worker.stderr.read() if worker.stderr else ""
    assert worker.returncode == -signal.SIGKILL, errors
    return lines


@pytest.mark.slow
def test_sigkill_twenty_times_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    rng = random.Random(20260301)
    live: set[str] = set()
    notes: dict[str, str] = {}
    acknowledged = 0
    for kill in range(KILLS):
        lines = run_and_kill(db, kill, rng)
        in_flight: tuple[str, ...] = ()
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "ADD":
                live.add(rest)
                acknowledged += 1
            elif kind == "DEL":
                live.discard(rest)
                notes.pop(rest, None)
                acknowledged += 1
            elif kind == "NOTE":
                ident, note = rest.split(" ", 1)
                notes[ident] = note
                acknowledged += 1
            if kind.startswith("TRY-"):
                in_flight = (kind, *rest.split(" ", 1))
            elif kind in ("DEL", "NOTE"):
                in_flight = ()
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = dict(conn.execute("SELECT id, note FROM annotations"))
        finally:
            conn.close()
        # The one edit in flight at the kill may or may not have been committed.
        if in_flight and in_flight[0] == "TRY-DEL" and in_flight[1] not in stored:
            live.discard(in_flight[1])
            notes.pop(in_flight[1], None)
        if in_flight and in_flight[0] == "TRY-NOTE" and stored.get(in_flight[1]) == in_flight[2]:
            notes[in_flight[1]] = in_flight[2]
        missing = live - stored.keys()
        assert not missing, f"kill {kill}: acknowledged annotations lost: {missing}"
        wrong = {i: n for i, n in notes.items() if stored.get(i) != n}
        assert not wrong, f"kill {kill}: acknowledged notes lost: {wrong}"
        live = set(stored)  # an unacknowledged addition that did commit lives on too
    assert acknowledged > KILLS  # the edits really ran between the kills
    print(f"{KILLS} kills survived; {acknowledged} acknowledged edits checked")
