"""The library and the window around it: delete and rename drafts, duplicates, search across the
library, panes from the keyboard, zoom, help and the first run."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabBar

from desktop_app.app import open_repository
from desktop_app.ui.library import DETAIL_ROLE, SHORTER_ROLE, TITLE_ROLE, fitted
from desktop_app.ui.library_search import LibrarySearch
from tests.gui.conftest import add_document, import_and_wait

FERRY = "Ferry fares rise\n\n“We cannot absorb fuel costs,” said Marta Žižek, the operator's chief."
SCHOOL = "School roof repairs\n\nThe district will spend 2 million on roofs, officials said."
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_delete_key_asks_naming_the_annotations_then_undo_brings_it_back(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    ferry = add_document(db_path, FERRY, "Ferry")
    add_document(db_path, SCHOOL, "School")
    window = make_window()
    window.open_document(ferry)
    s = FERRY.index("We cannot absorb")
    window.view.select_cp(s, s + 20)
    assert window.review.tag_selection("quote")
    asked: list[str] = []
    window.library_actions.confirm = lambda _parent, question: asked.append(question) or True
    window.library.setFocus()
    window.library.select_document(ferry)
    qtbot.keyClick(window.library, Qt.Key.Key_Delete)
    assert asked == ["Delete “Ferry” and its 1 annotation? Edit > Undo brings it back."]
    assert [d.title for d in open_repository(db_path).list_documents()] == ["School"]
    assert window.review.state is None and window.library.count() == 1
    window.actions.undo.trigger()
    repo = open_repository(db_path)
    assert sorted(d.title for d in repo.list_documents()) == ["Ferry", "School"]
    assert [a.exact for a in repo.annotations_for(ferry)] == ["We cannot absorb fue"]


def test_f2_renames_and_rows_show_file_format_and_counts(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    ferry = add_document(db_path, FERRY, "Ferry")
    window = make_window()
    window.open_document(ferry)
    window.library_actions.ask_title = lambda _parent, current: current + " (final)"
    window.library.setFocus()
    qtbot.keyClick(window.library, Qt.Key.Key_F2)
    assert open_repository(db_path).get_document(ferry).title == "Ferry (final)"
    item = window.library.item(0)
    assert item.data(TITLE_ROLE) == "Ferry (final)"
    assert re.fullmatch(
        r"Ferry\.txt · TXT · \d+ \w+ \d{4} · no annotations", item.data(DETAIL_ROLE)
    )


def test_a_narrow_library_drops_the_file_details_before_the_counts_and_checks(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Squeezed, a row's second line gives up the format, then the file name, then the date;
    the annotation counts and the checks stay readable (not "1 D…annotations")."""
    ferry = add_document(db_path, FERRY, "Ferry")
    window = make_window()
    window.open_document(ferry)
    s = FERRY.index("We cannot")
    window.view.select_cp(s, s + 20)
    assert window.review.tag_selection("quote")
    window.library.update_checks({ferry: 2})
    item, metrics = window.library.item(0), window.library.fontMetrics()
    lines = [item.data(DETAIL_ROLE), *item.data(SHORTER_ROLE)]
    assert lines[0].startswith("Ferry.txt · TXT · ") and lines[0].endswith("1 quote · ⚠ 2 checks")
    widths = [metrics.horizontalAdvance(line) for line in lines]
    assert widths == sorted(widths, reverse=True)
    for width, expected in zip(widths, lines, strict=True):
        assert fitted(lines, metrics, width) == expected
        assert fitted(lines, metrics, width - 1) != expected
    assert "TXT" not in lines[1] and "Ferry.txt" not in lines[2]
    assert lines[-1] == "1 quote · ⚠ 2 checks"
    squeezed = fitted(lines, metrics, widths[-1] - 10)
    assert squeezed.startswith("1 ") and squeezed.endswith("checks") and "…" in squeezed


def test_importing_the_same_text_again_opens_the_one_already_there(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    window = make_window()
    article = FIXTURES / "articles" / "article.md"
    import_and_wait(qtbot, window, [str(article)])
    copy = tmp_path / "same-words.md"
    copy.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    import_and_wait(qtbot, window, [str(copy)])
    assert len(open_repository(db_path).list_documents()) == 1
    assert "already in the library" in window.statusBar().currentMessage()


def test_find_in_library_and_browse_annotations_jump_to_the_words(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    ferry = add_document(db_path, FERRY, "Ferry")
    school = add_document(db_path, SCHOOL, "School")
    window = make_window()
    window.open_document(school)
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    search = window.search
    assert search.query.hasFocus()
    qtbot.waitUntil(lambda: not search.query.visibleRegion().isEmpty())  # in front of Checks
    qtbot.keyClicks(search.query, "zizek FUEL")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    assert search.hits.count() == 1 and "Ferry" in search.hits.item(0).text()
    assert window.review.document_id == ferry
    start, end = window.view.selection_cp()
    assert FERRY[start:end].lower() in ("žižek", "fuel")

    s = FERRY.index("We cannot")
    window.view.select_cp(s, s + 25)
    assert window.review.tag_selection("quote")
    window.desk.set_fields(window.review.current_id, {"speaker": "Marta Žižek"})
    window.open_document(school)
    tabs = search.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert search.currentIndex() == 1
    # Opening Browse lists what there is before any filter is touched.
    assert search.rows.count() == 1 and "We cannot" in search.rows.item(0).text()
    qtbot.keyClicks(search.speaker, "marta")
    assert search.rows.count() == 1 and "Marta Žižek" in search.rows.item(0).text()
    search.rows.setCurrentRow(0)
    qtbot.keyClick(search.rows, Qt.Key.Key_Return)
    assert window.review.document_id == ferry
    assert (
        window.review.state.annotations[window.review.current_id].fields["speaker"] == "Marta Žižek"
    )


def test_every_pane_is_in_the_view_menu_and_the_f6_cycle(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """F6 goes round the panes on screen: of Checks and Search, which share a place as tabs,
    the one in front. Search is built when its tab is first chosen, not at launch."""
    window = make_window()
    toggles = {a.text() for a in window.actions.view_menu.actions()}
    assert {"Library", "Annotations", "Checks", "Search"} <= toggles
    assert not isinstance(window.search_dock.widget(), LibrarySearch)

    def cycle() -> set[str]:
        window.view.setFocus()
        reached = set()
        for _ in range(8):
            qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
            focus = window.focusWidget()
            for name, dock in (("library", window.library_dock), ("checks", window.checks_dock),
                               ("search", window.search_dock)):  # fmt: skip
                if dock.isAncestorOf(focus):
                    reached.add(name)
        return reached

    assert cycle() == {"library", "checks"}
    suggestions = window.extras.suggestions
    suggestions.dock.raise_()
    qtbot.waitUntil(lambda: not suggestions.panel.tree.visibleRegion().isEmpty())
    window.view.setFocus()
    reached_list = False
    for _ in range(8):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
        reached_list |= window.focusWidget() is suggestions.panel.tree
        assert not window.panel.table.hasFocus()  # behind the Suggestions tab
    assert reached_list
    assert not isinstance(window.search_dock.widget(), LibrarySearch)  # still not needed
    window.search_dock.raise_()
    qtbot.waitUntil(lambda: isinstance(window.search_dock.widget(), LibrarySearch))
    assert cycle() == {"library", "search"}
    window.checks_dock.raise_()
    qtbot.waitUntil(lambda: window.search.visibleRegion().isEmpty())
    assert cycle() == {"library", "checks"}


def test_menu_mnemonics_never_clash_with_the_detail_forms_labels(
    make_window: Any, db_path: Path
) -> None:
    """Alt+letter must reach one thing: the menu bar's letters and the form's labels differ."""
    window = make_window()

    def letter(text: str) -> str:
        found = re.search(r"&(\w)", text)
        return found.group(1).lower() if found else ""

    menus = [letter(a.text()) for a in window.menuBar().actions()]
    assert len(menus) == len(set(menus))
    labels = [letter(w.text()) for w in window.detail.findChildren(QLabel) if "&" in w.text()]
    assert labels and not set(menus) & set(labels)


def test_zoom_keys_change_the_text_size_and_it_is_remembered(
    qtbot: Any, make_window: Any, db_path: Path, copydesk_home: Path
) -> None:
    window = make_window()
    size = window.view.font().pointSize()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSize() == size + 2
    window.close()
    assert json.loads((copydesk_home / "settings.json").read_text())["font_size"] == size + 2
    again = make_window()
    assert again.view.font().pointSize() == size + 2
    again.view.setFocus()
    qtbot.keyClick(again.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.view.font().pointSize() == size


def test_help_lists_the_real_shortcuts_and_an_empty_window_says_what_to_do(
    make_window: Any, db_path: Path
) -> None:
    from desktop_app.ui.dialogs import shortcut_rows

    window = make_window()
    rows = {(what, keys) for _where, what, keys in shortcut_rows(window)}
    assert ("Tag as Quote", "Q, 1") in rows
    assert any(what == "Next Annotation" and keys == "F8" for what, keys in rows)
    window.actions.undo.setShortcut("Ctrl+Alt+U")  # the list follows the actions themselves
    assert any(keys == "Ctrl+Alt+U" for _w, _what, keys in shortcut_rows(window))
    assert "File > Open" in window.view.placeholderText()


def test_cancelling_the_name_prompt_stores_no_name(monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop_app.gui import ask_reviewer_name

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("jdoe", False))
    assert ask_reviewer_name("jdoe") == ""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  Dana Editor ", True))
    assert ask_reviewer_name("jdoe") == "Dana Editor"


def test_a_new_version_of_a_draft_is_offered_as_one_and_carries_annotations(
    qtbot: Any, make_window: Any, db_path: Path, tmp_path: Path
) -> None:
    """Opening an edited file with the same name offers "import as a new version of …"."""
    first = tmp_path / "ferry.txt"
    first.write_text(FERRY, encoding="utf-8")
    window = make_window()
    import_and_wait(qtbot, window, [str(first)])
    old = window.review.document_id
    s = FERRY.index("We cannot absorb")
    window.view.select_cp(s, s + len("We cannot absorb fuel costs"))
    assert window.review.tag_selection("quote")
    quote = window.review.current_id
    edited = tmp_path / "again" / "ferry.txt"
    edited.parent.mkdir()
    edited.write_text(FERRY.replace("operator's chief", "operator's new chief"), encoding="utf-8")
    asked: list[str] = []
    window.imports.ask_version = lambda _parent, title: asked.append(title) or "version"
    with qtbot.waitSignal(window.extras.revisions.flow.imported, timeout=20000):
        window.import_files([str(edited)])
    assert asked == ["Ferry fares rise"]
    docs = open_repository(db_path).list_documents()
    assert len(docs) == 2
    new = next(d.id for d in docs if d.id != old)
    carried = open_repository(db_path).get_annotation(quote)
    assert carried.document_id == new and carried.exact == "We cannot absorb fuel costs"


def test_the_pane_with_the_keyboard_shows_a_frame(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """F6 moves focus from pane to pane; the focused one is framed in the highlight colour and the
    others keep a frame of the same width, so focus never reflows the draft."""
    add_document(db_path, FERRY, "Ferry")
    window = make_window()
    window.view.setFocus()
    width = window.view.viewport().width()

    def frame_colour(widget: Any) -> Any:
        widget.repaint()
        image = widget.grab().toImage()
        return image.pixelColor(1, image.height() // 2)

    highlight = window.palette().color(window.palette().ColorRole.Highlight)
    assert frame_colour(window.view) == highlight
    qtbot.keyClick(window.view, Qt.Key.Key_F6)
    assert window.panel.table.hasFocus()
    assert frame_colour(window.panel.table) == highlight
    assert frame_colour(window.view) != highlight
    assert window.view.viewport().width() == width


def test_a_dock_chosen_by_its_tab_takes_the_keyboard(
    qtbot: Any, make_window: Any, db_path: Path
) -> None:
    """Typing after clicking the Search tab goes to the search field, not to whatever list had
    the focus before (the Suggestions list would take an "n" as "reject")."""
    window = make_window()
    window.open_document(add_document(db_path, FERRY, "Ferry"))
    window.extras.suggestions.panel.tree.setFocus()

    def click_tab(text: str) -> None:
        bars = [b for b in window.findChildren(QTabBar) if b.isVisible()]
        bar, i = next((b, i) for b in bars for i in range(b.count()) if b.tabText(i) == text)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())

    click_tab("Search")
    assert window.focusWidget() is window.search.query
    qtbot.keyClicks(window.focusWidget(), "ferry")
    assert window.search.query.text() == "ferry"
    click_tab("Checks")
    assert window.focusWidget() is window.checks.tree
    click_tab("Suggestions")
    assert window.focusWidget() is window.extras.suggestions.panel.tree
    click_tab("Annotations")
    assert window.focusWidget() is window.panel.table
