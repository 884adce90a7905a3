"""Paints persistent annotation highlights per line from the document state's span index (never into the text)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)

from desktop_app.core.model import Tag
from desktop_app.core.spans import Segment
from desktop_app.desk import DocumentState
from desktop_app.ui.styles import UNDERLINES, background, blend, cue_index, kind_format
from desktop_app.ui.text_offsets import line_offsets

BACKGROUND_SLICE_S = 0.008  # background highlighting per event-loop turn


class AnnotationHighlighter(QSyntaxHighlighter):
    """Qt asks for every block once on attach; lines outside `first_lines` are deferred to a
    background pass (and to `ensure_lines` when scrolled into view), so opening a long draft paints
    its first screen with highlights without waiting for the whole document."""

    CHUNK = 200

    def __init__(
        self,
        document: QTextDocument,
        state: DocumentState,
        tags: list[Tag],
        dark: bool = False,
        first_lines: range | None = None,
    ) -> None:
        self.state = state
        self.defer_outside = first_lines
        self.pending: set[int] = set()
        self.dark = dark
        self._cache: dict[tuple[str, tuple[object, ...]], QTextCharFormat] = {}
        self.kind_by_line: dict[int, str] = {}
        # Optional extra marks (suggestions): line -> [(start, end, tag name)], code points within
        # the line; drawn as a dash-dot-dot underline over whatever the line already shows.
        self.overlay: Callable[[int], list[tuple[int, int, str]]] | None = None
        index = state.index
        for block in state.document.blocks:
            if block.kind != "paragraph":
                for line in index.lines_touched(block.start, block.end):
                    self.kind_by_line[line] = block.kind
        self.set_tags(tags, rehighlight=False)
        super().__init__(document)  # attaching last: it schedules the first full pass
        self._background = QTimer(self, interval=1)
        self._background.timeout.connect(self._work)
        QTimer.singleShot(0, self, self._end_first_pass)  # right after Qt's own first pass

    def _end_first_pass(self) -> None:
        self.defer_outside = None
        if self.pending:
            self._background.start()

    def _work(self) -> None:
        document = self.document()
        if document is None:
            self._background.stop()
            return
        # A time box, not a line count: long paragraphs cost far more than short ones, and the
        # event loop must get its turn within a frame.
        deadline = time.perf_counter() + BACKGROUND_SLICE_S
        for line in sorted(self.pending)[: self.CHUNK]:
            block = document.findBlockByNumber(line)
            if not self._format_quietly(block, line):
                self.rehighlightBlock(block)
            if time.perf_counter() > deadline:
                break
        if not self.pending:
            self._background.stop()

    def _format_quietly(self, block: QTextBlock, line: int) -> bool:
        """Give an off-screen paragraph its formats without telling the document it changed:
        rehighlightBlock() does, and Qt then lays the block out at once (lines and glyphs kept
        for every paragraph: ~48 MB and most of the settling time on a 1 M-character draft).
        Laid out when first painted instead. False when the line needs the full path."""
        if self.kind_by_line.get(line, "paragraph") != "paragraph" or (
            self.overlay is not None and self.overlay(line)
        ):
            return False
        self.pending.discard(line)
        ranges = []
        for start, length, fmt in self._segment_formats(
            block.text(), "paragraph", self.state.index.segments(line)
        ):
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start, length, fmt
            ranges.append(r)
        if ranges or block.layout().formats():
            block.layout().setFormats(ranges)
        return True

    def ensure_lines(self, lines: range) -> None:
        """Highlight deferred lines about to be shown (call before they paint)."""
        if not self.pending:
            return
        document = self.document()
        for line in lines:
            if line in self.pending:
                self.rehighlightBlock(document.findBlockByNumber(line))

    def set_tags(self, tags: list[Tag], rehighlight: bool = True) -> None:
        self.tags = {t.name: t for t in tags}
        self.cues = {t.name: cue_index(t, i) for i, t in enumerate(tags)}
        self._cache.clear()
        if rehighlight:
            self.rehighlight()

    def _format(self, kind: str, style: tuple[str, str, bool] | tuple[()]) -> QTextCharFormat:
        """`style` is (outermost tag, innermost tag, overlapping) or () for no annotation."""
        key = (kind, style)
        fmt = self._cache.get(key)
        if fmt is not None:
            return fmt
        base = self.document().defaultFont().pointSizeF()
        fmt = kind_format(kind, base if base > 0 else 11.0)
        if style:
            outer, inner = self.tags.get(style[0]), self.tags.get(style[1])
            if outer is not None:
                if style[2] and inner is not None:
                    # Overlaps blend both tags' tints (deeper than either); never bold, which
                    # would reflow the paragraph under the editor's eyes.
                    fmt.setBackground(blend(outer.colour, inner.colour, self.dark))
                else:
                    fmt.setBackground(background(outer.colour, self.dark))
            if inner is not None:
                fmt.setUnderlineStyle(UNDERLINES[self.cues[inner.name]])
                fmt.setUnderlineColor(QColor(inner.colour))
        self._cache[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        line = self.currentBlock().blockNumber()
        kind = self.kind_by_line.get(line, "paragraph")
        if (
            self.defer_outside is not None
            and kind == "paragraph"
            and line not in self.defer_outside
        ):
            self.pending.add(line)  # kind lines never wait: their font size sets the block height
            return
        self.pending.discard(line)
        if kind != "paragraph":
            self.setFormat(0, len(text), self._format(kind, ()))
        segments = self.state.index.segments(line)
        self._paint_segments(text, kind, segments)
        marks = self.overlay(line) if self.overlay is not None else None
        if marks:
            self._paint_overlay(text, marks, segments)

    def _paint_segments(self, text: str, kind: str, segments: list[Segment]) -> None:
        for start, length, fmt in self._segment_formats(text, kind, segments):
            self.setFormat(start, length, fmt)

    def _segment_formats(
        self, text: str, kind: str, segments: list[Segment]
    ) -> Iterator[tuple[int, int, QTextCharFormat]]:
        """(UTF-16 start, length, format) of each covered run of one line."""
        if not segments:
            return
        annotations = self.state.annotations
        to_utf16 = line_offsets(text).to_utf16  # once per block, not per segment (was quadratic)
        for seg in segments:
            outer, inner = annotations[seg.outer].tag, annotations[seg.inner].tag
            start = to_utf16(seg.start)
            yield (
                start,
                to_utf16(seg.end) - start,
                self._format(kind, (outer, inner, seg.count > 1)),
            )

    def _paint_overlay(
        self,
        text: str,
        marks: list[tuple[int, int, str]],
        segments: list[Segment],
    ) -> None:
        """Underline each mark, keeping the format laid under it (split where that changes)."""
        points = [x for seg in segments for x in (seg.start, seg.end)]
        points += [x for start, end, _tag in marks for x in (start, end)]
        to_utf16 = line_offsets(text).to_utf16
        edges = {to_utf16(x) for x in points}
        for start, end, tag in marks:
            a, b = to_utf16(start), to_utf16(end)
            cuts = sorted({a, b} | {x for x in edges if a < x < b})
            colour = QColor(self.tags[tag].colour) if tag in self.tags else QColor("gray")
            for left, right in zip(cuts, cuts[1:], strict=False):
                fmt = QTextCharFormat(self.format(left))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashDotDotLine)
                fmt.setUnderlineColor(colour)
                self.setFormat(left, right - left, fmt)

    def rehighlight_lines(self, lines: range) -> None:
        document = self.document()
        for n in lines:
            block = document.findBlockByNumber(n)
            if block.isValid():
                self.rehighlightBlock(block)
