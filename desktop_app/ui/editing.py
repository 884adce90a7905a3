"""Editing in the review window: tagging, deleting, notes, statuses and fields, all as operations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from desktop_app.core.anchoring import trim_span
from desktop_app.core.annotations import edited, new_annotation
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Annotation
from desktop_app.core.operations import (
    AddAnnotation,
    Batch,
    Operation,
    RemoveAnnotation,
    UpdateAnnotation,
)
from desktop_app.ui.status_icons import status_label

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class EditingMixin(_Base):
    def tag_selection(self, tag_name: str) -> bool:
        """Tag the view's selection (trimmed); one operation, one undo step."""
        session = self.session
        if session is None:
            self.show_message("Open a document first.")
            return False
        tag = next((t for t in self.tags if t.name == tag_name), None)
        if tag is None:
            return False
        start, end = self.view.selection_cp()
        if start == end:
            self.show_message(f"Select the words to tag as {tag.label.lower()} first.")
            return False
        try:
            annotation = new_annotation(
                session.document.id,
                session.text,
                tag.name,
                start,
                end,
                reviewer=self.settings.reviewer,
            )
        except CopydeskError as error:
            self.show_message(str(error))
            return False
        if not session.run(AddAnnotation(annotation, f"Tag as {tag.label}")):
            return False
        self.focus_annotation(annotation.id)
        self.show_message(f"Tagged as {tag.label}: {annotation.exact[:80]}")
        return True

    def annotation_at_caret(self) -> Annotation | None:
        """The annotation the editor means in the text: the current one if the selection lies in
        it (right after tagging, the caret sits at its end), else the innermost one under the
        selection's start, or just before a bare caret."""
        if self.session is None:
            return None
        start, end = self.view.selection_cp()
        current = self.session.annotations.get(self.current_id)
        if current is not None and current.anchor_state != "orphaned":
            if current.start <= start and end <= current.end:
                return current
        found = self.session.annotations_at(start)
        if not found and start == end and start > 0:
            found = self.session.annotations_at(start - 1)
        return found[0] if found else None

    def delete_at_caret(self) -> None:
        target = self.annotation_at_caret()
        if target is None or self.session is None:
            self.show_message("No annotation at the caret.")
            return
        self.session.run(RemoveAnnotation(target, f"Delete {self._label(target.tag)}"))

    def delete_selected_rows(self) -> None:
        if self.session is None:
            return
        ids = self.panel.selected_ids()
        doomed = [self.session.annotations[i] for i in ids if i in self.session.annotations]
        if not doomed:
            self.delete_at_caret()
            return
        if len(doomed) == 1:
            self.session.run(RemoveAnnotation(doomed[0], f"Delete {self._label(doomed[0].tag)}"))
        else:
            ops = tuple(RemoveAnnotation(a) for a in doomed)
            self.session.run(Batch(ops, f"Delete {len(doomed)} Annotations"))

    def edit_note(self, ident: str, note: str) -> None:
        if self.session is None or ident not in self.session.annotations:
            return
        annotation = self.session.annotations[ident]
        self.session.run(UpdateAnnotation(edited(annotation, note=note), "Edit Note"))

    def _label(self, tag_name: str) -> str:
        return next((t.label for t in self.tags if t.name == tag_name), tag_name)

    def focus_annotation(self, ident: str, reveal: bool = False) -> None:
        """Make `ident` the current annotation: its row, its details, and (if asked) its words."""
        if self.session is None or ident not in self.session.annotations:
            return
        self.current_id = ident
        self.panel.select_annotation(ident)
        self.detail.set_annotation(self.session.annotations[ident], self.session)
        if reveal:
            self.reveal_annotation(ident)

    def reveal_annotation(self, ident: str) -> None:
        if self.session is None or ident not in self.session.annotations:
            return
        a = self.session.annotations[ident]
        if a.anchor_state == "orphaned":
            self.show_message("This annotation is orphaned: its words are no longer in the text.")
            return
        self.view.select_cp(a.start, a.end, flash=True)

    def open_find(self) -> None:
        if self.session is None:
            return
        selected = self.view.textCursor().selectedText()
        initial = selected if selected and "\u2029" not in selected else ""
        self.find_bar.open_bar(self.session.text, self.view.caret_cp(), initial)

    def selected_annotations(self) -> list[Annotation]:
        """The panel's selected rows when the panel has focus, else the annotation at the caret."""
        if self.session is None:
            return []
        if self.panel.table.hasFocus() or self.detail.isAncestorOf(self.focusWidget()):
            rows = [
                self.session.annotations[i]
                for i in self.panel.selected_ids()
                if i in self.session.annotations
            ]
            if rows:
                return rows
        if self.view.hasFocus() or not self.panel.selected_ids():
            found = self.annotation_at_caret()
            if found is not None:
                return [found]
        return [
            self.session.annotations[i]
            for i in self.panel.selected_ids()
            if i in self.session.annotations
        ]

    def set_status(self, status: str) -> None:
        targets = [a for a in self.selected_annotations() if a.status != status]
        if not targets:
            if not self.selected_annotations():
                self.show_message("Select an annotation (click it, or put the caret in it) first.")
            return
        label = f"Mark {status_label(status)}"
        ops: list[Operation] = [UpdateAnnotation(edited(a, status=status), label) for a in targets]
        self.run_edit(ops[0] if len(ops) == 1 else Batch(tuple(ops), label))

    def run_edit(self, op: Operation) -> bool:
        return self.session.run(op) if self.session is not None else False

    def apply_detail_edit(self, annotation: Annotation, label: str) -> None:
        self.run_edit(UpdateAnnotation(annotation, label))

    def pick_span_for(self, key: str) -> None:
        """Fill a span field (the reason for anonymity) with the words selected in the draft."""
        if self.session is None:
            return
        start, end = trim_span(self.session.text, *self.view.selection_cp())
        if start >= end:
            self.show_message("Select the words in the draft first, then Use Selection.")
            return
        self.detail.set_span(key, self.session.text[start:end], (start, end))

    def edit_details(self) -> None:
        """Ctrl+I: jump from the words to the current annotation's first field (Escape comes back)."""
        if self.session is None:
            return
        found = self.annotation_at_caret() if self.view.hasFocus() else None
        if found is not None:
            self.focus_annotation(found.id)
        if self.detail.annotation is None:
            self.show_message("Put the caret in an annotation, or pick one in the panel, first.")
            return
        self.panel_dock.show()
        self.detail.focus_first_field()

    def focus_next_pane(self) -> None:
        """F6: document, annotations table, detail form, library, and round again."""
        panes = [self.view, self.panel.table, self.detail, self.library]
        current = next(
            (
                n
                for n, p in enumerate(panes)
                if p.isAncestorOf(self.focusWidget()) or p is self.focusWidget()
            ),
            -1,
        )
        for step in range(1, len(panes) + 1):
            target = panes[(current + step) % len(panes)]
            if not target.isVisible() or not target.isEnabled():
                continue  # a closed dock, or the form with no annotation chosen
            if target is self.detail:
                if self.detail.annotation is None:
                    continue
                self.detail.focus_first_field()
            else:
                target.setFocus(Qt.FocusReason.TabFocusReason)
            return
