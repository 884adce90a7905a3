"""Deleting and renaming drafts from the window: asked for by the library (Delete, F2, context
menu) or the File menu; each is one undoable desk step, and a deletion says what goes with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk
from desktop_app.ui.library import LibraryList


def ask_yes_no(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Copydesk", question)
    return answer == QMessageBox.StandardButton.Yes


def ask_title(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent, "Rename Draft", "Title:", QLineEdit.EchoMode.Normal, current
    )
    return text if ok else None


class LibraryActions:
    def __init__(
        self,
        desk: Desk,
        library: LibraryList,
        current: Callable[[], str],
        say: Callable[..., None],
        parent: QWidget,
        menu: tuple[QMenu, QAction],
    ) -> None:
        self.desk, self.library, self.current, self.say, self.parent = (
            desk,
            library,
            current,
            say,
            parent,
        )
        self.confirm: Callable[[QWidget, str], bool] = ask_yes_no  # tests answer for the user
        self.ask_title: Callable[[QWidget, str], str | None] = ask_title
        library.delete_requested.connect(self.delete)
        library.rename_requested.connect(self.rename)
        self.rename_action = QAction("Re&name Draft…", parent)
        self.rename_action.triggered.connect(lambda: self.rename(self._target()))
        self.delete_action = QAction("&Delete Draft…", parent)
        self.delete_action.setShortcut(QKeySequence("Ctrl+Shift+Backspace"))
        self.delete_action.triggered.connect(lambda: self.delete(self._target()))
        where, before = menu  # File menu, above Quit
        where.insertActions(before, [self.rename_action, self.delete_action])

    def _target(self) -> str:
        return self.current() or self.library.current_id()

    def delete(self, document_id: str) -> bool:
        if not document_id:
            self.say("Choose a draft in the library first.")
            return False
        try:
            doc = self.desk.document(document_id)
            count = len(self.desk.annotations(document_id, ordered=False))
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        goes = f" and its {count} annotation{'s' if count != 1 else ''}" if count else ""
        question = f"Delete “{doc.title}”{goes}? Edit > Undo brings it back."
        if not self.confirm(self.parent, question):
            return False
        try:
            self.desk.delete_document(document_id, initiator=self)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        self.say(f"Deleted “{doc.title}”{goes}.")
        return True

    def rename(self, document_id: str) -> bool:
        if not document_id:
            self.say("Choose a draft in the library first.")
            return False
        try:
            doc = self.desk.document(document_id)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        title = self.ask_title(self.parent, doc.title)
        if title is None or " ".join(title.split()) == doc.title:
            return False
        try:
            self.desk.rename_document(document_id, title, initiator=self)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        return True
