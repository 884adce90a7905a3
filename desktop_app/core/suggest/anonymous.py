"""Unnamed sources and the reason the story gives for granting anonymity.

A source is a descriptor used as the subject or object of an attribution: "a senior official
said", "according to two people familiar with the talks", "analysts said", or a first name the
story says it withholds the surname of. Definite phrases ("the official said") refer back to a
source already introduced and are not new ones. The reason is its own span ("because the talks
are confidential"); `sourcing.rote_reason` flags boilerplate.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop_app.core.sourcing import is_anonymous_descriptor, rote_reason
from desktop_app.core.suggest import anchors
from desktop_app.core.suggest.cues import CUE_VERBS, CUE_WORDS

# Nouns that head a source descriptor; the plural of each singular is it + "s".
_SINGULAR = (
    "official source aide employee staffer worker nurse doctor officer analyst expert economist "
    "diplomat executive lawyer attorney resident member insider investor trader banker engineer "
    "contractor lobbyist teacher parent agent adviser advisor consultant manager scientist "
    "researcher negotiator lawmaker legislator regulator detective investigator meteorologist "
    "strategist operative donor colleague relative neighbor neighbour student soldier guard "
    "volunteer activist organizer planner auditor physician pilot inspector clerk director "
    "administrator representative veteran"
).split()
HEAD_NOUNS = (
    *_SINGULAR,
    *(w + "s" for w in _SINGULAR),
    *"person people spokesman spokeswoman spokesperson spokespeople witness witnesses allies "
    "someone somebody".split(),
)
# As a prefix trie: the lazy word loop of _INDEF tries the head nouns after every word.
_HEADS = anchors.trie_pattern(HEAD_NOUNS)
_DET = (
    r"(?:an?|another|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|multiple|"
    r"numerous|a few|a dozen|dozens of|other|\d+)"
)
_POST = (
    r"(?:\s+(?:familiar with|close to|briefed on|involved in|with (?:direct )?knowledge of|"
    r"knowledgeable about|at|for|in|of|from|with|on|to|inside|within)\s+"
    r"(?:[\w’'-]+\s+){0,5}?[\w’'-]+)?"
)
_CUES = rf"(?:{CUE_VERBS}|spoke|speaking|declined|requested|asked|who|whose)"
_INDEF = re.compile(
    rf"\b(?i:{_DET})\s+(?:[\w’'-]+\s+){{0,3}}?(?i:{_HEADS})\b{_POST}"
    rf"(?=\s*,|\s+(?:and\s+[a-z]|{_CUES})\b|\s*[.;])"
)
# "officials said", "Shipping analysts said": bare plural groups right before a speech verb;
# the noun opens the text or follows white space or a character that is not ASCII (“Officials),
# not other ASCII ("non-residents", "(officials"): where the head-noun hits find it.
_GROUP = re.compile(
    r"(?<![\w’'-] )(?<!\bthe )\b(?:[A-Z][\w-]*\s+|[a-z][\w-]*\s+)?"
    r"(?<![\x00-\x08\x0e-\x1b!-\x7f])(?i:officials|sources|analysts|experts|economists|"
    r"diplomats|insiders|meteorologists|witnesses|residents|investigators|strategists|traders|"
    r"observers)"
    r"(?=\s+(?:say|said|says|told|believe|expect|estimate|warn|warned)\b)"
)
_PART_OF = re.compile(r"\b(?:one|some|many|none|each|any|all|most) of\s*$", re.I)
_NAMED_AFTER = re.compile(r",\s+(?:[A-Z][\w’'-]+\s+){1,3}?[A-Z][\w’'-]+,").match
_OF_THE = re.compile(r"\w+ of the\b")
_GROUP_VERB = re.compile(r"\s+(?:say|said|says|told|believe|expect|estimate|warn|warned)\b")
_SUBJECT_CUE = re.compile(
    rf"(?:,[^.;“”\"]{{0,220}}?,|\s+who\s[^.;,“”\"]{{1,160}}?)?\s+"
    rf"(?:(?:also|later|privately|separately)\s+)?(?:{CUE_VERBS}|"
    rf"spoke|declined|requested|asked|described|confirmed|reported)\b"
)  # the phrase, perhaps an aside in commas or a "who ..." clause, then the speech verb


# The test for a cue right before a phrase, in plain form (compiled by the tests only).
ACCORDING_OR_CUE_PLAIN = rf"(?:according to|\b(?:{CUE_VERBS}))\s*$"
_CUE_ENDINGS = tuple(CUE_WORDS)


def ends_with_cue(before: str) -> bool:
    """`re.search(ACCORDING_OR_CUE_PLAIN, before)` as a boolean, by suffix tests: the text,
    trailing white space aside, ends with "according to" or with a cue word that starts a word
    (the search tried the pattern at each of the 40 characters)."""
    tail = before.rstrip()  # str.isspace is what \s matches
    if tail.endswith("according to"):
        return True
    if not tail.endswith(_CUE_ENDINGS):
        return False
    for word in _CUE_ENDINGS:
        if tail.endswith(word):
            p = len(tail) - len(word)  # \b there: a letter after, no word character before
            if p == 0 or not (tail[p - 1].isalnum() or tail[p - 1] == "_"):
                return True
    return False


# How copy says a source is unnamed, then (optionally) why.
_MARKER_PARTS = (  # (first words, the rest): the marker is any first word, then its rest
    (
        "spoke|speaking|talked|agreed to speak",
        r" on (?:the )?condition (?:of anonymity|that (?:he|she|they|his|her|their)(?: names?)? "
        r"not be (?:named|identified|used))",
    ),
    (
        "requested|asked for|sought|was granted|were granted|on condition of|under condition of|"
        "insisted on",
        " anonymity",
    ),
    (
        "asked|requested|declined|wished|preferred|did not want",
        r" (?:not )?to be (?:named|identified)",
    ),
    (
        "asked|requested",
        r" that (?:his|her|their) (?:full |last |family |sur)?names? (?:not be "
        r"(?:used|published|printed|disclosed)|be withheld)",
    ),
    ("asked|requested", r" that only (?:his|her|their) first names? be (?:used|published)"),
    ("gave|give|giving|provided", r" only (?:his|her|their) first names?"),
    ("was|were|is|are", r" not (?:authori[sz]ed|allowed|permitted|cleared) to [^,.;]{3,120}"),
)
_MARKER = "(?:" + "|".join(f"(?:{firsts}){rest}" for firsts, rest in _MARKER_PARTS) + ")"
# The same alternatives in the same order, each first word written out with its rest: every
# alternative then opens with a literal, so a search skips in C to the letters one can start
# with (a test checks the two forms match alike).
_MARKER_FLAT = (
    "(?:"
    + "|".join(f"{w}{rest}" for firsts, rest in _MARKER_PARTS for w in firsts.split("|"))
    + ")"
)
_REASON_WORDS = (
    r"(?:because|since|as (?:he|she|they|the)|for fear|fearing|out of fear|to (?:protect|avoid|"
    r"describe|discuss|speak|talk|share|reveal|disclose|detail|preserve)|so (?:as|that)|given)"
)
_REASON = re.compile(
    rf"(?P<marker>{_MARKER_FLAT})(?:\s*,?\s+(?P<why>{_REASON_WORDS}\b[^.;]*?))?(?=\s*(?:[,.;)]|$))"
)
# Literal words every match contains (lower case), so the patterns run only around them.
_HEAD_WORDS = (
    "offic source person people aide employee staffer worker nurse doctor spokes analyst "
    "expert economist diplomat executive lawyer attorney resident witness member insider "
    "investor trader banker engineer contractor lobbyist teacher parent agent advis consultant "
    "manager scientist researcher negotiator lawmaker legislator regulator detective "
    "investigator meteorologist strategist operative donor allies colleague relative neighbo "
    "student soldier guard volunteer activist organizer planner auditor physician pilot "
    "inspector clerk director administrator representative veteran someone somebody observer"
).split()  # ("observer": no _INDEF head, but a _GROUP noun, which these hits also find)
_GROUP_WORDS = (
    "officials sources analysts experts economists diplomats insiders meteorologists witnesses "
    "residents investigators strategists traders observers"
).split()
_MARKER_WORDS = "condition anonymity name identified authori allowed permitted cleared".split()
# As bytes, looked for in the ASCII copy of the lower-cased text (same offsets: every one is
# ASCII letters, and "?" stands for each character that is not ASCII).
_GROUP_NOUN = re.compile(anchors.trie_pattern(_GROUP_WORDS).encode())
_MARKER_BYTES = [w.encode() for w in _MARKER_WORDS]


# The text's shape, one byte per character: ASCII letters and digits, "_", "'" and "-" as they
# are in the lower-cased text, ASCII whitespace as " ", other ASCII as "#" (the characters no
# _INDEF match holds between its determiner and its head noun), and "~" for any character that
# is not ASCII (and for "?"): those may be letters, digits or spaces, so "~" stands for each.
# Literal-led byte patterns over it find the anchors at memory speed.
_SHAPE = bytes(
    c
    if chr(c).isalnum() and c < 128 or c in b"_'-"
    else 32
    if chr(c).isspace()
    else 126
    if c == 63
    else 35
    for c in range(256)
)
_HEAD_TRIE = anchors.trie_pattern(_HEAD_WORDS).encode()
_HEAD_AFTER = tuple(re.compile(re.escape(lead) + _HEAD_TRIE) for lead in (b" ", b"~"))
# After a character that is not a word character (a space, "'", "-", other ASCII "#", or "~"):
# a determiner (its first word, as a trie) and a space.
_DET_AFTER = re.compile(
    rb"[ #~'-](?=(?:"
    + anchors.trie_pattern(
        "a an another one two three four five six seven eight nine ten several some many multiple "
        "numerous dozens other".split()
    ).encode()
    + rb"|[0-9~]+)[ ~])"
)


def _head_hits(shape: bytes) -> tuple[list[int], list[int]]:
    """Offsets of the head-noun stems after a space, and after a character that is not ASCII."""
    return (
        [m.start() + 1 for m in _HEAD_AFTER[0].finditer(shape)],
        [m.start() + 1 for m in _HEAD_AFTER[1].finditer(shape)],
    )


def _head_starts(
    text: str, shape: bytes, hits: tuple[list[int], list[int]] | None = None
) -> list[int]:
    """Offsets of the head-noun stems right after whitespace in `text` (as `\\s` sees it)."""
    spaced, other = _head_hits(shape) if hits is None else hits
    found = spaced + [h for h in other if text[h - 1].isspace()]
    found.sort()
    return found


def _det_windows(heads: list[int], shape: bytes) -> list[tuple[int, int]]:
    """Merged windows where the determiner of a head noun at each of `heads` may be: up to 120
    characters before it, and after the last character that cannot be inside a match ("#" in
    the shape: punctuation other than ' and -; "~" may be a letter, so it is not one)."""
    out: list[tuple[int, int]] = []
    rfind = shape.rfind
    for h in heads:
        lo = h - 120 if h > 120 else 0
        stop = rfind(b"#", lo, h)
        if stop >= 0:
            lo = stop + 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], h + 1)
        else:
            out.append((lo, h + 1))
    return out


def _det_starts(shape: bytes, spans: list[tuple[int, int]]) -> list[int]:
    """Every offset inside `spans` where an _INDEF match may start: after a character that is
    not a word character, a determiner and a space (a superset: "~" may be either). Each match
    is the one character before that offset (the rest is a lookahead)."""
    found = [0] if spans and spans[0][0] == 0 else []
    windows = [(begin - 1 if begin else 0, end) for begin, end in spans]
    found += [start + 1 for _, start in anchors.in_windows(_DET_AFTER, shape, windows)]
    return found


def _group_starts(text: str, low: bytes, hits: tuple[list[int], list[int]]) -> list[int]:
    """Sorted offsets where a _GROUP match may start: each group noun that a speech verb
    follows (as its lookahead requires), and the word starts before it that the optional
    "[A-Za-z][\\w-]*\\s+" may take (at a word boundary, in the run of [\\w-] before the spaces).
    The nouns are read at the text's start and the head-noun hits (`_head_hits`): wherever
    _GROUP lets a noun stand."""
    found: set[int] = set()
    noun_at = _GROUP_NOUN.match
    for i in [0, *hits[0], *hits[1]]:
        noun = noun_at(low, i)
        if noun is not None and _GROUP_VERB.match(text, noun.end()):
            found.add(i)
            k = i
            while k > 0 and text[k - 1].isspace():
                k -= 1
            j = k if k < i else i
            while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_-"):
                j -= 1
            for q in range(j, k if k < i else j):
                if (
                    text[q].isascii()
                    and text[q].isalpha()
                    and not (q and (text[q - 1].isalnum() or text[q - 1] == "_"))
                ):
                    found.add(q)
    return sorted(found)


_FIRST_NAME_MARKER = re.compile(r"first names?|last names?|family names?|surnames?")
_FIRST_NAME = re.compile(r"(?:^|[.!?]\s+|\n)([A-ZÀ-Þ][a-zà-ÿ’'-]+)(?=,)")


def _ascii(low: str | bytes) -> bytes:
    return low if isinstance(low, bytes) else low.encode("ascii", "replace")


def ascii_lowered(text: str) -> bytes | None:
    """`anchors.lowered(text)` encoded to ASCII ("?" for every other character), made without
    lowering the whole text when that is the same: only "İ" changes the length in lower() and
    only the Kelvin sign becomes an ASCII letter. None when lower() changes the offsets."""
    if "\u0130" in text or "\u212a" in text:
        low = anchors.lowered(text)
        return None if low is None else low.encode("ascii", "replace")
    return text.encode("ascii", "replace").lower()


class Source(NamedTuple):  # named tuples: cheaper to build than frozen dataclasses
    start: int
    end: int
    phrase: str
    kind: str  # "individual", "group" or "first_name"


class Reason(NamedTuple):
    start: int  # the reason span (the "why" part, else the whole marker)
    end: int
    marker_start: int
    first_name: bool


def find_sources(
    text: str, body: list[tuple[int, int]], low: str | bytes | None = None
) -> list[Source]:
    """Unnamed individuals and groups used as sources, in text order. `low` is
    `anchors.lowered(text)`, or its ASCII copy (`ascii_lowered`): the patterns then run only
    around their head nouns."""
    found: dict[int, Source] = {}
    ascii_low = None if low is None else _ascii(low)
    if ascii_low is None:
        indef = _INDEF.finditer(text)
    else:
        shape = ascii_low.translate(_SHAPE)
        hits = _head_hits(shape)
        heads = _det_windows(_head_starts(text, shape, hits), shape)
        indef = anchors.matches_at(_INDEF, text, _det_starts(shape, heads))
    for m in indef:
        s, e = m.span()
        phrase = m.group()
        before = text[max(0, s - 40) : s]
        # The tests are independent, cheapest and most selective first: a cue after the
        # phrase, then before it; "one of" only when "of" is there at all.
        if not (_SUBJECT_CUE.match(text, e) or ends_with_cue(before)):
            continue
        if ("of" in before.lower() and _PART_OF.search(before)) or _OF_THE.match(phrase):
            continue
        if _NAMED_AFTER(text, e, e + 60):  # the next 60 characters, as a slice would give
            continue  # "A neighbor, Patrice Okwuosa, said": named in apposition
        if not is_anonymous_descriptor(phrase):
            continue
        found[s] = Source(s, e, phrase, "individual" if not phrase.endswith("s") else "group")
    groups = (
        _GROUP.finditer(text)
        if ascii_low is None
        else anchors.matches_at(_GROUP, text, _group_starts(text, ascii_low, hits))
    )
    for m in groups:
        s, e = m.span()
        phrase = m.group()
        if phrase.split()[0].lower() in ("the", "of", "and"):
            continue
        found.setdefault(s, Source(s, e, phrase, "group"))
    return [found[k] for k in sorted(found)]


# Every marker opens with one of its first words (lower-cased here: a superset) and holds one of
# its words (_MARKER_WORDS) within 32 characters of its start: it can start only at such a first
# word up to 32 characters before such a word. Each match takes the first letter only (the rest
# is a lookahead), so overlapping starts are all found, and a search skips in C to the letters
# a first word can open with.
_MARKER_FIRSTS = sorted({w for firsts, _ in _MARKER_PARTS for w in firsts.split("|")})
_MARKER_FIRST = re.compile(
    "|".join(
        f"{letter}(?={anchors.trie_pattern(w[1:] for w in _MARKER_FIRSTS if w[0] == letter)})"
        for letter in sorted({w[0] for w in _MARKER_FIRSTS})
    ).encode()
)
_LONGEST_FIRST = max(map(len, _MARKER_FIRSTS))


def _marker_starts(low: bytes) -> list[int]:
    """Sorted offsets where a _REASON match may start (a superset), read in the ASCII copy of
    the lower-cased text: a first word up to 32 characters before each marker word."""
    words = anchors.positions(low, _MARKER_BYTES)
    windows = [(w - 32 if w > 32 else 0, w + 1 + _LONGEST_FIRST) for w in words]
    hits = anchors.in_windows(_MARKER_FIRST, low, windows)
    return sorted({start for k, start in hits if start <= words[k]})


def find_reasons(text: str, low: str | bytes | None = None) -> list[Reason]:
    """Anonymity markers and their reasons; `low` as for find_sources."""
    out = []
    if low is None:
        found = _REASON.finditer(text)
    else:
        found = anchors.matches_at(_REASON, text, _marker_starts(_ascii(low)))
    for m in found:
        first = bool(_FIRST_NAME_MARKER.search(m.group("marker")))
        if m.group("why"):
            out.append(Reason(m.start("why"), m.end("why"), m.start(), first))
        else:
            start = m.start()
            # "who was not authorized to speak publicly" carries its own relative pronoun.
            who = text.rfind("who ", max(0, start - 6), start)
            out.append(Reason(who if who >= 0 else start, m.end(), m.start(), first))
    return out


def first_name_source(text: str, reason: Reason, floor: int) -> Source | None:
    """ "Rosa, 44, who asked that only her first name be used": the bare first name before it."""
    window = text[max(floor, reason.marker_start - 200) : reason.marker_start]
    names = list(_FIRST_NAME.finditer(window))
    if not names:
        return None
    m = names[-1]
    s = max(floor, reason.marker_start - 200) + m.start(1)
    return Source(s, s + len(m.group(1)), m.group(1), "first_name")


def rote_of(text: str, reason: Reason) -> str | None:
    return rote_reason(text[reason.marker_start : reason.end])
