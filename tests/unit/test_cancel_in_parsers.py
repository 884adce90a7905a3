"""Cancel reaches the .docx and web-page readers while they walk the document, not only the
shared block builder after them (their walk is most of a long file's time)."""

from __future__ import annotations

import io
import threading

import docx
import pytest

from desktop_app.formats import importer
from desktop_app.formats.cancel import cancel_on
from desktop_app.formats.errors import ImportCancelled


def _cancelled_in(fmt: str, data: bytes) -> list[str]:
    event = threading.Event()
    event.set()
    with cancel_on(event), pytest.raises(ImportCancelled) as raised:
        importer(fmt)(data, "draft")
    return [entry.name for entry in raised.traceback]


def test_a_long_docx_stops_in_its_walk() -> None:
    document = docx.Document()
    for n in range(600):
        document.add_paragraph(f"Paragraph {n}: Été 🙂 the council met again.")
    out = io.BytesIO()
    document.save(out)
    assert "block" in _cancelled_in("docx", out.getvalue())


def test_a_long_web_page_stops_in_its_walk() -> None:
    body = "".join(f"<div><p>Paragraph {n}: Été 🙂 the council met.</p></div>" for n in range(900))
    page = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    assert "walk" in _cancelled_in("html", page.encode("utf-8"))
