"""Exchange benchmark: export 100,000 annotations as W3C Web Annotation JSON and as CSV, side by side.

Run with `.venv/bin/python benchmarks/bench_exchange.py [--rows N]`.

One synthetic 1 M-character draft, tagged N times (quotes, claims, anonymous sources with fields
and notes). Both exports go through the same desk call a user's `copydesk export --format X`
makes (`Desk.export_to_file`), best of three, then the JSON file is read back and counted.
Target: JSON within 3x the CSV export's time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from timing import timed  # benchmarks/ is on sys.path when a script runs

from desktop_app.app import open_repository
from desktop_app.core.annotations import new_annotation
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk

TAGS = ("quote", "claim", "anonymous_source")
WORDS = "the council voted on the budget after a long hearing about repairs and schools".split()


def article(rng: random.Random, chars: int = 1_000_000) -> SourceText:
    parts, blocks, pos = [], [], 0
    while pos < chars:
        para = " ".join(rng.choices(WORDS, k=rng.randint(40, 90))).capitalize() + " “Ça va 🙂.”"
        parts.append(para)
        blocks.append(Block("paragraph", pos, pos + len(para)))
        pos += len(para) + 2
    return SourceText("\n\n".join(parts), "Bench draft", tuple(blocks), "txt")


def fields_for(i: int) -> dict[str, str]:
    if i % 3 == 0:
        return {"speaker": f"Speaker {i % 50}", "quote_type": "full"}
    if i % 3 == 1:
        return {"claim_type": "event", "verification": "unverified"}
    return {"description": "a council aide", "reason_given": "yes"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as tmp:
        work = Path(tmp)
        repo = open_repository(work / "bench.sqlite3")
        desk = Desk(repo, "bench")
        doc = desk.add_source(article(rng), "/bench/draft.txt").document
        text = doc.text
        with repo.transaction():  # set-up, not timed
            for i in range(args.rows):
                start = rng.randrange(0, len(text) - 200)
                a = new_annotation(
                    doc.id,
                    text,
                    TAGS[i % 3],
                    start,
                    start + rng.randint(5, 120),
                    reviewer=f"Reviewer {i % 2}",
                    note="check this" if i % 4 == 0 else "",
                    fields=fields_for(i),
                )
                repo.insert_annotation(a)
        csv_path, json_path = work / "out.csv", work / "out.json"
        csv_s = timed(lambda: desk.export_to_file("csv", str(csv_path), None))
        json_s = timed(lambda: desk.export_to_file("json", str(json_path), None))
        with open(json_path, encoding="utf-8") as handle:
            items = json.load(handle)["first"]["items"]
        assert len(items) == args.rows, len(items)
        print(f"export of {args.rows:,} annotations (1 M-character draft), best of 3:")
        print(f"  CSV  {csv_s:.3f} s  ({csv_path.stat().st_size / 1e6:.1f} MB)")
        print(f"  JSON {json_s:.3f} s  ({json_path.stat().st_size / 1e6:.1f} MB)")
        print(f"  ratio JSON / CSV: {json_s / csv_s:.2f}x  (target < 3x)")
        desk.close()
        return 0 if json_s < 3 * csv_s else 1


if __name__ == "__main__":
    sys.exit(main())
