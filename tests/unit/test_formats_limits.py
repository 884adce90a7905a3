"""Import limits: lying zip headers, paragraph counts, and a lean `import desktop_app.formats`."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from desktop_app.formats import FormatError, describe_blocks, load_source, sniff

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
INFLATED = 100 * 1024 * 1024  # what the forged member really inflates to
LIMIT = 2_000  # a small paragraph limit for the tests


def _replace_member(source: Path, target: Path, name: str, data: bytes) -> None:
    """Copy the archive `source` to `target` with member `name` holding `data` (deflated)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            payload = data if info.filename == name else old.read(info)
            new.writestr(
                info.filename, payload, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1
            )


def _lie_about_size(path: Path, name: str, size: int) -> None:
    """Make the central directory (which zipfile trusts) claim `size` bytes for `name`."""
    raw = bytearray(path.read_bytes())
    offset = raw.find(b"PK\x01\x02")
    while offset >= 0:
        name_length = struct.unpack_from("<H", raw, offset + 28)[0]
        if raw[offset + 46 : offset + 46 + name_length] == name.encode():
            struct.pack_into("<I", raw, offset + 24, size)  # uncompressed size only
        offset = raw.find(b"PK\x01\x02", offset + 4)
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    ("fixture", "member"), [("newsroom.docx", "word/document.xml"), ("newsroom.odt", "content.xml")]
)
def test_zip_member_that_lies_about_its_size_is_refused_while_streaming(
    tmp_path: Path, fixture: str, member: str
) -> None:
    """A member declaring 2 KB but inflating to 100 MB costs a few MB, not the 100 MB."""
    path = tmp_path / fixture
    _replace_member(FORMATS / fixture, path, member, b"<x>" + b" " * INFLATED + b"</x>")
    _lie_about_size(path, member, 2048)
    tracemalloc.start()
    try:
        with pytest.raises(FormatError) as caught:
            load_source(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "does not match the size and checksum its header declares" in str(caught.value)
    assert str(caught.value).startswith(f"{fixture}: ")
    assert peak < 32 * 1024 * 1024, f"peak {peak / 1048576:.0f} MB"


def _body_start(xml: bytes) -> int:
    """Where the body's first paragraph may go: just inside <w:body> or <office:text>."""
    tag = b"<w:body" if b"<w:body" in xml else b"<office:text"
    return xml.index(b">", xml.index(tag)) + 1


def _numbered(template: str, count: int) -> bytes:
    """`count` distinct paragraphs (distinct, so the archive does not look like a zip bomb)."""
    return "".join(
        template.format(f"Item number {n} of {n * 7919 % 104729}.") for n in range(count)
    ).encode()


@pytest.mark.parametrize(
    ("fixture", "member", "paragraph"),
    [
        ("newsroom.docx", "word/document.xml", "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"),
        ("newsroom.odt", "content.xml", "<text:p>{}</text:p>"),
    ],
)
def test_document_over_the_paragraph_limit_is_refused_before_parsing(
    tmp_path: Path, fixture: str, member: str, paragraph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sniff, "MAX_PARAGRAPHS", LIMIT)  # the real limit works the same, slower
    with zipfile.ZipFile(FORMATS / fixture) as archive:
        xml = archive.read(member)
    cut = _body_start(xml)
    padded = xml[:cut] + _numbered(paragraph, LIMIT + 1) + xml[cut:]
    path = tmp_path / fixture
    _replace_member(FORMATS / fixture, path, member, padded)
    with pytest.raises(FormatError) as caught:
        load_source(path)
    assert f"more than {LIMIT:,} paragraphs" in str(caught.value)


def test_document_just_at_the_paragraph_limit_still_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit counts every paragraph once, also when a tag is cut between inflated chunks."""
    monkeypatch.setattr(sniff, "MAX_PARAGRAPHS", LIMIT)
    with zipfile.ZipFile(FORMATS / "newsroom.odt") as archive:
        xml = archive.read("content.xml")
    extra = LIMIT - len(re.findall(rb"<text:[ph][\s>/]", xml))
    cut = _body_start(xml)
    path = tmp_path / "long.odt"
    # Long paragraphs, so that the main part spans many inflated chunks.
    padded = xml[:cut] + _numbered("<text:p>{}" + "words " * 300 + "</text:p>", extra) + xml[cut:]
    _replace_member(FORMATS / "newsroom.odt", path, "content.xml", padded)
    source = load_source(path)
    assert source.text.count("Item number") == extra
    padded = (
        xml[:cut] + _numbered("<text:p>{}" + "words " * 300 + "</text:p>", extra + 1) + xml[cut:]
    )
    _replace_member(FORMATS / "newsroom.odt", path, "content.xml", padded)
    with pytest.raises(FormatError, match="paragraphs"):
        load_source(path)


def test_importing_the_package_loads_no_parser_library() -> None:
    """Start-up stays lean: the format libraries load when a file of their format is read."""
    code = (
        "import sys, desktop_app.formats as f\n"
        "heavy = ('docx', 'lxml', 'odf', 'defusedxml', 'markdown_it', 'charset_normalizer',"
        " 'pdfminer', 'pypdf')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        f"f.load_source({str(FORMATS / 'newsroom.odt')!r})\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "['defusedxml']"]


def test_describe_blocks_gives_kind_and_first_words() -> None:
    source = load_source(FORMATS / "newsroom.docx")
    lines = describe_blocks(source)
    assert len(lines) == len(source.blocks)
    assert lines[0] == "title: Ferry fares to rise 15% on island routes"
    assert lines[1] == "byline: By Priya Nandakumar"
    long_block = next(
        i for i, b in enumerate(source.blocks) if len(source.text[b.start : b.end].split()) > 8
    )
    assert lines[long_block].endswith(" \u2026")
    assert len(lines[long_block].split()) == 1 + 8 + 1
