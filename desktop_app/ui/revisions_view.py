"""Revised drafts in the window: Import New Version, the summary dialog, the Revisions pane
(picker and orphans, kept current from the desk) and the changed-words details under the checks.

Wiring: `RevisionsView(desk, view, current, say, parent)`, then `install(...)` adds the dock,
the File menu entry and the re-attach key; `document_chosen` asks the window to open a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTreeWidgetItem, QWidget

from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation
from desktop_app.desk import Desk, revisions
from desktop_app.ui.checks_panel import ANNOTATION_ROLE, DOC_ROLE, ChecksPanel
from desktop_app.ui.document_view import DocumentView
from desktop_app.ui.revision_diff import ChangedWordsLabel, changed_quote_html
from desktop_app.ui.revision_import import RevisionImportFlow
from desktop_app.ui.revisions_panel import REATTACH_KEY, RevisionsPanel

if TYPE_CHECKING:  # the summary and its dialog load when a summary is first shown
    from desktop_app.core.revisions import RevisionSummary
    from desktop_app.ui.revision_summary import RevisionSummaryDialog


class RevisionsView(QObject):
    document_chosen = Signal(str)  # open this revision
    read_only_changed = Signal(bool)  # True while an earlier revision is in front

    def __init__(
        self,
        desk: Desk,
        view: DocumentView,
        current: Callable[[], str],
        say: Callable[..., None],
        parent: QWidget,
        choose_file: Callable[[QWidget, str, str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.view, self.current, self.say = desk, view, current, say
        self.parent_widget = parent
        self.panel = RevisionsPanel(parent)
        self.details = ChangedWordsLabel(parent)
        self.flow = RevisionImportFlow(desk, say, parent, choose_file)
        self.dialog: RevisionSummaryDialog | None = None
        self.dock: QDockWidget | None = None
        self.read_only = False
        self._checks: ChecksPanel | None = None
        self.flow.imported.connect(self._imported)
        self.panel.revision_chosen.connect(self.document_chosen.emit)
        self.panel.summary_requested.connect(lambda: self.show_summary())
        self.panel.reattach_requested.connect(self.reattach)
        self.panel.dismiss_requested.connect(self.dismiss)
        desk.subscribe(self._changed)

    def install(
        self,
        window: QMainWindow,
        checks: ChecksPanel,
        file_menu: QMenu,
        before: QAction | None = None,
    ) -> QDockWidget:
        """Add the Revisions dock, File > Import New Version…, the re-attach key and the
        changed-words details under the checks panel."""
        self.dock = QDockWidget("Revisions", window)
        self.dock.setObjectName("revisions")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.import_action = QAction("Import New &Version…", window)
        self.import_action.triggered.connect(lambda: self.flow.choose(self.current()))
        file_menu.insertAction(before, self.import_action)  # None appends
        self.reattach_action = QAction("Re-attach Orphan to Selection", window)
        self.reattach_action.setShortcut(QKeySequence(REATTACH_KEY))
        self.reattach_action.triggered.connect(self.reattach_current)
        window.addAction(self.reattach_action)
        self._checks = checks
        layout = checks.layout()
        if layout is not None:
            layout.addWidget(self.details)
        checks.tree.currentItemChanged.connect(self._finding_current)
        checks.tree.model().rowsInserted.connect(lambda *_: self._decorate_soon())
        return self.dock

    # -- following the document in front -----------------------------------------------------
    def show_document(self, document_id: str) -> None:
        if not document_id:
            self.panel.show_revisions([], "")
            self.panel.show_orphans([], {})
            self._set_read_only(False)
            return
        try:
            chain = revisions.revision_chain(self.desk, document_id)
        except CopydeskError:
            return
        self.panel.show_revisions(chain, document_id)
        self.panel.show_orphans(revisions.orphans(self.desk, document_id), self._labels())
        self._set_read_only(chain[-1].id != document_id)

    def _set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            self.read_only_changed.emit(read_only)

    def _changed(self, change: Change, _initiator: object) -> None:
        doc = self.current()
        if doc and (doc in change.document_ids or change.library_changed):
            # Coalesce: an import or undo can touch the pane several times in one event.
            QTimer.singleShot(0, self, lambda: self.show_document(self.current()))

    def _labels(self) -> dict[str, str]:
        return {t.name: t.label for t in self.desk.tags()}

    # -- import and summary ---------------------------------------------------------------------
    def import_new_version(self, path: str) -> bool:
        """Import `path` as the next revision of the draft in front (as the menu does)."""
        return self.flow.start(path, self.current())

    def _imported(self, document_id: str, summary: RevisionSummary) -> None:
        self.document_chosen.emit(document_id)
        self.show_summary(summary)

    def show_summary(self, summary: RevisionSummary | None = None) -> None:
        doc_id = self.current()
        if summary is None:
            if not doc_id:
                return
            summary = revisions.revision_summary(self.desk, doc_id)
        title = self.desk.document(summary.document_id).title
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        from desktop_app.ui.revision_summary import RevisionSummaryDialog

        self.dialog = RevisionSummaryDialog(summary, title, self._labels(), self.parent_widget)
        self.dialog.orphans_requested.connect(self._show_orphans)
        self.dialog.show()

    def _show_orphans(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.tree.setFocus()

    # -- orphans --------------------------------------------------------------------------------
    def reattach_current(self) -> None:
        if self.panel.current_orphan() and not self.read_only:
            self.reattach(self.panel.current_orphan())

    def reattach(self, annotation_id: str) -> None:
        """Place the orphan on the words selected in the draft (one undoable step)."""
        if self.view.state is None:
            return
        start, end = self.view.selection_cp()
        if start == end:
            self.say("Select the words in the draft, then re-attach the orphan.", error=True)
            return
        try:
            placed = revisions.reattach_orphan(self.desk, annotation_id, start, end, self)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return
        what = "its old words" if placed.anchor_state == "moved" else "changed words"
        self.say(f"Orphan re-attached to {what}: “{placed.exact}”.")

    def dismiss(self, annotation_id: str) -> None:
        try:
            revisions.dismiss_orphan(self.desk, annotation_id, self)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return
        self.say("Orphan dismissed (Undo brings it back).")

    # -- changed words in the checks panel ------------------------------------------------------
    def _annotation_of(self, item: QTreeWidgetItem | None) -> Annotation | None:
        if item is None or not item.data(0, ANNOTATION_ROLE):
            return None
        doc_id, ident = item.data(0, DOC_ROLE), item.data(0, ANNOTATION_ROLE)
        try:
            found = self.desk.annotations(doc_id, ordered=False)
            return next((a for a in found if a.id == ident), None)
        except CopydeskError:
            return None

    def _finding_current(self, item: QTreeWidgetItem | None, *_args: object) -> None:
        self.details.show_annotation(self._annotation_of(item))

    def _decorate_soon(self) -> None:
        QTimer.singleShot(0, self, self._decorate)  # dropped if this view is gone by then

    def _decorate(self) -> None:
        """Rich tooltips on the changed-quote findings: the diff, deletions struck."""
        if self._checks is None or not shiboken6.isValid(self._checks.tree):
            return  # the window went before this queued call came round
        tree = self._checks.tree
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top.data(0, DOC_ROLE) != "quote_changed":
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                a = self._annotation_of(child)
                if a is not None and a.anchor_state == "changed":
                    child.setToolTip(0, changed_quote_html(a))
