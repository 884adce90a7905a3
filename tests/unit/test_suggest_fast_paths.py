"""The suggester's fast paths find exactly what the plain patterns and rules they replace find."""

from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import given
from suggest_drafts import drafts, equivalence_settings

from desktop_app.core.suggest import (
    anchors,
    anonymous,
    attribution,
    claims,
    claims_slow,
    names,
    text,
)
from desktop_app.core.suggest.names import Registry

_SETTINGS = equivalence_settings(60)
_PIECES = (
    "Mr. Dr. dr. MR. U.S. u.s. J. j. 5. a.m. Ph.D. Inc. İnc. u.\u212a. Sept. etc. .. x.Dr. "
    "Sen. Ann Lee said Maria de la Cruz told O’Neil McDonald iPhone A. B. Mrs. "
    "The a an two several senior officials people familiar said according to $5 5 dollars "
    "12% 40 percent per cent 1999 2024 20245 ٣ € £ ¥ largest best better should I think "
    "Monday march because “ ” ( ) ! ? … \u00a0 \u2009 \n \n\n 😀 Élodie ?official _a"
).split(" ")
_DRAFTS = drafts(_PIECES, max_size=60, glued_every=3)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ONE_END = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-ZÀ-Þ0-9])")


def _reference_sentence_starts(draft: str) -> list[int]:
    """The rule in plain words: one pattern for every end mark, then skip a period after an
    abbreviation (any case) or after a lone capital."""
    starts = [0]
    for m in _ONE_END.finditer(draft):
        dot = m.start()
        if draft[dot] == ".":
            word = _WORD_BEFORE.search(draft, max(0, dot - 12), dot)
            if word and (
                word.group(1).lower() in text._ABBREVIATIONS
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                continue
        starts.append(m.end())
    return sorted(starts)


@_SETTINGS
@given(_DRAFTS)
def test_sentence_starts_follow_the_rule(draft: str):
    """Abbreviations and initials in the sentence-end patterns == the word-by-word check."""
    assert text.sentence_starts(draft, [(0, len(draft))]) == _reference_sentence_starts(draft)


@_SETTINGS
@given(_DRAFTS)
def test_name_led_by_capital_matches_like_name(draft: str):
    """NAME_LED (opening with the capital class) finds the same runs as NAME."""
    plain = re.compile(rf"(?=[{names.UPPER}]){names.NAME}")
    assert [m.span() for m in names.NAME_RE.finditer(draft)] == [
        m.span() for m in plain.finditer(draft)
    ]


@_SETTINGS
@given(_DRAFTS)
def test_shape_anchors_equal_the_str_patterns(draft: str):
    """Head nouns and determiner candidates from the byte shape == the str patterns."""
    low = draft.lower()
    if len(low) != len(draft):
        return
    shape = low.encode("ascii", "replace").translate(anonymous._SHAPE)
    head_at = re.compile(r"\s" + anchors.trie_pattern(anonymous._HEAD_WORDS))
    assert anonymous._head_starts(low, shape) == [m.start() + 1 for m in head_at.finditer(low)]
    det = re.compile(
        r"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|"
        r"multiple|numerous|dozens|other|\d+)\s"
    )
    spans = [(0, len(draft))]
    assert {m.start() for m in det.finditer(low)} <= set(anonymous._det_starts(shape, spans))
    every = anchors.matches_at(anonymous._INDEF, draft, list(range(len(draft))))
    assert [m.span() for m in every] == [m.span() for m in anonymous._INDEF.finditer(draft)]


@_SETTINGS
@given(_DRAFTS)
def test_claims_fast_path_equals_the_word_set_path(draft: str):
    """The byte-copy claims loop == the per-sentence word-set loop it replaced."""
    if len(draft.lower()) != len(draft):
        return
    spans = text.Sentences(draft, [(0, len(draft))]).spans()
    quotes = [m.span() for m in re.finditer(r"“[^”]*”", draft)]
    q_starts, q_ends = [s for s, _ in quotes], [e for _, e in quotes]
    fast = claims.candidate_sentences(draft, spans, q_starts, q_ends)
    assert fast == claims_slow.candidates_slow(draft, spans, q_starts, q_ends)


@_SETTINGS
@given(_DRAFTS)
def test_class_led_money_and_year_patterns_agree(draft: str):
    """_MONEY_AT / _YEAR_AT match wherever _MONEY / _YEAR do."""
    for fast, plain in ((claims._MONEY_AT, claims._MONEY), (claims._YEAR_AT, claims._YEAR)):
        assert [m.start() for m in fast.finditer(draft)] == [
            m.start() for m in plain.finditer(draft)
        ]


def test_resolver_walks_quotes_and_mentions_as_one_list():
    """A quote's speaker added at a place is found before a draft mention at the same place,
    and the nearest fitting mention wins."""
    mentions = [
        attribution.Mention(p, f"Person {p}", {"mayor"} if p % 20 == 0 else set())
        for p in range(0, 200, 10)
    ]
    resolver = attribution.Resolver(Registry(), mentions)
    resolver.add(attribution.Mention(50, "Quoted Speaker", set()))
    merged = sorted(mentions, key=lambda m: m.pos)
    merged.insert(bisect_right([m.pos for m in merged], 50), resolver.added[0])
    for pos in range(0, 220, 7):
        for head in ("", "mayor"):
            i = bisect_right([m.pos for m in merged], pos) - 1
            expected = next(
                (m for m in reversed(merged[: i + 1]) if not head or head in m.heads), None
            )
            assert resolver.nearest(pos, head) is expected
    assert resolver._known("Quoted Speaker") and not resolver._known("Nobody Here")


def _reference_spans(draft: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans in plain words: each start inside a paragraph runs to the next start or
    the paragraph's end (whichever is first), trailing spaces trimmed, empty ones dropped."""
    starts = text.sentence_starts(draft, spans)
    out = []
    for i, start in enumerate(starts):
        para = next(((s, e) for s, e in spans if s <= start < e), None)
        if para is None:
            continue
        end = min(starts[i + 1] if i + 1 < len(starts) else len(draft), para[1])
        piece = draft[start:end].rstrip()
        if piece:
            out.append((start, start + len(piece)))
    return out


@_SETTINGS
@given(_DRAFTS)
def test_sentence_spans_follow_the_rule(draft: str):
    spans = text.paragraphs(draft, None)
    assert text.Sentences(draft, spans).spans() == _reference_spans(draft, spans)
    # Block paragraphs that leave gaps between them (headlines are not prose).
    gapped = [(s + 1, e) for s, e in spans if e > s + 1]
    assert text.Sentences(draft, gapped).spans() == _reference_spans(draft, gapped)
