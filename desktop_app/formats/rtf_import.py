"""Rich Text Format (.rtf), flattened to text with striprtf.

RTF styles are not read, so kinds are guessed as for plain text: every line of the stripped
text (one RTF paragraph) is a paragraph; the first is the title when it is a single short line
not ending like a sentence (`promote_first_line_title`); then the shared byline and caption rules
apply. A line that striprtf ends with "|" is a table row (it writes "|" for each cell end); its
cells are joined with " | ". ``\\'hh`` escapes use the document's ``\\ansicpg`` code page, and
``\\u`` surrogate pairs (emoji) are recombined.
"""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from desktop_app.core.model import SourceText
from desktop_app.formats.canonical import build_source_text
from desktop_app.formats.heuristics import apply_shared_rules, promote_first_line_title

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def _code_page(data: bytes) -> str:
    """The codec for the document's \\ansicpg, Windows-1252 when absent or unknown."""
    match = _CODE_PAGE.search(data[:4096])
    if match:
        name = f"cp{match.group(1).decode('ascii')}"
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    return "cp1252"


def _join_surrogates(text: str) -> str:
    """striprtf turns each half of a \\u surrogate pair into its own character; pair them."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def rtf_to_parts(data: bytes) -> list[tuple[str, str]]:
    """The (kind, text) pairs of an RTF document, before the shared rules are applied."""
    encoding = _code_page(data)
    text = _join_surrogates(rtf_to_text(data.decode(encoding, "replace"), encoding, "replace"))
    parts: list[tuple[str, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if stripped.endswith("|") and len(stripped) > 1:
            cells = [cell.strip() for cell in stripped[:-1].split("|")]
            parts.append(("table", " | ".join(cells)))
        else:
            parts.append(("paragraph", line))
    return parts


def import_rtf(data: bytes, stem: str) -> SourceText:
    """Import the bytes of an .rtf file."""
    parts = promote_first_line_title(rtf_to_parts(data))
    return build_source_text(apply_shared_rules(parts), stem, "rtf")
