"""Golden revisions: three sample articles and their edited copies (tests/fixtures/revisions/).

Each JSON names its annotations by their words and occurrence in the first draft, and gives
the fate each must get in the revision and, if placed, the words it must land on.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import new_annotation
from desktop_app.core.reanchor import reanchor
from desktop_app.core.textdiff import format_word_diff, word_diff

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "revisions"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def nth(text: str, words: str, n: int) -> int:
    """Offset of the n-th (1-based) occurrence of words in text."""
    pos = -1
    for _ in range(n):
        pos = text.index(words, pos + 1)
    return pos


def carry(case: str):
    spec = json.loads((FIXTURES / f"{case}.json").read_text(encoding="utf-8"))
    old = (FIXTURES / spec["old"]).read_text(encoding="utf-8")
    new = (FIXTURES / spec["new"]).read_text(encoding="utf-8")
    annotations = []
    for item in spec["annotations"]:
        start = nth(old, item["words"], item["occurrence"])
        made = new_annotation("draft-1", old, item["tag"], start, start + len(item["words"]))
        annotations.append(replace(made, id=item["id"]))
    placements = {p.annotation_id: p for p in reanchor(old, new, annotations)}
    return spec["annotations"], placements, new


def test_there_are_three_articles_with_every_kind_of_edit():
    """The fixtures cover every fate, in at least three articles."""
    assert len(CASES) >= 3
    fates = {a["fate"] for case in CASES for a in carry(case)[0]}
    assert fates == {"same", "moved", "changed", "orphaned"}


@pytest.mark.parametrize("case", CASES)
def test_every_annotation_gets_its_expected_fate_and_words(case):
    """Survivors land on their words (the right occurrence of a repeated quote); reworded ones
    are changed and land on the new wording; annotations of deleted text are orphans."""
    expected, placements, new = carry(case)
    for item in expected:
        got = placements[item["id"]]
        assert got.fate == item["fate"], (item["id"], got)
        assert got.previous_text == item["words"]
        if item["fate"] == "orphaned":
            assert (got.start, got.end, got.text) == (None, None, "")
            continue
        words = item.get("new_words", item["words"])
        start = nth(new, words, item.get("new_occurrence", 1))
        assert (got.start, got.end, got.text) == (start, start + len(words), words), item["id"]


def test_reworded_quotes_carry_a_word_diff():
    """A changed quote's diff strikes the old words and marks the new ones."""
    _, placements, _ = carry("harbour")
    hale = placements["h-hale"]
    assert format_word_diff(word_diff(hale.previous_text, hale.text)) == (
        "This loan will double [-the-] harbour fees within five years, and the people "
        "[-who pay-]{+paying+} them are the same fishermen cheering tonight"
    )
    _, placements, _ = carry("orchestra")
    odel = placements["o-odel-mistakes"]
    assert word_diff(odel.previous_text, odel.text) == [
        ("equal", "We made mistakes with the paperwork,"),
        ("delete", "not"),
        ("insert", "never"),
        ("equal", "with the money."),
    ]


def test_repeated_quote_stays_on_its_own_occurrence():
    """Odel's "We are not going to stop playing" moved with its paragraph and is repeated in a
    new last paragraph: the annotation follows its paragraph, not the later copy."""
    _, placements, new = carry("orchestra")
    stop = placements["o-stop"]
    assert new.count(stop.text) == 2
    assert stop.start == new.index(stop.text)
    assert new[stop.end :].startswith('," Odel said')
