"""Incremental checks: one edit absorbed by `CheckState.update` vs a full `check_document` pass.

Same synthetic draft as bench_checks.py (1 M characters; 10,000 annotations, or --annotations N).
Edits, one at a time: a quote's speaker set or cleared, a claim verified, an anonymous source added
then removed, a quote moved. Prints FIGURE lines (see run_all.py); target: well under 1 ms per edit.
The long-lived objects are frozen first (gc.freeze) as the window should do after opening a draft.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import statistics
import time

from bench_checks import build, fields_for
from timing import figure, timed

from desktop_app.core.annotations import new_annotation
from desktop_app.core.check_state import CheckState
from desktop_app.core.checks import check_document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(20240611)
    text, spans = build(rng)
    chosen = rng.sample(spans, min(args.annotations, len(spans)))
    annotations = [
        new_annotation("bench", text, tag, start, end, fields=fields_for(tag, rng))
        for tag, start, end in chosen
    ]
    full = timed(lambda: check_document("bench", text, annotations), 3)
    started = time.perf_counter()
    state = CheckState("bench", text, annotations)
    built = time.perf_counter() - started
    # Long-lived objects (the draft's annotations and findings) out of the collector's way, as the
    # window should do after opening a draft: otherwise a full collection lands inside some edits.
    gc.freeze()
    taken = set(chosen)
    spare = [s for s in spans if s not in taken]
    per_edit: list[float] = []
    extra = annotations[0]
    for n in range(args.edits):
        a = state.annotations.get(annotations[n % len(annotations)].id) or annotations[0]
        kind = n % 4
        if kind == 0:
            edit = {"updated": [dataclasses.replace(a, fields=fields_for(a.tag, rng))]}
        elif kind == 1:
            edit = {"updated": [dataclasses.replace(a, status=rng.choice(("open", "disputed")))]}
        elif kind == 2 and n % 8 == 2:
            tag, start, end = rng.choice(spare)
            extra = new_annotation("bench", text, tag, start, end)
            edit = {"added": [extra]}
        elif kind == 2:
            edit = {"removed": [extra.id]}
        else:
            shift = rng.randint(-40, 40)
            moved = dataclasses.replace(a, start=max(0, a.start + shift), end=a.end + shift)
            edit = {"updated": [moved]}
        t0 = time.perf_counter()
        state.update(**edit)  # type: ignore[arg-type]
        per_edit.append(time.perf_counter() - t0)
    ordered = sorted(per_edit)
    assert state.findings() == check_document("bench", text, list(state.annotations.values()))
    print(f"text: {len(text):,} characters; annotations: {len(state.annotations):,}")
    figure("checks_full_pass", full * 1000, "ms", "check_document, best of 3")
    figure("checks_state_build", built * 1000, "ms", "CheckState from scratch")
    figure("checks_update_median", statistics.median(per_edit) * 1000, "ms", "one edit")
    figure("checks_update_p99", ordered[int(len(ordered) * 0.99)] * 1000, "ms", "one edit")
    figure("checks_update_max", ordered[-1] * 1000, "ms", "one edit")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
