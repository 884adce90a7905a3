"""Word's "alternative format" chunks (``w:altChunk``): HTML, MHT or plain text that Word shows in
place, as tools that build .docx from web content write them; read with the web-page importer.

A chunk in another format (RTF, another .docx) is skipped: Word-generated files never nest them.
"""

from __future__ import annotations

import email
from email.message import Message

from docx.opc.part import Part

from desktop_app.formats.decoding import decode_text
from desktop_app.formats.errors import Rejected
from desktop_app.formats.html_import import declared_charsets, html_to_parts

HTML_TYPES = ("text/html", "application/xhtml+xml")
MHT_TYPES = ("message/rfc822", "multipart/related", "application/x-mimearchive")


def _html_of_mht(blob: bytes) -> bytes | None:
    """The first text/html part of a MIME (.mht) web archive, transfer-decoded."""
    message: Message = email.message_from_bytes(blob)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None


def altchunk_parts(part: Part) -> list[tuple[str, str]]:
    """(kind, text) pairs of one chunk part; [] for a format that is not read or holds no text."""
    content_type = part.content_type.split(";")[0].strip().lower()
    blob = part.blob
    try:
        if content_type in MHT_TYPES or blob.lstrip()[:30].lower().startswith(b"mime-version"):
            html = _html_of_mht(blob)
            return html_to_parts(decode_text(html, declared_charsets(html))) if html else []
        if content_type in HTML_TYPES:
            return html_to_parts(decode_text(blob, declared_charsets(blob)))
        if content_type == "text/plain":
            return [("paragraph", p) for p in decode_text(blob).split("\n\n")]
    except Rejected:
        return []  # an unreadable chunk: the rest of the document still imports
    return []
