"""The CSV export dialog in the real window: scope (document, selected rows, revision, library),
tag / status / reviewer filters, the Documents folder with a clean name, the rows written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from desktop_app.app import open_desk
from desktop_app.core.model import Block, SourceText
from tests.gui.conftest import add_document

TEXT = (
    "Crème brûlée 🙂 budget: the day’s figures\n\n"
    "“We will not raise taxes,” said Ana Ruiz. A council aide said the deficit grew 12 percent.\n\n"
    "=SUM(A1) is not a formula here, said René."
)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def tagged(db_path: Path) -> str:
    """One draft tagged by two reviewers, with statuses; a second draft in the library."""
    doc_id = add_document(db_path, TEXT, "Budget: “day/night”")
    other = add_document(db_path, "Other 🙂 draft, said Bo.", "Other")
    ana = open_desk(db_path, "Ana")
    ana.annotate(doc_id, "quote", *span("We will not raise taxes"), fields={"speaker": "Ana Ruiz"})
    ana.annotate(doc_id, "claim", *span("the deficit grew 12 percent"), status="disputed")
    ana.annotate(other, "quote", 0, 5, fields={"speaker": "Bo"})
    ana.close()
    bo = open_desk(db_path, "Bo")
    bo.annotate(doc_id, "anonymous_source", *span("A council aide"))
    bo.annotate(doc_id, "quote", *span("=SUM(A1) is not a formula here"))
    bo.close()
    return doc_id


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def open_dialog(window, all_documents: bool = False):
    # The wiring the main window gives the export flow: the draft in front, the selected rows.
    window.exports.bind(lambda: window.review.document_id, window.panel.selected_ids)
    (window.actions.export_all if all_documents else window.actions.export_current).trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def export_with(qtbot, window, dialog, out: Path) -> list[dict[str, str]]:
    dialog.path.setText(str(out))
    with qtbot.waitSignal(window.exports.finished, timeout=20000) as done:
        dialog.export_button.click()
    assert done.args[0] >= 0
    return rows_of(out)


def pick(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def test_this_document_starts_in_documents_with_a_clean_name(qtbot, make_window, db_path, tmp_path):
    """The file field starts in Documents with the title made safe; filters narrow the rows."""
    doc_id = tagged(db_path)
    window = make_window()
    window.open_document(doc_id)
    dialog = open_dialog(window)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if Path(documents).is_dir() else Path.home()  # no Documents: home
    assert Path(dialog.path.text()) == folder / "Budget “day night”.csv"
    assert Path(dialog.path.text()).parent.is_dir()  # an export there can be written
    assert dialog.scope.currentText().startswith("This document")
    assert [dialog.reviewer.itemText(i) for i in range(dialog.reviewer.count())] == [
        "All reviewers",
        "Ana",
        "Bo",
    ]
    pick(dialog.reviewer, "Bo")
    rows = export_with(qtbot, window, dialog, tmp_path / "bo.csv")
    assert [(r["tag"], r["text"], r["reviewer"]) for r in rows] == [
        ("anonymous_source", "A council aide", "Bo"),
        ("quote", "'=SUM(A1) is not a formula here", "Bo"),
    ]
    start, end = span("A council aide")
    assert (rows[0]["start"], rows[0]["end"]) == (str(start), str(end))
    assert list(rows[0])[:4] == ["document_title", "tag", "text", "speaker"]


def test_selected_rows_with_a_status_filter(qtbot, make_window, db_path, tmp_path):
    """Two rows selected in the review pane: the scope offers them, the status filter narrows."""
    doc_id = tagged(db_path)
    window = make_window()
    window.open_document(doc_id)
    table, model = window.panel.table, window.panel.model
    wanted = {"We will not raise taxes", "the deficit grew 12 percent"}
    selection = table.selectionModel()
    for row in range(model.rowCount()):
        index = model.index(row, 1)
        if model.annotation(row).exact in wanted:
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.select(index, flags)
    dialog = open_dialog(window)
    pick(dialog.scope, "Selected annotations (2)")
    rows = export_with(qtbot, window, dialog, tmp_path / "picked.csv")
    assert {r["text"] for r in rows} == wanted
    dialog = open_dialog(window)
    pick(dialog.scope, "Selected annotations (2)")
    pick(dialog.status, "Disputed")
    rows = export_with(qtbot, window, dialog, tmp_path / "disputed.csv")
    assert [(r["text"], r["status"]) for r in rows] == [("the deficit grew 12 percent", "disputed")]


def test_whole_library_by_tag_and_a_revision(qtbot, make_window, db_path, tmp_path):
    """All documents, quotes only, in title order; an earlier revision is a scope of its own."""
    doc_id = tagged(db_path)
    desk = open_desk(db_path, "Ana")
    revised = TEXT.replace("12 percent", "14 percent")
    blocks = (Block("paragraph", 0, 41), Block("paragraph", 43, len(revised)))
    later, _ = desk.import_revision(SourceText(revised, "Budget v2", blocks, "txt"), doc_id)
    desk.close()
    window = make_window()
    window.open_document(later.id)
    dialog = open_dialog(window, all_documents=True)
    assert dialog.scope.currentText() == "Whole library"
    assert Path(dialog.path.text()).name == "copydesk-annotations.csv"
    pick(dialog.tag, "Quote")
    rows = export_with(qtbot, window, dialog, tmp_path / "quotes.csv")
    earlier = "Budget: “day/night”"  # its frozen copies export too, under its own title
    titles = ["Budget v2", "Budget v2", earlier, earlier, "Other"]
    assert [r["document_title"] for r in rows] == titles
    assert {r["tag"] for r in rows} == {"quote"}
    dialog = open_dialog(window)
    revision = next(
        dialog.scope.itemText(i)
        for i in range(dialog.scope.count())
        if dialog.scope.itemText(i).startswith("Revision: Budget: ")
    )
    pick(dialog.scope, revision)
    assert Path(dialog.path.text()).name == "Budget “day night”.csv"
    rows = export_with(qtbot, window, dialog, tmp_path / "earlier.csv")
    assert {r["text"] for r in rows} == {
        "We will not raise taxes",
        "the deficit grew 12 percent",
        "A council aide",
        "'=SUM(A1) is not a formula here",
    }


def test_choose_and_replace(qtbot, make_window, db_path, tmp_path, monkeypatch):
    """Choose… takes the file dialog's answer (adding .csv); a typed name of an existing file is
    written over only once the editor says so."""
    doc_id = tagged(db_path)
    window = make_window()
    window.open_document(doc_id)
    dialog = open_dialog(window)
    chosen = tmp_path / "picked"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    dialog.browse()
    assert dialog.path.text() == f"{chosen}.csv"
    existing = tmp_path / "old.csv"
    existing.write_text("keep me", encoding="utf-8")
    asked: list[str] = []
    dialog.confirm_replace = lambda path: asked.append(path) or False
    dialog.path.setText(str(existing))
    dialog.export_button.click()
    assert asked == [str(existing)] and dialog.isVisible()
    assert existing.read_text(encoding="utf-8") == "keep me"
    dialog.confirm_replace = lambda path: True
    with qtbot.waitSignal(window.exports.finished, timeout=20000) as done:
        dialog.export_button.click()
    assert done.args[0] == 4 and len(rows_of(existing)) == 4
    dialog = open_dialog(window)
    dialog.path.clear()
    assert not dialog.export_button.isEnabled()


def test_clean_file_names_keep_the_title_readable() -> None:
    from desktop_app.ui.csv_export_dialog import clean_stem

    long = "Harbour board delays ferry contract after audit finds €4.2 million gap"
    assert clean_stem(long) == "Harbour board delays ferry contract after audit finds €4.2"
    assert clean_stem('a/b:c*?"<>|') == "a b c"
    assert clean_stem("Été 🙂 — vote") == "Été 🙂 — vote"
    assert clean_stem(" ... ") == "copydesk-annotations"
    cut_at_comma = "Harbour bridge repairs will close two lanes until March, city says"
    assert clean_stem(cut_at_comma) == "Harbour bridge repairs will close two lanes until March"
