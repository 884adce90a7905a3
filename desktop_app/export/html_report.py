"""Review report as one self-contained HTML file: the article with highlights in the tag colours,
numbered margin notes, a table of annotations and the checks summary (no external files or scripts).

The layout is plain tables and inline colours so Qt's rich text (the PDF report) renders the very
same HTML that a browser does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape
from typing import IO

from desktop_app.core.checks import CHECK_LABELS, summarise
from desktop_app.core.export_data import DocumentBundle, ExportData
from desktop_app.core.fields import who
from desktop_app.core.model import Annotation, Block, Tag, status_label

STYLE = """
body { font-family: 'DejaVu Serif', Georgia, serif; color: #1f2328; margin: 2em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 15pt; border-bottom: 1px solid #999; margin-top: 1.5em; }
.meta { color: #555; font-size: 9pt; }
table.layout { width: 100%; border-collapse: collapse; }
td.text { width: 68%; vertical-align: top; padding: 4px 14px 4px 0; line-height: 150%; }
td.notes { width: 32%; vertical-align: top; padding: 4px 0 4px 10px; font-size: 8pt;
  border-left: 2px solid #ddd; color: #333; font-family: 'DejaVu Sans', Arial, sans-serif; }
sup { color: #444; font-size: 7pt; font-family: 'DejaVu Sans', Arial, sans-serif; }
table.list { border-collapse: collapse; width: 100%; font-size: 8pt;
  font-family: 'DejaVu Sans', Arial, sans-serif; }
table.list th, table.list td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top;
  text-align: left; }
table.list th { background: #eee; }
"""
HEADINGS = {"title": "h3", "heading": "h4"}


def tint(colour: str, strength: float = 0.35) -> str:
    """A light background from a tag colour (mixed with white: no rgba, which Qt may drop)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        return "#ffe9a8"
    rgb = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _text(words: str) -> str:
    return escape(words).replace("\n", "<br>")


def note_line(a: Annotation, tags: dict[str, Tag]) -> str:
    """[Tag] speaker — note (status), the wording the Word comments use too."""
    label = tags[a.tag].label if a.tag in tags else a.tag
    speaker = who(a.fields)
    parts = [f"[{label}]"]
    if speaker:
        parts.append(speaker)
    if a.note:
        parts.append(f"— {a.note}")
    parts.append(f"({status_label(a.status).lower()})")
    return " ".join(parts)


def _marked(
    text: str, block: Block, placed: list[tuple[int, Annotation]], colours: dict[str, str]
) -> str:
    """The block's text cut at every annotation edge; each piece coloured by the innermost
    annotation over it (underlined where two overlap), note numbers after each end."""
    inside = [(n, a) for n, a in placed if a.start < block.end and a.end > block.start]
    cuts = {block.start, block.end}
    for _, a in inside:
        cuts.update(p for p in (a.start, a.end) if block.start < p < block.end)
    out: list[str] = []
    edges = sorted(cuts)
    for lo, hi in zip(edges, edges[1:], strict=False):
        over = [a for _, a in inside if a.start <= lo and a.end >= hi]
        piece = _text(text[lo:hi])
        if over:
            top = max(over, key=lambda a: (a.start, -a.end))
            line = "text-decoration: underline;" if len(over) > 1 else ""
            piece = f'<span style="background-color: {colours.get(top.tag, "#ffe9a8")};{line}">{piece}</span>'
        out.append(piece)
        ends = [n for n, a in inside if a.end == hi]
        if ends:
            out.append(f"<sup>{','.join(str(n) for n in ends)}</sup>")
    return "".join(out)


def _document(bundle: DocumentBundle, tags: dict[str, Tag]) -> Iterable[str]:
    doc = bundle.document
    colours = {name: tint(t.colour) for name, t in tags.items()}
    numbered = list(enumerate(bundle.annotations, start=1))
    placed = [(n, a) for n, a in numbered if a.anchor_state != "orphaned" and a.end > a.start]
    yield f"<h2>{escape(doc.title)}</h2>"
    yield f'<p class="meta">{escape(doc.source_path)} · {len(bundle.annotations)} annotations</p>'
    yield '<table class="layout">'
    blocks = doc.blocks or (Block("paragraph", 0, len(doc.text)),)
    for block in blocks:
        tag = HEADINGS.get(block.kind, "p")
        body = _marked(doc.text, block, placed, colours)
        notes = [
            f'<p style="margin: 0 0 4px 0;"><b>{n}.</b> {escape(note_line(a, tags))}'
            f"{' · ' + escape(a.reviewer) if a.reviewer else ''}</p>"
            for n, a in placed
            if block.start <= a.start < block.end
        ]
        yield (
            f'<tr><td class="text" width="68%"><{tag}>{body}</{tag}></td>'
            f'<td class="notes" width="32%">{"".join(notes)}</td></tr>'
        )
    yield "</table>"
    yield "<h3>Annotations</h3>"
    yield '<table class="list"><tr><th>#</th><th>Tag</th><th>Words</th><th>Speaker</th>'
    yield "<th>Status</th><th>Note</th><th>Reviewer</th></tr>"
    for n, a in numbered:
        label = tags[a.tag].label if a.tag in tags else a.tag
        words = escape(" ".join(a.exact.split()))
        if a.anchor_state == "orphaned":
            words += " <i>(words no longer in the text)</i>"
        speaker = escape(a.fields.get("speaker", ""))
        colour = colours.get(a.tag, "#ffffff")
        yield (
            f'<tr><td>{n}</td><td style="background-color: {colour};">{escape(label)}</td>'
            f"<td>{words}</td><td>{speaker}</td><td>{escape(status_label(a.status))}</td>"
            f"<td>{_text(a.note)}</td><td>{escape(a.reviewer)}</td></tr>"
        )
    yield "</table>"
    yield from _checks(bundle)


def _checks(bundle: DocumentBundle) -> Iterable[str]:
    counts = {k: n for k, n in summarise(bundle.findings).items() if n}
    yield "<h3>Checks</h3>"
    if not counts:
        yield "<p>No open findings.</p>"
        return
    summary = ", ".join(f"{CHECK_LABELS[k]}: {n}" for k, n in counts.items())
    yield f"<p><b>{len(bundle.findings)} findings</b> — {escape(summary)}</p>"
    yield '<table class="list"><tr><th>Check</th><th>Finding</th></tr>'
    for f in bundle.findings:
        yield f"<tr><td>{escape(CHECK_LABELS[f.kind])}</td><td>{escape(f.message)}</td></tr>"
    yield "</table>"


def report_html(data: ExportData) -> tuple[str, int]:
    """The whole report and the number of annotations in it."""
    tags = {t.name: t for t in data.tags}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Review report: {escape(data.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Review report: {escape(data.title)}</h1>",
        f'<p class="meta">Copydesk · {date.today().isoformat()}</p>',
    ]
    count = 0
    for bundle in data.documents:
        parts.extend(_document(bundle, tags))
        count += len(bundle.annotations)
    parts.append("</body></html>\n")
    return "\n".join(parts), count


class HtmlReportExporter:
    name = "html"
    label = "Review report (HTML)"
    suffix = ".html"
    binary = False
    findings = True

    def write(self, data: ExportData, out: IO[str]) -> int:
        html, count = report_html(data)
        out.write(html)
        return count


__all__ = ["HtmlReportExporter", "report_html", "note_line", "tint"]
