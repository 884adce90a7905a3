"""Decide which importer reads a file, from its content first and its extension second.

Content wins when it is recognisable: a zip holding ``word/document.xml`` is read as .docx and
one whose ``mimetype`` entry says OpenDocument text as .odt, whatever the file is called; a file
starting with ``{\\rtf`` is RTF; a file starting with an HTML doctype or ``<html>`` is a web
page even when it is named .txt or .md. A .docx, .odt or .rtf whose content is none of these is
refused, as is an unknown extension with plain-text content. Every zip is checked against the
size limits (zip bombs) before anything in it is decompressed.
"""

from __future__ import annotations

import io
import re
import zipfile

from desktop_app.formats.decoding import bom_encoding
from desktop_app.formats.errors import (
    MAX_COMPRESSION_RATIO,
    MAX_MEMBER_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_MEMBERS,
    Rejected,
)

SUPPORTED_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".docx",
    ".odt",
    ".rtf",
)
TEXT_EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
ODT_MIMETYPES = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
)
_ODF_KINDS = {"spreadsheet": "spreadsheet", "presentation": "presentation", "graphics": "drawing"}
_CONTAINER_LABELS = {
    ".docx": "not a Word document (the file is not a valid .docx archive)",
    ".odt": "not an OpenDocument text (the file is not a valid .odt archive)",
}
_HTML_START = re.compile(
    r"(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_SMALL_RATIO_FLOOR = 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def open_checked_zip(data: bytes, ext: str = "") -> zipfile.ZipFile:
    """Open `data` as a zip, refusing damaged, encrypted or bomb-like archives."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        reason = _CONTAINER_LABELS.get(ext, "not a valid document (the zip archive is damaged)")
        raise Rejected(reason) from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise Rejected(f"the archive has {len(infos)} entries; it is damaged or a zip bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Rejected("the document is password-protected; remove the password and retry")
        inflated = info.file_size
        too_big = inflated > MAX_MEMBER_BYTES
        ratio = inflated / max(info.compress_size, 1)
        if too_big or (inflated > _SMALL_RATIO_FLOOR and ratio > MAX_COMPRESSION_RATIO):
            raise Rejected(
                f"the archive entry {info.filename[:60]} would expand to {_mb(inflated)}; "
                "refusing a possible zip bomb"
            )
        total += inflated
    if total > MAX_UNCOMPRESSED_BYTES:
        raise Rejected(
            f"the archive would expand to {_mb(total)} (limit {_mb(MAX_UNCOMPRESSED_BYTES)}); "
            "refusing a possible zip bomb"
        )
    return archive


def _zip_format(data: bytes, ext: str) -> str:
    """ "docx" or "odt" for a zip archive, else `Rejected` saying what the archive is."""
    archive = open_checked_zip(data, ext)
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:200].decode("ascii", errors="replace").strip()
        if mimetype in ODT_MIMETYPES:
            return "odt"
        prefix = "application/vnd.oasis.opendocument."
        if mimetype.startswith(prefix):
            what = mimetype[len(prefix) :].split("-")[0]
            what = _ODF_KINDS.get(what, what or "unknown")
            raise Rejected(f"an OpenDocument {what} file, not a text document")
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        raise Rejected("an Excel workbook, not a Word document")
    if "ppt/presentation.xml" in names:
        raise Rejected("a PowerPoint presentation, not a Word document")
    if "content.xml" in names:
        return "odt"
    if "[Content_Types].xml" in names:
        return "docx"  # the main part may live elsewhere; python-docx follows the relationships
    raise Rejected("a zip archive, but not a Word (.docx) or OpenDocument (.odt) document")


def _sniff_head(data: bytes) -> str:
    """The start of the file as text, good enough to look for markup."""
    head = data[:4096]
    found = bom_encoding(head)
    if found is not None:
        encoding, skip = found
        return head[skip:].decode(encoding, errors="ignore")
    return head.decode("latin-1")


def detect_format(data: bytes, ext: str) -> str:
    """One of "txt", "md", "html", "docx", "odt", "rtf" for this content and extension."""
    ext = ext.lower()
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(data, ext)
    head = _sniff_head(data)
    if head.lstrip().startswith("{\\rtf"):
        return "rtf"
    if data.startswith(b"%PDF"):
        raise Rejected("a PDF file; PDF is not supported (save it as .docx, .odt or .txt)")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise Rejected(
            "an old-format (.doc) or encrypted Office file; save it as .docx without a password"
        )
    if ext in _CONTAINER_LABELS:
        raise Rejected(_CONTAINER_LABELS[ext])
    if ext == ".rtf":
        raise Rejected("not an RTF document (it does not start with {\\rtf)")
    if _HTML_START.match(head):
        return "html"
    if ext in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[ext]
    shown = ext or "no extension"
    raise Rejected(
        f"unsupported file type ({shown}); Copydesk opens {', '.join(SUPPORTED_EXTENSIONS)}"
    )
