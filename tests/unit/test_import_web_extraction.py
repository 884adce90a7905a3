"""Article extraction on layouts the peer pages showed: a report written as lists, and a docs
page whose sections carry heading slugs as ids ("sharing-with-the-desk"). Our own words."""

from __future__ import annotations

from desktop_app.formats import load_source

ITEMS = [
    "The harbour board approved the dredging contract after a two-hour debate on Tuesday night",
    "Ferry timetables change from next month, with an extra sailing to Skerry Island on Sundays",
    "Repairs to the north breakwater, damaged in the January storm, will start in the spring",
    "The council asked for a study of the eelgrass beds before any more sand is moved there",
    "Fishermen on the quay said the new ice plant has cut their waiting times by half this year",
]


def _menu() -> str:
    links = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
    return (
        f"<div class='site-title-wrap content'><a href='/'>Coast Courier</a><ul>{links}</ul></div>"
    )


def test_weekly_report_written_as_lists_is_kept_whole(tmp_path):
    bullets = "".join(f"<li>{item}, the desk reports.</li>" for item in ITEMS)
    caption = (
        "<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>The dredger "
        "Marit at work off the north pier, seen from the ferry.</p></div>"
    )
    page = (
        f"<html><body>{_menu()}<div id='page'><div class='notes'><h1>This week at the harbour</h1>"
        f"<h2>Highlights</h2><ul>{bullets}</ul><h2>Still to come</h2><ul>{bullets}</ul></div>"
        f"<div class='pictures'>{caption}</div></div><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "weekly.html"
    path.write_text(page)
    text = load_source(path).text
    for item in ITEMS:
        assert item in text
    assert "Highlights" in text and "Still to come" in text
    assert "Section 3" not in text


def test_section_whose_id_is_a_heading_slug_is_not_taken_for_a_share_bar(tmp_path):
    def section(slug: str, title: str, sentence: str) -> str:
        return f"<div class='section' id='{slug}'><h2>{title}</h2><p>{sentence}</p></div>"

    page = (
        "<html><body><div class='content'><div class='section' id='desk-guide'>"
        "<h1>How the desk shares copy</h1><p>Every story passes through two editors before it "
        "reaches the page, and each one signs the log with the time.</p>"
        + section(
            "sharing-with-a-single-editor",
            "Sharing with a single editor",
            "A reporter sends the draft to one editor, who checks quotes against the notes.",
        )
        + section(
            "related-work-on-the-night-desk",
            "Related work on the night desk",
            "The night desk rechecks names and ages before the final edition goes out.",
        )
        + "<div class='share'><a href='/x'>Share on social</a></div></div></div></body></html>"
    )
    path = tmp_path / "guide.html"
    path.write_text(page)
    text = load_source(path).text
    assert "who checks quotes against the notes" in text
    assert "rechecks names and ages" in text
    assert "Share on social" not in text


def test_hand_made_page_with_paragraphs_in_body_and_a_table_box_keeps_both(tmp_path):
    sentence = (
        "The ferry company says the winter timetable, with its two extra crossings on "
        "Saturdays, will stay in place until the new pier opens, whatever the council decides. "
    )
    # More prose in the table box than loose in <body>, but the page holds twice the box's.
    loose = "".join(f"<p>Loose paragraph {i}. {sentence}</p>" for i in range(5))
    boxed = "".join(f"<p>Boxed paragraph {i}. {sentence}</p>" for i in range(4))
    quoted = "".join(f"<p>Quoted letter {i}. {sentence.replace(',', '')}</p>" for i in range(5))
    page = (
        "<html><body><h1>Why the ferry runs late</h1><div><table><tr><td>"
        f"{boxed}</td><td><p>Updated twice a week.</p></td></tr></table></div>{loose}"
        f"<blockquote>{quoted}</blockquote></body></html>"
    )
    path = tmp_path / "handmade.html"
    path.write_text(page)
    text = load_source(path).text
    for marker in (
        "Boxed paragraph 3",
        "Loose paragraph 0",
        "Loose paragraph 4",
        "Quoted letter 4",
    ):
        assert marker in text
