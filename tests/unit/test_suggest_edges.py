"""Behaviour the suggester changed on purpose, at the edges, when it was made faster."""

from __future__ import annotations

from desktop_app.core.suggest import attribution, suggest
from desktop_app.core.suggest.model import Suggestion, suggestion


def _groups(draft: str) -> list[str]:
    return [
        s.text
        for s in suggest(draft)
        if s.kind == "anonymous_source" and s.fields.get("kind") == "group"
    ]


def test_group_noun_after_white_space_a_mark_or_at_the_start_is_a_source():
    assert _groups("Officials said the bridge would close.") == ["Officials"]
    assert _groups("The vote was close. “Officials said it was,” she wrote.") == ["Officials"]
    assert _groups("The vote was close. \u2014officials said so.") == ["officials"]
    assert _groups("Port 😀 analysts said shipping slowed.") == ["analysts"]


def test_group_noun_inside_a_word_or_after_ascii_punctuation_is_not():
    assert _groups("The plan drew fire. Non-residents said they would pay more.") == []
    assert _groups("The plan drew fire (officials said so) on Monday.") == []


def test_suggestion_is_immutable_and_built_alike_both_ways():
    made = Suggestion("quote", 3, 9, "“Yes,”", {"speaker": "Ann Lee"}, 0.9)
    assert made == suggestion("quote", 3, 9, "“Yes,”", {"speaker": "Ann Lee"}, 0.9)
    assert Suggestion("claim", 0, 4, "Rose").fields == {}
    assert Suggestion("claim", 0, 4, "Rose").confidence == 0.5
    try:
        made.start = 4  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a suggestion can be changed")
    assert made.to_json()["fields"] == {"speaker": "Ann Lee"}


def _who_before(pre: str) -> tuple[str, str] | None:
    return attribution.before_attribution(pre, 0, len(pre))


def test_speaker_before_the_quote_starts_at_a_word_start():
    # a pronoun or "a ..." at the end of a longer word is no speaker phrase
    assert _who_before("Then xhe said: ") is None
    assert _who_before("Santa Clara officials said: ") is None  # was "a Clara officials"
    assert _who_before("Sasha said: ") == ("Sasha", "said")
    assert _who_before("Then he said: ") == ("he", "said")
    assert _who_before("Clara and a neighbor said: ") == ("a neighbor", "said")
