"""News-site layouts rebuilt with our own words (tests/fixtures/formats/web/), and hostile HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.formats import FormatError, load_source

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "web"
BODY_START = "The ferry operator said on Monday"
BODY_END = "crews were being trained this month."


def _blocks(name: str) -> list[tuple[str, str]]:
    source = load_source(WEB / name)
    return [(b.kind, source.text[b.start : b.end]) for b in source.blocks]


def test_portal_page_keeps_the_story_not_its_link_lists():
    blocks = _blocks("portal.html")
    text = " ".join(t for _, t in blocks)
    assert blocks[0] == ("title", "Morning ferry to return in April")
    assert ("byline", "By Mara Lind") in blocks
    assert "Islanders have waited all winter for the early crossing." in text
    assert any(k == "caption" and "north quay" in t for k, t in blocks)
    assert BODY_START in text and BODY_END in text
    for furniture in ("Most read", "Harbour lights", "More from the islands", "cookies", "rights"):
        assert furniture not in text


def test_article_split_in_small_divs_is_kept_whole():
    text = " ".join(t for _, t in _blocks("split_divs.html"))
    assert text.startswith("Morning ferry to return in April")
    assert BODY_START in text and BODY_END in text
    assert "Share" not in text and "Gazette" not in text


def test_article_with_long_comment_thread_drops_the_comments():
    blocks = _blocks("article_comments.html")
    text = " ".join(t for _, t in blocks)
    assert blocks[0] == ("title", "Morning ferry to return in April")
    assert ("byline", "By Mara Lind") in blocks
    assert ("caption", "The ferry at the north quay in January.") in blocks
    assert BODY_START in text and BODY_END in text
    assert "reader" not in text and "comments" not in text and "Quay Street" not in text


def test_documentation_page_keeps_headings_lists_and_code_but_not_its_menu():
    blocks = _blocks("docs_page.html")
    kinds = [k for k, _ in blocks]
    text = " ".join(t for _, t in blocks)
    assert blocks[0] == ("title", "Tagging quotes and claims")
    assert kinds.count("heading") == 2 and kinds.count("list_item") == 3
    assert "copydesk check draft.docx" in text
    assert "Getting started" not in text and "License" not in text


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        (b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep.</p>" + b"</div>" * 100_000, "deeply"),
        (b'<html><body><p title="' + b"x" * 12_000_000 + b'">Hi there.</p></body></html>', "large"),
    ],
)
def test_hostile_page_is_one_clear_line(tmp_path, markup, reason):
    path = tmp_path / "hostile.html"
    path.write_bytes(markup)
    with pytest.raises(FormatError) as caught:
        load_source(path)
    message = str(caught.value)
    assert reason in message and "\n" not in message and "no text" not in message


def test_entity_expansion_in_a_page_stays_small(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    markup = f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY l0 "ha">{lol}]><html><body><p>&l8;</p>'
    path = tmp_path / "laughs.html"
    path.write_text(markup + "<p>Council meets tonight.</p></body></html>")
    source = load_source(path)
    assert len(source.text) < 1000 and "Council meets tonight." in source.text
