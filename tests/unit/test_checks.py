"""Standards checks (core.checks, core.sourcing): each rule fires where an editor would want it to
and stays quiet where the copy is sound. Annotations are built by the same core functions the app
uses, on the fixture articles as the importers read them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.annotations import edited, new_annotation
from desktop_app.core.checks import (
    CHECK_KINDS,
    CHECK_LABELS,
    Finding,
    check_document,
    check_library,
    summarise,
)
from desktop_app.core.model import Annotation
from desktop_app.core.sourcing import ROTE_REASONS, is_anonymous_descriptor, rote_reason
from desktop_app.formats import load_source

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TEXT = load_source(ARTICLES / "anonymous_sources.md").text
MILLBROOK = load_source(ARTICLES / "article.md").text

NAMED_QUOTE = "“We asked for receipts and got shrugs,”"
UNNAMED_QUOTE = "“The board knew about this in March and did nothing,”"
SPECIFIC = "A county engineer"
ROTE = "A second official"
NO_REASON = "A contractor familiar with the bidding"
REASON_SENTENCE = "The contractor asked not to be named for fear of losing future county contracts."


def tag(words: str, kind: str = "quote", text: str = TEXT, nth: int = 1, **fields: str):
    """An annotation on the nth occurrence of `words`, as the app would create it."""
    start = -1
    for _ in range(nth):
        start = text.index(words, start + 1)
    return new_annotation("doc", text, kind, start, start + len(words), fields=fields)


def kinds(annotations: list[Annotation], text: str = TEXT) -> list[tuple[str, str]]:
    """(kind, exact words) of every finding, in the order check_document gives them."""
    by_id = {a.id: a.exact for a in annotations}
    return [(f.kind, by_id[f.annotation_id]) for f in check_document("doc", text, annotations)]


def test_api_constants_describe_every_kind():
    """Every kind has a short label, and summarise counts every kind, zeros included."""
    assert set(CHECK_LABELS) == set(CHECK_KINDS) and all(CHECK_LABELS.values())
    finding = Finding("doc", "a1", "disputed", "Disputed claim: “x”", 0, 1)
    assert summarise([finding, finding]) == {**dict.fromkeys(CHECK_KINDS, 0), "disputed": 2}
    assert list(summarise([])) == list(CHECK_KINDS)


def test_named_quote_has_no_finding():
    """A quote with a named speaker raises nothing."""
    assert kinds([tag(NAMED_QUOTE, speaker="Miriam Okonkwo", cue="said")]) == []


def test_quote_without_speaker_is_reported_with_a_short_excerpt():
    """An empty speaker is reported on the quote's span, the message one line with a short
    excerpt; a quote whose attribution is a named person gets nothing more."""
    quote = tag("“We owe people real numbers, not promises,”", text=MILLBROOK)
    findings = check_document("doc", MILLBROOK, [quote])
    assert findings == [
        Finding(
            "doc",
            quote.id,
            "quote_no_speaker",
            "Quote has no speaker: “We owe people real…”",
            quote.start,
            quote.end,
        )
    ]


def test_linked_anonymous_source_stands_in_for_the_speaker():
    """A quote linked to an anonymous-source annotation needs no speaker; a link to one that no
    longer exists is reported as such."""
    source = tag("a senior county official", "anonymous_source", reason_given="yes")
    quote = tag(UNNAMED_QUOTE, linked_source=source.id)
    assert kinds([quote, source]) == []
    findings = check_document("doc", TEXT, [quote])
    assert [f.kind for f in findings] == ["quote_no_speaker", "anonymous_quote_unmarked"]
    assert findings[0].message.startswith("Quote's linked anonymous source no longer exists")


def test_continuation_takes_the_speaker_of_the_quote_before():
    """A continuation quote with no speaker of its own inherits the previous quote's speaker;
    one that is not marked as a continuation does not."""
    first = tag(NAMED_QUOTE, speaker="Miriam Okonkwo")
    later = tag("“cooperate fully”", quote_type="continuation")
    assert kinds([first, later]) == []
    plain = tag("“cooperate fully”")
    assert kinds([first, plain]) == [("quote_no_speaker", plain.exact)]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["anonymous_no_reason"]),
        ({"reason_given": "no"}, ["anonymous_no_reason"]),
        ({"reason_given": "yes"}, []),  # the paragraph gives it: "for fear of losing … contracts"
        ({"reason": REASON_SENTENCE}, []),
        ({"reason": "asked not to be named"}, ["anonymous_rote_reason"]),
    ],
)
def test_anonymous_source_needs_a_reason(fields, expected):
    """No reason and no "reason given" is reported; a stated reason or reason_given=yes clears
    it (a rote stated reason is its own finding)."""
    source = tag(NO_REASON, "anonymous_source", **fields)
    assert [k for k, _ in kinds([source])] == expected


def test_rote_and_specific_reasons_in_the_fixture():
    """In the article: "because of the sensitivity of the matter" is rote, "because she feared
    losing her job" is specific, whether written in the reason field or only in the paragraph."""
    rote = tag(ROTE, "anonymous_source", reason="because of the sensitivity of the matter")
    specific = tag(SPECIFIC, "anonymous_source", reason="because she feared losing her job")
    assert kinds([rote, specific]) == [("anonymous_rote_reason", ROTE)]
    by_paragraph = [
        tag(ROTE, "anonymous_source", reason_given="yes"),
        tag(SPECIFIC, "anonymous_source", reason_given="yes"),
    ]
    findings = check_document("doc", TEXT, by_paragraph)
    assert [(f.kind, f.annotation_id) for f in findings] == [
        ("anonymous_rote_reason", by_paragraph[0].id)
    ]
    assert "(sensitivity of the matter)" in findings[0].message


@pytest.mark.parametrize(
    "reason",
    [
        "because of the sensitivity of the matter",
        "given the sensitivity of the negotiations",
        "because the matter is sensitive",
        "due to the sensitive nature of the talks",
        "to discuss a sensitive matter",
        "so they could speak freely",
        "because he was not authorized to speak publicly",
        "because they were not authorised to speak to reporters.",
        "because she was not authorized to discuss the matter publicly",
        "who spoke on condition of anonymity",
        "who asked not to be named",
    ],
)
def test_rote_reasons(reason):
    """Boilerplate that says the subject is sensitive, or only that anonymity was granted."""
    assert rote_reason(reason)
    assert rote_reason(reason.upper())  # case does not matter


@pytest.mark.parametrize(
    "reason",
    [
        "because they were not authorized to discuss the negotiations",
        "because he was not authorized to speak publicly about the layoffs",
        "because she feared retaliation from her supervisors",
        "for fear of losing their jobs",
        "because the plans have not been made public",
        "because she is a victim of the fraud",
        "because of the sensitivity of the matter and fear of reprisals",
        "who asked not to be named because the firm still bids for county work",
        "because the audit is still a draft",  # not on the rote list: left to the editor
        "",
    ],
)
def test_specific_reasons_are_accepted(reason):
    """A concrete risk, the specific matter named, or news not yet public is not rote."""
    assert rote_reason(reason) is None


def test_rote_reasons_are_one_tuple_of_valid_patterns():
    """ROTE_REASONS is the one list of boilerplate patterns, and each compiles."""
    import re

    assert isinstance(ROTE_REASONS, tuple) and len(ROTE_REASONS) >= 8
    for pattern in ROTE_REASONS:
        re.compile(pattern)


@pytest.mark.parametrize(
    "speaker",
    [
        "a senior county official",
        "A senior county official",
        "people familiar with the matter",
        "one source",
        "an aide",
        "two officials",
        "a person briefed on the talks",
        "several residents",
        "the official",
        "officials",
        "a White House official",
        "two aides to Mayor Helen Park",
        "a spokesperson for Riverside Partners",
        "a person close to Ms. Park",
    ],
)
def test_unnamed_speakers(speaker):
    """Descriptions of a person who is not named count as anonymous."""
    assert is_anonymous_descriptor(speaker)


@pytest.mark.parametrize(
    "speaker",
    [
        "",
        "Miriam Okonkwo",
        "Auditor General Miriam Okonkwo",
        "the mayor",
        "a spokesperson, Dana Okafor",
        "a county spokesperson named Dana Okafor",
        "a statement from the county",
        "a",
        "Council member René Dubois",
    ],
)
def test_named_speakers(speaker):
    """Names, roles that identify one person, and documents do not count as anonymous."""
    assert not is_anonymous_descriptor(speaker)


def test_unnamed_speaker_without_anonymous_source_tag():
    """A quote whose speaker is unnamed, in a paragraph with no anonymous-source tag, is
    reported; an anonymous-source tag in that paragraph, or a link to one, clears it, while a tag
    in another paragraph does not."""
    quote = tag(UNNAMED_QUOTE, speaker="a senior county official")
    assert kinds([quote]) == [("anonymous_quote_unmarked", UNNAMED_QUOTE)]
    elsewhere = tag(ROTE, "anonymous_source", reason="because of a pending lawsuit")
    assert kinds([quote, elsewhere]) == [("anonymous_quote_unmarked", UNNAMED_QUOTE)]
    here = tag("a senior county official", "anonymous_source", reason_given="yes")
    assert kinds([quote, here]) == []
    linked = edited(quote, fields={**quote.fields, "linked_source": elsewhere.id})
    assert kinds([linked, elsewhere]) == []


def test_empty_speaker_attributed_in_the_text_to_an_unnamed_person():
    """With no speaker, the attribution beside the quote decides: "…,” a senior county official
    said" is reported as unmarked, "…,” said Auditor General Miriam Okonkwo" is not."""
    unnamed, named = tag(UNNAMED_QUOTE), tag(NAMED_QUOTE)
    findings = check_document("doc", TEXT, [unnamed, named])
    assert [(f.kind, f.annotation_id) for f in findings] == [
        ("quote_no_speaker", named.id),
        ("quote_no_speaker", unnamed.id),
        ("anonymous_quote_unmarked", unnamed.id),
    ]
    assert "(a senior county official)" in findings[2].message


@pytest.mark.parametrize(
    ("text", "words", "unmarked"),
    [
        ("“We are done,” said a person familiar with the talks.", "“We are done,”", True),
        ("One official said: “We are done.”", "“We are done.”", True),
        ("One official said: “We are done.”", "One official said: “We are done.”", True),
        ("According to one official, “the deal is off.”", "“the deal is off.”", True),
        ("Talks ended.\n\n“We are done,” said the official.", "“We are done,”", True),
        ("“We are done,” said Mayor Ana Ruiz.", "“We are done,”", False),
        ("“We are done,” she said a day later.", "“We are done,”", False),
        ("“We are done.” A county official said the budget was late.", "“We are done.”", False),
        ("A city official said the board met. “We are done,” Ruiz said.", "“We are done,”", False),
        ("A spokesperson, Dana Okafor, said: “We are done.”", "“We are done.”", False),
    ],
)
def test_attribution_must_be_beside_the_quote(text, words, unmarked):
    """Only an unnamed attribution right beside the quote (or before it in the same sentence)
    counts, not one for another statement in the paragraph."""
    found = [k for k, _ in kinds([tag(words, text=text)], text)]
    assert ("anonymous_quote_unmarked" in found) is unmarked


def test_paragraphs_are_split_on_blank_lines_only():
    """A single line break keeps the anonymous-source tag in the quote's paragraph; a blank line
    puts it in another one."""
    quote_text = "“We are done,” a senior official said.\nThe official, who feared reprisals, left."
    for sep, expected in (("\n", []), ("\n\n", ["anonymous_quote_unmarked"])):
        text = quote_text.replace("\n", sep)
        quote = tag("“We are done,”", text=text, speaker="a senior official")
        source = tag("The official", "anonymous_source", text=text, reason_given="yes")
        assert [k for k, _ in kinds([quote, source], text)] == expected


@pytest.mark.parametrize(
    ("status", "verification", "message"),
    [
        ("open", "", "Claim not verified"),
        ("needs_follow_up", "unverified", "Claim not verified"),
        ("open", "partly verified", "Claim only partly verified"),
        ("open", "false", "Claim marked false"),
        ("open", "cannot be verified", "Claim cannot be verified"),
        ("open", "verified", None),
        ("verified", "", None),
        ("resolved", "false", None),
    ],
)
def test_claims_must_be_verified(status, verification, message):
    """A claim is reported until its status is verified/resolved or its verification says
    verified; false and unverifiable claims say so."""
    claim = edited(tag("38 percent", "claim", verification=verification), status=status)
    findings = [f for f in check_document("doc", TEXT, [claim]) if f.kind == "claim_unverified"]
    assert [f.message for f in findings] == ([f"{message}: “38 percent”"] if message else [])


def test_disputed_items_of_any_tag():
    """Every disputed annotation is listed, custom tags included."""
    quote = edited(tag(NAMED_QUOTE, speaker="Miriam Okonkwo"), status="disputed")
    custom = edited(tag("$1.2 million", "legal_risk"), status="disputed")
    messages = [f.message for f in check_document("doc", TEXT, [quote, custom])]
    assert messages == [
        "Disputed legal risk: “$1.2 million”",
        "Disputed quote: “We asked for receipts…”",
    ]


def test_orphaned_annotations_are_checked_at_minus_one():
    """An orphaned annotation keeps its findings, reported at -1, -1 (first), without the rules
    that need its paragraph."""
    claim = replace(tag("$1.2 million", "claim"), start=-1, end=-1, anchor_state="orphaned")
    quote = replace(tag(UNNAMED_QUOTE), start=-1, end=-1, anchor_state="orphaned")
    placed = tag("38 percent", "claim")
    findings = check_document("doc", TEXT, [placed, claim, quote])
    assert [(f.kind, f.start, f.end) for f in findings] == [
        ("quote_no_speaker", -1, -1),
        ("claim_unverified", -1, -1),
        ("claim_unverified", placed.start, placed.end),
    ]


def test_findings_sorted_by_position_then_kind_and_library_keeps_documents_apart():
    """Findings come in text order (kinds in CHECK_KINDS order at one place); check_library
    gives each document's findings under its own id, in the order given."""
    quote = edited(tag(UNNAMED_QUOTE), status="disputed")
    claim = tag("14 of 52", "claim")
    findings = check_document("doc", TEXT, [quote, claim])
    assert [f.kind for f in findings] == [
        "claim_unverified",
        "quote_no_speaker",
        "anonymous_quote_unmarked",
        "disputed",
    ]
    other = replace(tag("Rents", "claim", text=MILLBROOK), document_id="other")
    library = check_library([("other", MILLBROOK, [other]), ("doc", TEXT, [quote, claim])])
    assert [f.document_id for f in library] == ["other"] + ["doc"] * 4
    assert summarise(library)["claim_unverified"] == 2


def test_ten_thousand_annotations_on_a_large_text():
    """The checks handle a big draft (benchmarks/bench_checks.py measures the time)."""
    text = (TEXT + "\n\n") * 740  # about 1 M characters
    step = len(TEXT) + 2
    base = [
        tag(UNNAMED_QUOTE),
        tag(NAMED_QUOTE),
        tag(ROTE, "anonymous_source", reason_given="yes"),
        tag(NO_REASON, "anonymous_source"),
        tag("38 percent", "claim"),
    ]
    annotations = [
        replace(a, id=f"{a.id}-{i}", start=a.start + i * step, end=a.end + i * step)
        for i in range(740)
        for a in base * 3
    ]
    findings = check_document("doc", text, annotations)
    assert len(annotations) > 10_000
    assert summarise(findings)["anonymous_quote_unmarked"] == 3 * 740
