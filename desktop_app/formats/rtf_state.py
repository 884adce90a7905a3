"""The tables and per-group state behind `rtf_reader`: what control words mean, and sinks.

A `Sink` receives the paragraphs of one story: the body, one footnote, or one text box; it also
assembles table rows (``\\cell``, ``\\row``) into "table" blocks.
"""

from __future__ import annotations

import codecs

from desktop_app.formats.errors import MAX_PARAGRAPHS, Rejected

CHARSET_CODECS = {
    77: "mac_roman", 128: "cp932", 129: "cp949", 130: "johab", 134: "gbk", 136: "cp950",
    161: "cp1253", 162: "cp1254", 163: "cp1258", 177: "cp1255", 178: "cp1256", 186: "cp1257",
    204: "cp1251", 222: "cp874", 238: "cp1250", 255: "cp437",
}  # fmt: skip
WORD_TEXT = {
    "line": "\n", "tab": "\t", "page": "\n", "column": "\n", "emdash": "\u2014",
    "endash": "\u2013", "emspace": "\u2003", "enspace": "\u2002", "qmspace": "\u2005",
    "bullet": "\u2022", "lquote": "\u2018", "rquote": "\u2019", "ldblquote": "\u201c",
    "rdblquote": "\u201d", "zwj": "\u200d", "zwnj": "\u200c", "ltrmark": "\u200e",
    "rtlmark": "\u200f", "nestcell": " ",
}  # fmt: skip
SYMBOL_TEXT = {"~": "\u00a0", "_": "\u2011", "\\": "\\", "{": "{", "}": "}", "\t": "\t"}
SKIPPED = frozenset(
    {
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr",
        "headerf", "footer", "footerl", "footerr", "footerf", "annotation", "atnid",
        "atnauthor", "atndate", "atnref", "atnparent", "atntime", "atnicn", "atrfstart",
        "atrfend", "fldinst", "listtable", "listoverridetable", "revtbl", "rsidtbl",
        "generator", "listtext", "pntext", "pntxta", "pntxtb", "pn", "xmlnstbl", "themedata",
        "colorschememapping", "latentstyles", "datastore", "shprslt", "nonshppict", "sp",
        "objdata", "objclass", "bkmkstart", "bkmkend", "xe", "tc", "tcn", "txe", "filetbl",
        "template", "docvar", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "ftncn", "aftncn",
        "userprops", "pgdsctbl", "mmathPr", "falt", "panose", "fname", "leveltext",
        "levelnumbers", "listname", "comment", "nonesttables",
    }
)  # fmt: skip
ENTERED_STARRED = frozenset({"shpinst", "footnote", "shptxt"})
MAX_STYLE_DEPTH = 20
LONE_BYTE_ERRORS = "copydesk-rtf-lone-byte"


def _lone_byte(error: UnicodeError) -> tuple[str, int]:
    """A byte the code page cannot decode (a lone \\'a0 no-break space in a Chinese file, from
    a Western font) is read as Windows-1252, else U+FFFD."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start : error.start + 1]
    return byte.decode("cp1252", "replace"), error.start + 1


codecs.register_error(LONE_BYTE_ERRORS, _lone_byte)
# Groups are kept on a list, not the Python stack, so depth costs only a State copy (~150 bytes)
# per level: real files nest thousands deep (generators wrap every run), a hostile one is cut here.
MAX_GROUP_DEPTH = 50_000
LIST_MARKERS = frozenset({"listtext", "pntext"})


class State:
    """The properties a group carries (copied on "{", restored on "}")."""

    __slots__ = (
        "skip", "uc", "codec", "deleted", "hidden", "style", "listed", "intbl", "outline",
        "sink", "table",
    )  # fmt: skip

    def __init__(self, codec: str, sink: Sink) -> None:
        self.skip = False
        self.uc = 1
        self.codec = codec
        self.deleted = False
        self.hidden = False
        self.style = 0
        self.listed = False
        self.intbl = False
        self.outline: int | None = None
        self.sink = sink
        self.table = ""  # "fonttbl" or "stylesheet" while reading those tables

    def copy(self) -> State:
        twin = State.__new__(State)
        for name in State.__slots__:
            setattr(twin, name, getattr(self, name))
        return twin


class Sink:
    """Where text goes: the body, one note, or one text box. Paragraphs are (kind, text)."""

    def __init__(self, what: str = "body") -> None:
        self.what = what
        self.endnote = False
        self.parts: list[tuple[str, str]] = []
        self.chunks: list[str] = []
        self.cell: list[tuple[str, str]] = []
        self.cells: list[list[tuple[str, str]]] = []

    def end_paragraph(self, kind: str, in_table: bool) -> None:
        text = "".join(self.chunks)
        self.chunks = []
        if len(self.parts) >= MAX_PARAGRAPHS:
            raise Rejected(
                f"the document has more than {MAX_PARAGRAPHS:,} paragraphs (the limit); "
                "split it into smaller files"
            )
        (self.cell if in_table else self.parts).append((kind, text))

    def end_cell(self, kind: str) -> None:
        if self.chunks or not self.cell:
            self.end_paragraph(kind, True)
        self.cells.append(self.cell)
        self.cell = []

    def end_row(self, kind: str) -> None:
        if self.chunks or self.cell:
            self.end_cell(kind)
        cells, self.cells = self.cells, []
        if len(cells) == 1:  # a one-cell row is a layout box: keep its paragraphs and kinds
            self.parts.extend(cells[0])
        elif cells:
            texts = (
                " ".join(text for _, text in cell).replace("\n", " ").strip() for cell in cells
            )
            self.parts.append(("table", " | ".join(t for t in texts if t)))

    def close(self, kind: str) -> list[tuple[str, str]]:
        if self.cells or self.cell:
            self.end_row(kind)
        if "".join(self.chunks).strip():
            self.end_paragraph(kind, False)
        return self.parts


def codec_named(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
