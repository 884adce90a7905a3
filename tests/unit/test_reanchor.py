"""Re-anchoring and word diffs on small hand-made revisions."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.annotations import new_annotation
from desktop_app.core.reanchor import reanchor
from desktop_app.core.textdiff import OffsetMap, format_word_diff, word_diff

DRAFT = (
    "The council met on Tuesday.\n\n"
    "\u201cWe will not raise taxes this year,\u201d the mayor said after the vote.\n\n"
    "Critics disagreed. \u201cThe budget is a fantasy,\u201d said Ana Ruiz, who leads the "
    "opposition.\n\n"
    "The vote was 5-4."
)


def tag(text: str, words: str, occurrence: int = 1, ident: str = "a"):
    pos = -1
    for _ in range(occurrence):
        pos = text.index(words, pos + 1)
    return replace(new_annotation("d1", text, "quote", pos, pos + len(words)), id=ident)


def test_unchanged_text_keeps_everything_in_place():
    """The same text: every annotation is `same`, at its offsets, with score 1."""
    notes = [tag(DRAFT, "We will not raise taxes", ident="q"), tag(DRAFT, "5-4", ident="v")]
    placements = reanchor(DRAFT, DRAFT, notes)
    assert [(p.fate, p.start, p.end, p.score) for p in placements] == [
        ("same", n.start, n.end, 1.0) for n in notes
    ]


def test_insertion_before_counts_code_points():
    """Emoji, a combining accent and a no-break space inserted before a quote move it by their
    code-point length (5), not by bytes or UTF-16 units."""
    note = tag(DRAFT, "The budget is a fantasy")
    revised = "\U0001f4f0 e\u0301\u00a0" + DRAFT
    (placed,) = reanchor(DRAFT, revised, [note])
    assert (placed.fate, placed.start, placed.end) == ("moved", note.start + 5, note.end + 5)
    assert placed.text == placed.previous_text == "The budget is a fantasy"


def test_reworded_quote_is_changed_not_moved():
    """A quote whose words changed lands on the new words, fate changed, with a readable diff."""
    note = tag(DRAFT, "We will not raise taxes this year")
    revised = DRAFT.replace("not raise taxes this year", "not raise taxes in 2025")
    (placed,) = reanchor(DRAFT, revised, [note])
    assert (placed.fate, placed.text) == ("changed", "We will not raise taxes in 2025")
    assert format_word_diff(word_diff(placed.previous_text, placed.text)) == (
        "We will not raise taxes [-this year-]{+in 2025+}"
    )


def test_deleted_sentence_orphans_its_quote_even_when_the_words_recur():
    """'the vote' is tagged in the mayor's paragraph; that paragraph is deleted, and the words
    still occur in the last sentence: the annotation is an orphan, not moved onto them."""
    note = tag(DRAFT, "after the vote")
    last = tag(DRAFT, "The vote was 5-4", ident="v")
    revised = DRAFT.replace(
        "\u201cWe will not raise taxes this year,\u201d the mayor said after the vote.\n\n", ""
    ).replace("The vote was 5-4.", "Later, after the vote, the mayor left.")
    placed, other = reanchor(DRAFT, revised, [note, last])
    assert (placed.fate, placed.start, placed.text) == ("orphaned", None, "")
    assert other.fate == "orphaned"


def test_rewritten_beyond_the_bound_is_an_orphan():
    """A quote rewritten into other words is not attached to them."""
    note = tag(DRAFT, "The budget is a fantasy")
    revised = DRAFT.replace("The budget is a fantasy", "Nobody believes these sums")
    (placed,) = reanchor(DRAFT, revised, [note])
    assert placed.fate == "orphaned"


def test_orphan_from_an_earlier_revision_is_placed_again_by_its_context():
    """An annotation already orphaned (no valid offsets) is placed when its words and context
    are back, and stays an orphan when they are not."""
    note = replace(tag(DRAFT, "The budget is a fantasy"), start=-1, end=-1, anchor_state="orphaned")
    (placed,) = reanchor("", DRAFT, [note])
    assert (placed.fate, placed.text) == ("moved", "The budget is a fantasy")
    (still,) = reanchor("", "An unrelated story.", [note])
    assert still.fate == "orphaned"


def test_fuzzy_search_handles_more_than_256_distinct_characters():
    """edlib compares at most 256 symbols; a CJK text far beyond that still finds an edited
    quote (the quote's own characters are folded, the rest share one code)."""
    chars = "".join(chr(0x4E00 + i) for i in range(600))
    old = chars[:300] + "\u3002" + chars[300:] + "\u3002"
    note = tag(old, chars[310:350])
    revised = chars[:300] + "\u3002" + chars[300:329] + "X" + chars[330:] + "\u3002"
    (placed,) = reanchor(old, revised, [note])
    assert placed.fate == "changed"
    assert placed.text == chars[310:329] + "X" + chars[330:350]


def test_word_diff_ops():
    """word_diff gives equal/delete/insert runs; identical and empty texts are handled."""
    assert word_diff("a b c", "a b c") == [("equal", "a b c")]
    assert word_diff("", "new words") == [("insert", "new words")]
    assert word_diff("gone", "") == [("delete", "gone")]
    assert format_word_diff(word_diff("one two three", "one 2 three four")) == (
        "one [-two-]{+2+} three {+four+}"
    )


SENTENCES = st.lists(
    st.sampled_from(["The mayor spoke.", "caf\u00e9 \U0001f600 open!", "12\u00a0percent?", "\n\n"]),
    max_size=30,
).map(" ".join)


@given(SENTENCES, SENTENCES)
def test_offset_map_blocks_are_equal_text(old, new):
    """Every block of the diff pairs equal text, in the same order in both revisions, and every
    change lies inside the new text."""
    offsets = OffsetMap(old, new)
    previous = (0, 0)
    for blk in offsets.blocks:
        assert old[blk.old_start : blk.old_end] == new[blk.new_start : blk.new_start + blk.size]
        assert (blk.old_start, blk.new_start) >= previous
        previous = (blk.old_end, blk.new_start + blk.size)
    assert all(0 <= s <= e <= len(new) for s, e in offsets.changes)
