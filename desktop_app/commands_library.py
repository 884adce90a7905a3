"""Headless library commands: delete, rename, search, list-annotations."""

from __future__ import annotations

import argparse
import json

from desktop_app.commands import desk_for
from desktop_app.core.errors import UsageProblem
from desktop_app.core.model import MATCH_END, MATCH_START


def cmd_delete(args: argparse.Namespace) -> int:
    with desk_for(args) as desk:
        doc = desk.resolve_document(args.document)
        count = len(desk.annotations(doc.id))
        if count and not args.yes:
            raise UsageProblem(
                f"{doc.title!r} has {count} annotation{'s' if count != 1 else ''}; "
                "add --yes to delete them with it"
            )
        desk.delete_document(doc.id)
        print(f"{doc.id}\t{doc.title}\tdeleted with {count} annotation{'s' if count != 1 else ''}")
        return 0


def cmd_rename(args: argparse.Namespace) -> int:
    with desk_for(args) as desk:
        doc = desk.resolve_document(args.document)
        desk.rename_document(doc.id, args.title)
        print(f"{doc.id}\t{desk.document(doc.id).title}")
        return 0


def cmd_search(args: argparse.Namespace) -> int:
    """One line per document: id, title, the words in context (matches in [brackets])."""
    with desk_for(args) as desk:
        hits = desk.search(args.text)
        if args.format == "json":
            print(
                json.dumps(
                    [
                        {
                            "document_id": h.document_id,
                            "title": h.title,
                            "snippet": _plain(h.snippet),
                        }
                        for h in hits
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return 0
        for hit in hits:
            snippet = " ".join(_plain(hit.snippet, "[", "]").split())
            print(f"{hit.document_id}\t{hit.title}\t{snippet}")
        return 0


def _plain(snippet: str, start: str = "", end: str = "") -> str:
    return snippet.replace(MATCH_START, start).replace(MATCH_END, end)


def cmd_list_annotations(args: argparse.Namespace) -> int:
    """One line per annotation across the library: document, tag, status, who, words."""
    with desk_for(args) as desk:
        if args.tag:
            desk.tag(args.tag)  # an unknown tag is an error, not an empty list
        hits = desk.find_annotations(args.tag or "", args.status or "", args.speaker or "")
        if args.format == "json":
            rows = [
                {
                    "document_id": h.annotation.document_id,
                    "document_title": h.document_title,
                    "annotation_id": h.annotation.id,
                    "tag": h.annotation.tag,
                    "status": h.annotation.status,
                    "start": h.annotation.start,
                    "end": h.annotation.end,
                    "text": h.annotation.exact,
                    "fields": h.annotation.fields,
                }
                for h in hits
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        for h in hits:
            a = h.annotation
            who = (
                a.fields.get("speaker")
                or a.fields.get("claimant")
                or a.fields.get("description", "")
            )
            words = " ".join(a.exact.split())
            print(f"{a.document_id[:8]}\t{h.document_title}\t{a.tag}\t{a.status}\t{who}\t{words}")
        return 0
