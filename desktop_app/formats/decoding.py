"""Turn the bytes of a text-like file (.txt, .md, .html) into a str, best effort.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then UTF-16 without a BOM (LE or BE)
when the file holds NULs and one byte order reads as text (otherwise a few stray NULs,
at most 2% of the bytes, are dropped; more mean a binary file); then strict UTF-8 (a file in a legacy code page is almost never valid UTF-8,
while mislabelled UTF-8 pages are common); then "mostly UTF-8": a file whose valid multi-byte
UTF-8 sequences outnumber its invalid bytes is UTF-8 with a few stray bytes (a pasted Windows
quote, a damaged byte), and each stray byte is read as Windows-1252 instead of ruining the
whole file; then an encoding the file declares (HTML
``<meta charset>``, several if the page repeats itself; Latin-1 is read as its superset
Windows-1252, as browsers do) unless its text is clearly messier than the detector's guess;
then the guess (`charset_guess`: Cyrillic, Greek, Central European, Arabic code pages and
EBCDIC; an unclear guess is refused with a line naming it). Many NUL bytes or control characters mean the
file is binary, and it is refused.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Sequence

from desktop_app.formats.charset_guess import guess_encoding, weigh_declared
from desktop_app.formats.errors import Rejected

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MAX_CONTROL_RATIO = 0.01
MAX_STRAY_NUL_RATIO = 0.02
"""A file that is not UTF-16 may hold this share of NUL bytes (a damaged patch) and still be text:
they are dropped, and the control-character check still applies to the rest."""
# Category Cc (C0, DEL, C1) less tab, newline, vertical tab, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = re.compile(rb"[\x00-\x7f]")
_HIGH = bytes(range(0x80, 0x100))
SLAB_BYTES = 1 << 20
STRAY_ERROR = "copydesk-cp1252-stray"
UTF16_SAMPLE_CHARS = 50_000
UTF16_BLOCK_SHARE = 0.9
"""Share of characters in the three most used 128-code-point blocks for BOM-less UTF-16."""
EBCDIC = frozenset({"cp500", "cp037", "cp1140", "cp273", "cp875", "cp1026"})


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each undecodable byte as Windows-1252 (or U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error(STRAY_ERROR, _stray_bytes_as_cp1252)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding named by a leading byte-order mark and the mark's length, if there is one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode BOM-less UTF-16 (LE or BE): the right byte order gives text in a few Unicode
    blocks (Latin, Cyrillic, Arabic... plus punctuation), the wrong one a scatter of CJK-like
    code points; None when neither order reads as text."""
    if len(data) < 4:
        return None
    data = data[: len(data) - len(data) % 2]
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:UTF16_SAMPLE_CHARS]
        blocks = Counter(ord(char) >> 7 for char in sample)
        share = sum(count for _, count in blocks.most_common(3)) / len(sample)
        if share >= UTF16_BLOCK_SHARE and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


def _guess(data: bytes) -> str:
    """Decode with `charset_guess`'s code page; EBCDIC's NEL (U+0085) is its line break."""
    encoding = guess_encoding(data)
    text = data.decode(encoding, errors="replace")
    if encoding in EBCDIC:
        text = text.replace("\x85", "\n")
    return text


def _check_not_binary(text: str) -> str:
    """Refuse text that is mostly made of control characters (a binary file, mis-decoded)."""
    sample = text[:200_000]
    controls = len(_CONTROLS.findall(sample))  # a regex: 20x faster than unicodedata per char
    if sample and controls > MAX_CONTROL_RATIO * len(sample):
        raise Rejected("not a text file (it contains binary data)")
    return text


def _declared_codec(declared: str | None) -> str | None:
    """A usable single-byte/multi-byte codec name for a declared charset, or None."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # a byte-oriented file cannot really be UTF-16; browsers ignore this too
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def utf8_counts(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 sequences, high bytes outside them), a slab at a time: one
    `findall` over a 39 MB Cyrillic file is ~20 million small bytes objects (1.4 GB). Slabs are
    cut before an ASCII byte, so no sequence spans a cut."""
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


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes, each read as Windows-1252; None if it is not UTF-8."""
    sequences, stray = utf8_counts(data)
    if not sequences or stray >= sequences:
        return None
    return data.decode("utf-8", errors=STRAY_ERROR)


def decode_text(data: bytes, declared: str | Sequence[str] | None = None) -> str:
    """Decode `data` as described in the module docstring; raises `Rejected` for binary data."""
    found = bom_encoding(data)
    if found is not None:
        encoding, skip = found
        return _check_not_binary(data[skip:].decode(encoding, errors="replace"))
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _check_not_binary(text)
        if data.count(b"\x00") > MAX_STRAY_NUL_RATIO * len(data):
            raise Rejected("not a text file (it contains binary data)")
        data = data.replace(b"\x00", b"")  # a damaged patch in a text file
    try:
        return _check_not_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _check_not_binary(mostly)
    names = [declared] if isinstance(declared, str) else list(declared or ())
    codecs_declared = [c for c in dict.fromkeys(map(_declared_codec, names)) if c]
    encoding = weigh_declared(data, codecs_declared) if codecs_declared else None
    if encoding:
        return _check_not_binary(data.decode(encoding))
    return _check_not_binary(_guess(data))
