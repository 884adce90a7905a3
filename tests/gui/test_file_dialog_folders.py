"""File dialogs open where the editor's files are: Open Drafts in the folder the last draft came
from, Import New Version beside the draft it replaces; never in the process's working directory
(/ or the install folder when started from the Dock or the Start menu)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from desktop_app.ui.file_open import start_folder
from tests.gui.conftest import import_and_wait

DRAFT = "“We will not raise taxes,” said Ana Ruiz, the mayor of Crème 🙂 Town.\n"


def test_open_drafts_starts_where_the_last_draft_came_from(
    qtbot: Any, make_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda _parent, _title, folder, _kinds: (asked.append(folder), ([], ""))[1],
    )
    window = make_window()
    window.actions.open.trigger()
    assert asked == [str(Path.home())]  # nothing opened yet: home, not the working directory

    desk_folder = tmp_path / "from the reporter"
    desk_folder.mkdir()
    draft = desk_folder / "budget.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    import_and_wait(qtbot, window, [str(draft)])
    window.actions.open.trigger()
    assert asked[-1] == str(desk_folder)


def test_import_new_version_starts_beside_the_draft(
    qtbot: Any, make_window: Any, tmp_path: Path
) -> None:
    desk_folder = tmp_path / "drafts"
    desk_folder.mkdir()
    draft = desk_folder / "budget.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    window = make_window()
    import_and_wait(qtbot, window, [str(draft)])
    draft.rename(tmp_path / "elsewhere.txt")  # the draft's file may move; its folder stays
    flow = window.extras.revisions.flow
    asked: list[str] = []
    flow.choose_file = lambda _parent, _title, folder: (asked.append(folder), "")[1]
    window.extras.revisions.import_action.trigger()
    assert asked == [str(desk_folder)]


def test_a_path_from_another_machine_opens_in_the_home_folder() -> None:
    """A review imported from a colleague names its draft by their path: no folder here."""
    home = str(Path.home())
    assert start_folder("budget.docx") == home
    assert start_folder(r"C:\Users\ana\Drafts\budget.docx") == home
    assert start_folder("", "/no/such/folder/budget.docx") == home
    assert start_folder("/no/such/folder/a.txt", __file__) == str(Path(__file__).parent)
