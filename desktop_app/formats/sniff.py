"""Decide which importer reads a file, from its content first and its extension second.

Content wins when it is recognisable: a zip holding ``word/document.xml`` is read as .docx and
one whose ``mimetype`` entry says OpenDocument text as .odt, whatever the file is called; a file
starting with ``{\\rtf`` is RTF; a file starting with an HTML doctype or ``<html>`` is a web
page even when it is named .txt or .md; ``%PDF`` is a PDF; an OLE2 compound file holding a
``WordDocument`` stream is a legacy Word .doc (other OLE2 files are encrypted Office documents or
not text), ``\xffWPC`` a WordPerfect file and a zip with an ``Index/`` folder an Apple Pages
document (both read through LibreOffice, like .doc). A file whose content contradicts its
office extension is refused, as is an unknown extension with plain-text content. Every zip is
checked against the size limits (zip bombs) from its directory, and `check_inflated` /
`read_member` count the bytes actually inflated, so a directory that lies is caught while
streaming. Only the standard library is imported here: sniffing must not load a parser.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from desktop_app.formats.errors import (
    MAX_COMPRESSION_RATIO,
    MAX_MEMBER_BYTES,
    MAX_PARAGRAPHS,
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
    ".pdf",
    ".doc",
    ".wpd",
    ".pages",
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
    ".pdf": "not a PDF (the file does not start with %PDF)",
    ".doc": "not a Word document (neither a Word 97-2003 .doc nor RTF or HTML inside)",
    ".wpd": "not a WordPerfect document (the file does not start like one)",
    ".pages": "not a Pages document (the file is not a valid .pages archive)",
}
_HTML_START = re.compile(
    r"(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_SMALL_RATIO_FLOOR = 1024 * 1024
_CHUNK = 256 * 1024
# Byte-order marks (longest first: the UTF-32 LE mark starts like the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)  # fmt: skip
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 directory entries hold stream names in UTF-16-LE.
_OLE_WORD = "WordDocument".encode("utf-16-le")
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLE_OTHERS = (
    ("Workbook".encode("utf-16-le"), "an old-format Excel workbook, not a text document"),
    (
        "PowerPoint Document".encode("utf-16-le"),
        "an old-format PowerPoint file, not a text document",
    ),
)
# Paragraph start tags counted while a main XML part is inflated (see MAX_PARAGRAPHS).
_PARAGRAPH_TAG = re.compile(rb"<(?:w:p|text:p|text:h)[\s>/]")


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


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, count_paragraphs: bool) -> bytes:
    """Inflate one member in small steps, refusing it once it outgrows what its header says.

    zipfile's own ``read()`` asks zlib for up to 2 GB in one call, so a member whose header
    understates its size costs gigabytes before the CRC check fails; here no step exceeds
    `_CHUNK` and the count of real bytes is what is checked.
    """
    chunks: list[bytes] = []
    size = paragraphs = 0
    tail = b""
    lied = (
        f"the archive entry {info.filename[:60]} does not match the size and checksum its "
        "header declares; refusing a damaged file or zip bomb"
    )
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size or size > MAX_MEMBER_BYTES:
                    raise Rejected(lied)
                if count_paragraphs:
                    # A tag cut between chunks is found whole in tail + chunk; tags lying
                    # wholly inside the tail were counted with the previous chunk.
                    paragraphs += sum(
                        1 for m in _PARAGRAPH_TAG.finditer(tail + chunk) if m.end() > len(tail)
                    )
                    tail = chunk[-16:]
                    if paragraphs > MAX_PARAGRAPHS:
                        raise Rejected(
                            f"the document has more than {MAX_PARAGRAPHS:,} paragraphs "
                            "(the limit); split it into smaller files"
                        )
                chunks.append(chunk)
    except zipfile.BadZipFile as exc:
        # zipfile stops at the declared size, then finds the checksum wrong: the header lied
        # (or the data is damaged). Other damage is left to `load_source`'s message.
        if "CRC" in str(exc):
            raise Rejected(lied) from exc
        raise
    return b"".join(chunks)


def read_member(archive: zipfile.ZipFile, name: str, count_paragraphs: bool = False) -> bytes:
    """The bytes of member `name`, inflated under the size checks of `_inflate`."""
    return _inflate(archive, archive.getinfo(name), count_paragraphs)


def check_inflated(archive: zipfile.ZipFile, main_parts: tuple[str, ...] = ()) -> None:
    """Inflate every member once, in small steps, so that a library reading the archive after
    this can only get the sizes its directory promised (and `main_parts` the paragraph limit)."""
    for info in archive.infolist():
        if not info.is_dir():
            _inflate(archive, info, info.filename in main_parts)


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
    if any(n.startswith("Index/") for n in names) or "index.xml" in names:
        return "pages"
    if "content.xml" in names:
        return "odt"
    if "[Content_Types].xml" in names:
        return "docx"  # the main part may live elsewhere; python-docx follows the relationships
    raise Rejected("a zip archive, but not a Word (.docx) or OpenDocument (.odt) document")


def _sniff_head(data: bytes) -> str:
    """The start of the file as text, good enough to look for markup."""
    head = data[:4096]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")


def _ole_format(data: bytes) -> str:
    """ "doc" for a legacy Word file, else `Rejected` saying what the OLE2 file is."""
    if _OLE_ENCRYPTED in data:
        raise Rejected(
            "a password-protected Office document; remove the password (save a copy without "
            "one) and retry"
        )
    if _OLE_WORD in data:
        return "doc"
    for marker, reason in _OLE_OTHERS:
        if marker in data:
            raise Rejected(reason)
    raise Rejected("an old-format Office file that is not a Word document")


def detect_format(data: bytes, ext: str) -> str:
    """One of "txt", "md", "html", "docx", "odt", "rtf", "pdf", "doc", "wpd", "pages"."""
    ext = ext.lower()
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(data, ext)
    head = _sniff_head(data)
    if head.lstrip().startswith("{\\rtf"):
        return "rtf"
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return _ole_format(data)
    if data.startswith(b"\xffWPC"):
        return "wpd"
    if ext == ".doc" and _HTML_START.match(head):
        return "html"  # Word's "web page" saved under a .doc name
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
