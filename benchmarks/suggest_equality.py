"""Check that this checkout's suggest() gives exactly what another checkout's gives (speed work).

Each checkout runs in its own subprocess (PYTHONPATH=<root>) over the same drafts, and every
suggestion is compared field for field, confidence unrounded. Drafts: every fixture article (with
its blocks and as plain text), the two 1 MB drafts of eval_suggest.py, --corpus DIR (files any
importer reads: measured here only, never committed), and --random N drafts spliced from fixture
sentences with odd marks, emoji, accents, "İ", the Kelvin sign and unbalanced quotation marks.
Run: .venv/bin/python benchmarks/suggest_equality.py --against /work/main [--corpus DIR] [--random N]
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# Pieces spliced into the drafts (one string, split on "|": ruff would put each on its own line).
ODD = (
    "“|”|\"|‘|’|'|«|»|„| |\n|\n\n|😀|é|İ|\u212a|?|ß|—| said | according to |A: |Q: | 2024 | $5 "
    "| 12% |. | officials said| a senior official| because |, who asked not to be named"
    "| on condition of anonymity| Dr. | J. |\u00a0|…|!|(|)|1,000"
).split("|")


def _worker(cases_path: str, out_path: str) -> None:
    import desktop_app
    from desktop_app.core.suggest import suggest

    print(f"suggest() from {Path(desktop_app.__file__).parent.parent}", file=sys.stderr)
    with open(cases_path, "rb") as f:
        cases = pickle.load(f)
    out = []
    for _name, text, blocks in cases:
        try:
            found = suggest(text, blocks)
            out.append(
                [
                    (s.kind, s.start, s.end, s.text, sorted(s.fields.items()), s.confidence)
                    for s in found
                ]
            )
        except Exception as exc:  # an exception is an output too: it must match
            out.append(f"{type(exc).__name__}: {exc}")
    with open(out_path, "wb") as f:
        pickle.dump(out, f)


def _sentences(texts: list[str]) -> list[str]:
    out = []
    for t in texts:
        out += [s for s in re.split(r"(?<=[.!?”\"])\s+", t) if s]
    return out


def _random_drafts(texts: list[str], n: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    sentences = _sentences(texts)
    drafts = []
    for _ in range(n):
        parts = rng.sample(sentences, rng.randint(1, 30))
        draft = ""
        for p in parts:
            draft += p + rng.choice([" ", " ", "\n", "\n\n", "\n\n", "  "])
        # splice odd marks at random places, and cut words in two now and then
        for _ in range(rng.randint(0, 12)):
            i = rng.randint(0, len(draft))
            draft = draft[:i] + rng.choice(ODD) + draft[i:]
        if rng.random() < 0.2:
            i, j = sorted(rng.randint(0, len(draft)) for _ in range(2))
            draft = draft[:i] + draft[j:]
        if rng.random() < 0.1:
            draft = draft.lower() if rng.random() < 0.5 else draft.upper()
        drafts.append(draft)
    return drafts


def _cases(corpus: str, n_random: int) -> list[tuple[str, str, object]]:
    sys.path.insert(0, str(ROOT))
    from desktop_app.formats import load_source

    cases: list[tuple[str, str, object]] = []
    texts = []
    for p in sorted(FIXTURES.rglob("*")):
        if p.suffix in (".json", ".py", ".sh") or not p.is_file():
            continue
        try:
            source = load_source(p)
        except Exception:
            continue
        cases.append((str(p), source.text, source.blocks))
        cases.append((f"{p} (plain)", source.text, None))
        if p.parent.name == "suggest":
            texts.append(source.text)
    blob = "\n\n".join(texts)
    big = "\n\n".join([blob] * (1_000_000 // len(blob) + 1))[:1_000_000]
    cases += [("1 MB fixtures", big, None), ("1 MB one paragraph", big.replace("\n", " "), None)]
    if corpus:
        for p in sorted(Path(corpus).rglob("*")):
            if not p.is_file():
                continue
            try:
                source = load_source(p)
            except Exception:
                continue
            if source.text.strip():
                cases.append((str(p), source.text, source.blocks))
                cases.append((f"{p} (plain)", source.text, None))
    cases += [(f"random {i}", t, None) for i, t in enumerate(_random_drafts(texts, n_random))]
    return cases


def _run(root: str, cases_path: str) -> list:
    out_path = cases_path + "." + str(abs(hash(root))) + ".out"
    env = dict(os.environ, PYTHONPATH=root)
    subprocess.run(
        [sys.executable, __file__, "--worker", cases_path, out_path], check=True, env=env, cwd=root
    )
    with open(out_path, "rb") as f:
        return pickle.load(f)


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        _worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", required=True, help="the other checkout's root")
    parser.add_argument("--corpus", default="", help="a folder of documents to add")
    parser.add_argument("--random", type=int, default=2000, help="random spliced drafts")
    args = parser.parse_args()
    against = args.against
    cases = _cases(args.corpus, args.random)
    with tempfile.TemporaryDirectory() as tmp:
        cases_path = os.path.join(tmp, "cases.pickle")
        with open(cases_path, "wb") as f:
            pickle.dump(cases, f)
        mine, theirs = _run(str(ROOT), cases_path), _run(against, cases_path)
    bad = 0
    for (name, text, _), a, b in zip(cases, mine, theirs, strict=True):
        if a != b:
            bad += 1
            if bad <= 5:
                print(f"DIFFERS: {name} ({len(text):,} characters)")
                if isinstance(a, list) and isinstance(b, list):
                    extra = [x for x in a if x not in b][:3]
                    missing = [x for x in b if x not in a][:3]
                    print("  only here:", extra, "\n  only there:", missing)
                else:
                    print("  here:", str(a)[:300], "\n  there:", str(b)[:300])
    total = sum(len(x) for x in theirs if isinstance(x, list))
    chars = sum(len(t) for _, t, _ in cases)
    print(
        f"{len(cases)} drafts ({chars:,} characters, {total:,} suggestions): "
        f"{'all identical' if not bad else f'{bad} DIFFER'}"
    )
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
