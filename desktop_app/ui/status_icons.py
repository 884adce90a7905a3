"""One icon and colour per annotation status, so status reads at a glance and without colour too."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop_app.core.model import STATUSES

STATUS_STYLE = {  # glyph (shape differs per status, not just colour), colour, label
    "open": ("○", "#6b7280", "Open"),
    "needs_follow_up": ("⚑", "#d97706", "Needs follow-up"),
    "verified": ("✓", "#15803d", "Verified"),
    "disputed": ("✗", "#dc2626", "Disputed"),
    "resolved": ("●", "#2563eb", "Resolved"),
}
assert set(STATUS_STYLE) == set(STATUSES)


def status_colour(status: str) -> QColor:
    return QColor(STATUS_STYLE.get(status, ("", "#6b7280", ""))[1])


@cache
def status_icon(status: str) -> QIcon:
    glyph, colour, _ = STATUS_STYLE.get(status, ("?", "#6b7280", status))
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(24)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)
