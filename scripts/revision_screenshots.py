"""Screenshots of revised drafts in the real window under Xvfb: the Orphans list, the changed-quote
finding with its diff, and the revision summary (run under xvfb-run; writes docs/screenshots/).

The harbour sample (tests/fixtures/revisions/) is imported and annotated through the CLI, the
window is built as `copydesk` builds it, the revision view wired as in the report, and the new
version imported through File > Import New Version.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "revisions"
OUT = ROOT / "docs" / "screenshots"
FIELDS = {
    "h-mayor": ["speaker=Teodor Brannick"],
    "h-pell": ["speaker=Ilse Pell"],
    "h-hale": ["speaker=Oskar Hale"],
}


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="copydesk-shots-"))
    os.environ["COPYDESK_HOME"] = str(home)
    (home / "settings.json").write_text(json.dumps({"reviewer": "Mira Desk"}), encoding="utf-8")
    from desktop_app.cli import main as cli

    spec = json.loads((FIXTURES / "harbour.json").read_text(encoding="utf-8"))
    db = str(home / "shots.sqlite3")
    from desktop_app.app import open_desk

    desk = open_desk(db, "Mira Desk")
    old = desk.import_file(str(FIXTURES / spec["old"])).document
    for item in spec["annotations"]:
        start = old.text.index(item["words"])
        fields = dict(f.split("=", 1) for f in FIELDS.get(item["id"], []))
        desk.annotate(old.id, item["tag"], start, start + len(item["words"]), fields=fields)
    desk.close()
    del cli

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from desktop_app.gui import build_window
    from desktop_app.ui.revisions_view import RevisionsView

    window = build_window(open_desk(db, "Mira Desk"), db, ask_reviewer=False)
    revisions = RevisionsView(
        window.desk,
        window.view,
        lambda: window.review.document_id,
        window.show_message,
        window,
        choose_file=lambda _parent, _title, _folder: str(FIXTURES / spec["new"]),
    )
    revisions.install(window, window.checks, window.actions.file_menu)
    revisions.document_chosen.connect(window.open_document)
    window.review.document_shown.connect(revisions.show_document)
    window.resize(1380, 860)
    window.show()
    window.open_document(old.id)
    revisions.show_document(old.id)
    revisions.import_action.trigger()
    revisions.flow.wait(60000)
    for _ in range(50):
        app.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    dialog = revisions.dialog
    assert dialog is not None
    dialog.grab().save(str(OUT / "revision-summary.png"))
    dialog.close()
    # The changed-quote finding chosen in the checks panel, its diff under the list.
    tree = window.checks.tree
    for _ in range(50):
        app.processEvents()
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.data(0, 256 + 1) == "quote_changed" and top.childCount():
            tree.setCurrentItem(top.child(0))
            tree.scrollToItem(top.child(0))
    window.checks_dock.raise_()
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(OUT / "changed-quote-finding.png"))
    revisions.dock.raise_()
    revisions.panel.tree.setFocus()
    for _ in range(20):
        app.processEvents()
    revisions.dock.resize(520, revisions.dock.height())
    for _ in range(10):
        app.processEvents()
    revisions.dock.grab().save(str(OUT / "orphans.png"))
    print(f"screenshots written to {OUT}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
