"""Revised drafts in the real window: File > Import New Version off the UI thread, the summary
dialog, the Orphans list (re-attach by key, dismiss by Delete, both undone by Ctrl+Z), the
changed-quote finding with its struck/marked diff, and the revision picker (earlier read-only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui.revisions_view import RevisionsView
from tests.gui.conftest import import_and_wait

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "revisions"


def wire(window: Any, new_file: Path) -> RevisionsView:
    """The window's own revisions view, with its file dialog answered."""
    revisions = window.extras.revisions
    revisions.flow.choose_file = lambda _parent, _title, _folder: str(new_file)
    return revisions


@pytest.fixture
def revised(qtbot: Any, make_window: Any) -> tuple[Any, RevisionsView, dict, dict[str, str]]:
    """The harbour article imported and annotated, then its new version imported through the
    File menu entry; returns the window, the revisions view, the fixture and its ids."""
    spec = json.loads((FIXTURES / "harbour.json").read_text(encoding="utf-8"))
    window = make_window()
    import_and_wait(qtbot, window, [str(FIXTURES / spec["old"])])
    old_id = window.review.document_id
    text = window.review.state.text
    ids = {}
    for item in spec["annotations"]:
        start = text.index(item["words"])
        a = window.desk.annotate(old_id, item["tag"], start, start + len(item["words"]))
        ids[item["id"]] = a.id
    revisions = wire(window, FIXTURES / spec["new"])
    revisions.show_document(old_id)
    with qtbot.waitSignal(revisions.flow.imported, timeout=20000):
        revisions.import_action.trigger()
    qtbot.waitUntil(lambda: window.review.document_id not in ("", old_id), timeout=5000)
    return window, revisions, spec, ids


def orphan_rows(revisions: RevisionsView) -> list[str]:
    tree = revisions.panel.tree
    return [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]


def test_import_new_version_shows_summary_orphans_and_picker(qtbot: Any, revised) -> None:
    window, revisions, spec, ids = revised
    fates = [a["fate"] for a in spec["annotations"]]
    dialog = revisions.dialog
    assert dialog is not None and dialog.isVisible()
    body = dialog.body.toPlainText()
    assert f"Orphaned (words gone)\n{fates.count('orphaned')}" in body
    assert f"Words changed\n{fates.count('changed')}" in body
    assert "Changed words" in body and "Orphans" in body
    orphans = [a for a in spec["annotations"] if a["fate"] == "orphaned"]
    rows = orphan_rows(revisions)
    assert len(rows) == len(orphans)
    assert all(any(f"[{a['words']}]" in row for row in rows) for a in orphans)
    assert revisions.panel.heading.text() == f"Orphans ({len(orphans)})"
    picker = revisions.panel.picker
    assert picker.count() == 2 and picker.currentIndex() == 1
    assert not revisions.panel.notice.isVisible()
    # the window's own annotation list now shows the carried annotations of the new revision
    assert set(window.review.state.annotations) == set(ids.values())
    dialog.orphans_button.click()
    assert revisions.panel.tree.hasFocus() or not window.isActiveWindow()


def test_changed_quote_finding_shows_the_diff_struck_and_marked(qtbot: Any, revised) -> None:
    window, revisions, spec, ids = revised
    tree = window.checks.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=3000)
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    group = next(t for t in tops if t.data(0, Qt.ItemDataRole.UserRole + 1) == "quote_changed")
    reworded = [a for a in spec["annotations"] if a["tag"] == "quote" and a["fate"] == "changed"]
    assert group.childCount() == len(reworded)
    child = group.child(0)
    assert child.text(0).startswith("Quote changed between drafts: ")
    assert "[-" in child.text(0) and "{+" in child.text(0)
    tree.setCurrentItem(child)
    label = revisions.details
    assert label.isVisible()
    assert "line-through" in label.text() and "#d5f5e3" in label.text()
    qtbot.waitUntil(lambda: "line-through" in child.toolTip(0), timeout=10000)
    tree.setCurrentItem(group)
    assert not label.isVisible()


def test_reattach_by_key_and_dismiss_by_delete_are_undone_by_ctrl_z(qtbot: Any, revised) -> None:
    window, revisions, spec, ids = revised
    revisions.dialog.close()  # the summary read, the editor goes back to the draft
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    before = orphan_rows(revisions)
    orphan_id = revisions.panel.current_orphan()
    text = window.review.state.text
    words = "the inner harbour"
    start = text.index(words)
    window.view.select_cp(start, start + len(words))
    window.view.setFocus()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(orphan_rows(revisions)) == len(before) - 1, timeout=3000)
    placed = window.desk.annotation(orphan_id)
    assert (placed.start, placed.exact, placed.anchor_state) == (start, words, "changed")
    assert orphan_id in window.review.state.index.spans  # highlighted in the draft now
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: orphan_rows(revisions) == before, timeout=3000)
    assert window.desk.annotation(orphan_id).anchor_state == "orphaned"

    revisions.panel.tree.setFocus()
    dismissed = revisions.panel.current_orphan()
    qtbot.keyClick(revisions.panel.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(orphan_rows(revisions)) == len(before) - 1, timeout=3000)
    assert dismissed not in window.review.state.annotations
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: orphan_rows(revisions) == before, timeout=3000)
    assert dismissed in window.review.state.annotations


def test_reattach_without_a_selection_says_what_to_do(qtbot: Any, revised) -> None:
    window, revisions, _, _ = revised
    window.view.select_cp(0, 0)
    revisions.reattach_current()
    assert "Select the words" in window.status.last_error
    assert revisions.panel.tree.topLevelItemCount() > 0


def test_picker_opens_the_earlier_revision_read_only(qtbot: Any, revised) -> None:
    window, revisions, spec, ids = revised
    new_id = window.review.document_id
    with qtbot.waitSignal(revisions.read_only_changed, timeout=3000) as blocker:
        revisions.panel.picker.activated.emit(0)
    assert blocker.args == [True]
    old_id = window.review.document_id
    assert old_id != new_id and window.desk.document(new_id).revision_of == old_id
    assert revisions.panel.notice.isVisible() and "read-only" in revisions.panel.notice.text()
    assert not revisions.panel.reattach_button.isEnabled()
    state = window.review.state
    first = spec["annotations"][0]
    assert state.annotations[ids[first["id"]]].exact == first["words"]  # the old words, readable
    assert revisions.panel.heading.text() == "No orphans."
    with qtbot.waitSignal(revisions.read_only_changed, timeout=3000):
        revisions.panel.picker.activated.emit(1)
    assert window.review.document_id == new_id


def test_a_file_that_cannot_be_read_is_one_line_and_nothing_changes(
    qtbot: Any, make_window: Any, tmp_path: Path
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [str(FIXTURES / "clinic.old.txt")])
    old_id = window.review.document_id
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    revisions = wire(window, bad)
    with qtbot.waitSignal(revisions.flow.finished, timeout=20000):
        revisions.import_action.trigger()
    assert window.status.last_error and "\n" not in window.status.last_error
    assert window.review.document_id == old_id
    assert window.desk.repo.revisions_of(old_id) == []
    QApplication.processEvents()
