"""A group-aware RTF reader: tokens -> paragraphs with their style number, list and table state.

RTF is a stream of groups ``{...}``, control words (``\\par``, ``\\u8220``, ``\\s2``), hex bytes
(``\\'e9``) and text. Every group inherits its parent's state and restores it when it ends.

* Text: ``\\'hh`` bytes and raw 8-bit text are decoded with the code page of the current font
  (``\\fcharset``/``\\cpg`` in the font table), else the document's (``\\ansicpg``, ``\\mac``,
  ``\\pc``, Windows-1252 when none); consecutive bytes are decoded together, so double-byte code
  pages work. ``\\uN`` gives a code point and skips the ``\\ucN`` fallback characters after it.
* Special characters: ``\\line`` is a soft line break, ``\\tab`` a tab, ``\\~`` a non-breaking
  space, ``\\_`` a non-breaking hyphen, ``\\-`` (soft hyphen) nothing, quotes and dashes by name.
* Not text: font, colour, style, list and revision tables, document info, pictures and objects'
  data, headers and footers, comments (annotations), field instructions (the field's shown
  result is kept), list numbers (``\\listtext``, ``\\pntext``: the paragraph becomes a list
  item instead), shape properties and their fallback copy, unknown ``{\\*\\...}`` groups,
  hidden text (``\\v``) and tracked deletions (``\\deleted``: the text is read with changes
  accepted).
* Footnotes and endnotes (``\\footnote``, ``\\ftnalt``) are collected apart from the body;
  text boxes (``\\shptxt``) are emitted just before the paragraph they are anchored in, as
  "textbox" blocks.
* Tables: ``\\cell`` ends a cell and ``\\row`` a row; ``\\intbl`` paragraphs belong to the cell.
"""

from __future__ import annotations

import re

from desktop_app.formats.errors import Rejected
from desktop_app.formats.heuristics import is_caption_text, style_name_kind
from desktop_app.formats.rtf_state import (
    CHARSET_CODECS,
    ENTERED_STARRED,
    LIST_MARKERS,
    LONE_BYTE_ERRORS,
    MAX_GROUP_DEPTH,
    MAX_STYLE_DEPTH,
    SKIPPED,
    SYMBOL_TEXT,
    WORD_TEXT,
    Sink,
    State,
    codec_named,
)

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([\s\S])|([{}])|([^\\{}\r\n]+)"
    rb"|[\r\n]+|\\"
)


class RtfReader:
    """Reads the whole document; `parts`, `notes` and `style_names` hold the result."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.codec = "cp1252"
        self.font_codecs: dict[int, str] = {}
        self.default_font = 0
        self.table_font = -1
        self.list_marker = False  # a {\listtext} or {\pntext} was seen in this paragraph
        self.kinds: dict[int, str | None] = {}
        self.styles: dict[int, tuple[str, int | None]] = {}
        self.entry: list = [None, None, []]  # style number, based-on, name pieces
        self.body = Sink()
        self.notes: list[Sink] = []
        self.pending = bytearray()
        self.pending_codec = ""
        self.skip_chars = 0

    def style_kind(self, number: int) -> str | None:
        """The kind named by paragraph style `number` or a style it is based on."""
        if number not in self.kinds:
            kind, seen, current = None, set(), number
            while current is not None and current not in seen and len(seen) < MAX_STYLE_DEPTH:
                seen.add(current)
                name, current = self.styles.get(current, ("", None))
                kind = style_name_kind(name)
                if kind:
                    break
            self.kinds[number] = kind
        return self.kinds[number]

    def kind(self, state: State) -> str:
        """The kind of the paragraph that ends now; consumes the list-number marker."""
        listed, self.list_marker = state.listed or self.list_marker, False
        kind = self.style_kind(state.style)
        if kind:
            return kind
        if state.outline is not None and 0 <= state.outline <= 8:
            return "heading1" if state.outline == 0 else "heading"
        return "list_item" if listed else "paragraph"

    def flush(self, state: State) -> None:
        if self.pending:
            state.sink.chunks.append(self.pending.decode(self.pending_codec, LONE_BYTE_ERRORS))
            self.pending = bytearray()

    def add_bytes(self, state: State, data: bytes) -> None:
        if state.skip or state.deleted or state.hidden or state.table == "fonttbl":
            return  # a font name's \'hh bytes are not text
        if state.table == "stylesheet":
            self.entry[2].append(data.decode("latin-1"))
            return
        if self.pending and self.pending_codec != state.codec:
            self.flush(state)
        self.pending_codec = state.codec
        self.pending += data

    def add_text(self, state: State, text: str) -> None:
        if not (state.skip or state.deleted or state.hidden or state.table):
            self.flush(state)
            state.sink.chunks.append(text)

    def read(self) -> None:
        state = State(self.codec, self.body)
        stack: list[State] = []
        group_start = starred = False
        data, position, end = self.data, 0, len(self.data)
        while position < end:
            match = _TOKEN.match(data, position)
            if match is None:  # cannot happen: the last alternative matches any single "\"
                break
            position = match.end()
            word, param, hexbyte, symbol, brace, text = match.groups()
            if self.skip_chars:
                if brace:
                    self.skip_chars = 0
                elif text:
                    text = text[self.skip_chars :]
                    self.skip_chars = max(0, self.skip_chars - len(match.group(6)))
                    if not text:
                        continue
                elif word or hexbyte or symbol:
                    self.skip_chars -= 1
                    continue
            if brace == b"{":
                self.flush(state)
                if len(stack) >= MAX_GROUP_DEPTH:
                    raise Rejected("the RTF document is nested too deeply to read")
                stack.append(state)
                state = state.copy()
                group_start, starred = True, False
                continue
            if brace == b"}":
                self.flush(state)
                if stack:
                    state = self.close_group(state, stack.pop(), len(stack))
                group_start = False
                continue
            if text is not None:
                group_start = False
                if not state.skip and state.table == "fonttbl":
                    continue
                self.add_bytes(state, text)
                continue
            if hexbyte is not None:
                group_start = False
                self.add_bytes(state, bytes.fromhex(hexbyte.decode("ascii")))
                continue
            if symbol is not None:
                if symbol == b"*":
                    starred = True
                    continue
                group_start = False
                self.flush(state)
                self.symbol(state, symbol.decode("latin-1"))
                continue
            if word is None:
                continue
            name = word.decode("ascii")
            number = int(param) if param else None
            if name == "bin" and number:
                position += max(number, 0)
                continue
            if group_start:
                group_start = False
                if self.destination(state, name, starred):
                    continue
            if state.skip:
                continue
            self.flush(state)
            self.control(state, name, number)
        self.flush(state)

    def destination(self, state: State, name: str, starred: bool) -> bool:
        """Handle the first control word of a group; True when nothing more is to be done."""
        if name in LIST_MARKERS and not state.skip:
            self.list_marker = True  # the paragraph holding the list number is a list item
        if name in ("fonttbl", "stylesheet"):
            state.table = name
            return True
        if name in SKIPPED or (starred and name not in ENTERED_STARRED):
            state.skip = True
            return True
        if state.skip:
            return True
        if name == "footnote":
            sink = Sink("note")
            self.notes.append(sink)
            state.sink, state.intbl, state.listed, state.style = sink, False, False, 0
            return True
        if name == "shptxt":
            state.sink, state.intbl = Sink("box"), False
            return True
        return False

    def close_group(self, state: State, outer: State, depth: int) -> State:
        """Finish what the group that just ended started; return the state to go back to."""
        if state.table == "stylesheet" and outer.table == "stylesheet" and depth >= 1:
            number, parent, pieces = self.entry
            if number is not None and not state.skip:
                self.styles[number] = ("".join(pieces).split(";", 1)[0].strip(), parent)
            self.entry = [None, None, []]
        if state.table == "fonttbl" and outer.table != "fonttbl":
            outer.codec = self.font_codecs.get(self.default_font, outer.codec)
        if state.sink is not outer.sink:
            parts = state.sink.close(self.kind(state))
            if state.sink.what == "box":  # a text box's plain paragraphs are "textbox" blocks
                outer.sink.parts.extend(
                    ("textbox" if kind == "paragraph" and not is_caption_text(text) else kind, text)
                    for kind, text in parts
                )
        return outer

    def symbol(self, state: State, char: str) -> None:
        if char in ("\n", "\r"):
            self.control(state, "par", None)
        elif char in SYMBOL_TEXT:
            self.add_text(state, SYMBOL_TEXT[char])

    def control(self, state: State, name: str, number: int | None) -> None:
        """Apply one control word outside skipped groups."""
        value = 1 if number is None else number
        if state.table:
            self.table_word(state, name, number)
        elif name == "u" and number is not None:
            code = number + 65536 if number < 0 else number
            self.add_text(state, chr(code) if 0 <= code <= 0x10FFFF else "\ufffd")
            self.skip_chars = state.uc
        elif name in WORD_TEXT:
            self.add_text(state, WORD_TEXT[name])
        elif name in ("par", "sect"):
            state.sink.end_paragraph(self.kind(state), state.intbl)
        elif name == "cell":
            state.sink.end_cell(self.kind(state))
        elif name == "row":
            state.sink.end_row(self.kind(state))
        elif name == "pard":
            state.style, state.listed, state.intbl, state.outline = 0, False, False, None
        elif name == "plain":
            state.deleted = state.hidden = False
            state.codec = self.font_codecs.get(self.default_font, self.codec)
        elif name in ("deleted", "v"):
            setattr(state, "deleted" if name == "deleted" else "hidden", value != 0)
        elif name == "s":
            state.style = value
        elif name in ("ls", "pnlvlblt", "pnlvlbody", "pnlvlcont"):
            state.listed = state.listed or value > 0
        elif name == "outlinelevel":
            state.outline = value
        elif name in ("intbl", "itap"):
            state.intbl = value > 0
        elif name == "uc":
            state.uc = max(0, min(value, 10))
        elif name == "f":
            state.codec = self.font_codecs.get(value, self.codec)
        elif name == "ftnalt":
            state.sink.endnote = True
        else:
            self.document_word(state, name, number)

    def document_word(self, state: State, name: str, number: int | None) -> None:
        codec = None
        if name == "ansicpg" and number:
            codec = codec_named(f"cp{number}")
        elif name in ("mac", "pc", "pca"):
            codec = {"mac": "mac_roman", "pc": "cp437", "pca": "cp850"}[name]
        elif name == "deff" and number is not None:
            self.default_font = number
        if codec:
            self.codec = state.codec = codec

    def table_word(self, state: State, name: str, number: int | None) -> None:
        """Control words inside the font table or the stylesheet."""
        if state.table == "fonttbl":
            if name == "f" and number is not None:
                self.table_font = number
            elif name in ("fcharset", "cpg") and number is not None:
                codec = (
                    CHARSET_CODECS.get(number) if name == "fcharset" else codec_named(f"cp{number}")
                )
                if codec:
                    self.font_codecs[self.table_font] = codec
        elif name == "s" and number is not None:
            self.entry[0] = number
        elif name == "sbasedon" and number is not None:
            self.entry[1] = number
        elif name in ("cs", "ds", "ts"):
            self.entry[0] = None
