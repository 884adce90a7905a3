"""Shortcuts in the suggester's hot loops give what the plain forms they replace give."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.suggest import anonymous, attribution, claims, quotes
from desktop_app.core.suggest.text import paragraphs

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PIECES = (
    "Ann Lee said|a spokeswoman for the firm, Talia Okonjo, said|according to|According to the "
    "report|he said|she told reporters in an email|the official|One of the aides|McDonald data|"
    'said Maria|a|an|went on|,|:|—|“|”|"|the|analysts|several people familiar with the talks|'
    "wrote|told|Sen. Ann Lee, 42, a teacher,|they|I|We|two officials|A|that aide|This|ccording to|"
    ", who|Kelsey Bay coach Theresa Mbeki|in a statement|.|\n|Smith|de la|Él|x|2|asked|told me|"
    ", a former mill mechanic who asked that his last name not be used because he works nearby,"
).split("|")
_ATTRIBUTIONS = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  "])), max_size=14
).map(lambda parts: "".join(p + s for p, s in parts))


def _plain_before(pre: str) -> tuple[str, str] | None:
    """before_attribution as it read with one _BEFORE.search over the window."""
    first = max(pre.rfind("“"), pre.rfind("”"), pre.rfind('"')) + 1
    m = attribution._BEFORE.search(pre, first)
    return None if m is None else attribution.before_speaker(m)


@_SETTINGS
@given(_ATTRIBUTIONS)
def test_before_attribution_anchored_at_the_cue_equals_the_search(draft: str):
    """Leftmost speaker through each closing cue, then one match == one search of the window."""
    window = draft[-160:]
    assert attribution.before_attribution(draft, 0, len(draft)) == _plain_before(window)


def test_before_attribution_takes_the_leftmost_start_over_every_cue():
    # the speaker phrase of the later cue ("the … wrote") starts before the earlier cue's ("he")
    pre = "It was the    \n   wrote  told me  "
    assert attribution.before_attribution(pre, 0, len(pre)) == _plain_before(pre)
    assert attribution.before_attribution(pre, 0, len(pre)) == ("the    \n   wrote", "told me")
    # "ccording to" at the window's start does not hide a later "According to"
    pre = "ccording to the plan, and, According to the report   "
    assert attribution.before_attribution(pre, 0, len(pre)) == ("the report", "according to")


_LETTERS = st.text(alphabet="aest ", max_size=40)


@_SETTINGS
@given(_LETTERS, st.integers(0, 40), st.integers(0, 40))
def test_long_est_search_equals_the_word_loop(letters: str, start: int, end: int):
    """A word of six letters or more ending in "est" inside letters[start:end], either way."""
    data = letters.encode()
    start, end = min(start, len(data)), min(max(start, end), len(data))
    words = data[start:end].split()
    loop = any(w.endswith(b"est") and len(w) > 5 for w in words)
    assert bool(claims._LONG_EST.search(data, start + 3, end)) == loop


_SENTENCES = st.text(alphabet="( BPREis aRbyEdtPho:\u2009\nxw", max_size=30)


@_SETTINGS
@given(_SENTENCES, st.integers(0, 30))
def test_prose_prefilter_never_skips_a_credit(text: str, start: int):
    """Where _NOT_PROSE matches, its first character or " is a" passes the prefilter."""
    if start >= len(text):
        return
    if claims._NOT_PROSE_AT.match(text, start, len(text)):
        assert text[start] in claims._PROSE_FIRSTS or text.find(" is a", start) >= 0


def test_claims_still_drop_credits_and_keep_facts():
    text = (
        "Reporting by Ann Lee in 2024. Dana is a reporter who covered 12 trials. "
        "The latest budget rose 4 percent."
    )
    spans = [(0, 28), (29, 71), (72, len(text))]
    found = claims.candidate_sentences(text, spans, [], [])
    assert [(s, e) for s, e, _ in found] == [(72, len(text))]
    assert re.search("percent", text[found[0][0] : found[0][1]])


_REASON_PIECES = (
    "spoke speaking talked agreed to speak on the condition of anonymity that he she their names "
    "not be named identified used requested asked for sought was were granted insisted anonymity "
    "declined wished preferred did want to be that only first name last full family sur be "
    "withheld gave give giving provided his her is are authorized allowed cleared speak publicly "
    "because since fear , . ; ) ( \n Spoke insisted misspoke this isn't condition"
).split(" ")


@_SETTINGS
@given(st.lists(st.sampled_from(_REASON_PIECES), max_size=50).map(" ".join))
def test_reasons_found_from_first_words_equal_the_whole_text_pass(draft: str):
    """Markers tried only at first words before their marker words == one pass over the text."""
    low = draft.lower()
    if len(low) != len(draft):
        return
    assert anonymous.find_reasons(draft, low) == anonymous.find_reasons(draft, None)


def test_reasons_found_from_first_words_in_copy():
    text = (
        "The aide, who asked that only her first name be used because she fears reprisals, left. "
        "Two officials spoke on the condition of anonymity because the talks are private."
    )
    reasons = anonymous.find_reasons(text, text.lower())
    assert reasons == anonymous.find_reasons(text, None)
    assert [text[r.start : r.end] for r in reasons] == [
        "because she fears reprisals",
        "because the talks are private",
    ]


_GROUP_PIECES = (
    "officials|Officials|analysts|experts|residents|said|say|told|warned|believe|the|of|and|"
    "Shipping|ex-Shipping|x-y|Top_|3D|É|county|state-run|—|,|.|“|\n|\u00a0|’|-|the state"
).split("|")


@_SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(_GROUP_PIECES), st.sampled_from(["", " ", "  ", "\n"])),
        max_size=30,
    ).map(lambda parts: "".join(p + s for p, s in parts))
)
def test_group_sources_tried_at_their_nouns_equal_the_whole_text_pass(draft: str):
    """ "Shipping analysts said": tried at the noun and the word starts before it == one pass."""
    low = draft.lower()
    if len(low) != len(draft):
        return
    body = [(0, len(draft))]
    assert anonymous.find_sources(draft, body, low) == anonymous.find_sources(draft, body, None)


def test_group_source_takes_the_whole_hyphenated_word_before_its_noun():
    text = "Prices fell. ex-Shipping analysts said the 3D officials told no one."
    low = text.lower()
    body = [(0, len(text))]
    found = anonymous.find_sources(text, body, low)
    assert found == anonymous.find_sources(text, body, None)
    assert [s.phrase for s in found] == ["ex-Shipping analysts"]  # "D officials": a word before


def _plain_answers(text: str, spans: list[tuple[int, int]]) -> list[quotes.RawQuote]:
    """quotes.answers as it read: _ANSWER tried at each paragraph start in turn."""
    if "Q:" not in text and "Q." not in text:
        return []
    out = []
    for p, (start, p_end) in enumerate(spans):
        if p + 1 < len(spans) and spans[p + 1][0] == start:
            continue
        m = quotes._ANSWER.match(text, start)
        if m is None or text[start] == "Q":
            continue
        end = quotes._trimmed_end(text, m.end(), p_end)
        if end > m.end():
            out.append(quotes.RawQuote(m.end(), end, True, False, answer=True))
    return out


_TRANSCRIPT = st.lists(
    st.tuples(
        st.sampled_from(
            "Q: Why?|A: Yes.|A. Fine|A:|A man|LEE: No.|ANN LEE: so|ÉL: oui|AB|Text| |".split("|")
        ),
        st.sampled_from(["\n", "\n\n", "\n \n", " ", ""]),
    ),
    max_size=8,
).map(lambda parts: "".join(p + s for p, s in parts))


@_SETTINGS
@given(_TRANSCRIPT, st.booleans())
def test_answers_equal_the_paragraph_loop(text: str, repeat_first: bool):
    spans = paragraphs(text, None)
    if repeat_first and spans:
        spans = [spans[0], *spans]  # two paragraphs starting at one offset: the last one counts
    assert quotes.answers(text, spans) == _plain_answers(text, spans)


@_SETTINGS
@given(st.text(alphabet="ab 1?€£¥٣😀é“$%\n", max_size=60), st.booleans())
def test_hard_marks_mark_what_the_pattern_matches(text: str, lowered: bool):
    """A "#" exactly where _HARD_CHAR matches (digits of every script, $ % € £ ¥)."""
    copy = (text.lower() if lowered else text).encode("ascii", "replace")
    marks = claims._hard_marks(text, copy)
    if marks is None:  # too many characters that are not ASCII: the pattern decides then
        assert copy.count(b"?") - text.count("?") > len(text) // 16
        return
    assert [m == 35 for m in marks] == [
        bool(claims._HARD_CHAR.match(text, i)) for i in range(len(text))
    ]
