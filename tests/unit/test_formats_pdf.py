"""PDF import on PDFs LibreOffice made from our own article (make_pdf_fixtures.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.model import SourceText
from desktop_app.formats import FormatError, load_source, pdf_import

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
_spec = importlib.util.spec_from_file_location(
    "make_pdf_fixtures", FORMATS / "make_pdf_fixtures.py"
)
assert _spec is not None and _spec.loader is not None
article = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(article)


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def expected_blocks(with_headings: bool = True) -> list[tuple[str, str]]:
    """The article as written in the generator: what a perfect reading gives back."""
    out = [("title", article.TITLE), ("byline", article.BYLINE)]
    for heading, paragraphs in article.SECTIONS:
        if heading and with_headings:
            out.append(("heading", heading))
        out.extend(("paragraph", paragraph) for paragraph in paragraphs)
    return out


@pytest.mark.parametrize("name", ["article_onecol.pdf", "article_twocol.pdf"])
def test_libreoffice_pdf_gives_back_the_article_in_reading_order(name: str) -> None:
    """Columns read in order, lines joined into paragraphs, hyphenation undone, headings found,
    the running header and the page numbers gone."""
    source = load_source(FORMATS / name)
    assert blocks(source) == expected_blocks()
    assert source.title == article.TITLE
    assert source.source_format == "pdf"
    assert "WESTHAVEN COURIER" not in source.text


def test_one_column_pdf_spans_pages_with_running_header_and_page_numbers() -> None:
    """The one-column fixture really has what is dropped: 2+ pages, a header on each."""
    pages = pdf_import._read_pages((FORMATS / "article_onecol.pdf").read_bytes())
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        texts = [line.text for box in page.boxes for line in box.lines]
        assert any(text.startswith("WESTHAVEN COURIER") for text in texts)
        assert str(number) in texts
    # and a word LibreOffice broke at a line end, which the import joins again
    raw = [line.text for page in pages for box in page.boxes for line in box.lines]
    assert any(text.endswith("-") and not text.endswith(" -") for text in raw)


def test_pdf_printed_from_a_web_page() -> None:
    source = load_source(FORMATS / "article_web.pdf")
    assert blocks(source) == expected_blocks(with_headings=False)


@pytest.mark.parametrize(
    ("text", "line", "joined"),
    [
        ("the water-", "front flooded", "the waterfront flooded"),
        ("said Teodor Vasquez-", "Lindgren, who", "said Teodor Vasquez-Lindgren, who"),
        ("in 2019 -", "and again", "in 2019 - and again"),
        ("soft\u00ad", "ware", "software"),
        ("a plain", "line", "a plain line"),
    ],
)
def test_lines_join_across_end_of_line_hyphens(text: str, line: str, joined: str) -> None:
    assert pdf_import._join(text, line) == joined


def test_encrypted_pdf_is_one_clear_line() -> None:
    with pytest.raises(FormatError) as caught:
        load_source(FORMATS / "encrypted.pdf")
    assert str(caught.value) == (
        "encrypted.pdf: the PDF is password-protected; "
        "save or print an unprotected copy and import that"
    )


def test_scanned_pdf_says_to_run_ocr() -> None:
    with pytest.raises(FormatError) as caught:
        load_source(FORMATS / "scanned.pdf")
    assert "scanned images" in str(caught.value) and "run OCR first" in str(caught.value)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],  # cut off
        lambda data: b"%PDF-1.7\n" + bytes(range(256)) * 40,  # a header and noise
        lambda data: data.replace(b"obj", b"jbo"),  # objects unreadable
    ],
)
def test_broken_pdf_is_refused_in_one_line(tmp_path: Path, damage) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(damage((FORMATS / "article_onecol.pdf").read_bytes()))
    try:
        source = load_source(path)
    except FormatError as exc:
        message = str(exc)
        assert message.startswith("broken.pdf: ") and "\n" not in message
        assert "PDF" in message
    else:  # pdfminer recovers what it can from a damaged file: then it is real article text
        assert all(source.text[b.start : b.end] for b in source.blocks)
        assert source.text in load_source(FORMATS / "article_onecol.pdf").text


def test_pdf_over_the_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_import, "MAX_PDF_PAGES", 1)
    with pytest.raises(FormatError, match="more than 1 pages"):
        load_source(FORMATS / "article_onecol.pdf")


def test_pdf_named_otherwise_is_still_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes((FORMATS / "article_twocol.pdf").read_bytes())
    assert load_source(path).title == article.TITLE


def test_pdfs_read_without_the_cryptography_package(tmp_path: Path) -> None:
    """The frozen bundle leaves `cryptography` out: plain PDFs still import, an encrypted one
    is still one line (pdf_no_aes stands in for the ciphers pdfminer imports)."""
    code = (
        "import sys\n"
        "sys.modules['cryptography'] = None  # as if not installed\n"
        "from desktop_app.formats import FormatError, load_source\n"
        f"print(load_source({str(FORMATS / 'article_twocol.pdf')!r}).title)\n"
        "try:\n"
        f"    load_source({str(FORMATS / 'encrypted.pdf')!r})\n"
        "except FormatError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == article.TITLE
    assert out[1].startswith("encrypted.pdf: the PDF is password-protected")
    assert len(out) == 2
