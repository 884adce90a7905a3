"""Checkable claims: narrative sentences holding a number, date, sum, comparison, cause or event.

One regex pass finds the triggers; each trigger's sentence becomes a candidate. A candidate is
dropped when it is mostly quotation (the quote annotation covers it), or when it reads as opinion
("should", "I think") and holds no hard fact (number, date, money).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|"
    r"dozens|half|third|quarter|twice|double|doubled|tripled|halved|first|second|third|fourth|fifth"
)
_TRIGGERS: dict[str, str] = {
    "money": r"[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds|yen|cents)\b",
    "percentage": r"\d\s?(?:%|percent\b|per cent\b|percentage points?\b)",
    "date": rf"\b(?:{_MONTHS})(?=\W)|\b(?:1[89]|20)\d\d\b|\b(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b|\b(?:last|next|this) (?:year|month|week|quarter|season)\b",
    "quantity": rf"\d|(?:{_NUMBER_WORDS})\b",
    "comparison": r"(?:est|most|least|largest|biggest|record|more than|less than|fewer than|"
    r"higher|lower|larger|smaller|worse|better|rose|fell|increased|decreased|declined|dropped|"
    r"grew|jumped|surged|plunged|doubled|compared with|compared to|only|first|last)\b",
    "causal": r"(?:because|caused|causes|led to|leads to|due to|as a result|resulted in|"
    r"blamed|blames|linked to|fueled by|driven by|contributed to|explain|explains|reflected)\b",
    "event": r"(?:announced|approved|rejected|passed|voted|signed|filed|sued|charged|arrested|"
    r"convicted|sentenced|pleaded|ruled|resigned|fired|hired|elected|appointed|died|killed|"
    r"injured|closed|opened|launched|released|published|found|discovered|concluded|agreed|"
    r"acquired|bought|sold|won|lost|scored|beat|suspended|canceled|cancelled|destroyed|"
    r"deployed|ordered|funded|recovered|begun|began|started|ended|removed|struck|"
    r"eliminated|founded|built|requires|required|banned|raised|cut|spent|paid|owes|"
    r"recommended|estimated|reported|confirmed|denied|show|shows|showed|according to|said|says)\b",
}
_TRIGGER = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _TRIGGERS.items()))
_SUPERLATIVE = re.compile(r"\b(?:\w+est|most|least|record|first)\b")
# Cheap prefilters: a sentence with none of these characters or words cannot be a claim.
_ANY = re.compile(
    r"[\d$€£¥%]|(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|est |most|"
    r"least|record|more than|less than|fewer than|first|only|because|caus|led to|due to|result|"
    r"blame|fuel|driven|ed |gan |gun |shows?|said|says|according|found|won |lost |paid|cut|sold|"
    r"half|third|quarter|twice|double|million|billion|dozen|thousand|hundred|one|two|three|four|"
    r"five|six|seven|eight|nine|ten )"
)
_HARD = frozenset({"money", "percentage", "date", "quantity"})
_OPINION = re.compile(
    r"\b(?:should|must|ought to|deserves?|I think|I believe|we believe|in my view|I am|I'm|"
    r"we need|we do not need|shameful|disgrace\w*|outrageous|ridiculous|wonderful|"
    r"terrible|tired of|hope|wish|let us|let's)\b"
)
# Parts of an article that are not claims: datelines, credits, "(Reporting by ...)".
_NOT_PROSE = re.compile(r"^\s*(?:\(|By |Photo:|Reporting by|Editing by|\w+ is an? )")


_WORD = re.compile(r"[A-Za-z]+")
_HARD_CHAR = re.compile(r"[\d$€£¥%]")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONEY = re.compile(_TRIGGERS["money"])
_PERCENT = re.compile(_TRIGGERS["percentage"])


def _words(pattern: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", pattern))


_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december jan "
    "feb mar apr aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday "
    "sunday yesterday".split()
)
_NUMBER_SET = _words(_NUMBER_WORDS)
_COMPARISON_SET = _words(_TRIGGERS["comparison"]) - {"est"}
_CAUSAL_SET = _words(_TRIGGERS["causal"])
_EVENT_SET = _words(_TRIGGERS["event"])
_SUPERLATIVE_SET = frozenset("most least record first largest biggest".split())


_WORD_KINDS = (
    ("date", _DATE_WORDS),
    ("quantity", _NUMBER_SET),
    ("comparison", _COMPARISON_SET),
    ("causal", _CAUSAL_SET),
    ("event", _EVENT_SET),
)
# Words without which _OPINION cannot match (checked on the word set before running the regex).
_OPINION_WORDS = frozenset(
    "should must ought deserve deserves i am we shameful outrageous ridiculous wonderful "
    "terrible tired hope wish let view".split()
)
_LOWER_WORD = re.compile(r"[a-z]+")


def sentence_kinds(text: str, start: int, end: int, lowered: str | None = None) -> set[str]:
    """The kinds of checkable content in text[start:end] (word sets, so no per-word regex).
    `lowered` is text.lower() when it has the same length (computed once per draft)."""
    if lowered is None:
        lowered = text[start:end].lower()
        start, end, text = 0, len(lowered), text[start:end]
    words = set(_LOWER_WORD.findall(lowered, start, end))
    return _kinds(text, start, end, lowered, words)


def _kinds(text: str, start: int, end: int, lowered: str, words: set[str]) -> set[str]:
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
    if (
        "comparison" not in kinds
        and lowered.find("est", start, end) >= 0
        and any(w.endswith("est") and len(w) > 5 for w in words)
    ):
        kinds.add("comparison")
    return kinds


def candidate_sentences(
    text: str,
    sentences: list[tuple[int, int]],
    quoted_share: Callable[[int, int], float],
) -> list[tuple[int, int, str]]:
    """(start, end, claim_type) for each claim-like sentence, in text order."""
    out = []
    lowered = text.lower()
    same = len(lowered) == len(text)  # lower() can change the length ("İ"): then per sentence
    for start, end in sentences:
        if end - start < 12:
            continue
        if same:
            words = set(_LOWER_WORD.findall(lowered, start, end))
            kinds = _kinds(text, start, end, lowered, words)
        else:
            piece = text[start:end].lower()
            words = set(_LOWER_WORD.findall(piece))
            kinds = _kinds(text[start:end], 0, end - start, piece, words)
        if not kinds or quoted_share(start, end) > 0.45:
            continue
        sentence = text[start:end]
        if _NOT_PROSE.match(sentence):
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
        out.append((start, end, _claim_type(kinds, "event")))
    return out


_PRIORITY = ("money", "percentage", "date", "quantity", "comparison", "causal", "event")


def _claim_type(kinds: set[str], first: str) -> str:
    for k in _PRIORITY:
        if k in kinds:
            return k
    return first
