"""The window over the desk: library-wide edits are undone with Ctrl+Z like any other, and
quitting leaves everything in the .sqlite3 file itself."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.app import open_desk, open_repository
from tests.gui.conftest import add_document, highlight_ranges, import_and_wait

TEXT = "Vote delayed\n\n“It is a disgrace,” said Rosa Pérez 🙂, calling the plan reckless."
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _undo_key(qtbot: Any, window: Any) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_deleting_a_tag_in_use_then_ctrl_z_restores_tag_and_annotations(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    from desktop_app.ui.tags_dialog import TagsDialog

    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    desk = window.desk
    tag = desk.add_tag("Loaded word", "L")
    s = TEXT.index("reckless")
    window.view.select_cp(s, s + len("reckless"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    ident = window.review.current_id
    desk.set_note(ident, "opinion in news copy")
    desk.set_status([ident], "needs_follow_up")
    before = open_repository(db_path).get_annotation(ident)
    assert highlight_ranges(window, 2)

    dialog = TagsDialog(desk, window.show_message, window)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda _parent, _question: True
    dialog.list.setCurrentRow([t.name for t in dialog.tags].index(tag.name))
    assert dialog.delete_current()
    dialog.close()
    repo = open_repository(db_path)
    assert repo.get_tag(tag.name) is None and repo.get_annotation(ident) is None
    assert highlight_ranges(window, 2) == [] and window.panel.model.rowCount() == 0
    assert window.actions.undo.text() == "&Undo Delete Tag Loaded word"

    _undo_key(qtbot, window)
    assert repo.get_tag(tag.name) == tag
    assert repo.get_annotation(ident) == before
    assert highlight_ranges(window, 2) and window.panel.model.rowCount() == 1
    assert [a.text() for a in window.actions.tag_actions][-1] == "Tag as Loaded word"


def test_importing_a_draft_then_ctrl_z_removes_it(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    window = make_window()
    import_and_wait(qtbot, window, [str(FIXTURES / "articles" / "article.md")])
    assert window.library.count() == 1 and window.review.state is not None
    assert window.actions.undo.isEnabled()
    _undo_key(qtbot, window)
    assert open_repository(db_path).list_documents() == []
    assert window.library.count() == 0 and window.review.state is None
    assert window.view.toPlainText() == ""
    window.actions.redo.trigger()
    assert [d.title for d in open_repository(db_path).list_documents()] == [
        window.library.item(0).text().splitlines()[0]
    ]


def test_after_quitting_the_sqlite3_file_alone_holds_everything(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """Quit, copy only the .sqlite3 file (no -wal), open the copy: every annotation is there."""
    doc_id = add_document(db_path, TEXT)
    window = make_window()
    window.open_document(doc_id)
    for words in ("It is a disgrace", "Rosa Pérez", "reckless"):
        s = TEXT.index(words)
        window.view.select_cp(s, s + len(words))
        assert window.review.tag_selection("quote")
    window.review.edit_note(window.review.current_id, "last edit before quitting")
    window.close()
    copy = tmp_path / "backup.sqlite3"
    shutil.copyfile(db_path, copy)
    assert not Path(f"{copy}-wal").exists()
    desk = open_desk(copy)
    stored = desk.annotations(doc_id)
    assert [a.exact for a in stored] == ["It is a disgrace", "Rosa Pérez", "reckless"]
    assert stored[-1].note == "last edit before quitting"
    desk.close()
