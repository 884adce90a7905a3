"""The suggester's joined and walked forms (speed work) give what the per-item forms give."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from suggest_drafts import drafts, equivalence_settings

from desktop_app.core.suggest import anchors, anonymous, claims, claims_slow, text

_SETTINGS = equivalence_settings(150)
_PIECES = (
    "a an another one two several some many other dozens 12 officials official people person "
    "senior familiar with said the talks “ ” ( ) - ' , . ; ! ? \u00a0 \u2009 \n \n\n 😀 é ?a "
    "Ann Lee 5% $5 1999 largest because should"
).split(" ")
_DRAFTS = drafts(_PIECES, max_size=60, glued_every=3)


def _det_starts_per_span(shape: bytes, spans: list[tuple[int, int]]) -> list[int]:
    """One search per span, as _det_starts did before it joined them."""
    found: list[int] = []
    for begin, end in spans:
        if begin == 0:
            found.append(0)
        found += [m.end() for m in anonymous._DET_AFTER.finditer(shape, max(begin - 1, 0), end)]
    return found


@_SETTINGS
@given(_DRAFTS, st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=15))
def test_joined_det_search_equals_one_search_per_span(draft: str, cuts: list):
    """Spans joined by "|" and searched once == each span searched alone (any spans, near
    each other or touching, a span at 0, and the windows the heads make)."""
    shape = draft.encode("ascii", "replace").lower().translate(anonymous._SHAPE)
    size = len(shape)
    spans: list[tuple[int, int]] = []
    for begin, width in sorted(cuts):
        begin = min(begin, size)
        if spans and begin <= spans[-1][1]:
            begin = spans[-1][1] + 1  # disjoint, as _det_windows makes them
        end = min(size, begin + width)
        if begin < end:
            spans.append((begin, end))
    assert anonymous._det_starts(shape, spans) == _det_starts_per_span(shape, spans)
    heads = anonymous._head_starts(draft, shape)
    windows = anonymous._det_windows(heads, shape)
    assert anonymous._det_starts(shape, windows) == _det_starts_per_span(shape, windows)


@_SETTINGS
@given(
    _DRAFTS,
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=12),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 80)), max_size=12),
)
def test_quoted_share_walk_with_sentences_in_any_order(draft: str, spans: list, cuts: list):
    """The quotations walked beside the sentences == the plain sum of overlaps, for the
    draft's sentences and for any spans in any order (the walk then starts again)."""
    if len(draft.lower()) != len(draft):
        return
    size = len(draft)
    quotes = sorted((s, min(size, s + n)) for s, n in spans if s < size)
    q_starts, q_ends = [s for s, _ in quotes], [e for _, e in quotes]
    sentences = text.Sentences(draft, [(0, size)]).spans()
    sentences += [(min(s, size), min(size, s + n)) for s, n in cuts]
    fast = claims.candidate_sentences(draft, sentences, q_starts, q_ends)
    assert fast == claims_slow.candidates_slow(draft, sentences, q_starts, q_ends)


def test_quoted_share_walk_starts_again_for_an_earlier_sentence():
    """A mostly quoted sentence passed after a later one is still skipped."""
    draft = "“Sales rose 5% in 2024,” she said. Profits fell 7% in 2023 at the firm."
    first, second = (0, draft.index(" Profits")), (draft.index("Profits"), len(draft))
    quote = (0, draft.index("”") + 1)
    found = claims.candidate_sentences(draft, [second, first], [quote[0]], [quote[1]])
    assert found == [(second[0], second[1], "percentage")]


_CUE_PIECES = (
    "said|says|say|told|went on|according to|According to|asaid|_said|5said|ésaid|said_|"
    "a|the official|, |.|\n|\u00a0|\u2009|  |😀|x|accordingto|according  to|noted|notes|tells"
).split("|")


@_SETTINGS
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=12))
def test_cue_before_by_suffix_equals_the_pattern(pieces: list):
    """The suffix test for a cue before a phrase == the plain pattern searched over the text."""
    import re

    before = "".join(p + (" " if i % 2 else "") for i, p in enumerate(pieces))[-40:]
    plain = re.search(anonymous.ACCORDING_OR_CUE_PLAIN, before) is not None
    assert anonymous.ends_with_cue(before) == plain


_SOURCE_PIECES = (
    "a|an|two|several|other|12|senior|county|official|officials|people|person|aide|aides|"
    "familiar with|the talks|said|told|,|.|;|:|(|)|'|-|’|“|”|?|!|\n|\u00a0|\u2009|😀|é|"
    "a well-known|o'brien|x|_|who|and left|according to"
).split("|")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SOURCE_PIECES), max_size=30))
@example(["Later", "a well-known", "official", "said", ";", "o'brien", "aide", "(", "two", "aides"])
def test_source_phrases_from_the_shape_anchors_equal_the_whole_text_search(pieces: list):
    """_INDEF tried only at the determiners of the head-noun windows (cut at "#" in the shape)
    finds what one search of the whole text finds."""
    from desktop_app.core.suggest import anchors

    draft = " ".join(pieces)
    shape = draft.encode("ascii", "replace").lower().translate(anonymous._SHAPE)
    windows = anonymous._det_windows(anonymous._head_starts(draft, shape), shape)
    starts = anonymous._det_starts(shape, windows)
    fast = [m.span() for m in anchors.matches_at(anonymous._INDEF, draft, starts)]
    assert fast == [m.span() for m in anonymous._INDEF.finditer(draft)]


_MARKER_TEXT = (
    "spoke on condition of anonymity|asked not to be named|requested anonymity|was not "
    "authorized to|declined to be identified|name|names|asked that his name|allowed|x|, |. |"
    "said|insisted on anonymity|gave only her first name|😀|é|\n|agreed to speak|sought"
).split("|")


def _marker_starts_per_window(low: bytes) -> list[int]:
    """One search per marker word, as _marker_starts did before it joined the windows."""
    found: set[int] = set()
    for word in anchors.positions(low, anonymous._MARKER_BYTES):
        window = (max(0, word - 32), word + 1 + anonymous._LONGEST_FIRST)
        found.update(
            m.start() for m in anonymous._MARKER_FIRST.finditer(low, *window) if m.start() <= word
        )
    return sorted(found)


@_SETTINGS
@given(st.lists(st.sampled_from(_MARKER_TEXT), max_size=30))
def test_joined_marker_windows_equal_one_search_per_window(pieces: list):
    low = " ".join(pieces).encode("ascii", "replace").lower()
    assert anonymous._marker_starts(low) == _marker_starts_per_window(low)
