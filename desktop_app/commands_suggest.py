"""`copydesk suggest FILE|--document ID`: the suggester's first pass over a draft, printed as
text or JSON. A FILE is read with the import readers but not stored."""

from __future__ import annotations

import argparse
import json

from desktop_app.core.errors import UsageProblem
from desktop_app.core.suggest import Suggestion, suggest
from desktop_app.desk import Desk, suggestions


def cmd_suggest(args: argparse.Namespace) -> int:
    if bool(args.file) == bool(args.document):
        raise UsageProblem("give a FILE or --document ID (one of them)")
    if args.document:
        from desktop_app.commands import desk_for  # opens the database only for --document

        with desk_for(args) as desk:
            doc = desk.resolve_document(args.document)
            title, text = doc.title, doc.text
            found = suggestions.open_suggestions(desk, doc.id)  # minus rejected and tagged
    else:
        source = Desk.read_file(args.file)  # an unreadable file: CopydeskError, one line
        title, text = source.title, source.text
        found = suggest(source.text, source.blocks)
    if args.format == "json":
        payload = {
            "document": {"title": title, "text": text},
            "suggestions": [s.to_json() for s in found],
        }
        # ensure_ascii: valid JSON on any console, even for a text holding lone surrogates.
        print(json.dumps(payload, ensure_ascii=True))
    else:
        for s in found:
            print(_line(s))
    return 0


def _line(s: Suggestion) -> str:
    """kind, start-end, confidence, fields (key=value; ...), then the words on one line."""
    words = " ".join(s.text.split())
    if len(words) > 100:
        words = words[:99] + "…"
    fields = "; ".join(f"{k}={' '.join(str(v).split())}" for k, v in s.fields.items())
    line = f"{s.kind}\t{s.start}-{s.end}\t{s.confidence:.2f}\t{fields}\t{words}"
    return line.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate prints as ?


__all__ = ["cmd_suggest"]
