"""How tags and block kinds look: a colour and a non-colour cue per tag, reading typography per kind."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from desktop_app.core.model import Tag

# A non-colour cue per tag so overlaps stay readable and colour-blind reviewers can tell tags apart.
UNDERLINES = (
    QTextCharFormat.UnderlineStyle.SingleUnderline,
    QTextCharFormat.UnderlineStyle.WaveUnderline,
    QTextCharFormat.UnderlineStyle.DotLine,
    QTextCharFormat.UnderlineStyle.DashUnderline,
    QTextCharFormat.UnderlineStyle.DashDotLine,
)
BUILTIN_CUES = {"quote": 0, "claim": 1, "anonymous_source": 2}


def cue_index(tag: Tag, order: int) -> int:
    return BUILTIN_CUES.get(tag.name, order % len(UNDERLINES))


def background(colour: str, dark: bool) -> QColor:
    c = QColor(colour)
    c.setAlpha(110 if dark else 70)
    return c


def blend(outer: str, inner: str, dark: bool) -> QColor:
    """The tint of overlapping annotations: both colours mixed, a little stronger than one."""
    a, b = QColor(outer), QColor(inner)
    mixed = QColor(
        (a.red() + b.red()) // 2, (a.green() + b.green()) // 2, (a.blue() + b.blue()) // 2
    )
    mixed.setAlpha(150 if dark else 105)
    return mixed


KIND_SIZES = {"title": 1.6, "heading": 1.25, "byline": 0.95, "caption": 0.9}


def kind_format(kind: str, base_point_size: float) -> QTextCharFormat:
    fmt = QTextCharFormat()
    scale = KIND_SIZES.get(kind)
    if scale:
        fmt.setFontPointSize(base_point_size * scale)
    if kind in ("title", "heading"):
        fmt.setFontWeight(QFont.Weight.Bold)
    if kind in ("byline", "caption"):
        fmt.setFontItalic(True)
    return fmt
