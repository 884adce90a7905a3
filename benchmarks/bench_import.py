"""Import benchmark: `load_source` on a 1 MB .docx beside a bare python-docx pass over it.

Run with `.venv/bin/python benchmarks/bench_import.py [--size-mb 1] [--odt]`.

The draft is built with python-docx: headings, paragraphs of varied sentences with bold and
italic runs (several runs per paragraph, as Word writes them), a few tables. The baseline is
what any docx reader must at least do: `docx.Document(path)` and the text of every paragraph
and table cell; a second, lower floor parses document.xml with lxml and joins its w:t texts. Copydesk does more (zip checks while inflating, styles, notes, canonical text,
blocks); the target is at most 1.5x the baseline. Prints best-of-3 times and the ratio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import zipfile
from pathlib import Path

import docx
from lxml import etree
from timing import figure, timed  # benchmarks/ is on sys.path when a script runs

from desktop_app.formats import load_source

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
WORDS = (
    "council harbor ferry quay vote budget levy storm surge engineers residents spokesperson "
    "said according to officials the of and in on a that would could reported Tuesday March "
    "million euros project barrier gates tide sediment eelgrass commuters regional department"
).split()


def _write_docx(path: Path, paragraphs: int) -> None:
    rng = random.Random(7)
    document = docx.Document()
    document.add_heading("Harbor council weighs a tidal barrier", 0)
    for number in range(paragraphs):
        if number % 40 == 0:
            document.add_heading(f"Section {number // 40}", 2)
        p = document.add_paragraph()
        for _ in range(rng.randint(2, 6)):
            run = p.add_run(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 25))) + ". ")
            run.bold = rng.random() < 0.1
            run.italic = rng.random() < 0.1
        if number % 400 == 399:
            table = document.add_table(rows=4, cols=3)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = f"{rng.randint(1, 9999)} {rng.choice(WORDS)}"
    document.save(path)


def build_docx(path: Path, size_mb: float) -> None:
    """A newsroom-like .docx of about `size_mb` megabytes (a sample sizes the real one)."""
    sample = 1000
    target = size_mb * 1024 * 1024
    for _ in range(3):  # compression varies with length: re-aim from the last try
        _write_docx(path, sample)
        sample = int(sample * target / path.stat().st_size)


def bare_python_docx(path: Path) -> int:
    """The least a docx reader does: open it and read every paragraph's and cell's text."""
    document = docx.Document(str(path))
    chars = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            chars += sum(len(cell.text) for cell in row.cells)
    return chars


def bare_lxml(path: Path) -> int:
    """Lower still: inflate document.xml, parse it with lxml, join the w:t texts."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return sum(len(t.text or "") for t in root.iter(W_T))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.docx"
        build_docx(path, args.size_mb)
        source = load_source(path)  # warm up (imports) and show what was read
        bare = timed(lambda: bare_python_docx(path))
        floor = timed(lambda: bare_lxml(path))
        ours = timed(lambda: load_source(path))
        size = path.stat().st_size / 1048576
        print(
            f"draft.docx: {size:.2f} MB, {len(source.blocks):,} blocks, {len(source.text):,} chars"
        )
        print(f"bare python-docx pass   {bare * 1000:8.0f} ms")
        print(f"bare lxml w:t pass      {floor * 1000:8.0f} ms")
        print(f"copydesk load_source    {ours * 1000:8.0f} ms")
        print(f"ratio to python-docx    {ours / bare:8.2f}x (target <= 1.5x)")
        print(f"ratio to lxml           {ours / floor:8.2f}x")
        figure("import_docx_1mb:copydesk", ours * 1000, "ms", "load_source")
        figure("import_docx_1mb:bare", bare * 1000, "ms", "python-docx paragraphs and cells")
        figure("import_docx_1mb_lxml:copydesk", ours * 1000, "ms", "load_source")
        figure("import_docx_1mb_lxml:bare", floor * 1000, "ms", "lxml w:t floor, no target")


if __name__ == "__main__":
    main()
