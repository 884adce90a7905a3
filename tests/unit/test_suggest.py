"""Behaviour of the suggester on each newsroom construct (offsets are code points)."""

from __future__ import annotations

from desktop_app.core.suggest import Suggestion, names_in, suggest

PREFIX = "Café 🎉 naïve. "  # emoji and accents before every span: offsets must stay code points


def _kind(text: str, kind: str) -> list[Suggestion]:
    out = [s for s in suggest(text) if s.kind == kind]
    for s in out:
        assert text[s.start : s.end] == s.text
    return out


def test_curly_quote_with_speaker_after_and_cue():
    """A curly quotation gets its span (marks included), speaker and cue from ',” said NAME'."""
    text = PREFIX + "“We asked for receipts and got shrugs,” said Auditor General Miriam Okonkwo."
    (q,) = _kind(text, "quote")
    assert q.text == "“We asked for receipts and got shrugs,”"
    assert q.start == len(PREFIX)
    assert q.fields["speaker"] == "Miriam Okonkwo"
    assert q.fields["cue"] == "said"
    assert q.fields["quote_type"] == "full"


def test_straight_quotes_and_speaker_first():
    """Straight marks pair too; 'Halloran told reporters' after the quote is speaker then cue."""
    text = PREFIX + 'Curtis Halloran spoke first. "The bill is ready," Halloran told reporters.'
    (q,) = _kind(text, "quote")
    assert q.text == '"The bill is ready,"'
    assert q.fields["speaker"] == "Curtis Halloran"
    assert q.fields["cue"] == "told reporters"


def test_quote_broken_by_attribution_is_a_continuation():
    """“A,” she said. “B.” gives two quotes; the second continues the first, same speaker."""
    text = (
        PREFIX
        + "Sen. Beatrice Nkemelu, the leader, spoke. “We asked questions,” she said. “That is our job.”"
    )
    first, second = _kind(text, "quote")
    assert first.fields["speaker"] == second.fields["speaker"] == "Beatrice Nkemelu"
    assert second.fields["quote_type"] == "continuation"


def test_multi_paragraph_quote_continues_into_next_paragraph():
    """A paragraph that opens a quote and does not close it continues into the next one."""
    text = (
        PREFIX + "Agnes Thibodeau, 67, worked at the mill.\n\n"
        "“I went down there the morning after.\n\n“He said, ‘Agnes, it's over.’ He was wrong.”"
    )
    first, second = _kind(text, "quote")
    assert first.text == "“I went down there the morning after."
    assert second.text.startswith("“He said") and second.text.endswith("wrong.”")
    assert second.fields["quote_type"] == "continuation"
    assert first.fields["speaker"] == second.fields["speaker"] == "Agnes Thibodeau"


def test_nested_single_quotes_stay_inside_their_quote():
    """‘Single’ marks inside a double-marked quote are not a quote of their own."""
    text = PREFIX + "“He came out and said, ‘Agnes, it’s over,’ and left,” said Ann Lee."
    quotes = _kind(text, "quote")
    assert len(quotes) == 1 and quotes[0].fields["speaker"] == "Ann Lee"


def test_one_word_scare_quote_is_partial():
    """A one-word quoted term mid-sentence is a partial quote, attributed to the sentence subject."""
    text = (
        PREFIX + "Gov. Felicity Arnaud said in a statement that she was “encouraged” by the vote."
    )
    (q,) = _kind(text, "quote")
    assert q.fields["quote_type"] == "partial"
    assert q.fields["speaker"] == "Felicity Arnaud"


def test_pronoun_and_the_official_resolve_to_nearest_fitting_speaker():
    """'the minister said' skips a nearer person for the one titled minister; 'she said' goes to
    the nearest person named before it (gender is not used)."""
    text = (
        PREFIX
        + "Interior Minister Oskar Lindgren visited Saltmere. Greta Solberg, 34, was there.\n\n"
        "“The roads are open,” the minister said.\n\nSolberg lost her roof. “We slept in the "
        "bathroom,” she said."
    )
    minister, resident = _kind(text, "quote")
    assert minister.fields["speaker"] == "Oskar Lindgren"
    assert resident.fields["speaker"] == "Greta Solberg"


def test_appositive_after_the_name_is_not_the_speaker():
    """'said Maria Lopez, 42, a teacher' names Maria Lopez, not the appositive."""
    text = PREFIX + "“I love this job,” said Maria Lopez, 42, a teacher at Hillcrest."
    (q,) = _kind(text, "quote")
    assert q.fields["speaker"] == "Maria Lopez"


def test_anonymous_individual_with_reason_span_and_rote_flag():
    """An unnamed official is a source; its reason is its own span; boilerplate is flagged rote."""
    text = PREFIX + (
        "A senior official at the Ministry of Transport, who was not authorized to speak "
        "publicly, said the plan was ready."
    )
    (a,) = _kind(text, "anonymous_source")
    assert a.text == "A senior official at the Ministry of Transport"
    reason = text[int(a.fields["reason_start"]) : int(a.fields["reason_end"])]
    assert "not authorized to speak publicly" in reason
    assert a.fields["rote"] == "yes"


def test_specific_reason_in_the_next_sentence_is_not_rote():
    """'They spoke on condition of anonymity because...' gives the group its reason."""
    text = PREFIX + (
        "Two people familiar with the negotiations said the sides were apart. They spoke on "
        "condition of anonymity because they feared retaliation."
    )
    (a,) = _kind(text, "anonymous_source")
    assert a.text == "Two people familiar with the negotiations"
    assert a.fields["reason"] == "because they feared retaliation"
    assert a.fields["rote"] == "no"


def test_unnamed_group_and_first_name_only_source():
    """'analysts said' is an unnamed group; a first name whose surname is withheld is a source."""
    text = PREFIX + (
        "Shipping analysts said rates would rise.\n\nRosa, 44, who asked that only her first "
        "name be used to protect her privacy, said she waited nine hours."
    )
    found = _kind(text, "anonymous_source")
    assert [s.text for s in found] == ["Shipping analysts", "Rosa"]
    assert found[1].fields["reason"] == "to protect her privacy"


def test_named_apposition_is_not_anonymous():
    """'A neighbor, Patrice Okwuosa, said' names the source."""
    text = PREFIX + "A neighbor, Patrice Okwuosa, said she saw two men running."
    assert _kind(text, "anonymous_source") == []


def test_claims_kinds_and_opinion_excluded():
    """Numbers, money, dates, superlatives and causes are claims; pure opinion is not."""
    text = PREFIX + (
        "The board approved a $86.5 million budget on Thursday. It is the largest fine in state "
        "history. Waits grew because the clinic closed. I think the council should do better."
    )
    claims = _kind(text, "claim")
    types = {c.text.split()[0]: c.fields["claim_type"] for c in claims}
    assert types["The"] == "money"
    assert "It" in types and "Waits" in types
    assert not any(c.text.startswith("I think") for c in claims)


def test_names_in_offers_speakers_for_the_completer():
    """names_in lists people found as speakers ('Ali' completes to 'Alison Park')."""
    text = PREFIX + "“We will rebuild,” said Alison Park. “Soon,” Park added."
    assert names_in(text) == ["Alison Park"]


def test_another_and_a_restrictive_who_clause_still_make_an_unnamed_source():
    """ "Another resident said" and "A retired teacher who has lived here since 1987 said" are
    unnamed sources as much as "a resident said"; "Another day" is not a source at all."""
    text = (
        "Café owners objected. A retired teacher who has lived on Quay Road since 1987 said "
        "the vans blocked her drive. Another resident said the rules would push cars into the "
        "side streets. Another day passed without a decision."
    )
    found = [(a.text, a.start) for a in _kind(text, "anonymous_source")]
    assert found == [
        ("A retired teacher", text.index("A retired")),
        ("Another resident", text.index("Another resident")),
    ]


def test_a_reason_after_comma_who_names_its_own_unnamed_subject():
    """ "One of them, who asked not to be named because …" is a source with its reason even
    though "One of them" heads no source noun; a named subject is left alone."""
    text = (
        "The café owners 🙂 said they had no letter. One of them, who asked not to be named "
        "because she rents her premises from the council, called the plan naïve. The man, who "
        "declined to be named, agreed. Maria Lopez, who asked not to be named in print, did not."
    )
    found = {a.text: a for a in _kind(text, "anonymous_source")}
    assert sorted(found) == ["One of them", "The man"]
    one = found["One of them"]
    assert one.start == text.index("One of them")
    assert one.fields["reason"] == "because she rents her premises from the council"
    assert text[one.fields["reason_start"] : one.fields["reason_end"]] == one.fields["reason"]
