"""Rich Text Format (.rtf) from Word, WordPad, LibreOffice or TextEdit, read by `rtf_reader`.

Each RTF paragraph (``\\par``) is a block; ``\\line`` is a soft line break inside it. Kinds come
from the paragraph style named in the ``\\stylesheet`` (following ``\\sbasedon``): Title,
Subtitle, Heading N, Caption, Quote/Quotations, List ... (see `style_name_kind`); else an
outline level makes a heading, and a list number (``\\listtext``, ``\\pntext``) or list
property (``\\ls``) a list_item. Unstyled documents get the title guess of plain text (the
first paragraph, when it is a single short line not ending like a sentence,
`promote_first_line_title`); then the shared byline and caption rules apply. Each table row is
one "table" block, its non-empty cells joined with " | " (cells covered by a merge are empty;
a row of one cell is a layout box, read as paragraphs). Tracked deletions, hidden text,
comments, headers and footers are not text; footnotes and endnotes follow `notes` ("[1] ...").
"""

from __future__ import annotations

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.heuristics import (
    apply_shared_rules,
    promote_first_line_title,
    subtitle_kind,
)
from desktop_app.formats.notes import NoteMarks, note_block
from desktop_app.formats.rtf_reader import RtfReader


def _join_surrogates(text: str) -> str:
    """``\\u`` gives each half of a surrogate pair (an emoji) as its own character; pair them."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def rtf_to_parts(data: bytes) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The document's (kind, text) pairs before the shared rules, and its note blocks."""
    reader = RtfReader(data)
    reader.read()
    parts = []
    for kind, text in reader.body.close("paragraph"):
        text = _join_surrogates(text)
        parts.append((subtitle_kind(text) if kind == "subtitle" else kind, text))
    marks = NoteMarks()
    notes = []
    for note in reader.notes:
        mark = marks.next(note.endnote)
        paragraphs = [_join_surrogates(text) for _, text in note.close("paragraph")]
        notes.append(note_block(mark, paragraphs))
    return parts, [note for note in notes if note[1]]


def import_rtf(data: bytes, stem: str) -> SourceText:
    """Import the bytes of an .rtf file."""
    parts, notes = rtf_to_parts(data)
    parts = apply_shared_rules(promote_first_line_title(parts)) + notes
    return build_source_text(parts, stem, "rtf")
