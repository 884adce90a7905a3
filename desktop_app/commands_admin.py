"""Headless database care: `copydesk backup` and `copydesk restore [FILE]`."""

from __future__ import annotations

import argparse
import sys

from desktop_app.commands import desk_for


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database now into backups/ beside it (the last few are kept); print the path."""
    with desk_for(args) as desk:
        print(desk.backup("manual"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with FILE, or with the latest backup; the current state is backed up
    first. Without FILE and with --list, only list the backups, newest first."""
    with desk_for(args) as desk:
        kept = desk.backups()
        if args.list:
            for name in kept:
                print(name)
            return 0
        source = args.file or (kept[0] if kept else None)
        if source is None:
            print("copydesk: there are no backups of this database yet", file=sys.stderr)
            return 1
        desk.restore(source)
        print(f"restored {source}", file=sys.stderr)
    return 0
