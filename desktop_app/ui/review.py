"""The document in front of the editor: showing it, and turning keys in the text, the table and
the form into desk calls. Refreshes only what each `Change` names."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor

from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation, Tag
from desktop_app.core.settings import Settings
from desktop_app.desk import Desk, DocumentState
from desktop_app.ui import review_moves
from desktop_app.ui.annotations_panel import AnnotationsPanel
from desktop_app.ui.detail_form import AnnotationDetail
from desktop_app.ui.document_view import DocumentView
from desktop_app.ui.find_bar import FindBar
from desktop_app.ui.highlighter import AnnotationHighlighter


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class Review(QObject):
    document_shown = Signal(str)  # document id ("" when none)
    annotations_changed = Signal()  # counts or findings of the shown document may differ

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        view: DocumentView,
        panel: AnnotationsPanel,
        detail: AnnotationDetail,
        find_bar: FindBar,
        say: Callable[..., None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.settings = desk, settings
        self.view, self.panel, self.detail, self.find_bar = view, panel, detail, find_bar
        self.say = say
        self.state: DocumentState | None = None
        self.highlighter: AnnotationHighlighter | None = None
        self.current_id = ""
        self.read_only = False
        self.tags: list[Tag] = desk.tags()
        self._wire()
        desk.subscribe(self._changed)

    def _wire(self) -> None:
        self.panel.annotation_selected.connect(lambda i: self.focus_annotation(i, reveal=True))
        self.panel.note_edited.connect(self.edit_note)
        self.panel.delete_requested.connect(self.delete_selected_rows)
        self.panel.document_note_edited.connect(self._document_note_edited)
        self.detail.edit_requested.connect(self._run_form_edit)
        self.detail.pick_requested.connect(self.pick_span_for)
        self.detail.back_to_text.connect(
            lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        )
        self.view.annotation_clicked.connect(self.focus_annotation)
        self.view.delete_requested.connect(self.delete_at_caret)
        self.view.verticalScrollBar().valueChanged.connect(self._highlight_visible)
        self.find_bar.match_selected.connect(lambda s, e: self.view.select_cp(s, e))
        self.find_bar.match_lost.connect(self.view.clear_selection)
        self.find_bar.closed.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        self.find_bar.indexer.busy = lambda: self.busy  # index the draft once it has settled
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    @property
    def busy(self) -> bool:
        """Still highlighting the draft in the background (just opened)."""
        return self.highlighter is not None and bool(self.highlighter.pending)

    @property
    def document_id(self) -> str:
        return self.state.id if self.state is not None else ""

    def set_read_only(self, read_only: bool) -> None:
        """An earlier revision is in front: it can be read and exported, not edited."""
        self.read_only = read_only

    def run(self, call: Callable[[], Any]) -> Any:
        """Run a desk call for the editor: a refusal becomes one line in the window."""
        if self.read_only:
            self.say("This is an earlier revision, kept as it was: open the latest to edit.")
            return None
        try:
            return call()
        except CopydeskError as error:
            self.say(str(error), error=True)
            return None

    # -- showing a document ---------------------------------------------------------------------
    def open_document(self, document_id: str) -> bool:
        if self.state is not None and self.state.id == document_id:
            return True
        # Reading 10,000 annotations allocates enough objects to trigger full GC passes (~30 ms on
        # a long draft); nothing here makes reference cycles, so collection can wait.
        gc.disable()
        try:
            return self._open(document_id)
        finally:
            gc.enable()

    def _open(self, document_id: str) -> bool:
        self.detail.commit_pending()  # a half-typed note belongs to the document it was typed in
        self.remember_position()
        if self.find_bar.isVisible():
            self.find_bar.hide()  # its matches are offsets into the document being left
        try:
            state = self.desk.state(document_id)
        except CopydeskError as error:
            self.say(str(error), error=True)
            return False
        self._show(state)
        return True

    def _show(self, state: DocumentState | None) -> None:
        self.state = state
        if self.highlighter is not None:
            self.highlighter.setDocument(None)
            self.highlighter = None
        self.view.show_state(state)
        self.find_bar.set_text(state.text if state else "")
        self.current_id = ""
        with self.panel.syncing():
            self.panel.model.set_state(state)
        self.detail.set_annotation(None, state)
        self.panel.show_document_note(state.document.note if state else None)
        if state is None:
            self.document_shown.emit("")
            return
        position = self.settings.positions.get(state.id, 0)
        first = state.index.line_of(min(max(position, 0), len(state.text)))
        self.highlighter = AnnotationHighlighter(
            self.view.document(),
            state,
            self.tags,
            is_dark(),
            range(max(0, first - 40), first + 160),
        )
        self.settings.last_document_id = state.id
        self.document_shown.emit(state.id)
        QTimer.singleShot(0, self, lambda: self.scroll_to(position))

    def close_document(self) -> None:
        self.remember_position()
        self._show(None)

    def scroll_to(self, position: int) -> None:
        """Put the line holding `position` at the top of the view, with the caret there."""
        if self.state is None or not 0 < position <= len(self.state.text):
            return  # 0 is where a freshly shown document already is
        view = self.view
        if view.textCursor().hasSelection() or view.textCursor().position() != 0:
            return  # the editor (or a jump to an annotation) moved first: do not take it away
        # The scroll bar counts wrapped lines, which change with the width; instead come from the
        # end so that making the caret visible leaves its line at the top.
        view.moveCursor(QTextCursor.MoveOperation.End)
        view.ensureCursorVisible()
        cursor = view.textCursor()
        cursor.setPosition(view.offsets.to_utf16(position))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()

    def remember_position(self) -> None:
        if self.state is None:
            return
        # The first character on screen, not its block's start: one paragraph may fill many screens.
        top = self.view.cursorForPosition(QPoint(0, 0))
        if not top.isNull():
            self.settings.positions[self.state.id] = self.view.offsets.to_cp(top.position())

    def _highlight_visible(self, _value: int) -> None:
        # The scroll bar counts wrapped lines; the highlighter counts blocks.
        if self.highlighter is not None:
            top = self.view.firstVisibleBlock().blockNumber()
            rows = self.view.viewport().height() // max(1, self.view.fontMetrics().lineSpacing())
            self.highlighter.ensure_lines(range(max(0, top - 5), top + rows + 2))

    def _scheme_changed(self) -> None:
        """Light and dark follow the system while the app runs: highlight strength follows too."""
        if self.highlighter is not None:
            self.highlighter.dark = is_dark()
            self.highlighter.set_tags(self.tags)

    def set_tags(self, tags: list[Tag]) -> None:
        self.tags = tags
        labels = {t.name: t.label for t in tags}
        self.view.tag_labels = self.detail.tag_labels = labels
        self.panel.set_tags(tags)
        if self.highlighter is not None:
            self.highlighter.set_tags(tags)
        if self.state is not None and self.current_id in self.state.annotations:
            self.detail.set_annotation(self.state.annotations[self.current_id], self.state)

    # -- following the desk ---------------------------------------------------------------------
    def _changed(self, change: Change, initiator: object) -> None:
        state = self.state
        if state is not None and state.id in change.documents_removed:
            self._show(None)
            return
        if state is not None and state.id in change.documents_updated:
            state.document = self.desk.document(state.id)
            self.panel.show_document_note(state.document.note)
        if state is not None and state.id in change.document_ids:
            self._follow(state, change)
        if change.tags_changed:
            self.set_tags(self.desk.tags())

    def _follow(self, state: DocumentState, change: Change) -> None:
        if self.highlighter is not None:
            for doc_id, start, end in change.spans:
                if doc_id == state.id:
                    self.highlighter.rehighlight_lines(state.index.lines_touched(start, end))
        with self.panel.syncing():
            self.panel.model.apply_change(change)
        self.view.margin.follow(change)
        if self.current_id in change.removed and self.current_id not in state.annotations:
            self.current_id = ""
            self.detail.set_annotation(None, state)
        elif self.current_id in state.annotations and (
            self.current_id in change.updated or self.current_id in change.added
        ):
            self.detail.set_annotation(state.annotations[self.current_id], state)
        self.annotations_changed.emit()

    # -- editing --------------------------------------------------------------------------------
    def tag_selection(self, tag_name: str) -> bool:
        """Tag the view's selection (trimmed); one operation, one undo step."""
        state = self.state
        if state is None:
            self.say("Open a document first.")
            return False
        tag = next((t for t in self.tags if t.name == tag_name), None)
        if tag is None:
            return False
        start, end = self.view.selection_cp()
        if start == end:
            self.say(f"Select the words to tag as {tag.label.lower()} first.")
            return False
        a = self.run(lambda: self.desk.annotate(state.id, tag.name, start, end, initiator=self))
        if a is None:
            return False
        self.focus_annotation(a.id)
        self.say(f"Tagged as {tag.label}: {a.exact[:80]}")
        return True

    def annotation_at_caret(self) -> Annotation | None:
        """The annotation the editor means in the text: the current one if the selection lies in
        it (right after tagging, the caret sits at its end), else the innermost one under the
        selection's start, or just before a bare caret."""
        if self.state is None:
            return None
        start, end = self.view.selection_cp()
        current = self.state.annotations.get(self.current_id)
        if current is not None and current.anchor_state != "orphaned":
            if current.start <= start and end <= current.end:
                return current
        found = self.state.annotations_at(start)
        if not found and start == end and start > 0:
            found = self.state.annotations_at(start - 1)
        return found[0] if found else None

    def delete_at_caret(self) -> None:
        target = self.annotation_at_caret()
        if target is None:
            self.say("No annotation at the caret.")
            return
        self.run(lambda: self.desk.remove_annotations([target.id], initiator=self))

    def delete_selected_rows(self) -> None:
        if self.state is None:
            return
        ids = [i for i in self.panel.selected_ids() if i in self.state.annotations]
        if not ids:
            self.delete_at_caret()
            return
        self.run(lambda: self.desk.remove_annotations(ids, initiator=self))

    def delete_current(self) -> None:
        if self.panel.table.hasFocus():
            self.delete_selected_rows()
        else:
            self.delete_at_caret()

    def edit_note(self, ident: str, note: str) -> None:
        self.run(lambda: self.desk.set_note(ident, note, initiator=self))

    def _run_form_edit(self, annotation_id: str, kind: str, value: Any) -> None:
        if kind == "status":
            self.run(lambda: self.desk.set_status([annotation_id], value, initiator=self))
        elif kind == "note":
            self.edit_note(annotation_id, value)
        else:
            self.run(lambda: self.desk.set_fields(annotation_id, value, initiator=self))

    def set_status(self, status: str) -> None:
        targets = self.selected_annotations()
        if not targets:
            self.say("Select an annotation (click it, or put the caret in it) first.")
            return
        self.run(lambda: self.desk.set_status([a.id for a in targets], status, initiator=self))

    def selected_annotations(self) -> list[Annotation]:
        """The panel's selected rows when the panel has focus, else the annotation at the caret."""
        if self.state is None:
            return []
        annotations = self.state.annotations
        rows = [annotations[i] for i in self.panel.selected_ids() if i in annotations]
        window = self.view.window()
        if rows and (self.panel.table.hasFocus() or self.detail.isAncestorOf(window.focusWidget())):
            return rows
        if self.view.hasFocus() or not rows:
            found = self.annotation_at_caret()
            if found is not None:
                return [found]
        return rows

    def pick_span_for(self, key: str) -> None:
        """Fill a span field (the reason for anonymity) with the words selected in the draft."""
        if self.state is None or self.detail.annotation is None:
            return
        from desktop_app.core.anchoring import trim_span  # edit-time only: not at launch

        start, end = trim_span(self.state.text, *self.view.selection_cp())
        if start >= end:
            self.say("Select the words in the draft first, then Use Selection.")
            return
        ident = self.detail.annotation.id
        self.run(
            lambda: self.desk.set_fields(ident, {f"{key}_span": f"{start}-{end}"}, initiator=self)
        )

    # -- moving around --------------------------------------------------------------------------
    def focus_annotation(self, ident: str, reveal: bool = False) -> None:
        """Make `ident` the current annotation: its row, its details, and (if asked) its words."""
        if self.state is None or ident not in self.state.annotations:
            return
        self.current_id = ident
        self.panel.select_annotation(ident)
        self.detail.set_annotation(self.state.annotations[ident], self.state)
        if reveal:
            self.reveal_annotation(ident)

    go_to = review_moves.go_to
    reveal_annotation = review_moves.reveal_annotation
    step_annotation = review_moves.step_annotation
    step_finding = review_moves.step_finding

    def _document_note_edited(self, note: str) -> None:
        state = self.state
        if state is not None and note != state.document.note:
            self.run(lambda: self.desk.set_document_note(state.id, note, initiator=self))

    def zoom(self, step: int) -> None:
        """Ctrl++ / Ctrl+- change the draft's text size (0: back to the default); remembered."""
        view = self.view
        current = self.settings.font_size or view.default_size
        size = view.default_size if step == 0 else min(36, max(7, current + step))
        self.settings.font_size = 0 if size == view.default_size else size
        self.apply_zoom()
        self.say(f"Text size {size} pt")

    def apply_zoom(self) -> None:
        self.view.set_point_size(self.settings.font_size or self.view.default_size)
        if self.highlighter is not None:
            self.highlighter.set_tags(self.tags)  # kind formats scale with the base size

    def open_find(self) -> None:
        if self.state is None:
            return
        selected = self.view.textCursor().selectedText()
        initial = selected if selected and "\u2029" not in selected else ""
        self.find_bar.open_bar(self.state.text, self.view.caret_cp(), initial)

    def edit_details(self) -> bool:
        """Ctrl+I: jump from the words to the current annotation's first field (Escape comes back)."""
        if self.state is None:
            return False
        found = self.annotation_at_caret() if self.view.hasFocus() else None
        if found is not None:
            self.focus_annotation(found.id)
        if self.detail.annotation is None:
            self.say("Put the caret in an annotation, or pick one in the panel, first.")
            return False
        self.detail.focus_first_field()
        return True
