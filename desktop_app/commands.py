"""The headless subcommands behind `copydesk import|list|annotate|export|check`."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import IO

from desktop_app.app import open_repository, resolve_db_path
from desktop_app.core.annotations import edited, new_annotation
from desktop_app.core.checks import CHECK_LABELS, check_document
from desktop_app.core.errors import CopydeskError, OperationError, UsageProblem
from desktop_app.core.fields import ordered_field_keys
from desktop_app.core.model import Document
from desktop_app.core.operations import AddAnnotation, apply
from desktop_app.core.paths import settings_path
from desktop_app.core.search import find_occurrence
from desktop_app.core.settings import Settings, account_name
from desktop_app.export.csv_export import write_csv
from desktop_app.formats import FormatError, load_source
from desktop_app.storage import SqliteRepository


def cmd_import(args: argparse.Namespace) -> int:
    with closing(open_repository(args.db)) as repo:
        failed = 0
        for name in args.files:
            try:
                source = load_source(name)
            except FormatError as error:
                print(f"copydesk: {error}", file=sys.stderr)
                failed += 1
                continue
            doc, created = repo.add_document(source, str(Path(name).resolve()))
            note = "" if created else "\t(already imported)"
            print(
                f"{doc.id}\t{doc.title}\t{len(doc.blocks)} blocks\t{len(doc.text)} characters{note}"
            )
        return 1 if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    with closing(open_repository(args.db)) as repo:
        for doc in repo.list_documents():
            counts = ", ".join(f"{tag} {n}" for tag, n in sorted(doc["counts"].items()))
            counts = counts or "no annotations"
            print(f"{doc['id']}\t{doc['title']}\t{doc['characters']} characters\t{counts}")
        return 0


def resolve_document(repo: SqliteRepository, ident: str) -> Document:
    matches = repo.find_documents(ident)
    if not matches:
        raise OperationError(f"no document with id {ident!r} (see copydesk list)")
    if len(matches) > 1:
        raise OperationError(
            f"document id {ident!r} is ambiguous ({len(matches)} match); give more of it"
        )
    doc = repo.get_document(matches[0])
    assert doc is not None
    return doc


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
    with closing(open_repository(args.db)) as repo:
        doc = resolve_document(repo, args.document)
        if repo.get_tag(args.tag) is None:
            names = ", ".join(t.name for t in repo.tags())
            raise OperationError(f"unknown tag {args.tag!r}; tags are: {names}")
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
        reviewer = args.reviewer or Settings.load(settings_path()).reviewer or account_name()
        annotation = new_annotation(
            doc.id, doc.text, args.tag, start, end, reviewer=reviewer, note=args.note, fields=fields
        )
        if args.status:
            annotation = edited(annotation, status=args.status)
        apply(repo, AddAnnotation(annotation, "Tag"))
        print(
            f"{annotation.id}\t{annotation.tag}\t{annotation.start}-{annotation.end}\t{annotation.exact}"
        )
        return 0


def export_csv(repo: SqliteRepository, document_id: str | None, out: IO[str]) -> int:
    keys = ordered_field_keys(repo.field_keys(document_id))
    rows = repo.export_rows(document_id, keys)
    return write_csv(out, rows, keys, repo.block_starts(document_id))


def write_text_atomically(path: str, write: Callable[[IO[str]], object]) -> None:
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
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
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
    if args.output != "-":
        target = Path(args.output).expanduser().resolve()
        db_file = resolve_db_path(args.db).resolve()
        if target in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
            raise UsageProblem(f"{args.output}: that is the database itself; choose another file")
    with closing(open_repository(args.db)) as repo:
        doc_id = resolve_document(repo, args.document).id if args.document else None
        if args.output == "-":
            sys.stdout.flush()  # whatever was printed before goes first
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:  # a replaced stdout without bytes underneath
                sys.stdout.write("\ufeff")
                export_csv(repo, doc_id, sys.stdout)
                return 0
            out = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")
            try:
                export_csv(repo, doc_id, out)
            finally:
                try:
                    out.flush()
                finally:
                    out.detach()
        else:
            count = 0

            def write(handle: IO[str]) -> None:
                nonlocal count
                count = export_csv(repo, doc_id, handle)

            write_text_atomically(args.output, write)
            print(f"{count} annotations written to {args.output}", file=sys.stderr)
        return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Print the standards findings (see `core.checks`) of one document or the whole library.

    Text: one line per finding, `<id, 8 chars>\t<kind>\t<start>-<end>\t<message>` ("orphaned"
    instead of the span for an annotation whose words are gone); JSON: a list of objects. Exit 0
    whether or not there are findings: they are work for an editor, not a failure of the command.
    """
    with closing(open_repository(args.db)) as repo:
        if args.document:
            docs = [resolve_document(repo, args.document)]
        else:
            found = (repo.get_document(d["id"]) for d in repo.list_documents())
            docs = [doc for doc in found if doc is not None]
        records = []
        for doc in docs:
            annotations = repo.annotations_for(doc.id)
            exact = {a.id: a.exact for a in annotations}
            for finding in check_document(doc.id, doc.text, annotations):
                records.append((doc, finding, exact.get(finding.annotation_id, "")))
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
