"""Headless exchange commands: import-annotations, merge, agreement (and import --with-comments)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.app import open_repository, resolve_db_path
from desktop_app.commands import desk_for
from desktop_app.core.errors import CopydeskError, UsageProblem
from desktop_app.core.paths import settings_path
from desktop_app.core.settings import Settings, account_name


def _reviewer() -> str:
    return Settings.load(settings_path()).reviewer or account_name()


def cmd_import_annotations(args: argparse.Namespace) -> int:
    with desk_for(args, _reviewer()) as desk:
        summary = desk.import_annotations(args.file)
    print(summary.line())
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Another reviewer's database (read through the storage adapter, never written to by
    us beyond what opening it needs) or JSON export, merged into this database."""
    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CopydeskError(f"{args.file}: no such file")
    if path.resolve() == resolve_db_path(args.db).resolve():
        raise UsageProblem(f"{args.file}: that is this database; choose another reviewer's file")
    with desk_for(args, _reviewer()) as desk:
        if path.suffix.lower() == ".json" or path.suffix.lower() == ".jsonld":
            summary = desk.import_annotations(str(path))
        else:
            other = open_repository(path)
            try:
                summary = desk.merge_repository(other, str(path))
            finally:
                other.close()
    print(summary.line())
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    reviewers = None
    if args.reviewers:
        names = [n.strip() for n in args.reviewers.split(",")]
        if len(names) != 2 or not all(names):
            raise UsageProblem("--reviewers takes two names: FIRST,SECOND")
        reviewers = (names[0], names[1])
    with desk_for(args) as desk:
        doc = desk.resolve_document(args.document)
        result = desk.agreement(doc.id, reviewers)
    if args.format == "json":
        print(json.dumps({"document_id": doc.id, **result.to_json()}, ensure_ascii=False, indent=2))
        return 0
    print(f"{doc.title}: {result.first} and {result.second}")
    print("tag\tkappa\tagreement\tboth\tonly " + result.first + "\tonly " + result.second)
    for t in result.tags:
        kappa = "n/a" if t.kappa is None else f"{t.kappa:.3f}"
        print(
            f"{t.tag}\t{kappa}\t{t.percent:.1f}%\t{t.both}\t{t.first - t.both}\t{t.second - t.both}"
        )
    print(
        f"spans tagged by both: {len(result.both)}; only {result.first}: "
        f"{len(result.only_first)}; only {result.second}: {len(result.only_second)}"
    )
    for label, spans in ((result.first, result.only_first), (result.second, result.only_second)):
        for a in spans:
            print(f"only {label}\t{a.tag}\t{a.start}-{a.end}\t{' '.join(a.exact.split())}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """`copydesk import`, plus --with-comments: a .docx's Word comments become annotations."""
    from desktop_app.commands import cmd_import as plain_import

    if not getattr(args, "with_comments", False):
        return plain_import(args)
    failed = 0
    with desk_for(args, _reviewer()) as desk:
        for name in args.files:
            try:
                doc, summary = desk.import_with_comments(name)
            except CopydeskError as error:
                print(f"copydesk: {error}", file=sys.stderr)
                failed += 1
                continue
            print(f"{doc.id}\t{doc.title}\t{summary}")
    return 1 if failed else 0
