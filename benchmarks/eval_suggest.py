"""Score the suggester on the hand-written corpus and time it over a ~1 MB concatenation.

Prints precision, recall and F1 per kind, speaker accuracy, reason-found rate, and throughput in
MB/s beside a bare baseline (one `re.finditer` pass over the same text for quotation marks).
Run: .venv/bin/python benchmarks/eval_suggest.py [--misses]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import timed  # noqa: E402

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
    blob = "\n\n".join(texts)
    big = "\n\n".join([blob] * (1_000_000 // len(blob) + 1))[:1_000_000]
    mb = len(big.encode("utf-8")) / 1e6
    marks = re.compile(r"[“”\"]")
    t_base = timed(lambda: sum(1 for _ in marks.finditer(big)))
    t_sugg = timed(lambda: suggest(big))
    n = len(suggest(big))
    print(
        f"throughput over {len(big):,} characters ({mb:.2f} MB): suggest {mb / t_sugg:.1f} MB/s "
        f"({t_sugg * 1000:.0f} ms, {n:,} suggestions); baseline one finditer pass "
        f"{mb / t_base:.1f} MB/s ({t_base * 1000:.0f} ms); ratio {t_sugg / t_base:.1f}x"
    )


if __name__ == "__main__":
    main()
