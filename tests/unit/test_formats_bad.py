"""Bad inputs: every one gives a quick FormatError with a one-line message naming the file."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.formats import MAX_FILE_BYTES, FormatError, load_source

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def rejected(path: Path, *fragments: str, seconds: float = 2.0) -> str:
    """Load `path`, expecting a FormatError; check its message and speed; return the message."""
    started = time.perf_counter()
    with pytest.raises(FormatError) as caught:
        load_source(path)
    elapsed = time.perf_counter() - started
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{path.name}: "), message
    assert "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message
    assert elapsed < seconds, f"{elapsed:.2f}s for {path.name}"
    return message


def make_zip(path: Path, members: dict[str, bytes], stored: bool = False) -> Path:
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def declare_sizes(path: Path, size: int) -> None:
    """Rewrite the central directory so every member claims `size` bytes (a forged zip bomb)."""
    data = bytearray(path.read_bytes())
    offset = data.find(b"PK\x01\x02")
    while offset >= 0:
        struct.pack_into("<II", data, offset + 20, size, size)  # compressed, uncompressed
        offset = data.find(b"PK\x01\x02", offset + 4)
    path.write_bytes(bytes(data))


def test_missing_file(tmp_path: Path) -> None:
    """A path that does not exist is reported as not found."""
    rejected(tmp_path / "gone.docx", "file not found")


def test_directory(tmp_path: Path) -> None:
    """A folder named like an article is refused as a folder."""
    folder = tmp_path / "drafts.txt"
    folder.mkdir()
    rejected(folder, "folder")


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.md", "empty.html"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    """A zero-byte file is reported as empty, whatever its extension."""
    path = tmp_path / name
    path.write_bytes(b"")
    rejected(path, "empty")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", b" \n\t\r\n  \n"),
        ("blank16.txt", "\ufeff   \n\n ".encode("utf-16-le")),
        ("blank.md", b"<!-- nothing here -->\n\n---\n"),
        ("blank.html", b"<html><head><title>T</title><script>var a;</script></head><body></body>"),
    ],
)
def test_file_without_text(tmp_path: Path, name: str, data: bytes) -> None:
    """Whitespace, markup or scripts with no visible text are refused, not imported empty."""
    path = tmp_path / name
    path.write_bytes(data)
    message = rejected(path)
    assert "empty" in message or "no text" in message


def test_binary_renamed_txt(tmp_path: Path) -> None:
    """A binary file (NUL bytes) renamed .txt is refused as binary."""
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    rejected(path, "not a text file")


def test_control_character_soup_renamed_txt(tmp_path: Path) -> None:
    """Bytes without NULs but full of control characters are still refused as binary."""
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(1, 32)) * 200 + bytes(range(128, 256)) * 50)
    rejected(path, "not a text file")


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("report.docx", b"\x00\x01binary junk" * 100, "not a Word document"),
        ("report.docx", b"Just some plain text saved with the wrong name.", "not a Word document"),
        ("report.odt", b"Plain text, not an archive.", "not an OpenDocument text"),
        ("report.rtf", b"Plain text, not RTF.", "not an RTF document"),
        ("report.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("report.xyz", b"\x13\x37" * 300, "unsupported file type (.xyz)"),
        ("notes.csv", b"a,b,c\n1,2,3\n", "unsupported file type (.csv)"),
        ("README", b"Plain text without an extension.", "no extension"),
    ],
)
def test_content_that_does_not_match_the_extension(
    tmp_path: Path, name: str, data: bytes, fragment: str
) -> None:
    """Files whose content is not what the extension promises get a message saying so."""
    path = tmp_path / name
    path.write_bytes(data)
    rejected(path, fragment)


def test_message_for_a_fake_docx_is_the_documented_one(tmp_path: Path) -> None:
    """The exact user-facing wording for a .docx that is not a zip archive."""
    path = tmp_path / "report.docx"
    path.write_bytes(b"hello")
    assert (
        rejected(path) == "report.docx: not a Word document (the file is not a valid .docx archive)"
    )


def test_too_large_html_is_refused_before_reading(tmp_path: Path) -> None:
    """A 50 MB web page is refused in well under a second, naming the size limit."""
    path = tmp_path / "huge.html"
    chunk = b"<p>" + b"Lorem ipsum dolor sit amet. " * 36 + b"</p>\n"
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body>")
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk * 1000)
    assert path.stat().st_size > MAX_FILE_BYTES
    rejected(path, "too large", "40 MB", seconds=0.5)


def test_zip_bomb_docx_by_compression_ratio(tmp_path: Path) -> None:
    """A .docx whose document.xml inflates 1000-fold is refused before it is decompressed."""
    path = make_zip(
        tmp_path / "bomb.docx",
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (8 * 1024 * 1024)},
    )
    rejected(path, "zip bomb")


@pytest.mark.parametrize("name", ["bomb.docx", "bomb.odt"])
def test_zip_bomb_by_declared_size(tmp_path: Path, name: str) -> None:
    """Archives whose directory declares huge members are refused from the sizes alone."""
    members = {"mimetype": ODT_MIMETYPE, "content.xml": b"<x/>", "word/document.xml": b"<x/>"}
    path = make_zip(tmp_path / name, members, stored=True)
    declare_sizes(path, 90 * 1024 * 1024)  # 3 x 90 MB stored: no ratio, but over the total
    rejected(path, "zip bomb", "MB")
    declare_sizes(path, 0xFFFF_FFF0)  # one 4 GB member
    rejected(path, "zip bomb")


def test_zip_that_is_neither_docx_nor_odt(tmp_path: Path) -> None:
    """A plain zip archive renamed .docx is named as such."""
    path = make_zip(tmp_path / "photos.docx", {"a.jpg": b"\xff\xd8\xff" * 10})
    rejected(path, "zip archive, but not a Word")


def test_spreadsheet_renamed_odt(tmp_path: Path) -> None:
    """An OpenDocument spreadsheet renamed .odt is recognised as a spreadsheet."""
    members = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""}
    rejected(make_zip(tmp_path / "budget.odt", members), "OpenDocument spreadsheet")


def test_truncated_docx(tmp_path: Path) -> None:
    """The first half of a real .docx is reported as a damaged Word document."""
    path = tmp_path / "cut.docx"
    path.write_bytes((ARTICLES / "article.docx").read_bytes()[:2500])
    rejected(path, "Word document")


def test_docx_with_corrupted_member_data(tmp_path: Path) -> None:
    """A .docx whose document.xml fails its CRC check gives a FormatError, not BadZipFile."""
    data = bytearray((ARTICLES / "article.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    rejected(path, "Word document is damaged")


def test_docx_with_malformed_xml(tmp_path: Path) -> None:
    """A .docx whose main part is not well-formed XML is refused as damaged."""
    source = zipfile.ZipFile(ARTICLES / "article.docx")
    members = {n: source.read(n) for n in source.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    rejected(make_zip(tmp_path / "broken.docx", members), "Word document")


def test_odt_with_malformed_xml(tmp_path: Path) -> None:
    """An .odt whose content.xml is not well-formed XML is refused, naming content.xml."""
    members = {"mimetype": ODT_MIMETYPE, "content.xml": b"<office:document-content><oops"}
    rejected(make_zip(tmp_path / "broken.odt", members), "content.xml", "malformed XML")


def test_odt_with_entity_expansion_attack(tmp_path: Path) -> None:
    """A 'billion laughs' content.xml is refused by defusedxml instead of being expanded."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<office:document-content>&lol3;</office:document-content>"
    )
    members = {"mimetype": ODT_MIMETYPE, "content.xml": laughs}
    rejected(make_zip(tmp_path / "lolz.odt", members), "content.xml declares XML entities")


def test_password_protected_zip(tmp_path: Path) -> None:
    """A zip member flagged as encrypted is reported as password-protected."""
    path = make_zip(tmp_path / "secret.docx", {"word/document.xml": b"<x/>"}, stored=True)
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        offset = data.find(signature)
        data[offset + flag_offset] |= 0x1
    path.write_bytes(bytes(data))
    rejected(path, "password")


def test_rtf_without_text(tmp_path: Path) -> None:
    """An RTF document holding only formatting is refused as having no text."""
    path = tmp_path / "blank.rtf"
    path.write_bytes(rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0\fs24\par\par}")
    rejected(path, "no text")


def test_format_error_keeps_messages_on_one_line() -> None:
    """Line breaks in a file name or reason never reach the message; one-argument form works."""
    error = FormatError("two\nlines.docx", "first\r\nsecond")
    assert str(error) == "two lines.docx: first second"
    assert (error.file_name, error.reason) == ("two lines.docx", "first second")
    assert str(FormatError("whole\nmessage")) == "whole message"


@pytest.mark.parametrize(
    "name", ["article.docx", "article.odt", "article.rtf", "article.html", "article_utf16.txt"]
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_files_never_leak_a_raw_exception(
    tmp_path: Path, name: str, data: st.DataObject
) -> None:
    """Random damage to a real file gives a SourceText or a one-line FormatError, nothing else."""
    raw = bytearray((ARTICLES / name).read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    path = tmp_path / name
    path.write_bytes(bytes(raw[:cut]))
    try:
        load_source(path)
    except FormatError as error:
        assert "\n" not in str(error) and str(error).startswith(f"{name}: ")
