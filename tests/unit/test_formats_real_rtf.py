"""RTF as WordPad, Word, LibreOffice and TextEdit write it: the group-aware reader's output."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from desktop_app.core.model import SourceText
from desktop_app.formats import FormatError, load_source


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def rtf(tmp_path: Path, data: bytes, name: str = "draft.rtf") -> SourceText:
    path = tmp_path / name
    path.write_bytes(data)
    source = load_source(path)
    slices = [source.text[b.start : b.end] for b in source.blocks]
    assert "\n\n".join(slices) == source.text and all("\n\n" not in s for s in slices)
    assert unicodedata.is_normalized("NFC", source.text)
    return source


WORDPAD = rb"""{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang1033{\fonttbl{\f0\fnil\fcharset0 Calibri;}{\f1\fnil\fcharset2 Symbol;}{\f2\fnil\fcharset204 Calibri;}}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\sa200\sl276\slmult1\b\f0\fs28\lang9 Pier repairs to close boardwalk\b0\fs22\par
By Nadia Kov\'e1cs\par
The town will close the boardwalk from May\~1 to June\~15. \ldblquote It\rquote s overdue,\rdblquote  said harbormaster Tom\'e1s Ortega.\par
Visitors from Kyiv, \f2\'ca\'e8\'bf\'e2\f0 , are welcome.\line Second line of the same paragraph.\par

\pard{\pntext\f1\'B7\tab}{\*\pn\pnlvlblt\pnf1\pnindent0{\pntxtb\'B7}}\fi-360\li720\sa200 First bullet\par
{\pntext\f1\'B7\tab}Second bullet\par
\pard\sa200 The end \emdash  really \endash  with a soft\-hyphen and an emoji \u-10179?\u-8638? here.\par
}"""


def test_wordpad_rtf_lists_line_breaks_and_font_code_pages(tmp_path: Path) -> None:
    """WordPad: \\pntext bullets are list items, \\line a soft break, a Cyrillic font decodes."""
    assert blocks(rtf(tmp_path, WORDPAD)) == [
        ("title", "Pier repairs to close boardwalk"),
        ("byline", "By Nadia Kov\u00e1cs"),
        (
            "paragraph",
            "The town will close the boardwalk from May\u00a01 to June\u00a015. \u201cIt\u2019s "
            "overdue,\u201d said harbormaster Tom\u00e1s Ortega.",
        ),
        (
            "paragraph",
            "Visitors from Kyiv, \u041a\u0438\u0457\u0432, are welcome.\n"
            "Second line of the same paragraph.",
        ),
        ("list_item", "First bullet"),
        ("list_item", "Second bullet"),
        (
            "paragraph",
            "The end \u2014 really \u2013 with a softhyphen and an emoji \U0001f642 here.",
        ),
    ]


WORD = rb"""{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}{\f1\fswiss\fcharset238 Arial CE;}}
{\stylesheet{\ql \snext0 Normal;}{\s1\ql\outlinelevel0 \sbasedon0 \snext0 heading 1;}{\*\cs10 \additive Default Paragraph Font;}{\s17\li720\sbasedon0 \snext17 List Paragraph;}{\s18\sbasedon0 footnote text;}}
{\info{\title Draft}{\author Reporter}}{\*\generator Microsoft Word;}
{\*\ftnsep \pard\plain \chftnsep \par }
\sectd {\headerr \pard\plain HEADER TEXT\par }{\footerr \pard\plain FOOTER {\field{\*\fldinst { PAGE }}{\fldrslt {1}}}\par }
\pard\plain \s1\outlinelevel0 Zoning board rejects quarry expansion\par
\pard\plain {By Greta Lindahl}\par
{The zoning board voted 5\endash 0 to reject the expansion}{\cs19\super \chftn {\footnote \pard\plain \s18 {\cs19\super \chftn } Minutes of the April\~9 meeting.}}{, citing {\*\atrfstart 1}dust{\*\atrfend 1}{\*\atnid RL}{\*\atnauthor Reporter}\chatn {\*\annotation{\*\atnref 1}\pard\plain {ANNOTATION check spelling}} and noise. See {\field{\*\fldinst {HYPERLINK "http://example.org/minutes"}}{\fldrslt {\ul the minutes}}}{\*\bkmkstart _Ref1}{\*\bkmkend _Ref1}.}{\deleted\revauthdel1 DELETEDTEXT }{\v HIDDENTEXT }\par
\pard \s17\li720\ls1 {\listtext\pard\plain \'b7\tab}{Truck traffic}\par
{\listtext\pard\plain \'b7\tab}{Blasting hours}\par
\pard {\shp{\*\shpinst\shpleft0{\sp{\sn shapeType}{\sv 202}}{\shptxt \pard\plain Caption: The quarry seen from Route 9.\par }}{\shprslt{\*\do\dobxcolumn{\*\dptxbxtext \pard Caption: The quarry seen from Route 9.\par }}}}Residents in Tr\'e9ville {\f1 P\'f8\'edbram} cheered.\par
\trowd\cellx4680\cellx9360\pard\plain \intbl {Year\cell 2024\cell }\pard\plain \intbl {\trowd\cellx4680\cellx9360\row }
\trowd\cellx4680\clvmrg\cellx9360\pard\plain \intbl {Tons\cell }{\cell }\pard\plain \intbl {\trowd\cellx4680\clvmrg\cellx9360\row }
\pard\plain {Binary {\*\objdata \bin4 {}{x} data} after.\par }
}"""


def test_word_rtf_notes_comments_fields_shapes_and_tables(tmp_path: Path) -> None:
    """Word: footnote after the body, no annotation/header/deleted/hidden text, field result
    kept, text box once (not its \\shprslt copy), a Central European font, merged cell, \\bin."""
    source = rtf(tmp_path, WORD)
    assert blocks(source) == [
        ("title", "Zoning board rejects quarry expansion"),
        ("byline", "By Greta Lindahl"),
        (
            "paragraph",
            "The zoning board voted 5\u20130 to reject the expansion, citing dust and "
            "noise. See the minutes.",
        ),  # fmt: skip
        ("list_item", "Truck traffic"),
        ("list_item", "Blasting hours"),
        ("caption", "Caption: The quarry seen from Route 9."),
        ("paragraph", "Residents in Tr\u00e9ville P\u0159\u00edbram cheered."),
        ("table", "Year | 2024"),
        ("table", "Tons"),
        ("paragraph", "Binary data after."),
        ("paragraph", "[1] Minutes of the April\u00a09 meeting."),
    ]


def test_textedit_rtf_backslash_newline_paragraphs_and_uc0(tmp_path: Path) -> None:
    """macOS TextEdit ends paragraphs with a backslash-newline and writes \\uc0\\uN escapes."""
    data = (
        b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
        b"{\\colortbl;\\red255\\green255\\blue255;}\n{\\*\\expandedcolortbl;;}\n"
        b"\\pard\\tx566\\pardirnatural\\partightenfactor0\n\n\\f0\\fs24 \\cf0 Ferry schedule changes\\\n"
        b"\\\nThe 6:15 run moves \\'93starting Monday,\\'94 said the operator \\uc0\\u8212  for now.\\\n"
        b"Second paragraph.}"
    )
    assert blocks(rtf(tmp_path, data)) == [
        ("title", "Ferry schedule changes"),
        (
            "paragraph",
            "The 6:15 run moves \u201cstarting Monday,\u201d said the operator \u2014 for now.",
        ),
        ("paragraph", "Second paragraph."),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (rb"{\rtf1\ansi\ansicpg1250 \'8aibenik \'9eupanija\par}", "\u0160ibenik \u017eupanija"),
        (rb"{\rtf1\ansi\uc2 Caf\u233\'c3\'a9 ok\par}", "Caf\u00e9 ok"),
        (rb"{\rtf1\ansi\uc1 Stra\u223?e {\uc0\u8364}\par}", "Stra\u00dfe \u20ac"),
        (rb"{\rtf1\mac Caf\'8e cr\'8fme\par}", "Caf\u00e9 cr\u00e8me"),
        (rb"{\rtf1\ansi\ansicpg932 \'93\'fa\'96\'7b\par}", "\u65e5\u672c"),
        (rb"{\rtf1\ansi Zo\u235\'eb and e\u769\'3f\par}", "Zo\u00eb and \u00e9"),
    ],
)
def test_rtf_unicode_and_code_page_escapes(tmp_path: Path, data: bytes, expected: str) -> None:
    """\\uN skips its \\ucN fallback; \\'hh follows \\ansicpg, \\mac or a double-byte page."""
    assert rtf(tmp_path, data).text == expected


def test_rtf_nested_too_deeply_is_refused_quickly(tmp_path: Path) -> None:
    """Thousands of open groups give a FormatError, not a crash or a long wait."""
    path = tmp_path / "deep.rtf"
    path.write_bytes(b"{\\rtf1" + b"{" * 200_000)
    started = time.perf_counter()
    with pytest.raises(FormatError, match="nested too deeply"):
        load_source(path)
    assert time.perf_counter() - started < 2


def test_rtf_with_a_large_picture_imports_quickly(tmp_path: Path) -> None:
    """A 10 MB hex picture is skipped without slowing the import down."""
    picture = b"{\\pict\\pngblip " + (b"0123456789abcdef" * 8 + b"\r\n") * 80_000 + b"}"
    data = b"{\\rtf1\\ansi " + picture + b"Caption: the pier.\\par Body text.\\par}"
    started = time.perf_counter()
    source = rtf(tmp_path, data)
    assert time.perf_counter() - started < 3
    assert blocks(source) == [("caption", "Caption: the pier."), ("paragraph", "Body text.")]


def test_rtf_nested_thousands_of_levels_deep_still_imports(tmp_path: Path) -> None:
    """Generators wrap every run in its own group: 5,000 levels of real text are read."""
    depth = 5_000
    inner = rb"{\b\f0 Ferry talks resume.}\par "
    data = (
        rb"{\rtf1\ansi\ansicpg1250{\fonttbl{\f0\fswiss\fcharset238 Arial CE;}}"
        + rb"{\f0 " * depth
        + rb"Za\'9f\'f3\'b3\'e6 g\'ea\'9cl\'b9 ja\'9f\'f1.\par "
        + inner
        + b"}" * depth
        + b"}"
    )
    source = rtf(tmp_path, data)
    assert (
        source.text
        == "Za\u017a\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144.\n\nFerry talks resume."
    )


def test_rtf_over_the_paragraph_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.formats import rtf_state

    monkeypatch.setattr(rtf_state, "MAX_PARAGRAPHS", 50)
    path = tmp_path / "long.rtf"
    path.write_bytes(b"{\\rtf1\\ansi " + b"Line of text.\\par " * 51 + b"}")
    with pytest.raises(FormatError, match="more than 50 paragraphs"):
        load_source(path)
    path.write_bytes(b"{\\rtf1\\ansi " + b"Line of text.\\par " * 50 + b"}")
    assert load_source(path).text.count("Line of text.") == 50


def test_rtf_font_names_in_hex_and_lone_bytes_of_a_double_byte_page(tmp_path: Path) -> None:
    """A font named in \\'hh bytes is not text; a lone \\'a0 in a cp950 file is a no-break space."""
    data = (
        rb"{\rtf1\ansi\ansicpg950{\fonttbl{\f0\fcharset136 \'b7\'73\'b2\'d3\'a9\'fa\'c5\'e9;}"
        rb"{\f3\fcharset0 Courier New;}}"
        rb"\f0 \'a4\'e9\'a5\'bb{\f3\'a0}Harbor office\par}"
    )
    assert rtf(tmp_path, data).text == "\u65e5\u672c\u00a0Harbor office"
