"""Checkable claims: narrative sentences holding a number, date, sum, comparison, cause or event.

One regex pass finds the triggers; each trigger's sentence becomes a candidate. A candidate is
dropped when it is mostly quotation (the quote annotation covers it), or when it reads as opinion
("should", "I think") and holds no hard fact (number, date, money).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import add, itemgetter

from desktop_app.core.suggest.anchors import positions

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
_SUPERLATIVE = re.compile(r"\b(?:\w+est|most|least|record|first)\b")

_OPINION = re.compile(
    r"\b(?:should|must|ought to|deserves?|I think|I believe|we believe|in my view|I am|I'm|"
    r"we need|we do not need|shameful|disgrace\w*|outrageous|ridiculous|wonderful|"
    r"terrible|tired of|hope|wish|let us|let's)\b"
)
# Parts of an article that are not claims: datelines, credits, "(Reporting by ...)".
_NOT_PROSE = re.compile(r"^\s*(?:\(|\[|By |Photo:|Reporting by|Editing by|\w+ is an? )")
# A credit line at the end of a story: "Ann Lee contributed to this report."
_CREDIT = re.compile(r"\bcontributed (?:to this report|reporting|research)\b")
# A sentence that only says why a source is unnamed ("They spoke on condition of anonymity
# because the talks are private."): no claim, unless it also reports what was said. Looked
# for with str.find in the lower-cased sentence (a regex scan of each sentence cost 4%).
_ANONYMITY_MARKS = tuple(
    w.encode()
    for w in (
        "anonymity",
        "not authori",
        "not to be named",
        "not be named",
        "not to be identified",
        "not be identified",
        "declined to be",
    )
)
_REPORTED = (b" said", b" says", b" told", b"according to")


def _explains_anonymity(low: bytes, start: int, end: int) -> bool:
    """True when low[start:end], a sentence of the lower-cased ASCII copy, holds an anonymity
    marker and no speech verb."""
    find = low.find
    for w in _ANONYMITY_MARKS:
        if find(w, start, end) >= 0:
            return all(find(v, start, end) < 0 for v in _REPORTED)
    return False


_HARD_CHAR = re.compile(r"[\d$€£¥%]")
_OTHER_HARD = re.compile(r"[\d€£¥]")  # read among the characters that are not ASCII
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONEY = re.compile(_TRIGGERS["money"])
_PERCENT = re.compile(_TRIGGERS["percentage"])


def _alternatives(pattern: str) -> list[str]:
    """The words and phrases of a trigger pattern "(?:a|b c|d)\\b"."""
    return pattern.removeprefix("(?:").removesuffix(")\\b").split("|")


def _words(pattern: str) -> frozenset[str]:
    """The one-word triggers of a pattern: a phrase ("more than", "led to") counts only as a
    whole, or "to", "with" and "than" would make nearly every sentence a claim."""
    return frozenset(w.lower() for w in _alternatives(pattern) if re.fullmatch(r"[A-Za-z]+", w))


_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december jan "
    "feb mar apr aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday "
    "sunday yesterday".split()
)
_NUMBER_SET = _words(_NUMBER_WORDS)
_COMPARISON_SET = _words(_TRIGGERS["comparison"]) - {"est"}
_CAUSAL_SET = _words(_TRIGGERS["causal"])
_EVENT_SET = _words(_TRIGGERS["event"])


_PHRASE_KINDS = tuple(
    (kind, tuple(a for a in _alternatives(_TRIGGERS[kind]) if " " in a))
    for kind in ("comparison", "causal", "event")
)
_PHRASE_RES = tuple(
    (kind, re.compile(rf"\b(?:{'|'.join(phrases)})\b")) for kind, phrases in _PHRASE_KINDS
)
_PHRASE_KEYS = frozenset(
    max(phrase.split(), key=len).encode() for _, phrases in _PHRASE_KINDS for phrase in phrases
)

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
# _MONEY and _YEAR led by one character class, so a search skips to digits and currency signs
# instead of trying the pattern at every character: they match at the same places.
_MONEY_AT = re.compile(
    r"[$€£¥\d](?:(?<=[$€£¥])\s?\d|(?<=\d)(?<!\w\d)[\d,.]*\s?(?:dollars|euros|pounds|yen|cents)\b)"
)
_YEAR_AT = re.compile(r"[12](?<!\w[12])(?:(?<=1)[89]|(?<=2)0)\d\d\b")
# A word of six or more letters ending in "est", in the letters-only copy (where a word is a run
# of a-z): led by the literal, so a search jumps from "est" to "est". Searched from three
# characters after the sentence's start, so the lookbehind reads only the sentence's letters.
_LONG_EST = re.compile(rb"est(?![a-z])(?<=[a-z]{3}est)")
_NOT_PROSE_AT = re.compile(_NOT_PROSE.pattern[1:])  # for match(text, pos): "^" holds only at 0
_PROSE_FIRSTS = frozenset("([BPRE" + "".join(c for c in map(chr, range(0x3001)) if c.isspace()))

# The kinds as bits, in the order that picks the claim type (the lowest bit set wins).
_KIND_NAMES = ("money", "percentage", "date", "quantity", "comparison", "causal", "event")
_MONEY_BIT, _PERCENT_BIT, _DATE_BIT, _QUANTITY, _COMPARISON = 1, 2, 4, 8, 16
_DATED = _MONEY_BIT | _PERCENT_BIT | _DATE_BIT  # facts that keep an opinionated sentence a claim
_WORD_BITS: dict[str, int] = {}
for _kind, _vocabulary in _WORD_KINDS:
    for _w in _vocabulary:
        _WORD_BITS[_w] = _WORD_BITS.get(_w, 0) | 1 << _KIND_NAMES.index(_kind)
_BYTES_BITS = {w.encode(): b for w, b in _WORD_BITS.items()}
_BYTES_OPINION = frozenset(w.encode() for w in _OPINION_WORDS | {"disgrace"})
# The opinion words as one more bit of the same word map, so one intersection per sentence
# finds the kinds and whether an opinion word is there.
_OPINION_BIT = 1 << len(_KIND_NAMES)
_BYTES_WORD_BITS = dict(_BYTES_BITS)
for _w in _BYTES_OPINION:
    _BYTES_WORD_BITS[_w] = _BYTES_WORD_BITS.get(_w, 0) | _OPINION_BIT
_PHRASE_BIT = _OPINION_BIT << 1
for _w in _PHRASE_KEYS:
    _BYTES_WORD_BITS[_w] = _BYTES_WORD_BITS.get(_w, 0) | _PHRASE_BIT
# The phrases over the letters-only copy (a-z, every other byte a space), with the kind's bit:
# searched only in sentences that hold one of the phrases' key words ("than", "due"); led by
# the phrases, so a search skips to their first letters, and the word start is checked on
# each hit.
_PHRASE_BITS = tuple(
    (1 << _KIND_NAMES.index(kind), re.compile(rf"(?:{'|'.join(phrases)})(?![a-z])".encode()))
    for kind, phrases in _PHRASE_KINDS
)
_BYTES_WORDS = frozenset(_BYTES_WORD_BITS)
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_HARD_BYTES = bytes(35 if chr(c) in "0123456789$%" else 32 for c in range(256))
# The literals one of which each money match holds (looked for in the ASCII copy of the
# lower-cased text, and € £ ¥ in the text), and those of a year (searched in the text).
_YEAR_HINT = re.compile(r"1[89]|20")
_MONEY_WORDS = (b"$", b"dollars", b"euros", b"pounds", b"yen", b"cents")
_TYPE_OF = [""] + [
    next(k for i, k in enumerate(_KIND_NAMES) if bits >> i & 1) for bits in range(1, 128)
]


def _hard_marks(text: str, ascii_copy: bytes | None = None) -> bytes | None:
    """One byte per character of `text`: "#" at each character `_HARD_CHAR` matches (a digit,
    $ % € £ ¥), a space elsewhere; None when too many characters are not ASCII to check one
    by one (then each sentence is searched with the pattern). `ascii_copy` is the text (or its
    lower case: the digits and signs are the same) encoded to ASCII with "?" for the rest."""
    if ascii_copy is None:
        ascii_copy = text.encode("ascii", "replace")  # "?" for each other character
    # The runs between the "?"s (each other character, and the text's own question marks):
    # their count, and the offsets of the "?"s from their lengths, all in C.
    runs = ascii_copy.split(b"?")
    marks = ascii_copy.translate(_HARD_BYTES)
    if len(runs) == 1:
        return marks
    most = len(text) // 16
    if len(runs) - 1 > most and len(runs) - 1 - text.count("?") > most:
        return None  # too many characters that are not ASCII
    at = list(accumulate(map(add, map(len, runs), repeat(1)), initial=-1))[1:-1]
    # The characters behind them, read by itemgetter, searched at once for digits and signs.
    others = "".join(itemgetter(*at)(text)) if len(at) > 1 else text[at[0]]
    hard = [at[m.start()] for m in _OTHER_HARD.finditer(others)]  # \d is str.isdecimal
    if not hard:
        return marks
    copy = bytearray(marks)
    for i in hard:
        copy[i] = 35  # "#"
    return bytes(copy)


def candidate_sentences(
    text: str,
    sentences: list[tuple[int, int]],
    q_starts: list[int],
    q_ends: list[int],
    lowered: str | None = None,
    ascii_low: bytes | None = None,
) -> list[tuple[int, int, str]]:
    """(start, end, claim_type) for each claim-like sentence, in text order. `q_starts` and
    `q_ends` are the quotations' spans (sorted by start): a sentence mostly quoted is skipped.
    `lowered` is text.lower() if the caller has it; `ascii_low` is its ASCII copy ("?" for the
    rest, as anonymous.ascii_lowered makes it): then `lowered` is not needed."""
    if ascii_low is None:
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) != len(text):  # lower() changed the length ("İ"): lower each sentence
            from desktop_app.core.suggest.claims_slow import candidates_slow

            return candidates_slow(text, sentences, q_starts, q_ends)
        ascii_low = lowered.encode("ascii", "replace")
    # The words of a sentence are its runs of a-z in the lower-cased text: in this bytes copy
    # (one byte per character, every other character a space) bytes.split finds them.
    letters = ascii_low.translate(_LETTERS_ONLY)
    marks = _hard_marks(text, ascii_low)
    out: list[tuple[int, int, str]] = []
    append = out.append
    # Bound methods and constants as locals: this loop runs once per sentence of the draft.
    hard_search = _HARD_CHAR.search
    money, percent, year = _MONEY_AT.search, _PERCENT.search, _YEAR_AT.search
    vocabulary, word_bits, type_of = _BYTES_WORDS, _BYTES_WORD_BITS, _TYPE_OF
    not_prose, find = _NOT_PROSE_AT.match, letters.find
    text_find, long_est = text.find, _LONG_EST.search
    year_hint, low_find = _YEAR_HINT.search, ascii_low.find
    # Where a sum may be: each sign and unit word of the text (one find per literal over the
    # draft), looked up per sentence by bisection instead of a search of every sentence that
    # holds a digit. A superset of the money pattern's literals, so the same sums are found.
    money_at = positions(ascii_low, _MONEY_WORDS) if marks is not None else []
    if marks is not None and ascii_low.find(b"?") >= 0:
        money_at = sorted(money_at + positions(text, "€£¥"))
    n_money = len(money_at)
    # The quoted share of each sentence: the quotations are walked beside the sentences (both
    # in order), so a sentence with no quotation costs one comparison. When two quotations
    # overlap, the share sums the overlaps per sentence (_quoted_share), as before.
    overlapping = not _disjoint(q_starts, q_ends)
    n_quotes, qi, last_start = len(q_starts), 0, -1
    # "disgrace" may hide in a longer word ("disgraceful"): looked for per sentence only when
    # the text has it at all.
    disgrace = ascii_low.find(b"disgrace") >= 0
    credits = ascii_low.find(b"contributed ") >= 0
    # Where the anonymity markers are (one find loop each over the draft), so a sentence
    # costs one bisection to learn it holds none.
    marked = positions(ascii_low, _ANONYMITY_MARKS)
    n_marked = len(marked)
    for start, end in sentences:
        if end - start < 12:
            continue
        # Mostly quotation: skipped before its words are read (a third of a quote-heavy story).
        if overlapping:
            if _quoted_share(q_starts, q_ends, start, end) > 0.45:
                continue
        elif n_quotes:
            if start < last_start:
                qi = 0  # sentences out of order (not from Sentences.spans): walk again
            last_start = start
            while qi < n_quotes and q_ends[qi] <= start:
                qi += 1  # ends before this sentence, so before every later one
            if qi < n_quotes and q_starts[qi] < end:
                covered, j = 0, qi
                while j < n_quotes and q_starts[j] < end:
                    inside = min(end, q_ends[j]) - max(start, q_starts[j])
                    if inside > 0:
                        covered += inside
                    j += 1
                if covered / (end - start) > 0.45:
                    continue
        if (
            credits
            and text_find("contributed ", start, end) >= 0
            and _CREDIT.search(text, start, end)
        ):
            continue
        if marks is not None:
            first = marks.find(b"#", start, end)
        else:
            hard = hard_search(text, start, end)
            first = -1 if hard is None else hard.start()
        if first >= 0:
            # A quantity; the claim type is the first of money, percentage, date that holds,
            # so each pattern runs only when the ones before it failed and its words or signs
            # are in the sentence. Every match starts at a hard character. A sum, share or
            # year fixes the type and keeps an opinion a claim: the words need not be read.
            if (
                marks is None
                or (m_i := bisect_left(money_at, first)) < n_money
                and money_at[m_i] < end
            ) and money(text, first, end):
                hard_type = "money"
            elif (
                marks is None
                or low_find(b"%", first, end) >= 0
                or low_find(b"per", first, end) >= 0
            ) and percent(text, first, end):
                hard_type = "percentage"
            elif (marks is None or year_hint(text, first, end)) and year(text, first, end):
                hard_type = "date"
            else:
                hard_type = ""
            if hard_type:
                if (
                    text[start] in _PROSE_FIRSTS or text_find(" is a", start, end) >= 0
                ) and not_prose(text, start, end):
                    continue
                append((start, end, hard_type))
                continue
        bits = 0
        for w in vocabulary.intersection(letters[start:end].split()):
            bits |= word_bits[w]
        if bits & _PHRASE_BIT:
            for bit, phrase in _PHRASE_BITS:
                hit = phrase.search(letters, start, end)
                while hit is not None and hit.start() > 0 and letters[hit.start() - 1] != 32:
                    hit = phrase.search(letters, hit.start() + 1, end)  # inside a word
                if hit is not None:
                    bits |= bit
        opinion = bits & _OPINION_BIT
        bits &= _OPINION_BIT - 1
        if first >= 0:
            bits |= _QUANTITY
        elif (
            not bits & _COMPARISON
            and find(b"est", start, end) >= 0
            and long_est(letters, start + 3, end)
        ):
            bits |= _COMPARISON  # (with a quantity the type is date or quantity: not needed)
        if not bits:
            continue
        if (
            n_marked
            and not bits & _DATED
            and (m_i := bisect_left(marked, start)) < n_marked
            and marked[m_i] < end
            and _explains_anonymity(ascii_low, start, end)
        ):
            continue
        # _NOT_PROSE needs a space, "(", "B", "P", "R" or "E" first, or " is a" in the sentence
        if (text[start] in _PROSE_FIRSTS or text_find(" is a", start, end) >= 0) and not_prose(
            text, start, end
        ):
            continue
        if opinion or (disgrace and text_find("disgrace", start, end) >= 0):
            if not bits & _DATED and _OPINION.search(text[start:end]):
                continue  # opinion, and no sum, share or date to check
        if bits == _COMPARISON and not _SUPERLATIVE.search(text[start:end]):
            continue  # a comparison alone ("better") is a claim only as a superlative
        append((start, end, type_of[bits]))
    return out


def _disjoint(q_starts: list[int], q_ends: list[int]) -> bool:
    """True when no quotation starts inside an earlier one (empty spans aside): each quoted
    character is then counted once by the walk in candidate_sentences."""
    last_end = 0
    for qs, qe in zip(q_starts, q_ends, strict=True):
        if qs < last_end:
            return False
        if qe > qs:
            last_end = qe
    return True


def _quoted_share(q_starts: list[int], q_ends: list[int], start: int, end: int) -> float:
    covered = 0
    i = max(0, bisect_right(q_starts, start) - 1)
    while i < len(q_starts) and q_starts[i] < end:
        covered += max(0, min(end, q_ends[i]) - max(start, q_starts[i]))
        i += 1
    return covered / max(1, end - start)
