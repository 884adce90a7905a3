"""Claim triggers that are phrases count only as whole phrases: "led to" makes a causal claim,
the "to" and "with" of any sentence make none; credit lines and link lines are not claims."""

from __future__ import annotations

from desktop_app.core.suggest import suggest

PREFIX = "Café 🎉 naïve. "  # emoji and accents before every span: offsets stay code points


def _claims(text: str) -> list[tuple[str, str]]:
    out = []
    for s in suggest(text):
        if s.kind == "claim":
            assert text[s.start : s.end] == s.text
            out.append((s.text, str(s.fields["claim_type"])))
    return out


def test_function_words_of_phrases_do_not_make_a_claim():
    assert _claims(PREFIX + "The mayor sat with residents to talk it over as a neighbour.") == []


def test_a_causal_phrase_makes_a_causal_claim():
    sentence = "The closure of the ward led to a shortage of beds."
    assert _claims(PREFIX + sentence) == [(sentence, "causal")]
    sentence = "The delays were due to a shortage of inspectors."
    assert _claims(PREFIX + sentence) == [(sentence, "causal")]


def test_a_phrase_split_across_words_is_not_the_phrase():
    # "canceled to" holds "led to" only inside a word
    assert _claims(PREFIX + "The trip was canceled to everyone's relief.") == [
        ("The trip was canceled to everyone's relief.", "event")
    ]


def test_credit_and_link_lines_are_not_claims():
    text = PREFIX + "Ann Lee contributed to this report from Cairo in 2024."
    assert _claims(text) == []
    assert _claims(PREFIX + "[Read: The port lost 40 percent of its trade since 2019]") == []


def test_a_sentence_that_only_explains_anonymity_is_not_a_claim():
    note = "They spoke on condition of anonymity because the talks were private."
    assert _claims(PREFIX + note) == []
    reported = (
        "The cap was dropped at the insistence of rural senators, according to two aides "
        "who requested anonymity to describe private talks."
    )
    assert [c for c, _ in _claims(PREFIX + reported)] == [reported]


def test_identifying_someone_is_still_a_claim():
    sentence = "Police identified the victim as a 34-year-old dock worker."
    assert [c for c, _ in _claims(PREFIX + sentence)] == [sentence]
