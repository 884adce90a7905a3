"""Score the suggester on the hand-written corpus and time it over a ~1 MB concatenation.

Prints precision, recall and F1 per kind, speaker accuracy, reason-found rate, and throughput in
MB/s beside a bare baseline (one `re.finditer` pass over the same text for quotation marks), for
the concatenation as it is and as one 1 MB paragraph (newlines made spaces). Throughput is the
median of --runs wall timings (default 5; the machine is shared), with the best CPU time of the
same runs beside it (other processes on the shared cores inflate wall time, not CPU time). --corpus DIR also times the files
of DIR (any format the importers read) joined to ~1 MB: articles that are not the fixtures.
Run: .venv/bin/python benchmarks/eval_suggest.py [--misses] [--runs N] [--corpus DIR]
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import figure, timed  # noqa: E402

from desktop_app.core.suggest import suggest  # noqa: E402
from desktop_app.core.suggest.evaluation import Tally, score  # noqa: E402
from desktop_app.formats import load_source  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles" / "suggest"


def evaluate() -> tuple[Tally, list[str]]:
    tally, texts = Tally(), []
    for md in sorted(CORPUS.glob("*.md")):
        source = load_source(md)
        gold = json.loads(md.with_suffix(".gold.json").read_text(encoding="utf-8"))
        score(source.text, gold, suggest(source.text, source.blocks), tally, md.stem)
        texts.append(source.text)
    return tally, texts


def main() -> None:
    tally, texts = evaluate()
    docs = len(texts)
    print(f"corpus: {docs} articles, {sum(map(len, texts)):,} characters")
    for kind in ("quote", "anonymous_source", "claim"):
        tp, fp, fn = tally.counts[kind]
        p, r, f = tally.prf(kind)
        print(
            f"{kind:17s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})"
        )
    print(
        f"speaker accuracy  {tally.rate(tally.speaker):.3f}  ({tally.speaker[0]}/{tally.speaker[1]})"
    )
    print(
        f"reason found      {tally.rate(tally.reason):.3f}  ({tally.reason[0]}/{tally.reason[1]})"
    )
    print(f"rote flag agrees  {tally.rate(tally.rote):.3f}  ({tally.rote[0]}/{tally.rote[1]})")
    print(f"quote type agrees {tally.rate(tally.qtype):.3f}  ({tally.qtype[0]}/{tally.qtype[1]})")
    if "--misses" in sys.argv:
        print("\n".join(tally.misses))
    runs = int(_option("--runs", "5"))
    blob = "\n\n".join(texts)
    big = "\n\n".join([blob] * (1_000_000 // len(blob) + 1))[:1_000_000]
    cases = [("fixtures", big), ("one paragraph", big.replace("\n", " "))]
    if corpus := _option("--corpus", ""):
        real = "\n\n".join(load_source(p).text for p in sorted(Path(corpus).rglob("*.*")))
        cases.append((f"corpus {Path(corpus).name}", real[:1_000_000]))
    marks = re.compile(r"[“”\"]")
    for name, draft in cases:
        mb = len(draft.encode("utf-8")) / 1e6
        t_base = timed(lambda d=draft: sum(1 for _ in marks.finditer(d)))
        n = len(suggest(draft))  # also the warm-up
        t_sugg, t_cpu = _median(lambda d=draft: suggest(d), runs)
        print(
            f"throughput, {name}, {len(draft):,} characters ({mb:.2f} MB): suggest "
            f"{mb / t_sugg:.1f} MB/s (median of {runs}: {t_sugg * 1000:.0f} ms, {n:,} suggestions; "
            f"CPU {mb / t_cpu:.1f} MB/s, best {t_cpu * 1000:.0f} ms); "
            f"baseline one finditer pass {mb / t_base:.1f} MB/s ({t_base * 1000:.0f} ms); "
            f"ratio {t_sugg / t_base:.1f}x"
        )
        key = name.replace(" ", "_")
        figure(f"suggest_1mb_{key}:copydesk", t_sugg * 1000, "ms", "median wall time")
        figure(f"suggest_1mb_{key}:bare", t_base * 1000, "ms", "one finditer pass")


def _median(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median wall time, best CPU time) of `runs` calls, in seconds."""
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(times), min(cpu)


def _option(flag: str, default: str) -> str:
    if flag in sys.argv[:-1]:
        return sys.argv[sys.argv.index(flag) + 1]
    return default


if __name__ == "__main__":
    main()
