"""The table's filter follows edits and keeps the selection: rows tagged, changed or filtered
while a filter is on show exactly what it describes, in order, and the chosen rows stay chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt

from desktop_app.app import open_repository
from tests.gui.conftest import add_document

TEXT = (
    "Crème 🙂 budget. “We will act,” said Ana Ruiz.\n\n"
    "A council aide said costs rose 12 percent in 2025.\n\n"
    "The deficit grew to 4 million, officials said."
)


def cp(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def shown(window: Any) -> list[str]:
    model = window.panel.model
    return [model.annotation(r).exact for r in range(model.rowCount())]


def tag_by_key(qtbot: Any, window: Any, words: str, key: Qt.Key) -> None:
    window.view.setFocus()
    window.view.select_cp(*cp(words))
    qtbot.keyClick(window.view, key)


def opened(make_window: Any, db_path: Path) -> tuple[Any, str]:
    doc_id = add_document(db_path, TEXT, "Budget")
    window = make_window()
    window.open_document(doc_id)
    return window, doc_id


def test_a_new_row_shows_only_if_the_filter_keeps_it(qtbot: Any, make_window: Any, db_path: Path):
    """Filtered to claims, annotations arriving from the desk (another reviewer, a merge) are
    listed only if they are claims, in reading order wherever they land."""
    window, doc_id = opened(make_window, db_path)
    panel = window.panel
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("claim"))
    window.desk.annotate(doc_id, "claim", *cp("The deficit grew to 4 million"), reviewer="Bo")
    window.desk.annotate(doc_id, "quote", *cp("We will act"), reviewer="Bo")
    window.desk.annotate(doc_id, "claim", *cp("costs rose 12 percent"), reviewer="Bo")
    assert shown(window) == ["costs rose 12 percent", "The deficit grew to 4 million"]
    panel.tag_filter.setCurrentIndex(0)
    assert shown(window) == [
        "We will act",
        "costs rose 12 percent",
        "The deficit grew to 4 million",
    ]


def test_tagging_what_the_filter_hides_lifts_it(qtbot: Any, make_window: Any, db_path: Path):
    """Filtered to claims, a quote tagged by key is saved, and the filter is lifted so its new
    row can be seen, chosen."""
    window, doc_id = opened(make_window, db_path)
    panel = window.panel
    tag_by_key(qtbot, window, "costs rose 12 percent", Qt.Key.Key_C)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("claim"))
    tag_by_key(qtbot, window, "We will act", Qt.Key.Key_Q)
    saved = {(a.tag, a.exact) for a in open_repository(db_path).annotations_for(doc_id)}
    assert saved == {("claim", "costs rose 12 percent"), ("quote", "We will act")}
    assert panel.tag_filter.currentIndex() == 0
    assert shown(window) == ["We will act", "costs rose 12 percent"]
    assert panel.selected_ids() == [panel.model.annotation(0).id]


def test_a_row_changed_out_of_the_filter_leaves_it(qtbot: Any, make_window: Any, db_path: Path):
    """Filtered to Open, resolving a row (Ctrl+5) takes it out of the table, not out of the
    database; undo brings it back."""
    window, doc_id = opened(make_window, db_path)
    panel = window.panel
    tag_by_key(qtbot, window, "We will act", Qt.Key.Key_Q)
    tag_by_key(qtbot, window, "costs rose 12 percent", Qt.Key.Key_C)
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("open"))
    panel.table.setFocus()
    panel.table.selectRow(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    statuses = {a.exact: a.status for a in open_repository(db_path).annotations_for(doc_id)}
    assert statuses == {"We will act": "open", "costs rose 12 percent": "resolved"}
    assert shown(window) == ["We will act"]
    window.actions.undo.trigger()
    assert shown(window) == ["We will act", "costs rose 12 percent"]


def test_filtering_keeps_the_chosen_rows_that_still_show(
    qtbot: Any, make_window: Any, db_path: Path
):
    """Two rows chosen, then words typed in the filter box: the one still listed stays chosen
    and current; clearing the box lists every row with it still chosen."""
    window, _ = opened(make_window, db_path)
    panel = window.panel
    for words, key in (
        ("We will act", Qt.Key.Key_Q),
        ("A council aide", Qt.Key.Key_A),
        ("The deficit grew to 4 million", Qt.Key.Key_C),
    ):
        tag_by_key(qtbot, window, words, key)
    table, model = panel.table, panel.model
    table.setFocus()
    table.selectRow(0)
    table.selectionModel().select(
        model.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    deficit = model.annotation(2).id
    table.selectionModel().setCurrentIndex(
        model.index(2, 1), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    qtbot.keyClicks(panel.text_filter, "DÉFICIT")  # any case, accents ignored
    assert shown(window) == ["The deficit grew to 4 million"]
    assert panel.selected_ids() == [deficit]
    assert table.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == deficit
    panel.text_filter.clear()
    assert len(shown(window)) == 3
    assert panel.selected_ids() == [deficit]


def test_choosing_a_hidden_annotation_lifts_the_filter(qtbot: Any, make_window: Any, db_path: Path):
    """Filtered to claims, a click on a quote's words in the draft lifts the filter and chooses
    the quote's row."""
    window, _ = opened(make_window, db_path)
    panel = window.panel
    tag_by_key(qtbot, window, "We will act", Qt.Key.Key_Q)
    tag_by_key(qtbot, window, "costs rose 12 percent", Qt.Key.Key_C)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("claim"))
    assert shown(window) == ["costs rose 12 percent"]
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(TEXT.index("will")))
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.tag_filter.currentIndex() == 0
    assert shown(window) == ["We will act", "costs rose 12 percent"]
    quote = next(a.id for a in window.review.state.annotations.values() if a.tag == "quote")
    assert panel.selected_ids() == [quote]


class PaintCount(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_choosing_rows_leaves_the_header_alone_and_a_click_on_it_sorts(
    qtbot: Any, make_window: Any, db_path: Path
):
    """Tagging by key chooses the new row without repainting the table's header (it shows
    nothing of the selection); a click on the Status header still sorts by status."""
    window, _ = opened(make_window, db_path)
    panel = window.panel
    tag_by_key(qtbot, window, "We will act", Qt.Key.Key_Q)
    header = panel.table.horizontalHeader()
    qtbot.wait(50)
    spy = PaintCount()
    header.viewport().installEventFilter(spy)
    tag_by_key(qtbot, window, "costs rose 12 percent", Qt.Key.Key_C)
    panel.table.viewport().repaint()
    qtbot.wait(50)
    assert spy.paints == 0
    assert panel.selected_ids() == [panel.model.annotation(1).id]
    window.desk.set_status([panel.model.annotation(0).id], "verified")
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert panel.model.sort_column == 3
    assert [panel.model.index(r, 3).data() for r in range(2)] == ["Open", "Verified"]


def test_the_filter_box_folds_the_rows_words_before_the_first_keystroke(
    qtbot: Any, make_window: Any, db_path: Path, monkeypatch: Any
):
    """Clicking into the filter box folds every row's words in short slices, so the first
    letter typed only folds itself; a row changed afterwards is folded again when matched."""
    import desktop_app.ui.annotation_filter as annotation_filter

    window, _ = opened(make_window, db_path)
    for words, key in (
        ("We will act", Qt.Key.Key_Q),
        ("A council aide", Qt.Key.Key_A),
        ("The deficit grew to 4 million", Qt.Key.Key_C),
    ):
        tag_by_key(qtbot, window, words, key)
    panel = window.panel
    folded: list[str] = []
    real_fold = annotation_filter.fold

    def counting_fold(text: str) -> str:
        folded.append(text)
        return real_fold(text)

    monkeypatch.setattr(annotation_filter, "fold", counting_fold)
    qtbot.mouseClick(panel.text_filter, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel._fold_more.isActive())
    assert len(folded) == 3  # each row's words, once
    folded.clear()
    qtbot.keyClicks(panel.text_filter, "F")
    assert set(folded) == {"F"}  # the needle alone: the rows were ready
    assert shown(window) == ["The deficit grew to 4 million"]
    folded.clear()
    aide = next(
        a.id for a in window.review.state.annotations.values() if a.tag == "anonymous_source"
    )
    window.desk.set_note(aide, "Fix this")  # now it holds an "f": the filter shows it
    qtbot.keyClicks(panel.text_filter, "i")
    rows = [text for text in folded if text not in ("F", "Fi")]
    assert len(rows) == 1 and "Fix this" in rows[0]  # the changed row alone (a new object)
    assert shown(window) == ["A council aide", "The deficit grew to 4 million"]
