"""Status in the draft's margin: beside each line where annotations start, one glyph per status
(○ open, ⚑ follow-up, ✓ verified, ✗ disputed, ● resolved), so a verified claim and a disputed
one look different in the text itself, not only in the table."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.core.change import Change
from desktop_app.desk import DocumentState
from desktop_app.ui.status_icons import STATUS_STYLE

WIDTH = 22
ORDER = ("disputed", "needs_follow_up", "open", "verified", "resolved")  # most urgent first


class StatusMargin(QWidget):
    def __init__(self, view: QPlainTextEdit) -> None:
        # A child of the view (not of its viewport, whose children scroll with the text), laid
        # over the document's own left margin: no reflow.
        super().__init__(view)
        self.view = view
        self.state: DocumentState | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Opaque (it paints the page colour itself): a transparent overlay made Qt repaint the
        # text under it, a full-height strip of the draft, on every keystroke and caret blink.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        view.updateRequest.connect(self._view_updated)

    def show_state(self, state: DocumentState | None) -> None:
        self.state = state
        self.update()

    def statuses_on(self, line: int) -> set[str]:
        """The statuses of the annotations that start on `line`. Asked only for the lines being
        painted, from the draft's span index: opening a draft files nothing here."""
        state = self.state
        if state is None or not 0 <= line < len(state.index.starts):
            return set()
        found = (state.annotations.get(ident) for ident in state.index.starting_on(line))
        return {a.status for a in found if a is not None}

    def follow(self, change: Change) -> None:
        """The span index already follows the change: repaint the strip."""
        if self.state is not None:
            self.update()

    def _view_updated(self, rect: QRect, dy: int) -> None:
        """Follow the view: everything when it scrolled, else only the band it repainted."""
        if dy or rect.height() >= self.height():
            self.update()
        else:
            self.update(0, rect.y(), WIDTH, rect.height())

    def place(self) -> None:
        """Sit in the document's left margin, beside the text."""
        area = self.view.viewport().geometry()
        self.setGeometry(QRect(area.x(), area.y(), WIDTH, area.height()))
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        # The page colour, by drawRect: PySide resolving fillRect's overloads builds the enum of
        # every gradient preset (~2 ms of start-up) just to rule that overload out.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.view.palette().color(QPalette.ColorRole.Base))
        painter.drawRect(event.rect())
        if self.state is None or not self.state.annotations:
            painter.end()
            return
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setBold(True)
        painter.setFont(font)
        view = self.view
        block = view.firstVisibleBlock()
        # The first block's place, then each next one below it by its height, as Qt's own line
        # number example does: one geometry lookup per paint instead of one per line.
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        above, bottom = event.rect().top(), event.rect().bottom()
        while block.isValid() and top <= bottom:
            height = view.blockBoundingRect(block).height()
            if max(top + height, top + 2 + 14 * len(ORDER)) < above:  # above the painted band
                block, top = block.next(), top + height
                continue
            statuses = self.statuses_on(block.blockNumber())
            y = top + 2
            for status in (s for s in ORDER if s in statuses):
                glyph, colour, _ = STATUS_STYLE[status]
                painter.setPen(QColor(colour))
                painter.drawText(QPointF(4, y + 12), glyph)
                y += 14
            block, top = block.next(), top + height
        painter.end()
