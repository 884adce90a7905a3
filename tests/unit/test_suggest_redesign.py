"""The suggester's whole-text shortcuts (speed work) give what the plain per-item forms give."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.suggest import claims, text

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PIECES = (
    "Mr. Dr. U.S. J. 5. a.m. Sept. Ann Lee said told The a two several officials said according "
    "to $5 5 dollars 12% 40 percent per cent 1999 2024 ٣ € £ ¥ largest best better should I think "
    "Monday march because “ ” ( ) ! ? … \u00a0 \n \n\n 😀 Élodie By Photo: disgraceful record"
).split(" ")
_DRAFTS = st.lists(st.sampled_from(_PIECES), max_size=60).map(
    lambda words: "".join(w + (" " if i % 3 else "") for i, w in enumerate(words))
)


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
    assert fast == claims._candidates_slow(draft, sentences, q_starts, q_ends)
