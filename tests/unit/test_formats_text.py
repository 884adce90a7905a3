"""Plain text, Markdown and web-page importers: structure, encodings and content sniffing."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.model import SourceText
from desktop_app.formats import load_source


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def test_txt_joins_hard_wrapped_lines_and_splits_on_blank_lines(tmp_path: Path) -> None:
    """Single newlines are wraps (joined with a space); blank or whitespace lines split blocks."""
    text = "Headline here\r\n\r\nFirst line\r\nwraps here.\r\n  \t \r\nSecond\tparagraph.\f Third."
    source = load_source(write(tmp_path, "a.txt", text))
    assert blocks(source) == [
        ("title", "Headline here"),
        ("paragraph", "First line wraps here."),
        ("paragraph", "Second paragraph."),
        ("paragraph", "Third."),
    ]
    assert source.text == "Headline here\n\nFirst line wraps here.\n\nSecond paragraph.\n\nThird."


def test_txt_bullets_become_list_items_with_their_continuation_lines(tmp_path: Path) -> None:
    """Bulleted and numbered lines are list items; wrapped continuation lines stay with them."""
    text = "Intro sentence.\n\n- first item\n  continues\n* second\n\n1. one\n2) two\n\u2022 three"
    source = load_source(write(tmp_path, "list.txt", text))
    assert blocks(source) == [
        ("paragraph", "Intro sentence."),
        ("list_item", "first item continues"),
        ("list_item", "second"),
        ("list_item", "one"),
        ("list_item", "two"),
        ("list_item", "three"),
    ]
    assert source.title == "Intro sentence."


def test_txt_in_latin1_and_utf16_variants_decode(tmp_path: Path) -> None:
    """Latin-1, UTF-16 BE with BOM, and BOM-less UTF-16 LE all decode to the same text."""
    text = "Caf\u00e9 society\n\nNa\u00efve r\u00e9sum\u00e9 for Se\u00f1or Mu\u00f1oz, ol\u00e9."
    for name, data in {
        "latin1.txt": text.encode("latin-1"),
        "be.txt": b"\xfe\xff" + text.encode("utf-16-be"),
        "nobom.txt": text.encode("utf-16-le"),
    }.items():
        assert load_source(write(tmp_path, name, data)).text == text, name


def test_txt_that_is_really_html_is_read_as_a_web_page(tmp_path: Path) -> None:
    """A saved web page misnamed .txt goes through the HTML importer (content wins)."""
    page = "<!-- saved -->\n<!DOCTYPE html><html><body><nav>Menu</nav><h1>Big news today</h1>"
    page += "<p>Body &amp; soul.</p></body></html>"
    source = load_source(write(tmp_path, "page.txt", page))
    assert source.source_format == "html"
    assert blocks(source) == [("title", "Big news today"), ("paragraph", "Body & soul.")]


def test_rtf_named_txt_and_odt_named_docx_are_read_by_content(tmp_path: Path) -> None:
    """An RTF file named .txt is read as RTF, not shown as raw control words."""
    source = load_source(write(tmp_path, "note.txt", r"{\rtf1\ansi Hello\par World.\par}"))
    assert source.source_format == "rtf"
    assert source.text == "Hello\n\nWorld."


def test_markdown_strips_markup_and_keeps_structure(tmp_path: Path) -> None:
    """Markdown markup disappears; headings, quotes, lists, tables and code keep their kinds."""
    text = (
        "Headline\n========\n\nBY JANE ROE\n\nSome *emphasis*, a [link](http://x.org), `code`"
        " and &nbsp;an entity.  \nAfter a hard break. ![alt text](p.png)\n\n## Section\n\n"
        "> Quoted *words*\n> continue.\n\n- item **one**\n  - nested item\n1. numbered\n\n"
        "| Year | Rent |\n|---|---|\n| 2021 | $900 |\n\n```\nline 1\n  line 2\n```\n\n"
        "<div class='note'><p>Raw <b>HTML</b> block</p><script>x()</script></div>\n\n"
        "# Second h1\n"
    )
    source = load_source(write(tmp_path, "story.md", text))
    assert source.source_format == "md"
    assert blocks(source) == [
        ("title", "Headline"),
        ("byline", "BY JANE ROE"),
        ("paragraph", "Some emphasis, a link, code and \u00a0an entity.\nAfter a hard break."),
        ("heading", "Section"),
        ("blockquote", "Quoted words continue."),
        ("list_item", "item one"),
        ("list_item", "nested item"),
        ("list_item", "numbered"),
        ("table", "Year | Rent"),
        ("table", "2021 | $900"),
        ("paragraph", "line 1\nline 2"),
        ("paragraph", "Raw HTML block"),
        ("heading", "Second h1"),
    ]


def test_markdown_file_holding_a_whole_web_page_is_read_as_html(tmp_path: Path) -> None:
    """A .md file that is actually a saved HTML page is parsed as HTML."""
    page = "\ufeff<html><head><title>x</title></head><body><p>Only text.</p></body></html>"
    source = load_source(write(tmp_path, "saved.md", page))
    assert source.source_format == "html" and source.text == "Only text."


def test_html_declared_windows_1252_is_decoded(tmp_path: Path) -> None:
    """A page in Windows-1252 with its meta charset decodes curly quotes and accents."""
    page = '<html><head><meta charset="windows-1252"></head><body><p>\u201cCaf\u00e9\u201d</p>'
    source = load_source(write(tmp_path, "old.html", page.encode("cp1252")))
    assert source.text == "\u201cCaf\u00e9\u201d"


def test_html_mislabelled_as_utf8_falls_back_to_detection(tmp_path: Path) -> None:
    """A page claiming UTF-8 but saved in Windows-1252 is still decoded, not rejected."""
    body = "Na\u00efve caf\u00e9 owners in S\u00e3o Paulo said \u201cno\u201d. " * 4
    page = f'<html><head><meta charset="utf-8"></head><body><p>{body}</p></body></html>'
    source = load_source(write(tmp_path, "lying.html", page.encode("cp1252")))
    assert source.text == body.strip()


def test_xhtml_with_xml_declaration_and_broken_markup_is_read(tmp_path: Path) -> None:
    """An XML declaration and unclosed tags do not stop the import (the parser recovers)."""
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>One <b>two<p>Three <i>four'
    source = load_source(write(tmp_path, "x.xhtml.html", page))
    assert blocks(source) == [("paragraph", "One two"), ("paragraph", "Three four")]


def test_html_layout_table_breaks_pre_and_loose_text(tmp_path: Path) -> None:
    """Layout tables read like divs; <br> is a soft break; <pre> keeps lines; loose text counts."""
    page = (
        "<html><body><div>Loose text here.<p>Para one<br>line two</p>tail text</div>"
        "<table><tr><td><h2>Side</h2><p>Cell para</p></td><td><p>Other</p></td></tr></table>"
        "<pre>a  b\n  c</pre><ul><li>Item<ul><li>Sub</li></ul></li></ul></body></html>"
    )
    source = load_source(write(tmp_path, "t.html", page))
    assert blocks(source) == [
        ("paragraph", "Loose text here."),
        ("paragraph", "Para one\nline two"),
        ("paragraph", "tail text"),
        ("heading", "Side"),
        ("paragraph", "Cell para"),
        ("paragraph", "Other"),
        ("paragraph", "a b\nc"),
        ("list_item", "Item"),
        ("list_item", "Sub"),
    ]


def test_html_data_table_rows_join_cells(tmp_path: Path) -> None:
    """Each row of a plain data table is one "table" block with cells joined by " | "."""
    page = (
        "<table><caption>Photo: rents by year</caption><thead><tr><th>Year</th><th>Rent</th>"
        "</tr></thead><tbody><tr><td>2021</td><td>$900</td></tr></tbody></table>"
    )
    source = load_source(write(tmp_path, "rents.html", page))
    assert blocks(source) == [
        ("caption", "Photo: rents by year"),
        ("table", "Year | Rent"),
        ("table", "2021 | $900"),
    ]


def test_html_without_article_drops_site_chrome_and_finds_bylines(tmp_path: Path) -> None:
    """With no <article>/<main>: site header, menus, hidden and share elements are dropped."""
    page = (
        "<html><body class='has-sidebar'><header><a href='/'>Site name</a></header>"
        "<div id='main-menu'>Home News</div><div hidden>Hidden text</div>"
        "<div style='display: none'>Invisible</div><span class='sr-only'>Screen reader</span>"
        "<h1>A headline of several words</h1><div class='meta'><span itemprop='author'>"
        "Jane Roe</span></div><div class='shareBar'>Tweet this</div>"
        "<p>Body paragraph one.</p><div class='social-links'>Follow us</div></body></html>"
    )
    source = load_source(write(tmp_path, "plain.html", page))
    assert blocks(source) == [
        ("title", "A headline of several words"),
        ("byline", "Jane Roe"),
        ("paragraph", "Body paragraph one."),
    ]


def test_html_headline_outside_the_article_element_is_kept(tmp_path: Path) -> None:
    """An <h1> placed above <article> still becomes the title; a "By" line becomes the byline."""
    page = (
        "<html><body><div class='hero'><h1>Mayor unveils new budget</h1></div>"
        "<article><p>By Sam Lee</p><p>The budget grows.</p></article>"
        "<article class='teaser'><p>Short teaser</p></article></body></html>"
    )
    source = load_source(write(tmp_path, "split.html", page))
    assert blocks(source) == [
        ("title", "Mayor unveils new budget"),
        ("byline", "By Sam Lee"),
        ("paragraph", "The budget grows."),
    ]


def test_html_page_wrapped_in_a_form_is_not_discarded(tmp_path: Path) -> None:
    """Pages that wrap everything in one <form> (ASP.NET) keep their article text."""
    page = (
        "<html><body><form id='aspnetForm'><h1>Storm closes schools</h1>"
        "<p>All schools in the district closed on Monday.</p>"
        "<form class='search'><input><button>Go</button></form></form></body></html>"
    )
    source = load_source(write(tmp_path, "aspx.htm", page))
    assert blocks(source) == [
        ("title", "Storm closes schools"),
        ("paragraph", "All schools in the district closed on Monday."),
    ]


def test_markdown_front_matter_is_skipped_and_by_colon_is_a_byline(tmp_path: Path) -> None:
    """YAML front matter is not article text; "By: Name" after the title is a byline."""
    text = "---\r\ntitle: Draft\r\nslug: x\r\n---\r\n# Real title\r\n\r\nBy: Ana Ruiz\r\n\r\nBody."
    source = load_source(write(tmp_path, "fm.markdown", text))
    assert blocks(source) == [
        ("title", "Real title"),
        ("byline", "By: Ana Ruiz"),
        ("paragraph", "Body."),
    ]


def test_html_with_stray_control_characters_still_imports(tmp_path: Path) -> None:
    """A few control characters (which lxml refuses in strings) do not break the page import."""
    page = "<html><body><p>Bell\x07 and form\x0cfeed \ufffe text.</p>" + "<p>More.</p>" * 50
    source = load_source(write(tmp_path, "ctl.html", page))
    assert source.text.startswith("Bell and form feed text.\n\nMore.")
