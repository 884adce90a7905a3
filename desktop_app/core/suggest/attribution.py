"""Who said a quotation, and with what cue: the attribution beside it, else the nearest fit.

Order of evidence: an attribution right after the closing mark (",” said Ann Lee", ",” she
added"), one before the opening mark in the same sentence ("Lee said: “"), a cue earlier in the
same sentence for a partial quote ("Lee called the plan “reckless”"), then the quotation before
it in the paragraph (“A,” she said. “B.”) or the one it continues from the previous paragraph.
Pronouns and "the official" resolve to the nearest earlier mention that fits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from desktop_app.core.suggest.cues import CUE, CUE_VERBS, DEFINITE, INDEFINITE, NAMED, PRONOUN, WHO
from desktop_app.core.suggest.names import NAME_RE, Registry, clean_name, is_org, title_words

_AFTER_VERB_FIRST = re.compile(
    rf"[\s,—–-]*(?P<cue>{CUE})\s+(?P<who>{NAMED}|{INDEFINITE}(?=[,.;]|\s+(?:who|and)\b)"
    rf"|{DEFINITE}|{PRONOUN})"
)
_AFTER_SPEAKER_FIRST = re.compile(
    rf"[\s,—–-]*(?P<who>{WHO})(?P<app>,[^,“”\"]{{1,120}},)?\s+(?P<cue>{CUE})\b"
)
# A speaker phrase starts a word: not "he" in "Sasha", not "a officials" in "Clara officials"
# (and a search for one fails at once inside a word instead of trying every phrase there).
_WORD_START = r"(?<![\w’'-])"
_BEFORE = re.compile(
    rf"(?:{_WORD_START}(?P<who>{WHO})(?P<app>,[^,“”\"]{{1,120}},)?\s+(?P<cue>{CUE})"
    rf"(?:\s+[\w’'-]+){{0,3}}?|"
    rf"(?P<acc>[Aa]ccording to)\s+(?P<who2>{WHO}))\s*[,:—–-]?\s*$"
)
# (not after a hyphen: "so-called", "self-described" are no cues; "saying" only leads a
# partial quotation, "apologized, saying they “stemmed from the urgency”": after a quotation
# it is a noun, "“...” A wise saying")
_CUE_ANY = re.compile(rf"\b(?<!-)(?P<cue>{CUE}|saying)\b")
# _BEFORE tried at every position of a window is costly; it can only match when some cue verb
# (at a word start) is followed by at most its tail and three words before the window's end.
_CUE_AT = re.compile(rf"(?<!\S)(?:{CUE_VERBS})")
_CUE_TO_END = re.compile(rf"(?:{CUE})(?:\s+[\w’'-]+){{0,3}}?\s*[,:—–-]?\s*$")
# _BEFORE's speaker part, to end exactly at a cue (searched with endpos at the cue): the leftmost
# start it finds is the leftmost start _BEFORE.search would find through that cue, at a fraction
# of the cost (the lazy speaker phrases no longer try the cue and its tail at every step).
_WHO_TO_CUE = re.compile(rf"{_WORD_START}(?:{WHO})(?:,[^,“”\"]{{1,120}},)?\s+$")
_PRONOUN_RE = re.compile(rf"^{PRONOUN}$")
_HEAD = re.compile(r"([a-z][\w-]*?)s?$")
_PART_OF = re.compile(r"^(?:one|some|many|each|all|most|none) of (?:the )?", re.I)
_SPACES_OR_COMMAS = re.compile(r"[\s,]+")


class Mention(NamedTuple):
    """Someone the text has named or described, at `pos`: a candidate for "he said". A named
    tuple: one is built per name introduction and per quotation of a long draft."""

    pos: int
    speaker: str
    heads: AbstractSet[str] = frozenset()  # never changed after it is built
    org: bool = False


def head_noun(phrase: str) -> str:
    """The last lower-case word of a descriptor, singular: "the senior officials" -> "official"."""
    phrase = _PART_OF.sub("", phrase.strip())
    words = [w for w in _SPACES_OR_COMMAS.split(phrase.split(" who ")[0]) if w]
    for prep in (" of ", " at ", " for ", " in ", " with ", " close ", " familiar ", " briefed "):
        if prep in f" {' '.join(words)} ":
            words = " ".join(words).split(prep.strip(), 1)[0].split()
            break
    for word in reversed(words):
        m = _HEAD.match(word.lower())
        if m and word[:1].islower():
            return m.group(1)
    return ""


class Resolver:
    """Turns a speaker phrase into a speaker, using earlier mentions."""

    def __init__(self, registry: Registry, mentions: list[Mention]) -> None:
        self.registry = registry
        self.mentions = sorted(mentions, key=lambda m: m.pos)  # the draft's names and sources
        self.positions = [m.pos for m in self.mentions]
        # Speakers of the quotes read so far, in text order: appended, not inserted among the
        # draft's mentions (an insert per quote moved half the list: quadratic in a long draft).
        self.added: list[Mention] = []
        self.added_positions: list[int] = []
        self.speakers = {m.speaker for m in self.mentions}
        self._parsed: dict[str, tuple[str, int]] = {}  # phrase -> _last_person(phrase)

    def add(self, mention: Mention) -> None:
        if self.added_positions and mention.pos < self.added_positions[-1]:
            i = bisect_right(self.added_positions, mention.pos)
            self.added_positions.insert(i, mention.pos)
            self.added.insert(i, mention)
        else:
            self.added_positions.append(mention.pos)
            self.added.append(mention)
        self.speakers.add(mention.speaker)

    def nearest(self, pos: int, head: str = "", person: bool = True) -> Mention | None:
        """The nearest of the 60 mentions at or before `pos` that fits (a quote's speaker
        before a draft mention at the same place)."""
        positions, added_positions = self.positions, self.added_positions
        i = bisect_right(positions, pos) - 1
        j = bisect_right(added_positions, pos) - 1
        for _ in range(60):
            if j >= 0 and (i < 0 or added_positions[j] >= positions[i]):
                m = self.added[j]
                j -= 1
            elif i >= 0:
                m = self.mentions[i]
                i -= 1
            else:
                return None
            if (not head or head in m.heads) and not (person and m.org):
                return m
        return None

    def speaker(self, phrase: str, pos: int) -> tuple[str, float]:
        """(speaker, confidence) for a phrase found at `pos`; ("", 0) when it names nobody."""
        phrase = phrase.strip(" ,")
        if _PRONOUN_RE.match(phrase):
            if phrase.lower() in ("i", "we"):
                return "", 0.0
            m = self.nearest(pos, person=phrase.lower() != "they")
            return (m.speaker, 0.75) if m else ("", 0.0)
        lowered = phrase[:4].lower()
        if lowered.startswith(("the ", "one ", "this", "that")) and not NAME_RE.search(phrase[4:]):
            head = head_noun(phrase)
            m = self.nearest(pos, head, person=False) if head else None
            if m is None and head:
                return phrase, 0.5
            return (m.speaker, 0.7) if m else ("", 0.0)
        parsed = self._parsed.get(phrase)
        if parsed is None:
            parsed = self._parsed[phrase] = _last_person(phrase)
        name, count = parsed
        if not count:
            return (phrase, 0.7) if phrase[:1].isalpha() else ("", 0.0)
        if " " not in name and self.registry.resolve(name) == name and not self._known(name):
            if phrase.startswith(name) and count == 1:
                return name, 0.6
        return self.registry.resolve(name), 0.9

    def _known(self, name: str) -> bool:
        return name in self.speakers


def _last_person(phrase: str) -> tuple[str, int]:
    """The last person named in a phrase (else its last organisation) and how many names it
    holds; ("", 0) when none."""
    names = [clean_name(n.group()) for n in NAME_RE.finditer(phrase)]
    names = [n for n in names if n]
    if not names:
        return "", 0
    people = [n for n in names if not is_org(n)]
    return (people or names)[-1], len(names)


def subject_of(sentence: str, registry: Registry, known: set[str]) -> str:
    """The first person-like name in a sentence's subject ("Kelsey Bay coach Theresa Mbeki, 38")."""
    for m in NAME_RE.finditer(sentence):
        raw = m.group()
        name = clean_name(raw)
        if not name or is_org(name) or raw.endswith(("’s", "'s")):
            continue
        if " " in name or name in registry.by_part or name in known:
            return registry.resolve(name)
    return ""


def mention_for(raw: str, name: str, pos: int, appositive: str, org: bool | None = None) -> Mention:
    """`org` is is_org(name) when the caller has it."""
    heads = title_words(raw) | appositive_heads(appositive)
    return Mention(pos, name, heads, is_org(name) if org is None else org)


def appositive_heads(appositive: str) -> set[str]:
    """The first six words of an appositive, lower case: "a teacher at ..." -> {"a", "teacher", ...}."""
    return {w.rstrip(".,").lower() for w in appositive.split()[:6]}


def after_speaker(m: re.Match[str]) -> tuple[str, int]:
    """(who, its offset in the match's string) of an `after_attribution` match: the name in an
    appositive when the speaker phrase names nobody (",” her mother, Fiona, said")."""
    app = m.groupdict().get("app")
    if app and not NAME_RE.search(m.group("who")):
        name = NAME_RE.search(app)
        if name is not None:
            return name.group(), m.start("app") + name.start()
    return m.group("who"), m.start("who")


def after_attribution(text: str, end: int, limit: int) -> re.Match[str] | None:
    """The attribution right after a closing mark: ",” said Ann Lee" or ",” Lee said"."""
    window = text[end : min(limit, end + 160)]
    m = _AFTER_VERB_FIRST.match(window)
    if m is None:
        m = _AFTER_SPEAKER_FIRST.match(window)
    return m


def before_attribution(text: str, sent_start: int, start: int) -> tuple[str, str] | None:
    """(who, cue) when the sentence before an opening mark ends with an attribution."""
    pre = text[max(sent_start, start - 160) : start]
    # No part of an attribution holds a double mark, so it starts after the last one.
    first = max(pre.rfind("“"), pre.rfind("”"), pre.rfind('"')) + 1
    at = _leftmost_before(pre, first)
    if at < 0:
        return None
    m = _BEFORE.match(pre, at)
    if m is None:  # not expected (see _leftmost_before); the plain search decides then
        m = _BEFORE.search(pre, first)
    return None if m is None else before_speaker(m)


def before_speaker(m: re.Match[str]) -> tuple[str, str]:
    """(who, cue) of a `_BEFORE` match."""
    if m.group("acc"):
        return m.group("who2"), "according to"
    app = m.group("app") or ""
    if app and NAME_RE.search(app) and not NAME_RE.search(m.group("who")):
        return app, m.group("cue")  # "A company spokeswoman, Talia Okonjo, said"
    return m.group("who"), m.group("cue")


def _leftmost_before(pre: str, first: int) -> int:
    """Where `_BEFORE.search(pre, first)` would match, or -1: the leftmost of
    - through each cue that ends the window (a cue verb after a space, or "according to", with
      at most three words and a mark after it), the leftmost speaker phrase that ends at it;
    - each "[Aa]ccording to" in order, where _BEFORE matches."""
    best = -1
    cues = [c.start() for c in _CUE_AT.finditer(pre)]
    accs = []
    i = pre.find("ccording to")
    while i >= 0:
        if i and pre[i - 1] in "Aa":
            accs.append(i - 1)
            if pre[i - 1] == "a":
                cues.append(i - 1)  # "according to" as the first branch's cue
        i = pre.find("ccording to", i + 1)
    for p in accs:
        if p >= first and _BEFORE.match(pre, p):
            best = p
            break
    for c in cues:
        if c <= first or not pre[c - 1].isspace():
            continue
        if not _CUE_TO_END.match(pre, c):
            continue
        head = pre[:c].rstrip()
        if head.endswith(","):
            # The phrase must then be followed by an appositive, ", 42, a teacher,": the text
            # from the comma before the last one, 1 to 120 characters between them. If it is
            # not there, nothing matches through this cue (and the search tried every phrase).
            opener = head.rfind(",", first, len(head) - 1)
            if opener < 0 or not 0 < len(head) - opener - 2 <= 120:
                continue
        w = _WHO_TO_CUE.search(pre, first, c)
        if w is not None and (best < 0 or w.start() < best):
            best = w.start()
    return best


def cue_before(text: str, sent_start: int, start: int) -> tuple[str, str] | None:
    """(subject text, cue) when a cue verb comes earlier in the sentence (partial quotations).
    Only the last 400 characters of the sentence are read: copy's sentences are shorter, and a
    draft with no sentence ends (one run-on paragraph) would otherwise cost a pass per quote."""
    low = max(sent_start, start - 400)
    if low > sent_start:  # cut inside the sentence: \b sees the character before the cut
        m = _CUE_ANY.search(text, low, start)
        return None if m is None else (text[low : m.start()], m.group("cue"))
    pre = text[sent_start:start]
    m = _CUE_ANY.search(pre)
    if m is None:
        return None
    return pre[: m.start()], m.group("cue")


# A subject that cannot have said the words: "the plan was described as", "as if to say".
_NOT_SAID_BY_SUBJECT = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being)(?:\s+\w+ly)?|\bto)\s*$", re.I
)


def said_by_subject(subject: str) -> bool:
    """False when the words before a cue make it passive or an infinitive: nobody named there
    said the quotation ("a stranding that was described as “unprecedented”")."""
    return _NOT_SAID_BY_SUBJECT.search(subject[-40:]) is None


_BY = re.compile(r"[,.]?\s+by\s+")
# "by the conservation department": a described agent, up to punctuation or a new phrase.
_DESCRIBED = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+[^.,;:!?“”\"()\n]{1,60}?"
    r"(?=\s*[.,;:!?“”\"()\n]|\s*$|\s+(?:on|in|at|after|before|during|when|while|over|to|for)\b)"
)


def passive_agent(text: str, end: int) -> tuple[str, int] | None:
    """(agent, position) of a "by ..." right after a quotation of a passive cue."""
    by = _BY.match(text, end, end + 12)
    if by is None:
        return None
    m = NAME_RE.match(text, by.end())
    if m is not None and clean_name(m.group()):
        return clean_name(m.group()), m.start()
    m = _DESCRIBED.match(text, by.end(), by.end() + 80)
    return None if m is None else (m.group(), m.start())


_COPULAS = frozenset("is are was were am".split())
_PIECES = re.compile(r"[,“”\"()]")
_RELATIVE = frozenset("who which whose whom".split())
# A last word after which a subject goes on: the speaker phrase is not whole there.
_CLAUSE_GOES_ON = frozenset(
    """the a an of to and or but that in on at for with as if by from is was are were be been
    has have had not its their his her""".split()
)
# Words between a speaker and the cue: "RMS has consistently argued", "Lee also said".
_BETWEEN = frozenset(
    """also still then again later previously once now recently has have had will would could
    can may might did does do must should""".split()
)
_NOT_LAST = _CLAUSE_GOES_ON | _BETWEEN


def subject_clause(subject: str) -> str:
    """The speaker phrase that ends a subject before a cue, when it is a short one: "But with
    18 months left, Obama " -> "Obama"; "Maria, 42, a teacher, " -> "Maria"; "" otherwise."""
    closed = subject.rstrip().endswith(",")
    pieces = [p.strip() for p in _PIECES.split(subject)]
    while pieces and not pieces[-1]:
        pieces.pop()
    while len(pieces) > 1 and pieces[-1].split(" ", 1)[0].lower() in _RELATIVE:
        pieces.pop()
    while closed and len(pieces) > 1 and not pieces[-1][:1].isupper():
        pieces.pop()  # an appositive: ", 42, a teacher,"
    if not pieces:
        return ""
    words = pieces[-1].split()
    while len(words) > 1 and (words[-1].lower() in _BETWEEN or words[-1].endswith("ly")):
        words.pop()
    if not words or len(words) > 10 or words[-1].lower() in _NOT_LAST:
        return ""
    if not _COPULAS.isdisjoint(w.lower() for w in words):
        return ""  # "you are the opposite of an authority as the definition": a clause
    if not (words[-1][:1].isalpha() and words[-1][-1:].isalnum()):
        return ""
    return " ".join(words)


# The end of the sentence a quotation sits in, or the next quotation (whichever comes first).
_SENTENCE_STOP = re.compile(r"[.!?](?=[\s”\"’]|$)|[“\"\n]")


def trailing_attribution(text: str, end: int, limit: int) -> tuple[str, str, int] | None:
    """(who, cue, position) from an attribution that closes the sentence after a quotation:
    "... “a way of weakening Iran,” a view Indyk shares, Indyk said." reads ", Indyk said."."""
    stop = _SENTENCE_STOP.search(text, end, min(limit, end + 300))
    if stop is None or text[stop.start()] not in ".!?":
        return None
    comma = text.rfind(",", end, stop.start())
    if comma < 0:
        return None
    clause = text[comma : stop.start()]
    m = _AFTER_VERB_FIRST.match(clause) or _AFTER_SPEAKER_FIRST.match(clause)
    if m is None or clause[m.end() :].strip():
        return None
    return m.group("who"), m.group("cue"), comma + m.start("who")


__all__ = [
    "Mention",
    "Resolver",
    "after_attribution",
    "after_speaker",
    "appositive_heads",
    "before_attribution",
    "cue_before",
    "head_noun",
    "mention_for",
    "passive_agent",
    "said_by_subject",
    "subject_clause",
    "subject_of",
    "trailing_attribution",
]
