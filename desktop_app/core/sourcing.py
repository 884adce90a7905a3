"""How newsroom copy names its sources: rote reasons for anonymity and unnamed-speaker phrases.

Plain-language heuristics behind `core.checks` (no Qt, no SQL). They are deliberately
conservative: a reason is rote only when nothing specific is given, and a speaker is unnamed only
when the phrase starts like a description ("a senior county official", "people familiar with the
matter") and carries no personal name of its own.
"""

from __future__ import annotations

import re

# What standards desks (AP, NYT, Reuters, NPR) call boilerplate: these say *that* a subject is
# sensitive or that a source was not cleared to talk, not *why this person* needs anonymity.
# Patterns ending in _END count only when nothing follows in the clause ("not authorized to speak
# publicly" alone is rote; "...to speak publicly about the layoffs" names the matter). Patterns
# ending in $ are the whole reason ("who spoke on condition of anonymity" gives no reason at all).
# A reason that also matches SPECIFIC_REASONS (a concrete risk to the source, the specific matter
# they may not discuss, news not yet public) is acceptable: the specific part wins.
_END = r"(?=\s*(?:[.,;:)—–]|\band\b|\bbut\b|$))"
_GENERIC = (
    r"(?:it|this|that|them|the (?:sensitive |private |internal )?(?:matters?|issues?|"
    r"subject|situation|topic)|(?:sensitive|internal|private|such) (?:matters|issues))"
)
_NOT_ALLOWED = r"not (?:authori[sz]ed|allowed|permitted|cleared) to"
ROTE_REASONS: tuple[str, ...] = (
    r"sensitiv(?:ity|e nature) of the (?:matter|issue|subject|situation|topic|negotiations|talks|"
    r"discussions|deliberations|information|case|investigation)",
    r"(?:because|given|due to|in light of) (?:of )?the (?:sensitive|delicate|confidential) nature",
    r"because (?:the|this) (?:matter|issue|subject|topic|information) (?:is|was) "
    r"(?:sensitive|delicate|confidential)",
    r"to (?:discuss|talk about|speak about|describe|address) (?:a |the |such )?(?:sensitive|"
    r"delicate|confidential) (?:matters?|issues?|subjects?|topics?|information|situation)",
    r"(?:to|could|can|would) (?:speak|talk|comment) (?:more )?(?:freely|candidly|frankly|openly)",
    rf"{_NOT_ALLOWED} (?:speak|talk|comment)(?: (?:publicly|officially|on the record|for "
    rf"attribution|to (?:the )?(?:media|press|news media|reporters?)))*(?: (?:about|on) "
    rf"{_GENERIC})?{_END}",
    rf"{_NOT_ALLOWED} (?:discuss|comment on|speak about|talk about|disclose) {_GENERIC}"
    rf"(?: publicly| on the record)*{_END}",
    r"(?:on|under) (?:the )?condition (?:of anonymity|that (?:he|she|they|it) not be "
    r"(?:named|identified))\W*$",
    r"(?:requested|asked for|sought|was granted|were granted|given) anonymity\W*$",
    r"(?:asked|requested|wished|wanted|preferred|declined|did not want) (?:not )?to "
    r"(?:be (?:named|identified)|give (?:his|her|their) names?)\W*$",
)
SPECIFIC_REASONS: tuple[str, ...] = (
    r"\b(?:retaliat\w*|reprisals?|retribution|repercussions|punish\w*|fired|firing|dismissal|"
    r"demot\w*|prosecut\w*|arrest\w*|jail\w*|imprison\w*|deport\w*|harass\w*|threat\w*|safety|"
    r"violence|danger\w*|stigma\w*|lawsuits?|legal action|sued)\b",
    r"\blos(?:e|es|ing|t) (?:\w+ ){0,3}?(?:jobs?|positions?|posts?|livelihoods?|licen[cs]es?|"
    r"contracts?|funding|clients|business|work|access|visas?|benefits)\b",
    r"\b(?:minors?|juveniles?|victims?|survivors?|medical|immigration status|undocumented)\b",
    rf"\b{_NOT_ALLOWED} (?:discuss|disclose|reveal|describe|comment (?:publicly )?on|speak "
    rf"(?:publicly )?(?:about|on)|talk (?:publicly )?about) (?!{_GENERIC}\b)\w+",
    r"\b(?:(?:has|have|had) not (?:yet )?been (?:made public|announced|released|disclosed|"
    r"finali[sz]ed)|not yet (?:public|announced|final)|before (?:it|they|the \w+) "
    r"(?:is|are|was|were) (?:announced|made public))",
)
_ROTE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in ROTE_REASONS) + ")")
_SPECIFIC = re.compile("|".join(f"(?:{p})" for p in SPECIFIC_REASONS))

# An unnamed speaker: an indefinite article, a number or quantifier, a plural group, or "the"
# before a source-like noun ("the official"), at the start of the phrase...
_STARTER = (
    r"(?:an?|another|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|many|few|"
    r"multiple|various|numerous|both|people|persons|sources?|officials?|insiders?|someone|"
    r"somebody|unnamed|anonymous|the (?:\w+ ){0,2}?(?:officials?|sources?|person|people|"
    r"aides?|insiders?|staffers?|employees?))\b"
)
_STARTS_UNNAMED = re.compile(_STARTER)
# ...that is not a document, and holds no personal name of its own: a run of two or more
# capitalised words ("Dana Okafor", "Ms. Park") with no institution or place word in it, and not
# part of an affiliation ("an aide to Mayor Helen Park", "a White House official").
_NOT_PERSON = frozenset(
    """statement report release letter filing document documents memo email
    post website lawsuit complaint ruling study survey audit analysis poll review transcript
    recording video message tweet day week month year time while deal lot bit""".split()
)
_AFFILIATION = frozenset(
    """to of for at with from in on by within inside near under familiar close
    briefed involved knowledgeable""".split()
)
_ALONE = frozenset("people persons sources officials insiders someone somebody".split())
_APPOSITION = frozenset(("named", "called"))
_CLAUSE = frozenset(("who", "whom", "whose", "which", "because", "after", "when"))
_INSTITUTION = frozenset(
    """house department ministry office council county city police court party
    bank agency university college school hospital board committee senate congress parliament
    pentagon administration government authority commission service union company inc corp co
    group partners holdings llc ltd foundation institute trust fund capital network media news
    times post press falls river valley springs beach heights hills lake bay harbor harbour
    island islands mountain port state states province region district republic kingdom street
    road avenue square hall airport station""".split()
)

# Attributions: verb then descriptor (",” said a person familiar with the talks", "according to
# one official, “…"), or descriptor then verb ("One official said: “…”", "…,” a senior county
# official said."). All patterns here are matched against lowercased text (`_lower`), which is
# several times faster than re.IGNORECASE.
_VERB_FIRST = re.compile(
    rf"\b(?:said|says|added|adds|wrote|writes|explained|noted|recalled|warned|continued|"
    rf"according\s+to)\s+(?P<who>{_STARTER}[^.;:!?“”\"\n]{{0,150}})"
)
_SPEAKER_FIRST = re.compile(
    rf"(?P<who>{_STARTER}[^.;:!?“”\"]{{0,150}}?)\s+(?:said|says|say|told|added|wrote|"
    r"explained|noted|warned|confirmed|described|called|recalled)\b"
)
_GAP_AFTER = re.compile(r"\s*[,.!?—–-]?\s*[”\"’]?[\s,]*")  # quote end -> "said a source"
_ENDS_SENTENCE = re.compile(r"[.!?][”\"’]?\s*$")  # a quote (and its gap) that ends its sentence
_COMPLETE = re.compile(r"\s*(?:[.,;:]|$)")  # "…” A county official said." (not "said the…")
_GAP_BEFORE = re.compile(r"[^.!?”\"]*")  # "One official said" -> quote start (same sentence)
_LEAD_IN = re.compile(r"[\s,:—–-]*[“\"‘]?")  # "according to one official" -> “
_SENTENCE_START = re.compile(r"[.!?][”\"’)]?\s+(?=\S)")
_WINDOW = 320  # how far around a quote to look for its attribution


def _lower(text: str) -> str:
    """Lowercase with every offset kept (a few characters, like "İ", lowercase to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def rote_reason(reason: str) -> str | None:
    """The boilerplate phrase if `reason` gives only a rote reason for anonymity, else None."""
    reason = " ".join(reason.split())
    low = _lower(reason)
    if not reason or _SPECIFIC.search(low):
        return None
    match = _ROTE.search(low)
    return reason[match.start() : match.end()].strip(" .,;:") if match else None


def is_anonymous_descriptor(speaker: str) -> bool:
    """True for "a senior county official", "people familiar with the matter", "two aides to
    Mayor Helen Park"; False for "Maria Álvarez", "the mayor", "a spokesperson, Dana Okafor"."""
    phrase = " ".join(speaker.split()).strip(" \"'“”‘’,.;:")
    if not _STARTS_UNNAMED.match(_lower(phrase)) or (
        " " not in phrase and phrase.lower() not in _ALONE
    ):
        return False  # a lone "a" or "two" describes nobody; "officials" or "someone" does
    in_head, affiliated, run = True, False, []
    for word in phrase.split(" ")[1:] + ["."]:
        bare = word.strip("\"'“”‘’(),;:").lower().removesuffix("’s").removesuffix("'s")
        if word[:1].isupper() and not affiliated:
            run.append(bare)
        else:
            if len(run) >= 2 and _INSTITUTION.isdisjoint(run):
                return False  # a personal name of its own: "a spokesperson, Dana Okafor"
            run = []
        if bare in _CLAUSE:
            break  # names in "who spoke to Dana Okafor" are other people
        if in_head and bare in _AFFILIATION:
            in_head = False
        if in_head and bare in _NOT_PERSON:
            return False  # "a statement", "a county report"
        appositive = word.endswith(",") or bare in _APPOSITION  # "a spokesperson named …"
        affiliated = (affiliated or bare in _AFFILIATION) and not appositive
    return True


def unnamed_speaker(text: str, quote_start: int, quote_end: int, floor: int, ceiling: int) -> str:
    """The unnamed speaker that an attribution right beside the quote text[quote_start:quote_end]
    names ("a person familiar with the talks"), or "". floor-ceiling: the quote's paragraph.
    A span that takes in its attribution ("One official said: “…”") is read from its quote marks."""
    inner = text[quote_start:quote_end]
    opening = min((i for i in map(inner.find, '“"«') if i > 0), default=0)
    closing = max(map(inner.rfind, '”"»'))
    if closing > opening and inner[closing + 1 :].strip(" ,.!?—–-"):
        quote_end = quote_start + closing + 1
    if opening and inner[:opening].strip():
        quote_start += opening
    after = text[quote_end : min(ceiling, quote_end + _WINDOW)]
    low = _lower(after)
    gap = _GAP_AFTER.match(low)
    assert gap is not None  # every part of the pattern is optional
    said = _VERB_FIRST.match(low, gap.end())
    if said is None and (said := _SPEAKER_FIRST.match(low, gap.end())) is not None:
        ended = _ENDS_SENTENCE.search(
            text[max(quote_start, quote_end - 3) : quote_end] + after[: gap.end()]
        )
        if ended and not _COMPLETE.match(low, said.end()):
            said = None  # "“…done.” A county official said the budget…" starts a new statement
    if said is not None and is_anonymous_descriptor(after[said.start("who") : said.end("who")]):
        return after[said.start("who") : said.end("who")].strip(" ,")
    base = max(floor, quote_start - _WINDOW)
    before = text[base:quote_start]
    starts = [m.end() for m in _SENTENCE_START.finditer(before)]
    if not starts and base > floor:
        return ""  # the sentence starts too far back to tell
    sentence = before[starts[-1] if starts else 0 :]
    low = _lower(sentence)
    said = _SPEAKER_FIRST.match(low)
    if said is None or not _GAP_BEFORE.fullmatch(low, said.end()):
        said = next(
            (m for m in _VERB_FIRST.finditer(low) if _LEAD_IN.fullmatch(low, m.end())), None
        )
    if said is not None and is_anonymous_descriptor(sentence[said.start("who") : said.end("who")]):
        return sentence[said.start("who") : said.end("who")].strip(" ,")
    return ""
