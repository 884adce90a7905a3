"""The detail form under the annotations panel: status, note and the tag's own fields.

Every committed change is one request (annotation id, "status" | "note" | "fields", value) that
the desk turns into one operation; what a value implies (a verified claim records who checked it)
is a core rule, not the form's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.core.fields import FieldSpec, fields_for
from desktop_app.core.model import STATUSES, Annotation, status_label
from desktop_app.desk import suggestions
from desktop_app.ui.annotation_model import one_line
from desktop_app.ui.status_icons import status_icon

NONE_LINK = "— none —"


class _LazyChoices(QComboBox):
    """Lists its choices only when the editor goes to it: a draft may hold thousands of candidates,
    and filling them on every selection would slow each key press."""

    def __init__(self, fill: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.fill = fill

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        self.fill(self)
        super().focusInEvent(event)

    def showPopup(self) -> None:  # noqa: N802
        self.fill(self)
        super().showPopup()


class _SpeakerLine(QLineEdit):
    """Completes from the speakers already named in this draft, gathered when the editor arrives."""

    def __init__(self, form: AnnotationDetail) -> None:
        super().__init__(form)
        self.form = form

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        self.setCompleter(self.form._completer(self.form.known_speakers()))
        super().focusInEvent(event)


class AnnotationDetail(QWidget):
    edit_requested = Signal(str, str, object)  # annotation id, "status"|"note"|"fields", value
    pick_requested = Signal(str)  # field key to fill from the view's selection
    back_to_text = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annotation: Annotation | None = None
        self.state: Any = None  # the DocumentState the annotation belongs to
        self.tag_labels: dict[str, str] = {}
        self.widgets: dict[str, QWidget] = {}
        self.specs: dict[str, FieldSpec] = {}
        self._tag_shown = ""
        self.form = QFormLayout(self)
        self.form.setContentsMargins(6, 6, 6, 6)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.heading = QLabel("Select an annotation to see its details.", self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QComboBox(self)
        for status in STATUSES:
            self.status.addItem(status_icon(status), status_label(status), status)
        self.status.activated.connect(self._status_chosen)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("A note for the reporter or the desk")
        self.note.editingFinished.connect(self._note_finished)
        self.form.addRow(self.heading)
        self.form.addRow("&Status:", self.status)
        self.form.addRow("N&ote:", self.note)
        self.set_annotation(None, None)

    # -- building -------------------------------------------------------------------------------
    def _clear_fields(self) -> None:
        while self.form.rowCount() > 3:
            self.form.removeRow(3)
        self.widgets.clear()
        self.specs.clear()

    def _build_fields(self, tag: str) -> None:
        self._clear_fields()
        for spec in fields_for(tag):
            widget = self._make_widget(spec)
            self.widgets[spec.key] = widget
            self.specs[spec.key] = spec
            label = QLabel(spec.label + ":", self)
            label.setWordWrap(True)
            if spec.help:
                label.setToolTip(spec.help)
                widget.setToolTip(spec.help)
            self.form.addRow(label, widget)
            if self.isVisible():  # a layout only shows new children on the next event-loop turn
                label.show()
                widget.show()
        self._tag_shown = tag

    def _make_widget(self, spec: FieldSpec) -> QWidget:
        key = spec.key
        if spec.kind in ("choice", "yesno"):
            combo = QComboBox(self)
            combo.addItem("—", "")
            for choice in spec.choices if spec.kind == "choice" else ("yes", "no"):
                combo.addItem(choice.capitalize() if spec.kind == "yesno" else choice, choice)
            combo.activated.connect(lambda _i, k=key, c=combo: self._set_field(k, c.currentData()))
            return combo
        if spec.kind == "link":
            combo = _LazyChoices(lambda c, s=spec: self._fill_links(c, s), self)
            combo.activated.connect(lambda _i, k=key, c=combo: self._set_field(k, c.currentData()))
            return combo
        if spec.kind == "span":
            box = QWidget(self)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            shown = QLineEdit(box)
            shown.setReadOnly(True)
            shown.setPlaceholderText("Select the words in the draft, then Use Selection")
            pick = QPushButton("&Use Selection", box)
            pick.clicked.connect(lambda _=False, k=key: self.pick_requested.emit(k))
            clear = QPushButton("Clear", box)
            clear.clicked.connect(lambda _=False, k=key: self._request("fields", {k: ""}))
            row.addWidget(shown, 1)
            row.addWidget(pick)
            row.addWidget(clear)
            box.setFocusProxy(pick)
            box.setProperty("line", shown)
            return box
        line = _SpeakerLine(self) if key == "speaker" else QLineEdit(self)
        if spec.kind == "date":
            line.setPlaceholderText("YYYY-MM-DD")
            pattern = QRegularExpression(r"^$|^\d{4}-\d{2}-\d{2}$")
            line.setValidator(QRegularExpressionValidator(pattern, line))
        if spec.suggestions:
            line.setCompleter(self._completer(list(spec.suggestions)))
        line.editingFinished.connect(lambda k=key, w=line: self._line_finished(k, w))
        return line

    def _completer(self, words: list[str]) -> QCompleter:
        completer = QCompleter(QStringListModel(words, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def focus_first_field(self) -> None:
        first = next(iter(self.widgets.values()), None) if self.annotation is not None else None
        (first or self.note).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.back_to_text.emit()  # back to the words, where the tag keys work
            return
        super().keyPressEvent(event)

    # -- showing --------------------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Save what is being typed in a field before the form shows something else."""
        if self.annotation is None:
            return
        if self.note.hasFocus():
            self._note_finished()
        for key, widget in self.widgets.items():
            if isinstance(widget, QLineEdit) and widget.hasFocus():
                self._line_finished(key, widget)

    def set_annotation(self, annotation: Annotation | None, state: Any) -> None:
        """Show one annotation's values (or nothing). Emits nothing for the new one; a field still
        being typed for the previous one is saved first."""
        if self.annotation is not None and (
            annotation is None or annotation.id != self.annotation.id
        ):
            self.commit_pending()
        self.annotation, self.state = annotation, state
        enabled = annotation is not None
        self.status.setEnabled(enabled)
        self.note.setEnabled(enabled)
        if annotation is None:
            self.heading.setText("Select an annotation to see its details.")
            self._clear_fields()
            self._tag_shown = ""
            self.note.clear()
            return
        if annotation.tag != self._tag_shown:
            self._build_fields(annotation.tag)
        label = self.tag_labels.get(annotation.tag, annotation.tag)
        orphan = (
            " (orphaned: its words are gone from the text)"
            if annotation.anchor_state == "orphaned"
            else ""
        )
        words = one_line(annotation.exact, 140)
        if words[:1] not in "\"“‘'«„":  # a tagged quotation already shows its own marks
            words = f"“{words}”"
        self.heading.setText(f"{label}{orphan}: {words}")
        self.status.setCurrentIndex(max(0, self.status.findData(annotation.status)))
        if not self.note.hasFocus() or self.note.text() == annotation.note:
            self.note.setText(annotation.note)
        for key, widget in self.widgets.items():
            self._show_value(self.specs[key], widget, annotation.fields.get(key, ""))

    def _show_value(self, spec: FieldSpec, widget: QWidget, value: str) -> None:
        if spec.kind == "link" and isinstance(widget, QComboBox):
            if widget.view().isVisible() or (widget.hasFocus() and widget.property("filled")):
                return  # the editor is choosing from the list: a refresh must not empty it
            widget.clear()  # only the current choice until the editor opens the list
            widget.setProperty("filled", False)
            widget.addItem(NONE_LINK, "")
            linked = self.state.annotations.get(value) if self.state and value else None
            if linked is not None:
                widget.addItem(one_line(linked.exact, 60), linked.id)
                widget.setCurrentIndex(1)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif spec.kind == "span":
            line = widget.property("line")
            line.setText(value)
            line.setCursorPosition(0)  # show how the reason starts, not how it ends
            line.setToolTip(value)
        elif isinstance(widget, QLineEdit):
            if not widget.hasFocus() or widget.text() == value:
                widget.setText(value)

    def _fill_links(self, combo: QComboBox, spec: FieldSpec) -> None:
        if combo.property("filled"):
            return  # refilling as the popup closes would drop the choice just made
        combo.setProperty("filled", True)
        current = combo.currentData()
        combo.clear()
        combo.addItem(NONE_LINK, "")
        if self.state is not None:
            for a in sorted(self.state.annotations.values(), key=lambda a: a.start):
                if a.tag == spec.link_tag:
                    combo.addItem(one_line(a.exact, 60), a.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def known_speakers(self) -> list[str]:
        if self.state is None:
            return []
        names = {a.fields.get("speaker", "") for a in self.state.annotations.values()}
        names.update(suggestions.speakers(self.state.document))  # people the draft quotes
        return sorted(n for n in names if n)

    # -- editing --------------------------------------------------------------------------------
    def _request(self, kind: str, value: Any) -> None:
        if self.annotation is not None:
            self.edit_requested.emit(self.annotation.id, kind, value)

    def _status_chosen(self, _index: int) -> None:
        if self.annotation is not None and self.status.currentData() != self.annotation.status:
            self._request("status", self.status.currentData())

    def _note_finished(self) -> None:
        if self.annotation is not None and self.note.text() != self.annotation.note:
            self._request("note", self.note.text())

    def _line_finished(self, key: str, widget: QLineEdit) -> None:
        if self.annotation is not None and widget.text().strip() != self.annotation.fields.get(
            key, ""
        ):
            self._set_field(key, widget.text().strip())

    def _set_field(self, key: str, value: str) -> None:
        a = self.annotation
        if a is None or a.fields.get(key, "") == (value or ""):
            return
        self._request("fields", {key: value or ""})
