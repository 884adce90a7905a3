"""Faster forms of the suggester's patterns match exactly like the plain forms they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from suggest_drafts import drafts, equivalence_settings

from desktop_app.core.suggest import anonymous, intro, names
from desktop_app.core.suggest.cues import CUE_VERBS

_SETTINGS = equivalence_settings(80)
_PIECES = (
    "Mr. Mrs. Ms. Dr. Sen. Capt. Prof. Sr. MR. Mrs Dr.Who J. j. U.S. Ph.D. St. Fr. Rev. Gen. "
    "Ann Lee said Maria de la Cruz told Van der Berg O’Neil O'Neil McDonald-Smith Smith’s Smith. "
    "Smith, a teacher, has had was is spent walked ed runs the a of y al-Rashid bin Ibn Élodie "
    "went on onward said says saidX told reporters hashed 2 "
    "İnc. “ ” \" , . ; - ’ ' \u00a0 \n 😀 x A. B"
).split(" ")
_DRAFTS = drafts(_PIECES, max_size=50, glued_every=4)
# The name-introduction pattern as it reads with the plain NAME (titles as literals, words that
# may be shortened, particles as a list).
_PLAIN_INTRO = re.compile(
    rf"(?=[{names.UPPER}])(?P<raw>{names.NAME})(?P<after>,\s+(?P<app>[^,.;“”\"]{{1,80}})"
    rf"|\s+(?:{CUE_VERBS})\b|\s+(?:has|had|was|is|spent|[a-z]+ed)\b|(?P<verb>\s+[a-z]+\b))"
)


def _introductions(pattern: re.Pattern[str], draft: str, plain: bool) -> list[tuple]:
    """(start, raw name, appositive, verb-only) of each name introduction."""
    return [
        (
            m.start(),
            m.group("raw"),
            m.group("app"),
            m.start("verb") >= 0 if plain else intro.is_verb_only(draft, m),
        )
        for m in pattern.finditer(draft)
    ]


@_SETTINGS
@given(_DRAFTS)
def test_name_introductions_match_like_the_plain_pattern(draft: str):
    """Atomic words, title and particle tries, and the word after the name read in Python leave
    every introduction as the plain pattern finds it."""
    assert _introductions(re.compile(intro.INTRO_PLAIN), draft, False) == _introductions(
        _PLAIN_INTRO, draft, True
    )


def test_titles_initials_and_particles_read_as_before():
    text = (
        "Sen. Ann Lee met Mrs. Maria de la Cruz and J. Smith. Sr. Ortiz said Dr.Who left. "
        "Robert M. Danin voted for Plan B. The vote"
    )
    plain = re.compile(rf"(?=[{names.UPPER}]){names.NAME}")
    expected = ["Sen. Ann Lee", "Mrs. Maria de la Cruz", "J. Smith", "Sr", "Ortiz", "Dr.", "Who"]
    expected += ["Robert M. Danin", "Plan B. The"]
    assert [m.group() for m in plain.finditer(text)] == expected
    assert [m.group() for m in names.NAME_RE.finditer(text)] == expected


_SOURCE_PIECES = (
    "a an two several some dozens of a few senior former county officials official person "
    "people familiar with the matter nurse at the hospital said told says, according to who "
    "spoke declined (a “ ” \" ' - ; . , : ! ? 12 ٣ 😀 \u00a0 \u2009 \n Élodie analysts experts "
    "residents one of the Okafor, A neighbor, Patrice Okwuosa, "
).split(" ")
_SOURCE_DRAFTS = drafts(_SOURCE_PIECES, max_size=60, glued_every=5)


@_SETTINGS
@given(_SOURCE_DRAFTS)
def test_sources_found_in_windows_equal_the_whole_text_pass(draft: str):
    """Head-noun windows cut at punctuation find the sources one pass over the text finds."""
    low = draft.lower()
    if len(low) != len(draft):
        return
    body = [(0, len(draft))]
    assert anonymous.find_sources(draft, body, low) == anonymous.find_sources(draft, body, None)


_REASON_PIECES = (
    "spoke speaking talked agreed to speak on the condition of anonymity that he she their names "
    "not be named identified used requested asked for sought was were granted insisted anonymity "
    "declined wished preferred did want to be that only first name last full be withheld gave "
    "give provided his her is are authorized allowed cleared speak publicly because since for "
    "fear , . ; ) ( \n misspoke Asked"
).split(" ")


@_SETTINGS
@given(st.lists(st.sampled_from(_REASON_PIECES), max_size=40).map(" ".join))
def test_reason_markers_written_out_match_like_the_grouped_form(draft: str):
    grouped = re.compile(
        anonymous._REASON.pattern.replace(anonymous._MARKER_FLAT, anonymous._MARKER)
    )
    assert [(m.span(), m.groups()) for m in anonymous._REASON.finditer(draft)] == [
        (m.span(), m.groups()) for m in grouped.finditer(draft)
    ]
