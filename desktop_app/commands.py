"""The headless subcommands: argparse arguments in, desk calls, printing out."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop_app.app import open_desk, resolve_db_path
from desktop_app.core.checks import CHECK_LABELS
from desktop_app.core.errors import CopydeskError, FieldError, OperationError, UsageProblem
from desktop_app.core.paths import settings_path
from desktop_app.core.search import find_occurrence
from desktop_app.core.settings import Settings, account_name
from desktop_app.desk import Desk


@contextmanager
def desk_for(args: argparse.Namespace, reviewer: str = "") -> Iterator[Desk]:
    desk = open_desk(args.db, reviewer)
    try:
        yield desk
    finally:
        desk.close()


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.formats import FormatError

    with desk_for(args) as desk:
        failed = 0
        for name in args.files:
            try:
                result = desk.import_file(name)
            except FormatError as error:
                print(f"copydesk: {error}", file=sys.stderr)
                failed += 1
                continue
            doc = result.document
            note = "" if result.created else "\t(already imported)"
            print(
                f"{doc.id}\t{doc.title}\t{len(doc.blocks)} blocks\t{len(doc.text)} characters{note}"
            )
        return 1 if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    with desk_for(args) as desk:
        for doc in desk.documents():
            counts = ", ".join(f"{tag} {n}" for tag, n in sorted(doc.counts.items()))
            print(
                f"{doc.id}\t{doc.title}\t{doc.characters} characters\t{counts or 'no annotations'}"
            )
        return 0


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


def write_atomically(
    path: str, write: Callable[[IO[str]], object], binary: bool = False, encoding: str = "utf-8-sig"
) -> None:
    """Write to a temp file beside `path`, then rename: a failure never leaves half a file."""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o777  # keep the permissions of a file being replaced
    except OSError:
        mode = 0o644  # mkstemp makes 0600; an export is meant to be shared
    try:
        fd, tmp = tempfile.mkstemp(prefix=".copydesk-", suffix=".tmp", dir=str(target.parent))
    except OSError as error:
        raise CopydeskError(f"{path}: cannot write here ({error.strerror})") from None
    try:
        if binary:
            with os.fdopen(fd, "wb") as raw:
                write(raw)  # type: ignore[arg-type]
        else:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
                write(handle)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise CopydeskError(f"{path}: cannot write ({error.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.export.registry import get_exporter

    info = get_exporter(args.format)
    if args.output != "-":
        target = Path(args.output).expanduser().resolve()
        db_file = resolve_db_path(args.db).resolve()
        if target in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
            raise UsageProblem(f"{args.output}: that is the database itself; choose another file")
    with desk_for(args) as desk:
        doc_id = desk.resolve_document(args.document).id if args.document else None
        exporter = info.load()
        if args.output == "-":
            sys.stdout.flush()  # whatever was printed before goes first
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:  # a replaced stdout without bytes underneath
                desk.export(args.format, sys.stdout, doc_id)
                return 0
            if exporter.binary:
                desk.export(args.format, buffer, doc_id)
                buffer.flush()
                return 0
            out = io.TextIOWrapper(buffer, encoding=_encoding(args.format), newline="")
            try:
                desk.export(args.format, out, doc_id)
            finally:
                try:
                    out.flush()
                finally:
                    out.detach()
        else:
            count = 0

            def write(handle: IO[str]) -> None:
                nonlocal count
                count = desk.export(args.format, handle, doc_id)

            write_atomically(
                args.output, write, binary=exporter.binary, encoding=_encoding(args.format)
            )
            print(f"{count} annotations written to {args.output}", file=sys.stderr)
        return 0


def _encoding(fmt: str) -> str:
    return "utf-8-sig" if fmt == "csv" else "utf-8"  # the BOM tells Excel the CSV is UTF-8


def cmd_check(args: argparse.Namespace) -> int:
    """Print the standards findings (see `core.checks`) of one document or the whole library.

    Text: one line per finding, `<id, 8 chars>\t<kind>\t<start>-<end>\t<message>` ("orphaned"
    instead of the span for an annotation whose words are gone); JSON: a list of objects. Exit 0
    whether or not there are findings: they are work for an editor, not a failure of the command.
    """
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
