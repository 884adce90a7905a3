"""The headless subcommands: argparse arguments in, desk calls, printing out."""

from __future__ import annotations

import argparse
import io
import json
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.app import open_desk, resolve_db_path
from desktop_app.core.errors import CopydeskError, FieldError, OperationError, UsageProblem
from desktop_app.core.paths import settings_path
from desktop_app.core.search import find_occurrence
from desktop_app.core.settings import Settings, account_name
from desktop_app.desk import Desk
from desktop_app.desk.exports import query_for


@contextmanager
def desk_for(args: argparse.Namespace, reviewer: str = "") -> Iterator[Desk]:
    desk = open_desk(args.db, reviewer)
    try:
        yield desk
    finally:
        desk.close()


def cmd_import(args: argparse.Namespace) -> int:
    if getattr(args, "dry_run", False):
        return _dry_run(args.files)
    if getattr(args, "revision_of", None):
        from desktop_app.commands_revisions import import_revision_command

        return import_revision_command(args)
    with desk_for(args) as desk:
        failed = 0
        for name in args.files:
            try:
                result = desk.import_file(name)
            except CopydeskError as error:  # the file could not be read or stored
                print(f"copydesk: {error}", file=sys.stderr)
                failed += 1
                continue
            doc = result.document
            note = "" if result.created else "\t(already imported)"
            print(
                f"{doc.id}\t{doc.title}\t{len(doc.blocks)} blocks\t{len(doc.text)} characters{note}"
            )
        return 1 if failed else 0


def _dry_run(files: list[str]) -> int:
    """What each file would import as: its title, then one line per block (kind, first words),
    so an editor or a support desk can see what was understood. Nothing is stored."""
    failed = 0
    for name in files:
        try:
            source = Desk.read_file(name)
        except CopydeskError as error:
            print(f"copydesk: {error}", file=sys.stderr)
            failed += 1
            continue
        print(f"{name}\t{source.title}\t{len(source.blocks)} blocks\t{len(source.text)} characters")
        for line in Desk.describe(source):
            print(f"  {line}")
    return 1 if failed else 0


def _parse_fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageProblem(f"--field needs KEY=VALUE, got {pair!r}")
        fields[key.strip()] = value
    return fields


def cmd_annotate(args: argparse.Namespace) -> int:
    by_find = args.find is not None
    by_range = args.start is not None or args.end is not None
    if by_find == by_range or (by_range and (args.start is None or args.end is None)):
        raise UsageProblem("give either --start and --end, or --find TEXT")
    if args.nth < 1:
        raise UsageProblem("--nth counts from 1")
    if args.nth != 1 and not by_find:
        raise UsageProblem("--nth only goes with --find")
    fields = _parse_fields(args.field)
    reviewer = args.reviewer or Settings.load(settings_path()).reviewer or account_name()
    with desk_for(args, reviewer) as desk:
        doc = desk.resolve_document(args.document)
        desk.tag(args.tag)  # an unknown tag is reported before a missing span
        if by_find:
            # The canonical text is NFC; a terminal may hand over decomposed accents.
            span = find_occurrence(doc.text, unicodedata.normalize("NFC", args.find), args.nth)
            if span is None:
                raise OperationError(
                    f"{args.find!r} (occurrence {args.nth}) is not in the document"
                )
            start, end = span
        else:
            start, end = args.start, args.end
        try:
            a = desk.annotate(
                doc.id, args.tag, start, end, note=args.note, fields=fields, status=args.status
            )
        except FieldError as error:
            raise UsageProblem(str(error)) from None
        print(f"{a.id}\t{a.tag}\t{a.start}-{a.end}\t{a.exact}")
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.output != "-":
        target = Path(args.output).expanduser().resolve()
        db_file = resolve_db_path(args.db).resolve()
        if target in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
            raise UsageProblem(f"{args.output}: that is the database itself; choose another file")
    with desk_for(args) as desk:
        doc_id = desk.resolve_document(args.document).id if args.document else None
        for name in args.tag:
            desk.tag(name)  # an unknown tag is one clear line, not an empty file
        query = query_for(doc_id, None, args.tag, args.status, args.reviewer)
        if args.output == "-":
            sys.stdout.flush()  # whatever was printed before goes first
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:  # a replaced stdout without bytes underneath
                raw = io.BytesIO()
                desk.export_query(args.format, raw, query)
                sys.stdout.write(raw.getvalue().decode("utf-8"))
            else:
                desk.export_query(args.format, buffer, query)
                buffer.flush()
        else:
            count = desk.export_query_to_file(args.format, args.output, query)
            print(f"{count} annotations written to {args.output}", file=sys.stderr)
        return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Print the standards findings (see `core.checks`) of one document or the whole library.

    Text: one line per finding, `<id, 8 chars>\t<kind>\t<start>-<end>\t<message>` ("orphaned"
    instead of the span for an annotation whose words are gone); JSON: a list of objects. Exit 0
    whether or not there are findings: they are work for an editor, not a failure of the command.
    """
    from desktop_app.core.checks import CHECK_LABELS

    with desk_for(args) as desk:
        doc_id = desk.resolve_document(args.document).id if args.document else None
        records = []
        for doc, findings in desk.check(doc_id):
            state_text = {a.id: a.exact for a in desk.annotations(doc.id)}
            records += [(doc, f, state_text.get(f.annotation_id, "")) for f in findings]
    if args.format == "json":
        payload = [
            {
                "document_id": doc.id,
                "document_title": doc.title,
                "annotation_id": f.annotation_id,
                "kind": f.kind,
                "label": CHECK_LABELS[f.kind],
                "message": f.message,
                "start": f.start,
                "end": f.end,
                "text": text,
            }
            for doc, f, text in records
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for doc, f, _ in records:
        span = f"{f.start}-{f.end}" if f.start >= 0 else "orphaned"
        print(f"{doc.id[:8]}\t{f.kind}\t{span}\t{f.message}")
    return 0
