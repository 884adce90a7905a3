"""Saved web pages as CMSs and editors produce them: the article stays, the site goes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop_app.core.model import SourceText
from desktop_app.formats import load_source

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def page(tmp_path: Path, data: str | bytes, name: str = "page.html") -> SourceText:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    source = load_source(path)
    slices = [source.text[b.start : b.end] for b in source.blocks]
    assert "\n\n".join(slices) == source.text and all("\n\n" not in s for s in slices)
    assert unicodedata.is_normalized("NFC", source.text)
    return source


def test_wordpress_post_keeps_the_entry_and_drops_the_theme() -> None:
    """WordPress: site title, menus, category and date meta, share bar, ad slot, related
    posts, newsletter form, comments, widgets, footer, noscript, JSON-LD and template go."""
    source = load_source(FORMATS / "wordpress.html")
    assert blocks(source) == [
        ("title", "Library levy passes by 212 votes"),
        ("byline", "by Marcus Webb"),
        (
            "caption",
            "Volunteers count ballots at the county office on Tuesday. Photo by Lena Ortiz",
        ),
        (
            "paragraph",
            "Pinecrest voters approved a property-tax levy for the public library by 212 votes on "
            "Tuesday, according to unofficial results released just after 11\u00a0p.m.",
        ),
        (
            "paragraph",
            "The levy will raise about $1.4\u00a0million a year for five years. Library director "
            "Ada Fontaine said the money would restore Sunday hours \u2014 cut in 2020 \u2014 and "
            "pay for a new roof.",
        ),
        ("heading", "A close count"),
        (
            "paragraph",
            "\u201cI refreshed the results page about 400 times,\u201d Fontaine said. "
            "\u201cWe\u2019re relieved.\u201d",
        ),
        (
            "blockquote",
            "Libraries are the last place in town where you don't have to buy anything to stay.",
        ),
        ("blockquote", "Campaign flyer"),
        ("list_item", "Yes: 4,118"),
        ("list_item", "No: 3,906"),
        ("paragraph", "Turnout was 31\u00a0percent, the county clerk said."),
    ]


def test_substack_post_keeps_body_and_embedded_tweet() -> None:
    """Substack: author link is the byline; likes, share, subscribe widgets and discussion go;
    an embedded tweet stays as a quotation with its attribution."""
    source = load_source(FORMATS / "substack.html")
    assert blocks(source)[:3] == [
        ("title", "What the ferry budget leaves out"),
        ("heading", "Three numbers the authority did not mention"),
        ("byline", "Ines Carvalho"),
    ]
    assert blocks(source)[-4:] == [
        ("blockquote", "\u201cWe are buying diesel at 2008 prices,\u201d a deckhand told me."),
        ("blockquote", "Ferry was 40 minutes late again today. Third time this week."),
        ("blockquote", "\u2014 Commuter Carl (@carl_commutes) March 10, 2024"),
        ("paragraph", "That\u2019s all for this week."),
    ]
    for absent in ("Subscribe", "Sign in", "42", "Share", "Mar 12", "Discussion", "Great piece"):
        assert absent not in source.text, absent


def test_medium_story_drops_follow_read_time_and_buttons() -> None:
    """Medium: the data-testid author is the byline; "Follow", "6 min read", "--" go."""
    source = load_source(FORMATS / "medium.html")
    assert blocks(source)[:5] == [
        ("title", "Why our town stopped counting"),
        ("heading", "A short history of the census that wasn\u2019t"),
        ("byline", "Tamsin Hale"),
        ("paragraph", "In 1998 the county stopped its annual headcount."),
        ("paragraph", "Nobody noticed for six years."),
    ]
    for absent in ("Follow", "min read", "--", "Listen", "Medium logo", "Help"):
        assert absent not in source.text, absent
    assert ("paragraph", "year count\n1997 12,204") in blocks(source)


def test_google_docs_export_title_footnotes_and_comments() -> None:
    """Google Docs: p.title is the title; note marks leave the text, the note stays at the end;
    comment marks and comment text are gone."""
    source = load_source(FORMATS / "gdocs.html")
    assert blocks(source) == [
        ("title", "Harbor dredging to start in June"),
        ("byline", "By Wen Zhao"),
        (
            "paragraph",
            "The Army Corps of Engineers will begin dredging the inner harbor in June, the port "
            "said on Thursday. The port\u2019s statement\u00a0did not give a cost.",
        ),
        ("heading", "Why now"),
        (
            "paragraph",
            "Silt has narrowed the channel\u00a0to 9\u00a0meters.\u00a0Pilots say that "
            "is too shallow.",
        ),  # fmt: skip
        ("list_item", "Phase one: inner harbor"),
        ("list_item", "Phase two: the turning basin"),
        ("list_item", "First numbered"),
        ("table", "Phase | Cost"),
        ("table", "One | $2.1M"),
        ("paragraph", "Work should end by October."),
        ("paragraph", "[1]\u00a0Port survey, January 2024."),
    ]


def test_paragraphs_separated_by_double_br_and_a_site_name_h1(tmp_path: Path) -> None:
    """<br><br> inside one <div> ends a paragraph (a single <br> stays a soft break); the
    site-name <h1> in the header does not become the title; a copyright line goes."""
    source = page(
        tmp_path,
        "<html><body><div class='header'><h1><a href='/'>Valley Voice</a></h1></div>"
        "<div class='story'><h1>Snowplow budget runs dry in February</h1><div class='text'>"
        "The city has spent its snow budget, officials said.<br><br>Crews plowed 14 times."
        "<br /> <br />&ldquo;We&#8217;re out,&rdquo; Hal Brennan said.<br>He asked for patience."
        "<br><br></div></div><div class='copyright'>Copyright Valley Voice</div></body></html>",
    )
    assert blocks(source) == [
        ("title", "Snowplow budget runs dry in February"),
        ("paragraph", "The city has spent its snow budget, officials said."),
        ("paragraph", "Crews plowed 14 times."),
        ("paragraph", "\u201cWe\u2019re out,\u201d Hal Brennan said.\nHe asked for patience."),
    ]


def test_page_without_body_tag_xhtml_and_entities(tmp_path: Path) -> None:
    """A fragment with no <html>/<body>, and XHTML with an XML declaration, both import."""
    bare = page(
        tmp_path,
        "<!DOCTYPE html><title>Notice</title><h1>Water main break closes Elm Street</h1>"
        "<p>By Ruth Abara<p>Crews expect to reopen the street by Friday &amp; Saturday.",
    )
    assert blocks(bare) == [
        ("title", "Water main break closes Elm Street"),
        ("byline", "By Ruth Abara"),
        ("paragraph", "Crews expect to reopen the street by Friday & Saturday."),
    ]
    xhtml = page(
        tmp_path,
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
        'Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns='
        '"http://www.w3.org/1999/xhtml"><head><title>T</title></head><body><h1>Bridge cracks'
        "</h1><p>Two&#160;girders.<br/>Open.</p><p>&#x2018;Late spring&#x2019;</p></body></html>",
        "bridge.xhtml.html",
    )
    assert blocks(xhtml) == [
        ("title", "Bridge cracks"),
        ("paragraph", "Two\u00a0girders.\nOpen."),
        ("paragraph", "\u2018Late spring\u2019"),
    ]


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        '<meta charset="iso-8859-1">',
    ],
)
def test_windows_1252_page_decodes_curly_quotes_and_euro(tmp_path: Path, meta: str) -> None:
    """A page saved in Windows-1252 (declared in either meta form) keeps quotes, é and €."""
    text = "<html><head>{}</head><body><h1>Caf\u00e9 owners \u201cwary\u201d</h1><p>The fee is \u20ac40.</p>"
    source = page(tmp_path, text.format(meta).encode("cp1252"))
    assert blocks(source) == [
        ("title", "Caf\u00e9 owners \u201cwary\u201d"),
        ("paragraph", "The fee is \u20ac40."),
    ]


@pytest.mark.parametrize(
    ("ref", "note"),
    [
        ('<a href="#_ftn1" name="_ftnref1"><span class="MsoFootnoteReference">[1]</span></a>',
         '<a href="#_ftnref1" name="_ftn1">[1]</a> Council minutes.'),  # Word "Save as HTML"
        ('<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup>',
         'Council minutes. <a href="#fnref:1" class="reversefootnote">&#8617;</a>'),  # Markdown
        ('<a class="sdfootnoteanc" href="#sdfootnote1sym"><sup>1</sup></a>',
         '<a class="sdfootnotesym" href="#sdfootnote1anc">1</a>Council minutes.'),  # LibreOffice
    ],
)  # fmt: skip
def test_footnote_marks_leave_the_sentence(tmp_path: Path, ref: str, note: str) -> None:
    """Footnote reference links are removed from the body; the note text itself is kept."""
    source = page(
        tmp_path, f"<html><body><p>The vote was 5-2.{ref} It passed.</p><div><p>{note}</p></div>"
    )
    assert source.text.startswith("The vote was 5-2. It passed.\n\n")
    assert "Council minutes." in blocks(source)[-1][1]


def test_short_loose_snippets_around_the_article_go_but_sentences_stay(tmp_path: Path) -> None:
    """Loose UI text ("Local", "Share", "3 min read", a date) is dropped; a loose sentence or
    a byline outside <p> is kept."""
    source = page(
        tmp_path,
        "<html><body><article><div><a href='/local'>Local</a></div><h1>Dam inspection passes"
        "</h1><div>By Ana Ruiz</div><div>March 3, 2024 <span>3 min read</span></div>"
        "<div>An editor's note: this story was updated.</div><p>Inspectors found no cracks.</p>"
        "<div>Share</div><div>12</div></article></body></html>",
    )
    assert blocks(source) == [
        ("title", "Dam inspection passes"),
        ("byline", "By Ana Ruiz"),
        ("paragraph", "An editor's note: this story was updated."),
        ("paragraph", "Inspectors found no cracks."),
    ]


@pytest.mark.parametrize("name", ["newsroom_lo.html", "newsroom_lo_xhtml.html"])
def test_libreoffice_html_exports_read_like_the_document_itself(name: str) -> None:
    """LibreOffice's HTML and XHTML exports give the .docx import's blocks: page header and
    footer, inline comment, typed list numbers and "display:inline" wrappers are handled.
    (LibreOffice writes tracked changes into HTML without markup, so that sentence differs.)"""
    reference = blocks(load_source(FORMATS / "newsroom.docx"))
    source = load_source(FORMATS / name)
    got = blocks(source)
    assert [kind for kind, _ in got] == [kind for kind, _ in reference]
    differing = [i for i, (a, b) in enumerate(zip(got, reference, strict=True)) if a != b]
    assert set(differing) <= {3, 17}  # "all four three" and a tab written as a NBSP
    for absent in ("HARBOR GAZETTE", "slug:", "ANNOTATION", "vote count", "1.Adult"):
        assert absent not in source.text, absent


def test_word_save_as_html_styles_notes_comments_and_bullets(tmp_path: Path) -> None:
    """Word's filtered HTML: MsoTitle/MsoSubtitle/MsoQuote/MsoListParagraph give kinds, typed
    "·" bullets and comment anchors and texts go, the footnote becomes "[1] ..."."""
    nbsp = "&nbsp;" * 6
    bullet = (
        f"<span style='font-family:Symbol'>&middot;<span style='font:7.0pt'>{nbsp}</span></span>"
    )
    html = (
        '<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv='
        "Content-Type content='text/html; charset=windows-1252'><meta name=Generator "
        "content='Microsoft Word 15 (filtered)'></head><body lang=EN-US><div class=WordSection1>"
        "<p class=MsoTitle>Library hours to expand</p><p class=MsoSubtitle>By Rosa Delgado</p>"
        "<p class=MsoNormal>The library will open on Sundays<a href='#_ftn1' name='_ftnref1'>"
        "<span class=MsoFootnoteReference>[1]</span></a>, the board said.<a class=msocomanchor "
        "id='_anchor_1' href='#_msocom_1' name='_msoanchor_1'>[RD1]</a>&nbsp;</p>"
        f"<p class=MsoListParagraphCxSpFirst>{bullet}Sundays noon to 5</p>"
        f"<p class=MsoListParagraphCxSpLast>{bullet}Holidays closed</p>"
        "<p class=MsoQuote>Reading is a right.</p></div><div><hr><div id=ftn1><p "
        "class=MsoFootnoteText><a href='#_ftnref1' name='_ftn1'><span class="
        "MsoFootnoteReference>[1]</span></a> Board minutes, May 2.</p></div></div><div><hr "
        "class=msocomoff><div id='_com_1' class=msocomtxt><p class=MsoCommentText><span class="
        "MsoCommentReference><a href='#_msoanchor_1' class=msocomoff>[RD1]</a></span>Check the "
        "hours.</p></div></div></body></html>"
    )
    assert blocks(page(tmp_path, html.encode("cp1252"), "library.htm")) == [
        ("title", "Library hours to expand"),
        ("byline", "By Rosa Delgado"),
        ("paragraph", "The library will open on Sundays, the board said."),
        ("list_item", "Sundays noon to 5"),
        ("list_item", "Holidays closed"),
        ("blockquote", "Reading is a right."),
        ("paragraph", "[1] Board minutes, May 2."),
    ]
