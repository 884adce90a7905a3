"""Plain text and Markdown as newsrooms save them: line endings, wraps, encodings, front matter."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from desktop_app.core.model import SourceText
from desktop_app.formats import FormatError, load_source

STORY = """MAYOR PROPOSES FOUR-DAY WEEK FOR CITY STAFF

By Colm Brady

The mayor on Wednesday proposed moving about 300 city employees to a
four-day work week, saying it would save money on heating and lighting
municipal buildings.

\u201cPeople work better when they are rested,\u201d Mayor Irene Salo said \u2014
adding that the change would be voluntary.
 \t
Union leaders said they had not seen the plan.\f
The council will take it up on June\u00a03.
"""
STORY_BLOCKS = [
    ("title", "MAYOR PROPOSES FOUR-DAY WEEK FOR CITY STAFF"),
    ("byline", "By Colm Brady"),
    (
        "paragraph",
        "The mayor on Wednesday proposed moving about 300 city employees to a four-day work week, "
        "saying it would save money on heating and lighting municipal buildings.",
    ),
    (
        "paragraph",
        "\u201cPeople work better when they are rested,\u201d Mayor Irene Salo said \u2014 adding "
        "that the change would be voluntary.",
    ),
    ("paragraph", "Union leaders said they had not seen the plan."),
    ("paragraph", "The council will take it up on June\u00a03."),
]


def blocks(source: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def load(tmp_path: Path, data: str | bytes, name: str = "story.txt") -> SourceText:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    source = load_source(path)
    slices = [source.text[b.start : b.end] for b in source.blocks]
    assert "\n\n".join(slices) == source.text and all("\n\n" not in s for s in slices)
    assert unicodedata.is_normalized("NFC", source.text) and "\r" not in source.text
    return source


@pytest.mark.parametrize(
    "data",
    [
        ("\ufeff" + STORY.replace("\n", "\r\n")).encode("utf-8"),  # Windows Notepad
        STORY.replace("\n", "\r").encode("utf-8"),  # classic Mac
        STORY.encode("utf-16"),
    ],
    ids=["bom-crlf", "cr-only", "utf16"],
)
def test_txt_line_endings_blank_lines_with_spaces_and_form_feeds(
    tmp_path: Path, data: bytes
) -> None:
    """CRLF, CR-only, BOMs: 72-column wraps are joined, whitespace-only lines and \\f split."""
    assert blocks(load(tmp_path, data)) == STORY_BLOCKS


def test_txt_in_windows_1252_with_curly_quotes(tmp_path: Path) -> None:
    """A Windows-1252 file (curly quotes and dashes in the 0x80-0x9F range) decodes."""
    data = STORY.replace("\u00a0", " ").encode("cp1252")
    source = load(tmp_path, data)
    assert blocks(source)[3] == STORY_BLOCKS[3]


def test_utf8_with_a_stray_byte_is_not_read_as_another_code_page(tmp_path: Path) -> None:
    """One invalid byte in a UTF-8 file is read as Windows-1252; the rest stays intact UTF-8."""
    data = STORY.encode("utf-8").replace(b"municipal", b"municipal\x92s")
    source = load(tmp_path, data)
    assert "lighting municipal\u2019s buildings" in source.text
    assert blocks(source)[3] == STORY_BLOCKS[3] and "June\u00a03" in source.text


def test_txt_with_one_paragraph_per_line_and_no_blank_lines(tmp_path: Path) -> None:
    """Text exported with a newline per paragraph (no wrapping) is not glued into one block."""
    text = (
        "Headline of the story\nBy Ann Lee\n"
        + "The first paragraph is one long line that was never wrapped because the editor typed "
        "it in a word processor and exported it as text.\n"
        + "The second paragraph is also one long line, again without any wrapping at all, "
        "because nobody pressed enter inside it.\n"
    )
    assert [kind for kind, _ in blocks(load(tmp_path, text))] == [
        "title",
        "byline",
        "paragraph",
        "paragraph",
    ]


def test_txt_hard_wrapped_paragraphs_without_blank_lines(tmp_path: Path) -> None:
    """In wrapped text, a short line ending a sentence (the next word would have fitted) ends
    its paragraph; an indented first line starts one; ordinary wraps are joined."""
    text = (
        "The harbor commission met on Tuesday and approved a new fee schedule\n"
        "for the marina after a long debate.\n"
        "Commissioner Lee voted against the plan, saying the fees were too high\n"
        "for families who keep small boats at the docks.\n"
        "    Another paragraph starts with an indent and wraps at the same width\n"
        "as the others.\n"
    )
    assert [text for _, text in blocks(load(tmp_path, text))] == [
        "The harbor commission met on Tuesday and approved a new fee schedule for the marina "
        "after a long debate.",
        "Commissioner Lee voted against the plan, saying the fees were too high for families "
        "who keep small boats at the docks.",
        "Another paragraph starts with an indent and wraps at the same width as the others.",
    ]


def test_txt_headline_and_byline_on_consecutive_lines(tmp_path: Path) -> None:
    """A headline directly followed by its byline (no blank line) in wrapped text is two blocks."""
    text = (
        "COUNTY FAIR CANCELLED\nBy Jane Doe\n\nThe county fair will not take place this summer, "
        "the board said on\nMonday, citing the cost of insurance and a shortage of volunteers "
        "to\nrun the gates.\n"
    )
    assert blocks(load(tmp_path, text)) == [
        ("title", "COUNTY FAIR CANCELLED"),
        ("byline", "By Jane Doe"),
        (
            "paragraph",
            "The county fair will not take place this summer, the board said on Monday, citing "
            "the cost of insurance and a shortage of volunteers to run the gates.",
        ),
    ]


def test_txt_list_after_an_intro_line_in_the_same_chunk(tmp_path: Path) -> None:
    """Bullets right after an intro line (no blank line) are still list items."""
    source = load(tmp_path, "The plan would:\n- add two buses\n- cut fares\n  for students\n")
    assert blocks(source) == [
        ("paragraph", "The plan would:"),
        ("list_item", "add two buses"),
        ("list_item", "cut fares for students"),
    ]


@pytest.mark.parametrize("data", [b" \t\r\n\x0c\n  \xc2\xa0 \n", b"\xef\xbb\xbf \r\n", b"\n\n"])
def test_whitespace_only_text_is_refused_as_having_no_text(tmp_path: Path, data: bytes) -> None:
    """Spaces, tabs, NBSPs, form feeds or a lone BOM: FormatError "contains no text"."""
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(FormatError, match="contains no text"):
        load_source(path)


MARKDOWN = """---
title: "Council approves dog park on Birch Street"
author: Leo Marsh
tags: [parks, council]
---

By Leo Marsh

The city council voted 6-1 on Tuesday to build a
fenced dog park on an empty lot at Birch Street, ending a
[two-year debate][debate] about the site.[^minutes]

![A fenced lot on Birch Street](lot.jpg "The empty lot")

*Photo: The lot at Birch Street. (Leo Marsh)*

Council member Ana Ferraz called it "a small win".<br>See the [notice](https://example.org).

What happens next
-----------------

Construction starts in **June** and costs about `$180,000`.

| Item | Cost | Note |
|:-----|-----:|------|
| Fencing | $90,000 | |

[debate]: https://example.org/debate "Debate"
[^minutes]: Council minutes, April 2.
"""


def test_markdown_front_matter_title_links_images_notes_and_tables(tmp_path: Path) -> None:
    """Front-matter title becomes the title block (front matter is not text); link text stays;
    images are dropped; inline <br> is a soft break; notes go last; empty cells are left out."""
    source = load(tmp_path, MARKDOWN, "dog-park.md")
    assert source.title == "Council approves dog park on Birch Street"
    assert blocks(source) == [
        ("title", "Council approves dog park on Birch Street"),
        ("byline", "By Leo Marsh"),
        (
            "paragraph",
            "The city council voted 6-1 on Tuesday to build a fenced dog park on an empty lot at "
            "Birch Street, ending a two-year debate about the site.",
        ),
        ("caption", "Photo: The lot at Birch Street. (Leo Marsh)"),
        ("paragraph", 'Council member Ana Ferraz called it "a small win".\nSee the notice.'),
        ("heading", "What happens next"),
        ("paragraph", "Construction starts in June and costs about $180,000."),
        ("table", "Item | Cost | Note"),
        ("table", "Fencing | $90,000"),
        ("paragraph", "[minutes] Council minutes, April 2."),
    ]
    for absent in ("author:", "tags", "lot.jpg", "The empty lot", "https://"):
        assert absent not in source.text, absent


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("+++\ntitle = 'Hugo draft title'\ndate = 2024-01-02\n+++\n", "Hugo draft title"),
        ("---\ntitle: Plain YAML title\n---\n", "Plain YAML title"),
        ("---\ntitle: Front matter title\n---\n# Heading in the text\n", "Heading in the text"),
    ],
)
def test_markdown_front_matter_title_forms(tmp_path: Path, head: str, title: str) -> None:
    """TOML and YAML titles are read; a leading # heading in the text wins over front matter."""
    source = load(tmp_path, head + "\nBody paragraph.\n", "draft.md")
    assert source.title == title
    assert blocks(source) == [("title", title), ("paragraph", "Body paragraph.")]
