"""Code points to UTF-16 and back, checked against Qt's own QTextDocument positions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop_app.ui.text_offsets import TextOffsets, line_to_utf16


@given(st.text(alphabet="aé\u0301\u00a0🙂𝔘\n", max_size=30))
def test_round_trip_against_qt(text: str) -> None:
    """Every code-point offset maps to the UTF-16 position where Qt finds the same character."""
    offsets = TextOffsets(text)
    doc = QTextDocument()
    doc.setPlainText(text)
    for cp in range(len(text) + 1):
        u16 = offsets.to_utf16(cp)
        assert offsets.to_cp(u16) == cp
        cursor = QTextCursor(doc)
        cursor.setPosition(u16)
        if cp < len(text) and text[cp] != "\n":
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            assert cursor.selectedText()[:1] == text[cp][:1] or ord(text[cp]) > 0xFFFF


def test_line_offsets_for_emoji() -> None:
    """Inside one line an emoji before the offset counts two UTF-16 units."""
    assert line_to_utf16("ab🙂cd", 3) == 4
    assert line_to_utf16("abcd", 3) == 3
