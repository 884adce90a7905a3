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
    "quantity": rf"\d|\b(?i:{_NUMBER_WORDS})\b",
    "comparison": r"\b(?:\w+est|most|least|largest|biggest|record|more than|less than|fewer than|"
    r"higher|lower|larger|smaller|worse|better|rose|fell|increased|decreased|declined|dropped|"
    r"grew|jumped|surged|plunged|doubled|compared with|compared to|only|first|last)\b",
    "causal": r"\b(?:because|caused|causes|led to|leads to|due to|as a result|resulted in|"
    r"blamed|blames|linked to|fueled by|driven by|contributed to|explain|explains|reflected)\b",
    "event": r"\b(?:announced|approved|rejected|passed|voted|signed|filed|sued|charged|arrested|"
    r"convicted|sentenced|pleaded|ruled|resigned|fired|hired|elected|appointed|died|killed|"
    r"injured|closed|opened|launched|released|published|found|discovered|concluded|agreed|"
    r"acquired|bought|sold|won|lost|scored|beat|suspended|canceled|cancelled|destroyed|"
    r"deployed|ordered|funded|recovered|begun|began|started|ended|removed|struck|"
    r"eliminated|founded|built|requires|required|banned|raised|cut|spent|paid|owes|"
    r"recommended|estimated|reported|confirmed|denied|show|shows|showed|according to|said|says)\b",
}
_TRIGGER = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _TRIGGERS.items()))
_HARD = frozenset({"money", "percentage", "date", "quantity"})
_OPINION = re.compile(
    r"\b(?:should|must|ought to|deserves?|I think|I believe|we believe|in my view|I am|I'm|"
    r"we need|we do not need|shameful|disgrace\w*|outrageous|ridiculous|wonderful|"
    r"terrible|tired of|hope|wish|let us|let's)\b"
)
# Parts of an article that are not claims: datelines, credits, "(Reporting by ...)".
_NOT_PROSE = re.compile(r"^\s*(?:\(|By |Photo:|Reporting by|Editing by|\w+ is an? )")


def candidate_sentences(
    text: str,
    find_sentence: Callable[[int], tuple[int, int]],
    inside_quote: Callable[[int], bool],
    quoted_share: Callable[[int, int], float],
) -> list[tuple[int, int, str]]:
    """(start, end, claim_type) for each claim-like sentence, in text order."""
    seen: dict[int, tuple[int, str, set[str]]] = {}
    order: list[int] = []
    for m in _TRIGGER.finditer(text):
        if inside_quote(m.start()):
            continue
        start, end = find_sentence(m.start())
        kind = m.lastgroup or "event"
        entry = seen.get(start)
        if entry is None:
            seen[start] = (end, kind, {kind})
            order.append(start)
        else:
            entry[2].add(kind)
    out = []
    for start in order:
        end, first, kinds = seen[start]
        sentence = text[start:end]
        if end - start < 12 or _NOT_PROSE.match(sentence):
            continue
        hard = bool(kinds & _HARD)
        if quoted_share(start, end) > 0.45:
            continue
        if _OPINION.search(sentence) and not (kinds & {"money", "percentage", "date"}):
            continue
        if kinds <= {"comparison"} and not hard:
            if not re.search(r"\b(?:\w+est|most|least|record|first)\b", sentence):
                continue
        out.append((start, end, _claim_type(kinds, first)))
    return out


_PRIORITY = ("money", "percentage", "date", "quantity", "comparison", "causal", "event")


def _claim_type(kinds: set[str], first: str) -> str:
    for k in _PRIORITY:
        if k in kinds:
            return k
    return first

