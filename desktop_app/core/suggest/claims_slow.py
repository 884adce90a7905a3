"""Claims in a draft whose lower() changes its length ("İ"): the byte-level walk of
`claims.candidate_sentences` cannot map offsets there, so each sentence is lowered and read
with sets of kinds. The same decisions (a test compares the two on drafts that allow both)."""

from __future__ import annotations

import re

from desktop_app.core.suggest.claims import (
    _CREDIT,
    _HARD_CHAR,
    _MONEY,
    _NOT_PROSE,
    _OPINION,
    _OPINION_WORDS,
    _PERCENT,
    _PHRASE_RES,
    _SUPERLATIVE,
    _WORD_KINDS,
    _YEAR,
    _explains_anonymity,
    _quoted_share,
)

_HARD = frozenset({"money", "percentage", "date", "quantity"})
_LOWER_WORD = re.compile(r"[a-z]+")


def kinds_of(text: str, start: int, end: int, lowered: str, words: set[str]) -> set[str]:
    kinds: set[str] = set()
    if _HARD_CHAR.search(text, start, end):
        if _MONEY.search(text, start, end):
            kinds.add("money")
        if _PERCENT.search(text, start, end):
            kinds.add("percentage")
        if _YEAR.search(text, start, end):
            kinds.add("date")
        kinds.add("quantity")
    for kind, vocabulary in _WORD_KINDS:
        if not vocabulary.isdisjoint(words):
            kinds.add(kind)
    for kind, phrase in _PHRASE_RES:
        if kind not in kinds and phrase.search(lowered, start, end):
            kinds.add(kind)
    if (
        "comparison" not in kinds
        and lowered.find("est", start, end) >= 0
        and any(w.endswith("est") and len(w) > 5 for w in words)
    ):
        kinds.add("comparison")
    return kinds


def candidates_slow(
    text: str, sentences: list[tuple[int, int]], q_starts: list[int], q_ends: list[int]
) -> list[tuple[int, int, str]]:
    """candidate_sentences for a text whose lower() changes length: sets of kinds per sentence."""
    out = []
    for start, end in sentences:
        if end - start < 12:
            continue
        piece = text[start:end].lower()
        words = set(_LOWER_WORD.findall(piece))
        kinds = kinds_of(text[start:end], 0, end - start, piece, words)
        if not kinds or _quoted_share(q_starts, q_ends, start, end) > 0.45:
            continue
        sentence = text[start:end]
        if _NOT_PROSE.match(sentence) or _CREDIT.search(sentence):
            continue
        if not kinds & {"money", "percentage", "date"} and _explains_anonymity(
            piece.encode("ascii", "replace"), 0, len(piece)
        ):
            continue
        hard = bool(kinds & _HARD)
        opinion = (words & _OPINION_WORDS or "disgrace" in words or "disgrace" in sentence) and (
            _OPINION.search(sentence)
        )
        if opinion and not (kinds & {"money", "percentage", "date"}):
            continue
        if kinds <= {"comparison"} and not hard:
            if not _SUPERLATIVE.search(sentence):
                continue
        out.append((start, end, claim_type(kinds, "event")))
    return out


_PRIORITY = ("money", "percentage", "date", "quantity", "comparison", "causal", "event")


def claim_type(kinds: set[str], first: str) -> str:
    for k in _PRIORITY:
        if k in kinds:
            return k
    return first
