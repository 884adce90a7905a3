"""The read-only document view: caret browsing, selection in code points, hover and click on highlights."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from desktop_app.core.fields import who as who_of
from desktop_app.core.model import status_label
from desktop_app.desk import DocumentState
from desktop_app.ui.status_margin import StatusMargin
from desktop_app.ui.text_offsets import TextOffsets

READING_WIDTH_CHARS = 80  # comfortable measure; wider windows get margins instead of longer lines


class DocumentView(QPlainTextEdit):
    annotation_clicked = Signal(str)
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: DocumentState | None = None
        self.offsets = TextOffsets("")  # Qt's UTF-16 positions <-> the core's code points
        self.margin = StatusMargin(self)
        self.tag_labels: dict[str, str] = {}
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        # Caret browsing: arrows move a visible caret, Shift+arrows select, Ctrl+Shift+arrows by word.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setCursorWidth(2)
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # lines always wrap
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 11.0) + 1)
        self.setFont(font)
        self.default_size = int(round(font.pointSizeF()))
        self.setPlaceholderText(
            "No draft open.\n\nOpen one with File > Open (Ctrl+O), drop a file on this window, "
            "or pick one in the library.\nThen select words and press Q (quote), C (claim) or "
            "A (anonymous source). Help > Keyboard Shortcuts lists every key."
        )
        self.document().setDocumentMargin(24)  # also where the status glyphs are painted
        self.setMouseTracking(True)
        # The reading-width margins are outside the viewport: paint them like the page, not the frame.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._flash_timer = QTimer(self, singleShot=True, interval=900)
        self._flash_timer.timeout.connect(lambda: self.setExtraSelections([]))
        self._press_pos = None

    # -- content ------------------------------------------------------------------------------
    def show_state(self, state: DocumentState | None) -> None:
        self.state = state
        self.offsets = TextOffsets(state.text if state else "")
        self.setExtraSelections([])
        self.setPlainText(state.text if state else "")
        self.margin.show_state(state)

    def set_point_size(self, size: int) -> None:
        """The draft's text size (zoom); the first line on screen stays first."""
        top = self.cursorForPosition(QPoint(0, 0)).position() if self.state else -1
        font = QFont(self.font())
        font.setPointSize(size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        if top > 0:
            self.show_at_top(top)

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Lines rewrap when the width changes: keep the first character on screen at the top,
        # so resizing the window or a dock never loses the editor's place (the caret stays put).
        top = self.cursorForPosition(QPoint(0, 0)).position() if self.state else -1
        super().resizeEvent(event)
        measure = self.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS + 48
        spare = max(0, self.width() - measure - self.verticalScrollBar().width())
        self.setViewportMargins(spare // 2, 0, spare // 2, 0)
        self.margin.place()
        if top > 0:
            self.show_at_top(top)

    def show_at_top(self, u16: int) -> None:
        """Scroll (without moving the caret) so the line holding `u16` is the first shown."""
        block = self.document().findBlock(u16)
        layout = block.layout()
        if not block.isValid() or layout is None or layout.lineCount() == 0:
            return
        line = layout.lineForTextPosition(u16 - block.position())
        within = line.lineNumber() if line.isValid() else 0
        self.verticalScrollBar().setValue(block.firstLineNumber() + within)

    # -- offsets --------------------------------------------------------------------------------
    def selection_cp(self) -> tuple[int, int]:
        """The selection as code-point offsets into the canonical text."""
        cursor = self.textCursor()
        assert self.state is not None
        to_cp = self.offsets.to_cp
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    def caret_cp(self) -> int:
        assert self.state is not None
        return self.offsets.to_cp(self.textCursor().position())

    def select_cp(self, start: int, end: int, flash: bool = False) -> None:
        if self.state is None:
            return
        to_u16 = self.offsets.to_utf16
        cursor = QTextCursor(self.document())
        cursor.setPosition(to_u16(start))
        cursor.setPosition(to_u16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        if flash:
            self.flash(start, end)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def flash(self, start: int, end: int) -> None:
        from PySide6.QtGui import QTextFormat  # its large Property enum: built at the first flash

        assert self.state is not None
        to_u16 = self.offsets.to_utf16
        sel = QTextEdit.ExtraSelection()
        sel.cursor = QTextCursor(self.document())
        sel.cursor.setPosition(to_u16(start))
        sel.cursor.setPosition(to_u16(end), QTextCursor.MoveMode.KeepAnchor)
        sel.format.setBackground(QColor(255, 214, 0, 160))
        sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        self.setExtraSelections([sel])
        self._flash_timer.start()

    def position_at(self, point) -> int | None:  # type: ignore[no-untyped-def]
        if self.state is None:
            return None
        cursor = self.cursorForPosition(point)
        # cursorForPosition snaps to the nearest gap; check the character really is under the mouse.
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None
        u16 = cursor.position()
        if point.x() < rect.x() and u16 > 0:
            u16 -= 1
        return self.offsets.to_cp(u16)

    # -- events ---------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.state is not None:
            pos = self.position_at(self.viewport().mapFromGlobal(event.globalPos()))
            found = self.state.annotations_at(pos) if pos is not None else []
            if found:
                QToolTip.showText(event.globalPos(), self.tooltip_html(found), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_html(self, annotations: list) -> str:  # type: ignore[type-arg]
        from html import escape  # its entity table loads with the first tooltip

        parts = []
        for a in annotations:
            label = self.tag_labels.get(a.tag, a.tag)
            who = who_of(a.fields)
            line = f"<b>{escape(label)}</b>"
            if who:
                line += f" · {escape(who)}"
            line += f" · {escape(status_label(a.status))}"
            if a.note:
                line += f"<br>{escape(a.note)}"
            parts.append(line)
        return "<hr>".join(parts)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        moved = self._press_pos is not None and (
            (event.position().toPoint() - self._press_pos).manhattanLength() > 3
        )
        if event.button() == Qt.MouseButton.LeftButton and not moved and self.state is not None:
            pos = self.position_at(event.position().toPoint())
            found = self.state.annotations_at(pos) if pos is not None else []
            if found:
                self.annotation_clicked.emit(found[0].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)
