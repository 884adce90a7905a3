"""Import speed of a 1 MB saved news page: `import_html` next to a bare lxml.html parse.

The page is generated (our own words): a site header and menu, an <article> with a headline,
byline, captions and long paragraphs, a related-links list and a comment section, repeated
sections until the file reaches 1 MB. Prints both times and their ratio.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import figure, timed  # noqa: E402

from desktop_app.formats.html_import import import_html  # noqa: E402

TARGET_BYTES = 1024 * 1024
SENTENCE = (
    "The harbour board met on Tuesday evening to weigh the dredging plan, and members asked "
    "for the cost estimate, the schedule and the names of the contractors before any vote. "
)


def build_page() -> bytes:
    head = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Harbour plan</title></head>"
        "<body><header class='site-header'><a href='/'>Coast Courier</a><nav><ul>"
        + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
        + "</ul></nav></header><main><article><h1>Harbour board weighs dredging plan</h1>"
        "<p class='byline'>By Ada Quill</p>"
    )
    section = (
        "<h2>What the board heard</h2>"
        + "".join(f"<p>{SENTENCE * 4}</p>" for _ in range(6))
        + "<figure><img src='a.jpg' alt=''><figcaption>The channel at low tide.</figcaption>"
        "</figure><aside class='related'><ul>"
        + "".join(f"<li><a href='/r{i}'>Related story {i}</a></li>" for i in range(8))
        + "</ul></aside>"
    )
    tail = (
        "</article><section class='comments'>"
        + "".join(
            f"<div class='comment'><p>Reader {i} wrote a comment.</p></div>" for i in range(50)
        )
        + "</section></main><footer>Copyright Coast Courier</footer></body></html>"
    )
    body = head
    while len(body) + len(tail) < TARGET_BYTES:
        body += section
    return (body + tail).encode("utf-8")


def paired_ratios(data: bytes, rounds: int) -> tuple[list[float], list[float]]:
    """Bare parse and import timed back to back, `rounds` times: on a shared machine the load
    changes between runs, so each import is compared with the parse measured next to it."""
    bare_times, ours_times = [], []
    for _ in range(rounds):
        bare_times.append(timed(lambda: lxml_html.document_fromstring(data), repeat=3))
        ours_times.append(timed(lambda: import_html(data, "bench"), repeat=3))
    return bare_times, ours_times


def main() -> None:
    data = build_page()
    bare_times, ours_times = paired_ratios(data, rounds=7)
    ratios = sorted(o / b for o, b in zip(ours_times, bare_times, strict=True))
    bare, ours = statistics.median(bare_times), statistics.median(ours_times)
    print(f"1 MB news page ({len(data):,} bytes, {len(import_html(data, 'b').blocks)} blocks)")
    print(f"  bare lxml.html parse : {bare * 1000:8.1f} ms  (median of 7, each best of 3)")
    print(f"  copydesk import_html : {ours * 1000:8.1f} ms")
    print(
        f"  ratio                : {statistics.median(ratios):8.1f}x  median of 7 paired ratios "
        f"({ratios[0]:.1f}-{ratios[-1]:.1f}; target <= 1.5x)"
    )
    figure("import_html_1mb:bare", bare * 1000, "ms")
    figure("import_html_1mb:copydesk", ours * 1000, "ms")


if __name__ == "__main__":
    main()
