"""Word (.docx), OpenDocument (.odt) and RTF importers: styles, tables, lists and inline markup."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

from desktop_app.core.model import SourceText
from desktop_app.formats import load_source

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def test_docx_styles_map_to_block_kinds_and_tables_stay_in_place(tmp_path: Path) -> None:
    """Word styles give kinds, tables sit where they are, runs and breaks are read correctly."""
    document = docx.Document()
    document.add_paragraph("Council delays vote", style="Title")
    document.add_paragraph("By Dana Okafor", style="Subtitle")
    document.add_paragraph("Photo: the chamber", style="Caption")
    body = document.add_paragraph("First ")
    body.add_run("bold").bold = True
    body.add_run("\tpart")
    body.add_run().add_break()
    body.add_run("second line")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Year", "Rent"), ("2021", "$900")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Background", style="Heading 1")
    document.add_paragraph("Words said aloud.", style="Quote")
    document.add_paragraph("Louder words.", style="Intense Quote")
    document.add_paragraph("point one", style="List Bullet")
    document.add_paragraph("step two", style="List Number")
    document.add_paragraph("A subtitle that is not a byline", style="Subtitle")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    source = load_source(path)
    assert source.source_format == "docx" and source.title == "Council delays vote"
    assert blocks(source) == [
        ("title", "Council delays vote"),
        ("byline", "By Dana Okafor"),
        ("caption", "Photo: the chamber"),
        ("paragraph", "First bold part\nsecond line"),
        ("table", "Year | Rent"),
        ("table", "2021 | $900"),
        ("heading", "Background"),
        ("blockquote", "Words said aloud."),
        ("blockquote", "Louder words."),
        ("list_item", "point one"),
        ("list_item", "step two"),
        ("heading", "A subtitle that is not a byline"),
    ]


def test_docx_without_title_style_uses_first_heading_1(tmp_path: Path) -> None:
    """With no "Title" paragraph, the first Heading 1 is the title and later ones are headings."""
    document = docx.Document()
    document.add_paragraph("Main headline", style="Heading 1")
    document.add_paragraph("BY SAM LEE")
    document.add_paragraph("Text.")
    document.add_paragraph("Later section", style="Heading 1")
    path = tmp_path / "h1.docx"
    document.save(str(path))
    assert blocks(load_source(path)) == [
        ("title", "Main headline"),
        ("byline", "BY SAM LEE"),
        ("paragraph", "Text."),
        ("heading", "Later section"),
    ]


def test_docx_skips_tracked_deletions_and_reads_insertions_and_links(tmp_path: Path) -> None:
    """Deleted revisions, field codes are not text; inserted runs and hyperlink text are."""
    document = docx.Document()
    paragraph = document.add_paragraph("Kept ")
    paragraph._p.append(
        parse_xml(
            f"<w:ins {W_NS} w:id='1' w:author='x'><w:r><w:t xml:space='preserve'>inserted "
            "</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:del {W_NS} w:id='2' w:author='x'><w:r><w:delText>deleted</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:hyperlink {W_NS}><w:r><w:t xml:space='preserve'>link </w:t></w:r></w:hyperlink>"
        )
    )
    paragraph._p.append(
        parse_xml(f"<w:r {W_NS}><w:instrText> PAGE </w:instrText><w:t>end</w:t></w:r>")
    )
    path = tmp_path / "revisions.docx"
    document.save(str(path))
    assert load_source(path).text == "Kept inserted link end"


def test_docx_one_column_table_is_a_layout_box(tmp_path: Path) -> None:
    """Paragraphs inside a single-column table are read as ordinary paragraphs, with styles."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].text = "Boxed headline"
    cell.paragraphs[0].style = document.styles["Title"]
    cell.add_paragraph("Boxed body.")
    path = tmp_path / "box.docx"
    document.save(str(path))
    assert blocks(load_source(path)) == [("title", "Boxed headline"), ("paragraph", "Boxed body.")]


def test_docx_entities_are_neither_expanded_nor_resolved(tmp_path: Path) -> None:
    """Entity declarations in document.xml (billion laughs, XXE) add no text and no file data."""
    source = zipfile.ZipFile(ARTICLES / "article.docx")
    members = {n: source.read(n) for n in source.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    dtd = (
        '<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    )
    end_of_declaration = xml.index("?>") + 2
    xml = xml[:end_of_declaration] + dtd + xml[end_of_declaration:]
    members["word/document.xml"] = xml.replace(
        "By Dana Okafor", "By Dana Okafor&lol2;&xxe;"
    ).encode()
    path = tmp_path / "entities.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    imported = load_source(path)
    assert "lol" not in imported.text
    assert blocks(imported)[1] == ("byline", "By Dana Okafor")
    assert Path("/etc/hostname").read_text().strip() not in imported.text.split()


ODT_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:styles>
 <style:style style:name="Heading" style:family="paragraph"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Heading"/>
 <style:style style:name="Quotations" style:family="paragraph"/>
 <style:style style:name="Illustration" style:family="paragraph"/>
 <style:style style:name="Subtitle" style:family="paragraph"/>
</office:styles></office:document-styles>"""

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
 <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Quotations"/>
 <style:style style:name="P3" style:family="paragraph" style:parent-style-name="Subtitle"/>
</office:automatic-styles>
<office:body><office:text>
 <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
  <text:p>Deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>
 <text:table-of-content><text:index-body><text:p>Contents 1</text:p></text:index-body>
 </text:table-of-content>
 <text:h text:style-name="Heading_20_1" text:outline-level="1">Early heading</text:h>
 <text:p text:style-name="P1">Real   <text:span>head<text:span>line</text:span></text:span></text:p>
 <text:p text:style-name="P3">By  Ana Ruiz</text:p>
 <text:p>Tab<text:tab/>and<text:s text:c="4"/>spaces,
   a<text:line-break/>break<text:note text:note-class="footnote"><text:note-citation>1
   </text:note-citation><text:note-body><text:p>Footnote text</text:p></text:note-body></text:note>
   and a comment<office:annotation><dc:creator>Ed</dc:creator><text:p>Check this</text:p>
   </office:annotation>.<text:soft-page-break/> Done<text:change-start text:change-id="c1"/>.
 </text:p>
 <text:p>Anchor<draw:frame><draw:image><svg:title>Alt text</svg:title></draw:image></draw:frame>
   <draw:frame><draw:text-box><text:p text:style-name="Illustration">Figure 1: a
   river</text:p></draw:text-box></draw:frame> text.</text:p>
 <text:p text:style-name="P2">A quoted passage.</text:p>
 <text:list><text:list-item><text:p>first</text:p><text:list><text:list-item>
   <text:p>nested</text:p></text:list-item></text:list></text:list-item></text:list>
 <table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Year</text:p>
   </table:table-cell><table:table-cell><text:p>Rent</text:p></table:table-cell></table:table-row>
   </table:table-header-rows><table:table-row><table:table-cell table:number-columns-spanned="2">
   <text:p>2021</text:p><text:p>note</text:p></table:table-cell><table:covered-table-cell/>
   </table:table-row></table:table>
 <text:section><text:h text:outline-level="2">Later heading</text:h></text:section>
</office:text></office:body></office:document-content>"""


def test_odt_resolves_automatic_styles_and_reads_inline_markup(tmp_path: Path) -> None:
    """P1 -> Title etc. are resolved; spaces, tabs, breaks, comments, frames handled; the
    footnote leaves its sentence and comes after the body as "[1] ..."."""
    path = tmp_path / "styled.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", ODT_CONTENT)
        archive.writestr("styles.xml", ODT_STYLES)
    source = load_source(path)
    assert source.source_format == "odt" and source.title == "Real headline"
    assert blocks(source) == [
        ("heading", "Early heading"),
        ("title", "Real headline"),
        ("byline", "By Ana Ruiz"),
        ("paragraph", "Tab and spaces, a\nbreak and a comment. Done."),
        ("caption", "Figure 1: a river"),
        ("paragraph", "Anchor text."),  # the image's alt text is not article text
        ("blockquote", "A quoted passage."),
        ("list_item", "first"),
        ("list_item", "nested"),
        ("table", "Year | Rent"),
        ("table", "2021 note"),
        ("heading", "Later heading"),
        ("paragraph", "[1] Footnote text"),
    ]


def test_rtf_tables_code_pages_and_surrogate_pairs(tmp_path: Path) -> None:
    """RTF table rows join cells; \\'hh uses \\ansicpg; \\u surrogate pairs become one emoji."""
    rtf = (
        rb"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Arial;}}"
        rb"\f0 \'cd\'ee\'e2\'ee\'f1\'f2\'e8\par "
        rb"Smile \uc1\u-10179?\u-8638?\par "
        rb"\trowd\cellx1000\cellx2000 \intbl Year\cell Rent\cell\row "
        rb"\trowd\cellx1000\cellx2000 \intbl 2021\cell $900\cell\row }"
    )
    path = tmp_path / "cyr.rtf"
    path.write_bytes(rtf)
    assert blocks(load_source(path)) == [
        ("title", "\u041d\u043e\u0432\u043e\u0441\u0442\u0438"),
        ("paragraph", "Smile \U0001f642"),
        ("table", "Year | Rent"),
        ("table", "2021 | $900"),
    ]


def test_rtf_paragraph_styles_give_block_kinds(tmp_path: Path) -> None:
    """Word-style RTF: \\sN paragraphs take the kind of the stylesheet's style name."""
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\uc1{\stylesheet{\ql \snext0 Normal;}"
        rb"{\s1\ql \sbasedon0 \snext0 heading 1;}{\s2\sbasedon0 \snext2 Quote;}"
        rb"{\s3\sbasedon0 Subtitle;}{\*\cs10 \additive Default Paragraph Font;}}"
        rb"\pard\plain \s1\ql Flood warning lifted\par "
        rb"\pard\plain \s3 By Ana Ruiz\par "
        rb"\pard\plain Caf\'e9 owners \u8220?relieved\u8221?.\par "
        rb"\pard\plain \s2\li720 We can open again.\par "
        rb"\pard\plain Literal \\s1 text stays.\par }"
    )
    path = tmp_path / "styled.rtf"
    path.write_bytes(rtf)
    assert blocks(load_source(path)) == [
        ("title", "Flood warning lifted"),
        ("byline", "By Ana Ruiz"),
        ("paragraph", "Caf\u00e9 owners \u201crelieved\u201d."),
        ("blockquote", "We can open again."),
        ("paragraph", "Literal \\s1 text stays."),
    ]
