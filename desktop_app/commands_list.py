"""`copydesk list`: the documents, their size and count per tag; the quickest command to start."""

from __future__ import annotations

import argparse

from desktop_app.app import open_repository


def cmd_list(args: argparse.Namespace) -> int:
    # A read of the library needs no undo history or session tracking, so no Desk: its imports
    # (operations, history, anchoring) are most of this command's start-up time.
    repo = open_repository(args.db)
    try:
        for doc in repo.list_documents():
            counts = ", ".join(f"{tag} {n}" for tag, n in sorted(doc.counts.items()))
            print(
                f"{doc.id}\t{doc.title}\t{doc.characters} characters\t{counts or 'no annotations'}"
            )
    finally:
        repo.close()
    return 0
