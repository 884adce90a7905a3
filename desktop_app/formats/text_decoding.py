"""`decode_text` for a file that declares no charset (plain text), in bounded memory.

Follows `decode_text`'s order for an undeclared file (BOM, BOM-less UTF-16, UTF-8, mostly UTF-8,
guess), without whole-file copies or lists.
"""

from __future__ import annotations

import re

from desktop_app.formats.charset_guess import guess_encoding
from desktop_app.formats.decoding import (
    EBCDIC,
    MAX_CONTROL_RATIO,
    STRAY_ERROR,
    bom_encoding,
    decode_text,
    utf8_counts,
)
from desktop_app.formats.errors import Rejected

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _not_binary(text: str) -> str:
    sample = text[:200_000]
    if sample and len(_CONTROLS.findall(sample)) > MAX_CONTROL_RATIO * len(sample):
        raise Rejected("not a text file (it contains binary data)")
    return text


def decode_plain_text(data: bytes) -> str:
    """Decode an undeclared text file like `decode_text(data)`, without whole-file lists."""
    if bom_encoding(data) is not None or b"\x00" in data:
        return decode_text(data)  # no whole-file counting on these paths
    try:
        return _not_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    sequences, stray = utf8_counts(data)
    if sequences and stray < sequences:
        return _not_binary(data.decode("utf-8", errors=STRAY_ERROR))
    encoding = guess_encoding(data)
    text = data.decode(encoding, errors="replace")
    if encoding in EBCDIC:
        text = text.replace("\x85", "\n")  # EBCDIC's NEL is its line break
    return _not_binary(text)
