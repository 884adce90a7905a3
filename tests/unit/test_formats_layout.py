"""Text in tables, text boxes, shapes and notes (docx, odt, legacy .doc through LibreOffice)."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.core.model import SourceText
from desktop_app.formats import FormatError, legacy_import, load_source

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
# What LibreOffice's conversions of layout_boxes.fodt must give, in reading order: the body laid
# out as a table, a text box and a shape before the paragraph they are anchored in, the footnote
# at the end.
LAYOUT_BLOCKS = [
    ("title", "Night ferry crew calls off strike"),
    (
        "table",
        "The crew of the night ferry between Westhaven and Skerry Point called off a planned "
        "strike on Friday after the operator agreed to review rest periods. | Union steward "
        "Amadou Lindqvist said the agreement was \u201ca first step, not a finish line\u201d.",
    ),
    ("table", "Sailings resume on Monday. | Tickets bought for cancelled trips will be refunded."),
    ("textbox", "Sidebar: the route carries about 900 passengers a night in summer."),
    ("paragraph", "The operator's statement did not mention pay."),
    ("textbox", "Shape note: talks resume in April."),
    ("paragraph", "Passengers waiting at the terminal welcomed the news."),
    ("paragraph", "[1] Issued by email at 16:40 on Friday."),
]


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


@pytest.mark.parametrize("name", ["layout_boxes.odt", "layout_boxes.docx"])
def test_tables_text_boxes_shapes_and_footnotes_keep_their_text_in_order(name: str) -> None:
    assert blocks(load_source(FORMATS / name)) == LAYOUT_BLOCKS


@pytest.mark.skipif(legacy_import.find_soffice() is None, reason="needs LibreOffice")
def test_legacy_doc_is_converted_by_libreoffice_and_read_as_docx() -> None:
    source = load_source(FORMATS / "layout_boxes.doc")
    assert blocks(source) == LAYOUT_BLOCKS
    assert source.source_format == "doc"


def test_legacy_doc_without_libreoffice_says_how_to_convert(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(legacy_import, "find_soffice", lambda: None)
    with pytest.raises(FormatError) as caught:
        load_source(FORMATS / "layout_boxes.doc")
    assert str(caught.value) == (
        "layout_boxes.doc: a Word 97-2003 document, which Copydesk reads through LibreOffice, "
        "and LibreOffice is not installed: install it, or open the file in Word or LibreOffice "
        "and save it as .docx"
    )


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """An executable standing in for soffice; `body` is Python run with the argument list."""
    script = tmp_path / "soffice"
    script.write_text(
        f"#!{sys.executable}\nimport sys, time, shutil, os\nargs = sys.argv[1:]\n"
        + textwrap.dedent(body)
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_conversion_runs_headless_with_its_own_profile_and_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the converter asks LibreOffice for, checked by a stand-in that records its call."""
    log = tmp_path / "args.txt"
    fake = _fake_soffice(
        tmp_path,
        f"""
        open({str(log)!r}, "w").write("\\n".join(args))
        out = args[args.index("--outdir") + 1]
        os.makedirs(out)
        shutil.copy({str(FORMATS / "layout_boxes.docx")!r}, os.path.join(out, "draft.docx"))
        """,
    )
    monkeypatch.setattr(legacy_import, "find_soffice", lambda: str(fake))
    source = load_source(FORMATS / "layout_boxes.doc")
    assert blocks(source) == LAYOUT_BLOCKS
    args = log.read_text().split("\n")
    assert "--headless" in args and "--convert-to" in args
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    source_file = Path(args[-1])
    assert source_file.name == "draft.doc"
    assert profile.startswith(f"-env:UserInstallation={source_file.parent.as_uri()}/")
    assert not source_file.parent.exists()  # the temporary folder is gone afterwards


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_conversion_that_hangs_is_stopped_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "pid"
    fake = _fake_soffice(
        tmp_path, f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n"
    )
    monkeypatch.setattr(legacy_import, "find_soffice", lambda: str(fake))
    monkeypatch.setattr(legacy_import, "CONVERT_TIMEOUT_SECONDS", 1)
    with pytest.raises(FormatError) as caught:
        load_source(FORMATS / "layout_boxes.doc")
    assert "LibreOffice did not convert this Word 97-2003 document within 1 s" in str(caught.value)
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the hung converter was killed, not left behind


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_conversion_that_produces_nothing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _fake_soffice(tmp_path, "sys.exit(1)\n")
    monkeypatch.setattr(legacy_import, "find_soffice", lambda: str(fake))
    with pytest.raises(FormatError, match="LibreOffice could not convert this Word 97-2003"):
        load_source(FORMATS / "layout_boxes.doc")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "Excel"),
        (b"plain words, not a Word file", "not a Word document"),
    ],
)
def test_other_files_named_doc_are_refused_without_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, fragment: str
) -> None:
    monkeypatch.setattr(legacy_import, "find_soffice", lambda: pytest.fail("must not convert"))
    path = tmp_path / "draft.doc"
    path.write_bytes(data + b"\0" * 512)
    with pytest.raises(FormatError, match=fragment):
        load_source(path)


def test_word_web_page_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "draft.doc"
    path.write_text(
        "<html><body><h1>Quay vote</h1><p>Council delays its decision.</p></body></html>"
    )
    assert blocks(load_source(path))[-1] == ("paragraph", "Council delays its decision.")


def test_password_protected_odt_says_so(tmp_path: Path) -> None:
    """An encrypted ODF package lists encryption data in its manifest; content.xml is noise."""
    import zipfile

    path = tmp_path / "locked.odt"
    manifest = (
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:size="4096">'
        b'<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
        b"</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", bytes(range(256)) * 16)
    with pytest.raises(FormatError, match="locked.odt: the document is password-protected"):
        load_source(path)


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("column.wpd", b"\xffWPC\x10\x00\x00\x00\x01\x0a" + b"\0" * 200, "a WordPerfect document"),
        ("draft.bin", b"\xffWPC\x10\x00\x00\x00\x01\x0a" + b"\0" * 200, "a WordPerfect document"),
    ],
)
def test_wordperfect_goes_through_libreoffice_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, label: str
) -> None:
    monkeypatch.setattr(legacy_import, "find_soffice", lambda: None)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormatError, match=f"{label}, which Copydesk reads through LibreOffice"):
        load_source(path)


def test_pages_archive_goes_through_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    monkeypatch.setattr(legacy_import, "find_soffice", lambda: None)
    path = tmp_path / "story.pages"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Index/Document.iwa", b"\0" * 64)
        archive.writestr("Metadata/Properties.plist", b"<plist/>")
    with pytest.raises(FormatError, match="a Pages document, which Copydesk reads through"):
        load_source(path)
