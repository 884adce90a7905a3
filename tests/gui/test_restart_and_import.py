"""Starting again restores work; importing runs off the UI thread and survives bad files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.app import open_repository
from tests.conftest import FIXTURES
from tests.gui.conftest import add_document, highlight_ranges, import_and_wait

LONG = "\n\n".join(f"Paragraph {n}: the council met and a source said “fine”." for n in range(400))


def test_restart_restores_document_highlights_and_scroll(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Quit and start again: the last document is open, highlighted, scrolled to the same place."""
    doc_id = add_document(db_path, LONG)
    window = make_window()
    window.open_document(doc_id)
    s = LONG.index("“fine”", LONG.index("Paragraph 300"))
    window.view.select_cp(s, s + 6)
    assert window.review.tag_selection("quote")
    window.review.scroll_to(LONG.index("Paragraph 250"))
    top_before = window.view.firstVisibleBlock().blockNumber()
    assert top_before > 100
    window.close()

    again = make_window()
    assert again.review.state is not None and again.review.state.document.id == doc_id
    qtbot.waitUntil(
        lambda: again.view.firstVisibleBlock().blockNumber() == top_before, timeout=3000
    )
    line = again.review.state.index.line_of(s)
    assert highlight_ranges(again, line)
    assert again.panel.model.rowCount() == 1


def test_import_opens_good_files_and_reports_bad_ones(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """A missing file and a binary .docx get one message; the good draft still opens."""
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"\x00\x01binary junk" * 50)
    window = make_window()
    good = FIXTURES / "articles" / "article_utf8.txt"
    import_and_wait(qtbot, window, [str(tmp_path / "missing.txt"), str(bad), str(good)])
    assert window.review.state is not None
    assert window.review.state.document.source_path == str(good.resolve())
    assert "missing.txt" in window.status.last_error and "broken.docx" in window.status.last_error
    assert len(window.status.last_error.splitlines()) == 2
    assert [d.title for d in open_repository(db_path).list_documents()] == [
        window.review.state.document.title
    ]
    assert window.library.count() == 1
    assert window.settings.recent_files == [str(good.resolve())]


def test_import_can_be_cancelled(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """Cancelling a long import stops after the file being read; what was read is kept."""
    import threading

    paths = []
    for n in range(6):
        p = tmp_path / f"draft{n}.txt"
        p.write_text(f"Draft number {n}\n\nThe council met on day {n}.", encoding="utf-8")
        paths.append(str(p))
    window = make_window()
    real_load = window.imports.importer.load
    release = threading.Event()

    def slow_load(path: str) -> Any:
        release.wait(5)
        return real_load(path)

    window.imports.importer.load = slow_load
    with qtbot.waitSignal(window.imports.finished, timeout=10000):
        window.import_files(paths)
        window.imports.progress.canceled.emit()  # what its Cancel button sends
        release.set()
    stored = open_repository(db_path).list_documents()
    assert len(stored) < 6  # the file being read when Cancel came may or may not be in
    assert window.imports.progress is None
    assert window.statusBar().currentMessage().startswith("Import cancelled")


def test_hover_tooltip_names_tag_note_and_status(make_window: Any, db_path: Path) -> None:
    """The tooltip over highlighted words gives the tag, the status and the note."""
    doc_id = add_document(db_path, "A 🙂 council source said “no”.")
    window = make_window()
    window.open_document(doc_id)
    text = window.review.state.text
    s = text.index("“no”")
    window.view.select_cp(s, s + 4)
    assert window.review.tag_selection("quote")
    window.review.edit_note(window.review.current_id, "Ask for the recording")
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(s + 1))
    point = window.view.cursorRect(cursor).center()
    position = window.view.position_at(point)
    assert position is not None and s <= position < s + 4
    html = window.view.tooltip_html(window.review.state.annotations_at(position))
    assert "Quote" in html and "Open" in html and "Ask for the recording" in html


def test_dropping_files_on_the_window_imports_them(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Dropping a .md and a .docx from the file manager imports both and opens the last."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    window = make_window()
    mime = QMimeData()
    files = [FIXTURES / "articles" / "anonymous_sources.md", FIXTURES / "articles" / "article.docx"]
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.imports.finished, timeout=20000):
        window.dropEvent(event)
    assert event.isAccepted()
    formats = sorted(d.source_format for d in open_repository(db_path).list_documents())
    assert formats == ["docx", "md"]
    assert window.review.state.document.source_format == "docx"


def test_reimporting_says_the_draft_was_already_there(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Opening a draft that is already in the library reopens it and says so; no duplicate."""
    window = make_window()
    good = str(FIXTURES / "articles" / "article.md")
    import_and_wait(qtbot, window, [good])
    import_and_wait(qtbot, window, [good])
    assert len(open_repository(db_path).list_documents()) == 1
    assert window.statusBar().currentMessage() == (
        "1 draft was already in the library and opened with its annotations."
    )
