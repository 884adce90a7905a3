"""`decode_text` for a file that declares no charset (plain text), in bounded memory.

`decoding._mostly_utf8` counts UTF-8 sequences and high bytes with `findall` over the whole file:
on a 39 MB UTF-8 file in Cyrillic with a single stray byte that is ~20 million small bytes
objects, 1.4 GB and ~20 s. Here the same counts are taken a slab at a time (cut before an ASCII
byte, so no sequence spans a cut), which gives the same answer in a few MB. The rest follows
`decode_text`'s order for an undeclared file (BOM, BOM-less UTF-16, UTF-8, mostly UTF-8, guess).
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
)
from desktop_app.formats.errors import Rejected

SLAB_BYTES = 1 << 20
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = re.compile(rb"[\x00-\x7f]")
_HIGH = bytes(range(0x80, 0x100))
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def utf8_counts(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 sequences, high bytes outside them), as `_mostly_utf8` counts."""
    sequences = covered = high = 0
    start = 0
    while start < len(data):
        cut = _ASCII.search(data, start + SLAB_BYTES) if start + SLAB_BYTES < len(data) else None
        end = cut.start() if cut else len(data)
        slab = data[start:end]
        found = _UTF8_MULTIBYTE.findall(slab)
        sequences += len(found)
        covered += sum(map(len, found))
        high += len(slab) - len(slab.translate(None, _HIGH))
        start = end
    return sequences, high - covered


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
