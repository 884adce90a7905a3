"""Code points to UTF-16 and back, checked against Qt's own QTextDocument positions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument

from desktop_app.ui.text_offsets import TextOffsets, line_offsets, line_to_utf16

# emoji and a math letter (astral: two UTF-16 units), a combining acute, NBSP, curly quotes
ALPHABET = "aé\u0301\u00a0🙂𝔘“”\n"


def _select(doc: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


@given(st.text(alphabet=ALPHABET, max_size=30))
def test_document_offsets_select_the_same_characters_as_qt(text: str) -> None:
    """Selecting from 0 to `to_utf16(cp)` in Qt gives exactly `text[:cp]`, and back again."""
    offsets = TextOffsets(text)
    doc = QTextDocument()
    doc.setPlainText(text)
    for cp in range(len(text) + 1):
        u16 = offsets.to_utf16(cp)
        assert offsets.to_cp(u16) == cp
        assert _select(doc, 0, u16) == text[:cp].replace("\n", "\u2029")


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_per_block_offsets_match_qt_blocks(text: str) -> None:
    """The per-block table, built from the block's own text as Qt hands it to a highlighter."""
    doc = QTextDocument()
    doc.setPlainText(text)
    block = doc.firstBlock()
    lines = text.split("\n")
    while block.isValid():
        line = block.text()
        assert line == lines[block.blockNumber()]
        to_utf16 = line_offsets(line).to_utf16
        for cp in range(len(line) + 1):
            u16 = to_utf16(cp)
            assert u16 == line_to_utf16(line, cp)
            assert _select(doc, block.position(), block.position() + u16) == line[:cp]
        block = block.next()


class _SpanPainter(QSyntaxHighlighter):
    """Paints code-point spans of each block the way the annotation highlighter does."""

    def __init__(self, doc: QTextDocument, spans: dict[int, list[tuple[int, int]]]) -> None:
        self.spans = spans
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("yellow"))
        super().__init__(doc)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        to_utf16 = line_offsets(text).to_utf16
        for s, e in self.spans.get(self.currentBlock().blockNumber(), []):
            self.setFormat(to_utf16(s), to_utf16(e) - to_utf16(s), self.fmt)


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40), st.data())
def test_painted_ranges_cover_the_code_point_spans(text: str, data: st.DataObject) -> None:
    """A span painted through the per-block table covers exactly its characters in Qt."""
    lines = text.split("\n")
    spans: dict[int, list[tuple[int, int]]] = {}
    for n, line in enumerate(lines):
        if line:
            s = data.draw(st.integers(0, len(line) - 1))
            spans[n] = [(s, data.draw(st.integers(s + 1, len(line))))]
    doc = QTextDocument()
    doc.setPlainText(text)
    _SpanPainter(doc, spans).rehighlight()
    block = doc.firstBlock()
    while block.isValid():
        painted = "".join(
            _select(doc, block.position() + r.start, block.position() + r.start + r.length)
            for r in block.layout().formats()
        )
        s_e = spans.get(block.blockNumber())
        assert painted == ("" if not s_e else block.text()[s_e[0][0] : s_e[0][1]])
        block = block.next()


def test_line_offsets_for_emoji() -> None:
    """Inside one line an emoji before the offset counts two UTF-16 units; BMP accents one."""
    assert line_to_utf16("ab🙂cd", 3) == 4
    assert line_to_utf16("abcd", 3) == 3
    assert line_to_utf16("“é”\u00a0x", 4) == 4
    assert TextOffsets("a🙂b").to_cp(2) == 2  # inside the surrogate pair: after the emoji
