"""The `copydesk` command. Subcommands run headless; Qt is imported only to open the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from desktop_app import __version__
from desktop_app.core.errors import CopydeskError, UsageProblem
from desktop_app.core.model import STATUSES

# Subcommand -> the module holding its `cmd_<name>` (dashes become underscores). A new command is
# one line here, its arguments in build_parser, and its function in that module.
COMMAND_MODULES = {
    "import": "desktop_app.commands_exchange",  # plain import, or --with-comments
    "list": "desktop_app.commands_list",
    "annotate": "desktop_app.commands",
    "export": "desktop_app.commands",
    "check": "desktop_app.commands",
    "delete": "desktop_app.commands_library",
    "rename": "desktop_app.commands_library",
    "search": "desktop_app.commands_library",
    "list-annotations": "desktop_app.commands_library",
    "backup": "desktop_app.commands_admin",
    "restore": "desktop_app.commands_admin",
    "import-annotations": "desktop_app.commands_exchange",
    "merge": "desktop_app.commands_exchange",
    "agreement": "desktop_app.commands_exchange",
    "revisions": "desktop_app.commands_revisions",
    "suggest": "desktop_app.commands_suggest",
}
SUBCOMMANDS = tuple(COMMAND_MODULES)


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _db_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="database file (default: COPYDESK_HOME or the user data folder)",
    )


class _Unused:
    """Stands in for the parser of a subcommand that is not being run: its arguments are not
    built (argparse costs ~1 ms a subcommand, a third of `copydesk list`'s own time)."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass


def build_parser(only: str | None = None) -> Parser:
    """The whole command line, or (`only`) just the subcommand about to run."""
    parser = Parser(
        prog="copydesk",
        description="Review article drafts: tag quotes, claims and anonymous sources.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    _db_option(parser)
    subs = parser.add_subparsers(dest="command", parser_class=Parser)

    def sub(name: str, **kwargs: str) -> Any:
        return subs.add_parser(name, **kwargs) if only in (None, name) else _Unused()

    p = sub("import", help="import draft files into the database")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--with-comments", action="store_true", help="also bring a .docx's Word comments in"
    )
    p.add_argument("--revision-of", metavar="ID", help="FILE is a new version of document ID")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print the blocks understood (kind and first words); store nothing",
    )
    _db_option(p, argparse.SUPPRESS)

    p = sub("list", help="list imported documents")
    _db_option(p, argparse.SUPPRESS)

    p = sub("annotate", help="tag a span of a document")
    p.add_argument(
        "--document", required=True, metavar="ID", help="document id (a unique prefix is enough)"
    )
    p.add_argument("--tag", required=True)
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.add_argument("--find", metavar="TEXT", help="tag the words TEXT (exactly as in the document)")
    p.add_argument(
        "--nth", type=int, default=1, metavar="N", help="with --find: the Nth occurrence"
    )
    p.add_argument("--note", default="")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--field", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--reviewer")
    _db_option(p, argparse.SUPPRESS)

    p = sub("export", help="export annotations")
    p.add_argument("--document", metavar="ID")
    p.add_argument("--format", choices=_export_formats(only), default="csv")
    p.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="output file, or - for stdout"
    )
    p.add_argument("--tag", action="append", default=[], help="only this tag (repeatable)")
    p.add_argument("--status", action="append", default=[], choices=STATUSES, help="only this")
    p.add_argument("--reviewer", action="append", default=[], help="only this reviewer")
    _db_option(p, argparse.SUPPRESS)

    p = sub(
        "check",
        help="list standards findings: quotes without speaker, anonymous sources without a "
        "reason, unverified claims… (exit 0 even when there are findings)",
    )
    p.add_argument("--document", metavar="ID", help="one document (default: the whole library)")
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text: one tab-separated line per finding (default); json: a list of objects",
    )
    _db_option(p, argparse.SUPPRESS)
    _library_commands(sub)

    p = sub("backup", help="copy the database into backups/ beside it now")
    _db_option(p, argparse.SUPPRESS)
    p = sub("restore", help="replace the database with a backup (the latest if no FILE is given)")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    _db_option(p, argparse.SUPPRESS)

    p = sub("import-annotations", help="bring in a W3C Web Annotation JSON file")
    p.add_argument("file", metavar="FILE.json")
    _db_option(p, argparse.SUPPRESS)
    p = sub("merge", help="merge another reviewer's database or JSON export")
    p.add_argument("file", metavar="OTHER.sqlite3|OTHER.json")
    _db_option(p, argparse.SUPPRESS)
    p = sub("agreement", help="how far two reviewers agree on a document")
    p.add_argument("--document", required=True, metavar="ID")
    p.add_argument("--reviewers", metavar="FIRST,SECOND", help="default: the two most active")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _db_option(p, argparse.SUPPRESS)
    _revision_commands(sub)
    p = sub(
        "suggest",
        help="suggest quotes (with speakers), anonymous sources and claims in a draft FILE (not "
        "stored) or a stored --document (minus rejected and tagged ones)",
    )
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--document", metavar="ID", help="a stored document (a unique id prefix)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _db_option(p, argparse.SUPPRESS)
    return parser


def _export_formats(only: str | None) -> list[str]:
    """The exporters' names; the desk (and its imports) loads only when `export` is parsed."""
    if only not in (None, "export"):
        return []
    from desktop_app.desk import Desk

    return [f[0] for f in Desk.export_formats()]


def _library_commands(sub: Callable[..., Any]) -> None:
    p = sub("delete", help="delete a document and its annotations")
    p.add_argument("document", metavar="ID", help="document id (a unique prefix is enough)")
    p.add_argument("--yes", action="store_true", help="also when it has annotations")
    _db_option(p, argparse.SUPPRESS)

    p = sub("rename", help="give a document another title")
    p.add_argument("document", metavar="ID")
    p.add_argument("title")
    _db_option(p, argparse.SUPPRESS)

    p = sub("search", help="find documents holding every word (accents ignored)")
    p.add_argument("text")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _db_option(p, argparse.SUPPRESS)

    p = sub("list-annotations", help="annotations across the library, filtered")
    p.add_argument("--tag")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--speaker", help="any part of the speaker, claimant or source description")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _db_option(p, argparse.SUPPRESS)


def _revision_commands(sub: Callable[..., Any]) -> None:
    p = sub("revisions", help="a draft's revisions and what happened to its annotations")
    p.add_argument("document", metavar="ID", help="document id (a unique prefix is enough)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _db_option(p, argparse.SUPPRESS)


def build_gui_parser() -> Parser:
    parser = Parser(
        prog="copydesk",
        description="Open the Copydesk window. Subcommands: "
        + ", ".join(SUBCOMMANDS)
        + " (see copydesk COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    _db_option(parser)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the window offscreen on a temporary database, tag and "
        "export; exit 0 if all works",
    )
    parser.add_argument(
        "--platform",
        default="offscreen",
        metavar="NAME",
        help="with --self-test: offscreen (default), or native to show the real window on the "
        "desktop's own Qt platform and check that it was exposed and painted",
    )
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", metavar="FILE", help="drafts to open")
    return parser


def _first_positional(argv: Sequence[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--db":
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def _fail(message: str, code: int) -> int:
    print(f"copydesk: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 failure, 2 usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        command = _first_positional(argv)
        if command in SUBCOMMANDS or any(a in ("-h", "--help") for a in argv[:1]):
            top_help = argv[:1] in (["-h"], ["--help"])  # lists every subcommand
            args = build_parser(None if top_help else command).parse_args(argv)
            if args.command is None:
                args = build_gui_parser().parse_args(argv)
        else:
            args = build_gui_parser().parse_args(argv)
    except UsageError as error:
        return _fail(str(error), 2)
    except SystemExit as done:  # --help and --version print, then "exit"
        return done.code if isinstance(done.code, int) else 0
    except KeyboardInterrupt:  # Ctrl+C while the command line is still being read
        return _fail("interrupted", 130)
    try:
        return _dispatch(args)
    except (UsageError, UsageProblem) as error:
        return _fail(str(error), 2)
    except CopydeskError as error:
        return _fail(str(error), 1)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader went away (`copydesk export | head`): stop quietly, and keep Python from
        # complaining while it flushes stdout at exit.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 0
    except MemoryError:
        return _fail("out of memory", 1)
    except Exception as error:  # a bug: still one line, the traceback only on request
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        return _fail(
            f"internal error ({type(error).__name__}: {error}); set COPYDESK_DEBUG=1 for details", 1
        )


def _dispatch(args: argparse.Namespace) -> int:
    command = getattr(args, "command", None)
    if command is None:
        from desktop_app.gui import run_gui

        return run_gui(
            args.files,
            args.db,
            self_test=args.self_test,
            screenshot=args.screenshot,
            platform=args.platform,
        )
    from importlib import import_module

    module = import_module(COMMAND_MODULES[command])
    return int(getattr(module, "cmd_" + command.replace("-", "_"))(args))
