"""Custom tags end to end, and the checks panel following the editor's work."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop_app.app import open_repository
from desktop_app.ui.checks_panel import ANNOTATION_ROLE
from desktop_app.ui.tags_dialog import TagsDialog
from tests.gui.conftest import add_document

TEXT = (
    "Harbour deal questioned\n\n"
    "People familiar with the talks said the port would lose 300 jobs.\n\n"
    "The mayor called the claim “simply wrong.” The deal was libelous, one rival wrote."
)


def test_custom_tag_with_own_key_end_to_end(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """Add a tag "Legal risk" with key L in the dialog; L and 4 tag with it; it is in the CSV."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    dialog = TagsDialog(window.desk, window.show_message, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    assert dialog.label.hasFocus()
    dialog.label.selectAll()
    qtbot.keyClicks(dialog.label, "Legal risk")
    qtbot.keyClick(dialog.label, Qt.Key.Key_Tab)
    dialog.key.setKeySequence(QKeySequence("L"))
    dialog.key.editingFinished.emit()
    repo = open_repository(db_path)
    tag = repo.get_tag("new_tag")
    assert tag is not None and tag.label == "Legal risk" and tag.shortcut == "L"
    assert not tag.builtin
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)

    view = window.view
    s = TEXT.index("libelous")
    view.select_cp(s, s + len("libelous"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L)
    s2 = TEXT.index("simply wrong")
    view.select_cp(s2, s2 + len("simply wrong"))
    qtbot.keyClick(view, Qt.Key.Key_4)  # fourth tag in list order
    rows = repo.annotations_for(doc_id)
    assert [(a.tag, a.exact) for a in rows] == [
        ("new_tag", "simply wrong"),
        ("new_tag", "libelous"),
    ]
    formats = window.view.document().findBlockByNumber(4).layout().formats()
    highlighted = [r for r in formats if r.format.background().style() != Qt.BrushStyle.NoBrush]
    assert len(highlighted) == 2  # suggestion outlines (no background) may lie on the line too

    out = tmp_path / "out.csv"
    with qtbot.waitSignal(window.exports.finished, timeout=20000) as done:
        window.exports.export_to(str(out), "csv", window.review.document_id)
    assert done.args == [2]
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["tag"] for r in exported} == {"new_tag"}


def test_deleting_a_tag_in_use_asks_and_removes_its_annotations(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Deleting a custom tag in use asks first; saying no keeps it, yes removes tag and highlights."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    dialog = TagsDialog(window.desk, window.show_message, window)
    qtbot.addWidget(dialog)
    tag = dialog.add_tag("Follow up", "F")
    assert tag is not None
    s = TEXT.index("300 jobs")
    window.view.select_cp(s, s + 8)
    assert window.review.tag_selection(tag.name)
    questions: list[str] = []
    dialog.confirm = lambda _parent, q: questions.append(q) or False
    dialog.list.setCurrentRow(3)
    assert not dialog.delete_current()
    repo = open_repository(db_path)
    assert repo.get_tag(tag.name) is not None and "1 annotation" in questions[0]
    dialog.confirm = lambda _parent, _q: True
    assert dialog.delete_current()
    assert repo.get_tag(tag.name) is None
    assert repo.annotations_for(doc_id) == []
    assert window.panel.model.rowCount() == 0
    dialog.list.setCurrentRow(0)
    assert not dialog.delete.isEnabled()  # built-ins cannot be deleted


def test_checks_panel_finding_cleared_by_picking_the_reason(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """An anonymous source without a reason shows in Checks; picking the reason from the text clears it."""
    text = TEXT + (
        "\n\nA port manager, who spoke on condition of anonymity because she feared losing her job, "
        "said the numbers were invented."
    )
    doc_id = add_document(db_path, text)
    window = make_window()
    window.open_document(doc_id)
    s = text.index("A port manager")
    window.view.select_cp(s, s + len("A port manager"))
    assert window.review.tag_selection("anonymous_source")
    source_id = window.review.current_id
    with qtbot.waitSignal(window.checks_view.refreshed, timeout=15000):
        window.checks_view.refresh()  # the rules run in a worker; the panel shows their result
    kinds = {(f.kind, f.annotation_id) for f in window.checks.findings}
    assert ("anonymous_no_reason", source_id) in kinds
    top = window.checks.tree.topLevelItem(0)
    assert top.child(0).data(0, ANNOTATION_ROLE) == source_id
    before = len(window.checks.findings)  # suggestions add their own (quotes not annotated)
    assert f"{before} check" in window.library.item(0).text()

    reason = "because she feared losing her job"
    r = text.index(reason)
    window.view.select_cp(r, r + len(reason))
    window.review.pick_span_for("reason")
    fields = open_repository(db_path).get_annotation(source_id).fields
    assert fields["reason"] == reason and fields["reason_given"] == "yes"
    # The rules run in a worker after the edit; the suggester may add its own findings meanwhile,
    # so wait for this source's finding to go rather than for a count.
    qtbot.waitUntil(
        lambda: source_id not in {f.annotation_id for f in window.checks.findings}, timeout=10000
    )
    shown = len(window.checks.findings)
    assert (f"{shown} check" in window.library.item(0).text()) if shown else True


def test_choosing_a_finding_jumps_to_its_words(qtbot: Any, make_window: Any, db_path: Path) -> None:
    """Enter on a finding selects the quote's words in the view and its row in the panel."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    s = TEXT.index("“simply wrong.”")
    window.view.select_cp(s, s + len("“simply wrong.”"))
    assert window.review.tag_selection("quote")
    quote_id = window.review.current_id
    window.view.select_cp(0, 0)
    with qtbot.waitSignal(window.checks_view.refreshed, timeout=15000):
        window.checks_view.refresh()
    tree = window.checks.tree
    tree.setFocus()
    item = tree.topLevelItem(0).child(0)
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.view.selection_cp() == (s, s + len("“simply wrong.”"))
    assert window.panel.selected_ids() == [quote_id]


def test_tag_keys_that_would_shadow_shortcuts_are_refused(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Preferences refuses a digit or Ctrl+Z as a tag key and keeps the old keys working."""
    from desktop_app.ui.preferences import PreferencesDialog

    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    for bad in ("1", "Ctrl+Z"):
        dialog = PreferencesDialog(
            window.desk, window.settings, window.save_settings, window.show_message, window
        )
        qtbot.addWidget(dialog)
        claim_row = next(r for r in dialog.rows if r.tag.name == "claim")
        claim_row.key.setKeySequence(QKeySequence(bad))
        dialog.accept()
        assert dialog.result() != dialog.DialogCode.Accepted
        assert (
            "cannot be a tag key" in window.status.last_error
            or "place in the list" in window.status.last_error
        )
        assert open_repository(db_path).get_tag("claim").shortcut == "C"
    s = TEXT.index("300 jobs")
    window.view.select_cp(s, s + 8)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    assert [a.tag for a in open_repository(db_path).annotations_for(doc_id)] == ["claim"]


def test_an_edit_updates_only_its_rows_in_the_checks_panel(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Tagging one more claim adds its row; the rows already there stay the same items (the
    selection and what the user collapsed are kept), and verifying one removes only that row."""
    text = "Port report\n\n" + " ".join(f"Item {n} rose {n} percent." for n in range(1, 6))
    doc_id = add_document(db_path, text)
    window = make_window()
    window.open_document(doc_id)
    claims = []
    for n in (1, 2, 3):
        words = f"rose {n} percent"
        s = text.index(words)
        window.view.select_cp(s, s + len(words))
        assert window.review.tag_selection("claim")
        claims.append(window.review.current_id)

    def rows() -> list[Any]:
        top = window.checks._groups.get("claim_unverified")
        return [top.child(i) for i in range(top.childCount())] if top is not None else []

    qtbot.waitUntil(lambda: len(rows()) == 3, timeout=15000)
    before = rows()
    window.checks.tree.setCurrentItem(before[1])
    s = text.index("rose 4 percent")
    window.view.select_cp(s, s + len("rose 4 percent"))
    assert window.review.tag_selection("claim")
    qtbot.waitUntil(lambda: len(rows()) == 4, timeout=15000)
    after = rows()
    assert after[:3] == before  # the same items, not rebuilt
    assert window.checks.tree.currentItem() == before[1]
    window.desk.set_status([claims[0]], "verified")
    qtbot.waitUntil(lambda: len(rows()) == 3, timeout=15000)
    assert rows() == after[1:]
    assert [r.data(0, ANNOTATION_ROLE) for r in rows()][:2] == claims[1:]


def test_thousands_of_findings_fill_in_over_several_turns_and_end_exact(qtbot: Any) -> None:
    """A rule's rows come a page at a time: the first page is not built in one go (each
    event-loop turn adds a slice), the rows end in the findings' order also when the findings
    change mid-fill, and the last row offers the next page (Enter on it, as a click does)."""
    from desktop_app.core.checks import Finding
    from desktop_app.ui.checks_panel import PAGE, ROWS_PER_PASS, ChecksPanel

    assert ROWS_PER_PASS < PAGE
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.show()

    def findings(n: int, skip: int = -1) -> list[Finding]:
        return [
            Finding("doc", f"a{i}", "claim_unverified", f"Claim not verified: “{i} 🙂”", i, i + 1)
            for i in range(n)
            if i != skip
        ]

    def children() -> list[Any]:
        top = panel.tree.topLevelItem(0)
        return [top.child(i) for i in range(top.childCount())]

    def rows() -> list[str]:
        return [c.data(0, ANNOTATION_ROLE) for c in children() if c.data(0, ANNOTATION_ROLE)]

    panel.show_findings(findings(2000), {"doc": "Draft"})
    assert len(rows()) == ROWS_PER_PASS  # the first slice at once, the rest to come
    changed = findings(2 * PAGE + 100, skip=7)  # an edit lands mid-fill
    panel.show_findings(changed, {"doc": "Draft"})
    qtbot.waitUntil(lambda: len(rows()) == PAGE, timeout=10000)
    ids = [f.annotation_id for f in changed]
    assert rows() == ids[:PAGE]
    assert panel.tree.topLevelItem(0).text(0).endswith(f"({len(changed):,})")
    more = children()[-1]
    assert f"({len(changed) - PAGE:,} not shown)" in more.text(0)

    panel.tree.setFocus()
    panel.tree.setCurrentItem(more)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(rows()) == 2 * PAGE, timeout=10000)
    assert rows() == ids[: 2 * PAGE]
    assert panel.tree.currentItem().data(0, ANNOTATION_ROLE) == ids[PAGE]  # the first new row
    assert f"({len(changed) - 2 * PAGE:,} not shown)" in children()[-1].text(0)
    last = children()[-1]
    panel.tree.scrollToItem(last)
    qtbot.mouseClick(
        panel.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.tree.visualItemRect(last).center(),
    )
    qtbot.waitUntil(lambda: len(rows()) == len(changed), timeout=10000)
    assert rows() == ids
    assert len(children()) == len(changed)  # all shown: no "more" row left
