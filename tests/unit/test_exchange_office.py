"""DOCX with Word comments (export read back from its XML, LibreOffice opens it, comments written
by LibreOffice come back as annotations) and the HTML/PDF review reports."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk
from desktop_app.export.html_report import tint
from desktop_app.storage.memory import MemoryRepository

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DRAFT = (
    "# Crème 🙂 budget\n\n"
    "“We will not raise taxes,” said Ana Ruiz. A council aide, who spoke on condition of "
    "anonymity because the talks are private, said the deficit grew 12 percent.\n"
)
SOFFICE = shutil.which("soffice")


@pytest.fixture
def reviewed(tmp_path: Path) -> tuple[Desk, str, Path]:
    draft = tmp_path / "budget.md"
    draft.write_text(DRAFT, encoding="utf-8")
    desk = Desk(MemoryRepository(), "Alice")
    doc = desk.import_file(str(draft)).document
    text = doc.text

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    desk.annotate(
        doc.id,
        "quote",
        *at("We will not raise taxes"),
        fields={"speaker": "Ana Ruiz"},
        note="on tape",
    )
    desk.annotate(doc.id, "claim", *at("raise taxes,” said Ana Ruiz"), reviewer="Bob")  # overlaps
    desk.annotate(doc.id, "anonymous_source", *at("A council aide"), status="disputed")
    desk.annotate(doc.id, "claim", *at("the deficit grew 12 percent"))
    return desk, doc.id, tmp_path


def comment_ranges(docx: Path) -> tuple[dict[str, str], dict[str, tuple[str, str]], list[str]]:
    """(comment id -> the words its range covers, id -> (author, text), paragraph styles)."""
    with zipfile.ZipFile(docx) as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml"))
        notes = ElementTree.fromstring(archive.read("word/comments.xml"))
    open_ranges: dict[str, list[str]] = {}
    covered: dict[str, str] = {}
    styles = []
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ranges[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            covered[el.get(W + "id")] = "".join(open_ranges.pop(el.get(W + "id")))
        elif el.tag == W + "t":
            for words in open_ranges.values():
                words.append(el.text or "")
        elif el.tag == W + "pStyle":
            styles.append(el.get(W + "val"))
    said = {
        c.get(W + "id"): (c.get(W + "author"), "".join(t.text or "" for t in c.iter(W + "t")))
        for c in notes.iter(W + "comment")
    }
    return covered, said, styles


def test_docx_comments_cover_exactly_their_words(reviewed):
    desk, doc_id, tmp = reviewed
    out = tmp / "review.docx"
    assert desk.export_to_file("docx", str(out), doc_id) == 4
    covered, said, styles = comment_ranges(out)
    annotations = desk.annotations(doc_id)
    assert sorted(covered.values()) == sorted(a.exact for a in annotations)
    by_words = {covered[k]: said[k] for k in covered}
    assert by_words["We will not raise taxes"] == ("Alice", "[Quote] Ana Ruiz — on tape (open)")
    assert by_words["raise taxes,” said Ana Ruiz"] == ("Bob", "[Claim] (open)")
    assert by_words["A council aide"][1] == "[Anonymous source] (disputed)"
    assert styles[0] == "Title"  # the headline keeps its rank


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_docx(reviewed):
    desk, doc_id, tmp = reviewed
    out = tmp / "review.docx"
    desk.export_to_file("docx", str(out), doc_id)
    done = subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(out)],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0 and (tmp / "review.pdf").stat().st_size > 1000


def test_our_docx_comments_come_back_as_annotations(reviewed):
    desk, doc_id, tmp = reviewed
    out = tmp / "review.docx"
    desk.export_to_file("docx", str(out), doc_id)
    other = Desk(MemoryRepository(), "Carol")
    doc, summary = other.import_with_comments(str(out))
    assert summary.startswith("4 comments")
    back = {(a.tag, a.exact, a.reviewer, a.status) for a in other.annotations(doc.id)}
    assert back == {(a.tag, a.exact, a.reviewer, a.status) for a in desk.annotations(doc_id)}
    for a in other.annotations(doc.id):
        assert doc.text[a.start : a.end] == a.exact
    other.undo(None)  # the draft and its comments were one step
    assert other.documents() == []


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:h text:outline-level="1">Crème 🙂 budget</text:h>
<text:p>“<office:annotation office:name="c1"><dc:creator>Léa Reporter</dc:creator>
<dc:date>2024-05-01T10:00:00</dc:date><text:p>[Anonymous source] why anonymous?</text:p>
</office:annotation>We will not raise taxes<office:annotation-end office:name="c1"/>,” said
Ana Ruiz. The deficit grew <office:annotation office:name="c2"><dc:creator>Léa Reporter
</dc:creator><text:p>Source: county audit</text:p></office:annotation>12 percent
<office:annotation-end office:name="c2"/> last year, and 12 percent again.</text:p>
</office:text></office:body></office:document>
"""


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_comments_written_by_libreoffice_land_on_the_right_words(tmp_path):
    (tmp_path / "reply.fodt").write_text(FODT, encoding="utf-8")
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "reply.fodt"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    desk = Desk(MemoryRepository(), "Me")
    doc, _ = desk.import_with_comments(str(tmp_path / "reply.docx"))
    got = sorted((a.tag, a.exact, a.note, a.reviewer) for a in desk.annotations(doc.id))
    assert got == [
        ("anonymous_source", "We will not raise taxes", "why anonymous?", "Léa Reporter"),
        ("claim", "12 percent", "Source: county audit", "Léa Reporter"),
    ]
    second = next(a for a in desk.annotations(doc.id) if a.tag == "claim")
    assert second.start == doc.text.index("12 percent")  # the first one, not "again"


def test_comments_pointing_nowhere_change_nothing(reviewed):
    desk, doc_id, tmp = reviewed
    good = tmp / "review.docx"
    desk.export_to_file("docx", str(good), doc_id)
    bad = tmp / "nowhere.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:commentRange(Start|End) [^>]*/>", b"", data)
            dst.writestr(item, data)
    fresh = Desk(MemoryRepository(), "Me")
    with pytest.raises(CopydeskError) as caught:
        fresh.import_with_comments(str(bad))
    assert "points at no words" in str(caught.value) and "\n" not in str(caught.value)
    assert fresh.documents() == []


def test_html_report_is_self_contained_with_notes_table_and_checks(reviewed):
    desk, doc_id, tmp = reviewed
    out = tmp / "report.html"
    assert desk.export_to_file("html", str(out), doc_id) == 4
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|src=|url\(|@import", html, re.I)
    quote_colour = tint(desk.tag("quote").colour)
    assert f'background-color: {quote_colour};">We will not' in html
    assert "<b>1.</b> [Quote] Ana Ruiz — on tape (open) · Alice" in html
    assert len(re.findall(r"<tr><td>\d+</td>", html)) == 4  # one table row per annotation
    assert "Disputed: 1" in html and "Claim not verified: 2" in html


def test_pdf_report_has_selectable_text_and_page_numbers(reviewed):
    pdftotext = shutil.which("pdftotext")
    desk, doc_id, tmp = reviewed
    out = tmp / "report.pdf"
    assert desk.export_to_file("pdf", str(out), doc_id) == 4
    assert out.read_bytes().startswith(b"%PDF")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True).stdout
    assert "[Quote] Ana Ruiz — on tape (open)" in " ".join(text.split())
    pages = [p for p in text.split("\f") if p.strip()]
    assert pages and pages[-1].strip().splitlines()[-1].strip() == str(len(pages))
