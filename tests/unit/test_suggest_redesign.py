"""The suggester's whole-text shortcuts (speed work) give what the plain per-item forms give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from suggest_drafts import drafts, equivalence_settings

from desktop_app.core.suggest import claims, claims_slow, intro, text
from desktop_app.core.suggest.names import Registry

_SETTINGS = equivalence_settings(150)
_PIECES = (
    "Mr. Dr. U.S. J. 5. a.m. Sept. Ann Lee said told The a two several officials said according "
    "to $5 5 dollars 12% 40 percent per cent 1999 2024 ٣ € £ ¥ largest best better should I think "
    "Monday march because “ ” ( ) ! ? … \u00a0 \n \n\n 😀 Élodie By Photo: disgraceful record"
).split(" ")
_DRAFTS = drafts(_PIECES, max_size=60, glued_every=3)


@_SETTINGS
@given(_DRAFTS, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=12))
def test_claims_with_any_quotation_spans_equal_the_word_set_path(draft: str, spans: list):
    """The quoted-share mask (and its fallback for overlapping quotations) == the plain sum."""
    if len(draft.lower()) != len(draft):
        return
    quotes = sorted((s, min(len(draft), s + n)) for s, n in spans if s < len(draft))
    q_starts, q_ends = [s for s, _ in quotes], [e for _, e in quotes]
    sentences = text.Sentences(draft, [(0, len(draft))]).spans()
    fast = claims.candidate_sentences(draft, sentences, q_starts, q_ends)
    assert fast == claims_slow.candidates_slow(draft, sentences, q_starts, q_ends)


_NAME_PIECES = (
    "The|THE|Thé|I|I’m|We|A|An|It|They|He|She|But|But,|At|Two|Q|A:|Mr.|Dr.|Sen.|Ann Lee said|"
    "told|has|walked|de|la|van|Cruz|The de Gaulle said|The de la Cruz family|In van Dyke's|"
    "The Boston Globe reported|the|a|of|“|”|\"|,|.|;|’s|'s|\u00a0|\u2009|\n|\n\n|😀|Élodie|İ|"
    "x|went on|Nobody|Our|Halloran|Curtis Halloran|When Ann Lee said|An al-Rashid aide"
).split("|")
_NAME_DRAFTS = drafts(_NAME_PIECES, max_size=50, glued_every=4)


@_SETTINGS
@given(_NAME_DRAFTS)
def test_introductions_without_stop_word_names_equal_the_plain_pattern(draft: str):
    """Capitalised stop words rejected inside the pattern leave the same mentions and the same
    registry as the plain pattern whose matches the loop drops."""
    fast_registry, plain_registry = Registry(draft), Registry(draft)
    fast = intro.introductions(draft, fast_registry)
    plain = intro.introductions(draft, plain_registry, re.compile(intro.INTRO_PLAIN))
    assert fast == plain
    assert fast_registry.by_part == plain_registry.by_part
    assert fast_registry.full == plain_registry.full
