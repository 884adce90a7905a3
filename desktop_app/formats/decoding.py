"""Turn the bytes of a text-like file (.txt, .md, .html) into a str, best effort.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then UTF-16 without a BOM when every
other byte is NUL; then strict UTF-8 (a file in a legacy code page is almost never valid UTF-8,
while mislabelled UTF-8 pages are common); then "mostly UTF-8": a file whose valid multi-byte
UTF-8 sequences outnumber its invalid bytes is UTF-8 with a few stray bytes (a pasted Windows
quote, a damaged byte), and each stray byte is read as Windows-1252 instead of ruining the
whole file; then an encoding the file declares (an HTML
``<meta charset>``; Latin-1 is read as its superset Windows-1252, as browsers do); then
charset-normalizer's guess, preferring Windows-1252 among equally good single-byte guesses
(newsroom text is mostly Western European). NUL bytes or many control characters mean the
file is binary, and it is refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from desktop_app.formats.errors import Rejected

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MAX_CONTROL_RATIO = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\x0b")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
STRAY_ERROR = "copydesk-cp1252-stray"


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
    """Decode BOM-less UTF-16 text: ASCII-heavy UTF-16 has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.9 * half and even_nuls < 0.1 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.9 * half and odd_nuls < 0.1 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> str:
    """charset-normalizer's best guess, with Windows-1252 preferred among equal guesses."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Rejected("not a text file (its encoding could not be recognised)")
    for match in matches:
        if match.chaos <= best.chaos + 0.001 and "cp1252" in match.could_be_from_charset:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(best)


def _check_not_binary(text: str) -> str:
    """Refuse text that is mostly made of control characters (a binary file, mis-decoded)."""
    sample = text[:200_000]
    controls = sum(
        1 for char in sample if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
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


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes, each read as Windows-1252; None if it is not UTF-8."""
    sequences = _UTF8_MULTIBYTE.findall(data)
    covered = sum(len(sequence) for sequence in sequences)
    stray = len(_HIGH_BYTES.findall(data)) - covered
    if not sequences or stray >= len(sequences):
        return None
    return data.decode("utf-8", errors=STRAY_ERROR)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode `data` as described in the module docstring; raises `Rejected` for binary data."""
    found = bom_encoding(data)
    if found is not None:
        encoding, skip = found
        return _check_not_binary(data[skip:].decode(encoding, errors="replace"))
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise Rejected("not a text file (it contains binary data)")
        return _check_not_binary(text)
    try:
        return _check_not_binary(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _check_not_binary(mostly)
    encoding = _declared_codec(declared)
    if encoding:
        try:
            return _check_not_binary(data.decode(encoding))
        except UnicodeDecodeError:
            pass
    return _check_not_binary(_guess(data))
