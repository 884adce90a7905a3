"""Word and LibreOffice documents as newsrooms make them: what reaches the canonical text.

The committed fixtures in tests/fixtures/formats are LibreOffice conversions (make_fixtures.sh)
of a hand-written .fodt and of an HTML page; the .docx files with tracked changes, hidden text,
content controls, fields and text boxes are built here from raw WordprocessingML.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from desktop_app.core.model import SourceText
from desktop_app.formats import load_source

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def assert_canonical(source: SourceText) -> None:
    """The invariants every importer must keep (see desktop_app/formats/canonical.py)."""
    text = source.text
    slices = [text[b.start : b.end] for b in source.blocks]
    assert "\n\n".join(slices) == text
    assert all(s and s == s.strip() and "\n\n" not in s for s in slices)
    assert unicodedata.is_normalized("NFC", text) and "\r" not in text
    assert not any(c in text for c in "\ufdd0\ufdd1\u00ad")
    assert not any("\ud800" <= c <= "\udfff" for c in text)


NEWSROOM = [
    ("title", "Ferry fares to rise 15% on island routes"),
    ("byline", "By Priya Nandakumar"),
    ("caption", "Photo: The morning ferry leaves Gull Point. (Harbor Gazette)"),
    (
        "paragraph",
        "The county\u2019s ferry authority voted 4\u20131 on Monday to raise fares on all three "
        "island routes, citing fuel costs.",
    ),
    (
        "paragraph",
        "\u201cWe held off as long as we could,\u201d said board chair Oskar Lindqvist \u2014 who "
        "cast the deciding vote \u2014 in a statement posted on the authority\u2019s website.",
    ),
    ("heading", "What changes"),
    ("list_item", "Adult one-way fares go from $8 to $9.20."),
    ("list_item", "Vehicle fares rise by a flat $4."),
    ("list_item", "Bicycles remain free."),
    ("list_item", "Motorcycles pay half."),
    ("list_item", "Commuter passes rise 10%."),
    ("list_item", "Seniors keep the 50% discount."),
    ("list_item", "Students get a new term pass."),
    ("table", "Route | Now | From May"),
    ("table", "Gull Point | $8.00 | $9.20"),
    ("table", "Weekend surcharge dropped"),
    ("blockquote", "The fare rise is modest compared with what other systems have done."),
    (
        "paragraph",
        "Riders can comment until April\u00a012.\nA public hearing is set for April 20. This "
        "story was updated on 3/4/24.",
    ),
    ("paragraph", "Last paragraph of the body."),
    ("paragraph", "[1] Fares were last raised in 2019."),
    ("paragraph", "[i] The hearing location has not been set."),
]
FROM_HTML = [
    ("title", "Late frost wipes out half the cherry crop"),
    ("byline", "By Joaqu\u00edn Ferreira"),
    ("caption", "Photo: Frost-damaged blossoms at Kessler Orchard on Sunday."),
    (
        "paragraph",
        "Growers in the valley lost about half of this year\u2019s cherry crop to a hard frost on "
        "Saturday night, the growers\u2019 cooperative said \u2014 the worst loss since\u00a01998.",
    ),
    ("heading", "Counting the damage"),
    ("list_item", "Kessler Orchard: 70% lost"),
    ("list_item", "early varieties hit hardest"),
    ("list_item", "Brook Farm: 40% lost"),
    ("list_item", "Insurance claims open Monday"),
    ("list_item", "State aid \u201cunder review\u201d"),
    ("table", "Farm | Acres | Loss"),
    ("table", "Kessler | 120 | 70%"),
    ("table", "Second block not yet counted"),
    (
        "blockquote",
        "\u201cYou plan for a bad year. You don\u2019t plan for this,\u201d said grower Ilse Kessler.",
    ),
    ("paragraph", "Prices at the farm stand will rise, she said.\nPicking starts in June."),
]


@pytest.mark.parametrize("name", ["newsroom.docx", "newsroom.odt", "newsroom.rtf"])
def test_libreoffice_draft_gives_the_same_blocks_in_docx_odt_and_rtf(name: str) -> None:
    """Lists, nested lists, a merged-cell table, a text-box caption and notes import alike."""
    source = load_source(FORMATS / name)
    assert_canonical(source)
    assert blocks(source) == NEWSROOM


@pytest.mark.parametrize("name", ["newsroom.docx", "newsroom.odt", "newsroom.rtf"])
def test_libreoffice_draft_leaves_out_comments_headers_and_deleted_text(name: str) -> None:
    """Comments, header/footer, the tracked deletion and list numbers are never text."""
    text = load_source(FORMATS / name).text
    for absent in ("check the vote count", "HARBOR GAZETTE", "slug:", "Page", "four", "1.\t"):
        assert absent not in text, absent
    assert "raise fares on all three island routes" in text  # note mark gone, insertion kept


@pytest.mark.parametrize(
    "name", ["story_from_html.docx", "story_from_html.odt", "story_from_html.rtf"]
)
def test_documents_converted_from_html_by_libreoffice(name: str) -> None:
    """An HTML draft converted by soffice keeps headline, lists, table rows and soft breaks."""
    source = load_source(FORMATS / name)
    assert_canonical(source)
    assert blocks(source) == FROM_HTML


def _docx_with(tmp_path: Path, body_xml: list[str], name: str = "draft.docx") -> Path:
    """A .docx whose body is the given w:p / w:tbl elements (raw XML, namespaces added)."""
    document = docx.Document()
    link = document.part.relate_to("https://example.org/minutes", RT.HYPERLINK, is_external=True)
    body = document.element.body
    for xml in body_xml:
        element = parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1).replace("RID", link))
        body.insert(len(body) - 1, element)  # before the section properties
    document.sections[0].header.paragraphs[0].text = "SLUG: quarry-vote HEADER"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    path = tmp_path / name
    document.save(str(path))
    return path


def _p(inner: str, props: str = "") -> str:
    return f"<w:p {NS}><w:pPr>{props}</w:pPr>{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    """Insertions and moved-to text stay; deletions, moved-from text and deleted rows go;
    a deleted paragraph mark joins two paragraphs (python-docx's paragraph.text would drop
    the insertions)."""
    ins = '<w:ins w:id="1" w:author="Ed" w:date="2024-03-01T10:00:00Z">{}</w:ins>'
    dele = '<w:del w:id="2" w:author="Ed"><w:r><w:delText>{}</w:delText></w:r></w:del>'
    path = _docx_with(
        tmp_path,
        [
            _p(
                _r("The council ")
                + ins.format(_r("unanimously "))
                + _r("approved ")
                + dele.format("a plan for ")
                + _r("the budget.")
            ),  # fmt: skip
            _p(_r("The vote came after "), '<w:rPr><w:del w:id="3" w:author="Ed"/></w:rPr>'),
            _p(_r("a two-hour debate.")),
            _p(dele.format("A whole deleted paragraph."), '<w:rPr><w:del w:id="4"/></w:rPr>'),
            _p('<w:moveFrom w:id="5" w:author="Ed">' + _r("Moved sentence.") + "</w:moveFrom>"),
            _p(
                _r("Closing line. ")
                + '<w:moveTo w:id="6" w:author="Ed">'
                + _r("Moved sentence.")
                + "</w:moveTo>"
            ),  # fmt: skip
            f"<w:tbl {NS}><w:tr><w:tc>{_p(_r('Year'))}</w:tc><w:tc>{_p(_r('Tons'))}</w:tc></w:tr>"
            f'<w:tr><w:trPr><w:del w:id="7" w:author="Ed"/></w:trPr><w:tc>{_p(_r("2019"))}</w:tc>'
            f"<w:tc>{_p(_r('DELETEDROW'))}</w:tc></w:tr></w:tbl>",
        ],
    )
    source = load_source(path)
    assert_canonical(source)
    assert blocks(source) == [
        ("paragraph", "The council unanimously approved the budget."),
        ("paragraph", "The vote came after a two-hour debate."),
        ("paragraph", "Closing line. Moved sentence."),
        ("table", "Year | Tons"),
    ]


def test_docx_links_fields_breaks_and_typography_stay_in_the_paragraph(tmp_path: Path) -> None:
    """Hyperlink text, field results, tabs, soft breaks, NBSP, smart quotes and dashes stay;
    field codes, comments, header and footer do not appear."""
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "MMMM d"'
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _r("March 4")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    path = _docx_with(
        tmp_path,
        [
            _p(
                _r("\u201cIt\u2019s loud,\u201d said Ana\u00a0Ruiz \u2014 a neighbour.")
                + '<w:commentRangeStart w:id="0"/>'
                + _r(" See ")
                + '<w:hyperlink r:id="RID">'
                + _r("the minutes")
                + "</w:hyperlink>"
                + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
                + _r(".")
            ),  # fmt: skip
            _p(
                _r("Filed")
                + "<w:r><w:tab/></w:r>"
                + field
                + "<w:r><w:br/></w:r>"
                + '<w:fldSimple w:instr=" PAGE ">'
                + _r("7")
                + "</w:fldSimple>"
                + _r(" pages")
                + "<w:r><w:softHyphen/><w:noBreakHyphen/></w:r>"
            ),  # fmt: skip
        ],
    )
    source = load_source(path)
    assert_canonical(source)
    assert blocks(source) == [
        (
            "paragraph",
            "\u201cIt\u2019s loud,\u201d said Ana\u00a0Ruiz \u2014 a neighbour. See the minutes.",
        ),
        ("paragraph", "Filed March 4\n7 pages\u2011"),
    ]
    assert "DATE" not in source.text and "SLUG" not in source.text and "footer" not in source.text


def test_docx_comments_added_by_python_docx_are_not_text(tmp_path: Path) -> None:
    """A real comment part (python-docx add_comment) never reaches the body."""
    document = docx.Document()
    paragraph = document.add_paragraph("Rents rose 12 percent last year.")
    document.add_comment(paragraph.runs, text="Source? Check the county report.", author="Ed")
    path = tmp_path / "commented.docx"
    document.save(str(path))
    assert load_source(path).text == "Rents rose 12 percent last year."


def test_docx_hidden_text_placeholders_and_table_of_contents_are_skipped(tmp_path: Path) -> None:
    """Hidden runs, unfilled content-control placeholders and a TOC are not article text."""
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">HIDDEN NOTE </w:t></w:r>'
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + _r("Click here to enter text.")
        + "</w:sdtContent></w:sdt>"
    )
    toc = (
        f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{_p(_r('Background ..... 2'))}</w:sdtContent>"
        "</w:sdt>"
    )
    path = _docx_with(
        tmp_path,
        [toc, _p(_r("Visible ") + hidden + _r("words.") + placeholder)],
    )
    assert load_source(path).text == "Visible words."


def test_docx_text_box_in_a_table_cell_is_read_once(tmp_path: Path) -> None:
    """A text box's Word 2010 copy is read and its VML fallback copy is not (no duplicate)."""
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        "<w:txbxContent>" + _p(_r("Chart: tons by year")) + "</w:txbxContent></wps:txbx>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        + _p(_r("Chart: tons by year"))
        + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    table = (
        f"<w:tbl {NS}><w:tr><w:tc>{_p(_r('Year'))}</w:tc><w:tc>{_p(box)}</w:tc></w:tr>"
        f"<w:tr><w:tc>{_p(_r('2023'))}</w:tc><w:tc>{_p(_r('41,000'))}</w:tc></w:tr></w:tbl>"
    )
    source = load_source(_docx_with(tmp_path, [table, _p(box + _r("Body after."))]))
    assert blocks(source) == [
        ("table", "Year | Chart: tons by year"),
        ("table", "2023 | 41,000"),
        ("textbox", "Chart: tons by year"),
        ("paragraph", "Body after."),
    ]


def test_docx_vertically_merged_cells_leave_no_empty_cell(tmp_path: Path) -> None:
    """Cells continuing a vertical merge are empty: rows do not start with " | "."""
    merged = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t/></w:r></w:p></w:tc>"
    table = (
        f'<w:tbl {NS}><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
        f"{_p(_r('Gull Point'))}</w:tc><w:tc>{_p(_r('$8.00'))}</w:tc></w:tr>"
        f"<w:tr>{merged}<w:tc>{_p(_r('$9.20'))}</w:tc></w:tr></w:tbl>"
    )
    source = load_source(_docx_with(tmp_path, [table]))
    assert blocks(source) == [("table", "Gull Point | $8.00"), ("table", "$9.20")]


def test_docx_cells_wrapped_in_content_controls_are_read(tmp_path: Path) -> None:
    """Word's cover pages wrap each cell of a row in a content control (w:sdt around w:tc)."""

    def sdt_cell(text: str) -> str:
        return f"<w:sdt><w:sdtPr/><w:sdtContent><w:tc>{_p(_r(text))}</w:tc></w:sdtContent></w:sdt>"

    table = (
        f"<w:tbl {NS}><w:tr>{sdt_cell('Harbor Ledger')}{sdt_cell('Spring edition')}</w:tr>"
        f"<w:tr><w:tc>{_p(_r('Desk'))}</w:tc>{sdt_cell('City')}</w:tr></w:tbl>"
    )
    cover = f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Cover Pages"/></w:docPartObj></w:sdtPr><w:sdtContent>{table}</w:sdtContent></w:sdt>'
    source = load_source(_docx_with(tmp_path, [cover]))
    assert blocks(source) == [("table", "Harbor Ledger | Spring edition"), ("table", "Desk | City")]
