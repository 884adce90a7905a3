"""Revised drafts on the command line: `import NEW --revision-of ID` and `revisions ID`."""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.commands import desk_for
from desktop_app.core.errors import UsageProblem
from desktop_app.core.reanchor import FATES
from desktop_app.desk import revisions


def import_revision_command(args: argparse.Namespace) -> int:
    """Import one file as the next revision of `--revision-of`; prints the line `import` prints
    (the new id first), and the fates of the carried annotations on stderr."""
    if len(args.files) != 1:
        raise UsageProblem("--revision-of takes exactly one FILE (the new version)")
    with desk_for(args) as desk:
        previous = desk.resolve_document(args.revision_of)
        doc, summary = desk.import_revision(args.files[0], previous.id)
        print(f"{doc.id}\t{doc.title}\t{len(doc.blocks)} blocks\t{len(doc.text)} characters")
        print(f"annotations carried over: {summary.line()}", file=sys.stderr)
    return 0


def cmd_revisions(args: argparse.Namespace) -> int:
    """The story's revisions, then this revision's summary: counts per fate, the changed words
    (a word diff per annotation) and the orphans (their old words)."""
    with desk_for(args) as desk:
        doc = desk.resolve_document(args.document)
        chain = revisions.revision_chain(desk, doc.id)
        summary = revisions.revision_summary(desk, doc.id)
    if args.format == "json":
        payload = {
            "document_id": doc.id,
            "revision_of": doc.revision_of,
            "revisions": [
                {"document_id": d.id, "title": d.title, "imported_at": d.imported_at} for d in chain
            ],
            "counts": {fate: summary.counts.get(fate, 0) for fate in FATES},
            "new": summary.counts.get("anchored", 0),
            "changed": [
                {
                    "annotation_id": c.annotation_id,
                    "tag": c.tag,
                    "previous_text": c.previous_text,
                    "text": c.text,
                    "diff": c.diff,
                }
                for c in summary.changed
            ],
            "orphans": [
                {
                    "annotation_id": a.id,
                    "tag": a.tag,
                    "previous_text": a.previous_text or a.exact,
                    "context_before": a.prefix,
                    "context_after": a.suffix,
                }
                for a in summary.orphans
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for number, d in enumerate(chain, start=1):
        here = "\t(this one)" if d.id == doc.id else ""
        print(f"revision {number}\t{d.id}\t{d.imported_at}\t{d.title}{here}")
    print(summary.line())
    for c in summary.changed:
        print(f"changed\t{c.annotation_id}\t{c.tag}\t{c.diff}")
    for a in summary.orphans:
        print(f"orphaned\t{a.id}\t{a.tag}\t{' '.join((a.previous_text or a.exact).split())}")
    return 0
