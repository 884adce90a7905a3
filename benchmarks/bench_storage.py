"""Storage benchmark: import a 1 M-character article, tag it 10,000 times, export 100,000 rows.

Run with `make benchmark` or `.venv/bin/python benchmarks/bench_storage.py [--keep DIR]`.

Prints one figure per line:
  * import time of the synthetic article (load_source + add_document);
  * per durable annotation write through the whole operation path (`new_annotation` then
    `apply(repo, AddAnnotation(...))`, one transaction and one commit each, synchronous=FULL):
    median, p95 and max; target median < 2 ms;
  * CSV export of 100,000 annotation rows via `Desk.export("csv", …)` (the same path as `copydesk export`) to a file;
  * the `sqlite3 -csv` CLI (Debian package sqlite3) writing the same rows and columns from the
    same database in the same run, and a bare `csv.writer` over a cursor for reference;
  * the export/CLI ratio; target < 3;
  * the same export as a whole process, `copydesk export --format csv` (to stdout, and to a
    file written atomically with fsync) against `sqlite3 -csv` (issue 9: within 2.5x), best and
    median of several runs, printed as FIGURE lines for run_all's table.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import figure, timed  # benchmarks/ is on sys.path when a script runs

from desktop_app.app import open_repository
from desktop_app.core.annotations import new_annotation
from desktop_app.core.fields import ordered_field_keys
from desktop_app.core.operations import AddAnnotation, apply
from desktop_app.desk import Desk
from desktop_app.formats import load_source

ARTICLE_CHARS = 1_000_000
DURABLE_WRITES = 10_000
EXPORT_ROWS = 100_000
TAGS = ("quote", "claim", "anonymous_source")
WORDS = (
    "the minister said council budget hospital résumé naïve café 😀 growth per cent police "
    "report according to officials who spoke on condition of anonymity because they were not "
    "authorised to discuss the matter publicly\u00a0but critics argue that figures show"
).split(" ")


def build_article(path: Path, chars: int, rng: random.Random) -> None:
    """Paragraphs of pseudo-sentences (with emoji, accents and NBSPs) until `chars` is reached."""
    paragraphs: list[str] = ["Synthetic article for the storage benchmark"]
    total = len(paragraphs[0])
    while total < chars:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choices(WORDS, k=rng.randint(8, 24))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")


def random_span(text: str, rng: random.Random) -> tuple[int, int]:
    while True:
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.randint(5, 120)
        if not text[start].isspace() and not text[end - 1].isspace():
            return start, end


def fields_for(i: int) -> dict[str, str]:
    if i % 3 == 0:
        return {"speaker": f"Speaker {i % 97}", "cue": "said"}
    if i % 3 == 1:
        return {"claim_type": "number", "evidence": "=SUM(A1:A2) looks like a formula"}
    return {"reason_given": "not authorised to speak", "description": "a council official"}


def export_sql(field_keys: list[str]) -> str:
    """The CSV export's rows and columns in its order, as literal SQL (without what Copydesk adds:
    formula neutralising, NUL handling, paragraph numbers, orphans without a place)."""
    extracts = "".join(f', json_extract(a.fields, \'$."{k}"\') AS "{k}"' for k in field_keys)
    return (
        f"SELECT d.title, a.tag, a.exact{extracts}, a.status, a.note, a.reviewer, a.prefix, "
        "a.suffix, a.previous_text, a.anchor_state, a.created_at, a.updated_at, d.source_path, "
        'd.text_sha256, a.id, a.start, a."end" '
        "FROM annotations a JOIN documents d ON d.id = a.document_id "
        'ORDER BY d.title, d.text_sha256, a.start, a."end", a.id'
    )


def whole_process(db_path: Path, sql: str, work: Path, runs: int) -> None:
    """`copydesk export` and `sqlite3 -csv` as whole processes, alternated, several times."""
    sqlite3_cli = shutil.which("sqlite3") or "sqlite3"
    copydesk = [sys.executable, "-m", "desktop_app", "--db", str(db_path), "export"]
    cases = {
        "bare": lambda out: [sqlite3_cli, "-csv", "-header", str(db_path), sql],
        "copydesk": lambda out: [*copydesk, "--format", "csv", "-o", "-"],
        "copydesk_file": lambda out: [*copydesk, "--format", "csv", "-o", str(out)],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}  # user + system, of the child
    for _ in range(runs):
        for name, argv in cases.items():
            out = work / f"process-{name}.csv"
            with open(work / "stdout.csv", "wb") as handle:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                subprocess.run(argv(out), stdout=handle, stderr=subprocess.DEVNULL, check=True)
                times[name].append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(
                    after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                )
    bare = min(times["bare"])
    print(f"CSV export as a whole process, {runs} runs each (wall best / median; CPU best):")
    for name, values in times.items():
        best, median, used = min(values), statistics.median(values), min(cpu[name])
        print(
            f"  {name:<14} {best:.3f} s / {median:.3f} s   CPU {used:.3f} s   "
            f"ratio {best / bare:.2f}x wall, {used / min(cpu['bare']):.2f}x CPU"
        )
    figure("csv_export_process:copydesk", min(times["copydesk"]), "s", "copydesk export -o -")
    figure("csv_export_process:bare", bare, "s", "sqlite3 -csv, same rows and columns")
    figure("csv_export_file_process:copydesk", min(times["copydesk_file"]), "s", "-o FILE, fsync")
    figure("csv_export_file_process:bare", bare, "s", "sqlite3 -csv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--writes", type=int, default=DURABLE_WRITES)
    parser.add_argument("--rows", type=int, default=EXPORT_ROWS)
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs of each")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: export the database already there"
    )
    args = parser.parse_args()
    sqlite3_cli = shutil.which("sqlite3")
    if sqlite3_cli is None:
        print("sqlite3 CLI not found: install the Debian package sqlite3", file=sys.stderr)
        return 1
    rng = random.Random(20240611)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        article = work / "article.txt"
        db_path = work / "bench.sqlite3"
        if args.reuse and db_path.exists():
            repo = open_repository(db_path)
            sql = export_sql(ordered_field_keys(repo.field_keys(None)))
            repo.close()
            whole_process(db_path, sql, work, args.runs)
            return 0
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        build_article(article, ARTICLE_CHARS, rng)

        repo = open_repository(db_path)
        t0 = time.perf_counter()
        source = load_source(str(article))
        doc, _ = Desk(repo).add_source(source, str(article))
        import_s = time.perf_counter() - t0
        text = doc.text
        print(f"article: {len(text):,} characters, {len(doc.blocks):,} blocks")
        print(f"import (load_source + add_document): {import_s * 1000:.1f} ms")

        # Durable writes, one operation (one transaction, one commit) at a time.
        journal = repo.db.execute("PRAGMA journal_mode").fetchone()[0]
        sync = repo.db.execute("PRAGMA synchronous").fetchone()[0]
        whole: list[float] = []
        apply_only: list[float] = []
        for i in range(args.writes):
            start, end = random_span(text, rng)
            t0 = time.perf_counter()
            annotation = new_annotation(
                doc.id, text, TAGS[i % 3], start, end, reviewer="bench", fields=fields_for(i)
            )
            t1 = time.perf_counter()
            apply(repo, AddAnnotation(annotation))
            t2 = time.perf_counter()
            whole.append(t2 - t0)
            apply_only.append(t2 - t1)
        whole.sort()
        apply_only.sort()

        def ms(values: list[float], q: float) -> str:
            return f"{values[min(len(values) - 1, int(q * len(values)))] * 1000:.3f}"

        print(
            f"durable writes ({args.writes:,}, journal_mode={journal}, synchronous={sync} "
            "[2=FULL]), new_annotation + apply(AddAnnotation):"
        )
        print(
            f"  median {statistics.median(whole) * 1000:.3f} ms, p95 {ms(whole, 0.95)} ms, "
            f"max {whole[-1] * 1000:.3f} ms, total {sum(whole):.2f} s  (target median < 2 ms)"
        )
        print(
            f"  apply alone: median {statistics.median(apply_only) * 1000:.3f} ms, "
            f"p95 {ms(apply_only, 0.95)} ms"
        )

        # Fill up to the export size in bulk (not timed: this is set-up, not a user action).
        with repo.transaction():
            for i in range(args.writes, args.rows):
                start, end = random_span(text, rng)
                repo.insert_annotation(
                    new_annotation(
                        doc.id,
                        text,
                        TAGS[i % 3],
                        start,
                        end,
                        reviewer="bench",
                        fields=fields_for(i),
                    )
                )
        count = repo.db.execute("SELECT count(*) FROM annotations").fetchone()[0]

        out_path = work / "export.csv"

        def copydesk_export() -> None:
            with open(out_path, "wb") as handle:
                Desk(repo).export("csv", handle)

        keys = ordered_field_keys(repo.field_keys(None))
        sql = export_sql(keys)
        cli_path = work / "cli.csv"

        def cli_export() -> None:
            with open(cli_path, "wb") as handle:
                subprocess.run(
                    [sqlite3_cli, "-csv", "-header", str(db_path), sql], stdout=handle, check=True
                )

        bare_path = work / "bare.csv"

        def bare_export() -> None:
            with open(bare_path, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                cursor = repo.db.execute(sql)
                writer.writerow([d[0] for d in cursor.description])
                writer.writerows(cursor)

        export_s = timed(copydesk_export)
        cli_s = timed(cli_export)
        bare_s = timed(bare_export)
        with open(out_path, encoding="utf-8-sig", newline="") as handle:
            exported = sum(1 for _ in csv.reader(handle)) - 1
        with open(cli_path, encoding="utf-8", newline="") as handle:
            cli_rows = sum(1 for _ in csv.reader(handle)) - 1
        assert exported == count == cli_rows, (exported, count, cli_rows)
        print(f"CSV export of {count:,} rows ({out_path.stat().st_size / 1e6:.1f} MB), best of 3:")
        print(f"  copydesk export_csv:       {export_s:.3f} s")
        print(f"  sqlite3 -csv CLI:          {cli_s:.3f} s  ({sqlite3_cli})")
        print(f"  bare csv.writer on cursor: {bare_s:.3f} s")
        print(f"  ratio export / CLI:        {export_s / cli_s:.2f}x  (target < 3x)")
        print(
            json.dumps(
                {
                    "write_median_ms": round(statistics.median(whole) * 1000, 3),
                    "write_p95_ms": float(ms(whole, 0.95)),
                    "export_s": round(export_s, 3),
                    "cli_s": round(cli_s, 3),
                    "bare_s": round(bare_s, 3),
                    "ratio": round(export_s / cli_s, 2),
                }
            )
        )
        repo.close()
        whole_process(db_path, sql, work, args.runs)
        ok = statistics.median(whole) < 0.002 and export_s < 3 * cli_s
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
