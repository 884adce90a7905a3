"""Standards checks: findings computed from a document's text and annotations (no Qt, no SQL).

Each finding points at its annotation's span (-1, -1 if orphaned: orphans are checked, minus the
rules that read their paragraph). Paragraphs are the text between blank lines ("\\n\\n").
* quote_no_speaker: a quote with no ``speaker`` and no ``linked_source`` naming an anonymous-source
  annotation (a dangling link says so); a "continuation" quote inherits both from the one before.
* anonymous_no_reason: an anonymous source with ``reason_given`` not "yes" and no ``reason``.
* anonymous_rote_reason: an anonymous source whose ``reason`` (or, if that is empty but
  ``reason_given`` is "yes", its paragraph) matches ROTE_REASONS and nothing in SPECIFIC_REASONS.
* anonymous_quote_unmarked: a quote whose speaker is unnamed (`is_anonymous_descriptor`), or who
  has none and an unnamed attribution beside it (",” said a person familiar with the talks", "One
  official said: “"), with no anonymous source linked from it or overlapping its paragraph.
* claim_unverified: a claim with status not verified/resolved and ``verification`` not
  "verified"; "false", "cannot be verified" and "partly verified" say so in the message.
* disputed: any annotation with status "disputed".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.model import BUILTIN_TAGS, Annotation

CHECK_KINDS = (
    "quote_no_speaker",
    "anonymous_no_reason",
    "anonymous_rote_reason",
    "anonymous_quote_unmarked",
    "claim_unverified",
    "disputed",
)
CHECK_LABELS: dict[str, str] = {  # kind -> short label for an editor
    "quote_no_speaker": "Quote without speaker",
    "anonymous_no_reason": "Anonymity: no reason",
    "anonymous_rote_reason": "Anonymity: rote reason",
    "claim_unverified": "Claim not verified",
    "anonymous_quote_unmarked": "Unnamed speaker not tagged",
    "disputed": "Disputed",
}
_RANK = {kind: i for i, kind in enumerate(CHECK_KINDS)}
_TAG_LABELS = {t.name: t.label.lower() for t in BUILTIN_TAGS}


@dataclass(frozen=True)
class Finding:
    document_id: str
    annotation_id: str  # the annotation it is about ("" if none)
    kind: str  # one of CHECK_KINDS
    message: str  # one line for an editor
    start: int  # code-point span to jump to (the annotation's span; -1, -1 if orphaned)
    end: int


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
    r"to (?:speak|talk|comment) (?:more )?(?:freely|candidly|frankly|openly)",
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
_ROTE = re.compile("|".join(f"(?:{p})" for p in ROTE_REASONS), re.I)
_SPECIFIC = re.compile("|".join(f"(?:{p})" for p in SPECIFIC_REASONS), re.I)

# An unnamed speaker: an indefinite article, a number or quantifier, a plural group, or "the"
# before a source-like noun ("the official"), at the start of the phrase...
_STARTER = (
    r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|many|few|"
    r"multiple|various|numerous|both|people|persons|sources?|officials?|insiders?|someone|"
    r"somebody|unnamed|anonymous|the (?:\w+ ){0,2}?(?:officials?|sources?|person|people|"
    r"aides?|insiders?|staffers?|employees?))\b"
)
_STARTS_UNNAMED = re.compile(_STARTER, re.I)
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

# Attributions beside a quote: verb then descriptor (",” said a person familiar with the talks"),
# or descriptor then verb at a sentence start ("One official said: “…”").
_ATTRIBUTION_AFTER = re.compile(
    rf"\b(?:said|says|added|adds|wrote|writes|explained|noted|recalled|warned|continued|"
    rf"according\s+to)\s+(?P<who>{_STARTER}[^.;:!?“”\"\n]{{0,150}})",
    re.I,
)
_ATTRIBUTION_BEFORE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=[.!?,][”\"’]\s))(?P<who>{_STARTER}[^.;:!?“”\"]{{0,150}}?)\s+"
    r"(?:said|says|say|told|added|wrote|explained|noted|warned|confirmed|described|called|"
    r"recalled)\b",
    re.I,
)
_GAP_AFTER = re.compile(r"[\s,.!?—–-]*[”\"’]?[\s,]*")  # quote end -> "said a source"
_GAP_BEFORE = re.compile(r"[^.!?”\"]*")  # "One official said" -> quote start (same sentence)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_Problems = list[tuple[str, str]]  # (kind, message) found on one annotation


def rote_reason(reason: str) -> str | None:
    """The boilerplate phrase if `reason` gives only a rote reason for anonymity, else None."""
    reason = " ".join(reason.split())
    if not reason or _SPECIFIC.search(reason):
        return None
    match = _ROTE.search(reason)
    return match.group(0).strip(" .,;:") if match else None


def is_anonymous_descriptor(speaker: str) -> bool:
    """True for "a senior county official", "people familiar with the matter", "two aides to
    Mayor Helen Park"; False for "Maria Álvarez", "the mayor", "a spokesperson, Dana Okafor"."""
    phrase = " ".join(speaker.split()).strip(" \"'“”‘’,.;:")
    if not _STARTS_UNNAMED.match(phrase):
        return False
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


def _field(a: Annotation, key: str) -> str:
    return str(a.fields.get(key) or "").strip()


def _shorten(words: str, limit: int) -> str:
    text = " ".join(words.split()).strip('“”"«»')
    if len(text) > limit:
        cut = text[:limit]
        cut = cut[: cut.rfind(" ")] if cut.rfind(" ") > limit // 2 else cut
        text = cut.rstrip(" ,;:.—–-") + "…"
    return text


class _Context:
    """One document's text, split into paragraphs on first use (bisect over their starts), and
    what the quote rules ask of it; per-paragraph results are cached."""

    def __init__(self, text: str, annotations: list[Annotation]) -> None:
        self.text, self.annotations = text, annotations
        self.by_id = {a.id: a for a in annotations}
        self._starts: list[int] = []  # paragraph i is text[_starts[i]:_ends[i]]
        self._ends: list[int] = []
        self._attributions: dict[int, list[tuple[int, int, str, bool]]] = {}
        self._anonymous: set[int] | None = None  # paragraphs an anonymous source touches

    def paragraph(self, pos: int) -> int:  # the index of the paragraph holding pos
        if not self._starts:
            self._starts.append(0)
            for m in _PARAGRAPH_BREAK.finditer(self.text):
                self._ends.append(m.start())
                self._starts.append(m.end())
            self._ends.append(len(self.text))
        return max(0, bisect_right(self._starts, pos) - 1)

    def has_anonymous_source(self, pos: int) -> bool:
        if self._anonymous is None:
            self._anonymous = set()
            for b in self.annotations:
                if b.tag == "anonymous_source" and b.anchor_state != "orphaned" and b.end > b.start:
                    first, last = self.paragraph(b.start), self.paragraph(b.end - 1)
                    self._anonymous.update(range(first, last + 1))
        return self.paragraph(pos) in self._anonymous

    def unnamed_attribution(self, a: Annotation) -> str:
        """The descriptor an attribution beside the quote `a` gives its speaker, or ""."""
        i = self.paragraph(a.start)
        found = self._attributions.get(i)
        if found is None:
            base = self._starts[i]
            block = self.text[base : self._ends[i]]
            found = self._attributions[i] = [
                (base + m.start(), base + m.end(), m.group("who").strip(), rx is _ATTRIBUTION_AFTER)
                for rx in (_ATTRIBUTION_AFTER, _ATTRIBUTION_BEFORE)
                for m in rx.finditer(block)
                if is_anonymous_descriptor(m.group("who"))
            ]
        for start, end, who, after in found:
            if after and start >= a.end and _GAP_AFTER.fullmatch(self.text, a.end, start):
                return who
            if not after and end <= a.start and _GAP_BEFORE.fullmatch(self.text, end, a.start):
                return who
        return ""

    def quote_problems(self, a: Annotation, speaker: str, link: str, placed: bool) -> _Problems:
        linked = self.by_id.get(link)
        if linked is not None and linked.tag == "anonymous_source":
            return []
        gone = "Quote's linked anonymous source no longer exists"
        problems: _Problems = [] if speaker else [("quote_no_speaker", gone if link else "")]
        who = speaker if is_anonymous_descriptor(speaker) else ""
        if not speaker and placed:
            who = self.unnamed_attribution(a)
        if who and not (placed and self.has_anonymous_source(a.start)):
            says = f"Quote from an unnamed source ({_shorten(who, 40)}) has no anonymous-source tag"
            problems.append(("anonymous_quote_unmarked", says))
        return problems

    def anonymous_problems(self, a: Annotation, placed: bool) -> _Problems:
        reason = _field(a, "reason")
        if not reason and _field(a, "reason_given").lower() != "yes":
            return [("anonymous_no_reason", "Anonymous source gives no reason")]
        if not reason and placed:
            i = self.paragraph(a.start)
            reason = self.text[self._starts[i] : self._ends[i]]
        rote = rote_reason(reason)
        rote_message = f"Anonymous source has only a rote reason ({_shorten(rote or '', 48)})"
        return [("anonymous_rote_reason", rote_message)] if rote else []


_CLAIM_MESSAGES = {
    "false": "Claim marked false",
    "cannot be verified": "Claim cannot be verified",
    "partly verified": "Claim only partly verified",
}


def check_document(document_id: str, text: str, annotations: Iterable[Annotation]) -> list[Finding]:
    """Every finding for one document, sorted by (start, kind)."""
    anns = sorted(annotations, key=lambda a: (a.start, a.end))
    context = _Context(text, anns)
    findings: list[Finding] = []
    previous = ("", "")  # the last quote's (speaker, linked_source), for continuations
    for a in anns:
        placed = a.anchor_state != "orphaned" and 0 <= a.start < a.end <= len(text)
        problems: _Problems = []
        if a.status == "disputed":
            label = _TAG_LABELS.get(a.tag, a.tag.replace("_", " "))
            problems.append(("disputed", f"Disputed {label}"))
        if a.tag == "quote":
            speaker, link = _field(a, "speaker"), _field(a, "linked_source")
            if not speaker and not link and _field(a, "quote_type") == "continuation":
                speaker, link = previous
            previous = (speaker, link)
            problems += context.quote_problems(a, speaker, link, placed)
        elif a.tag == "anonymous_source":
            problems += context.anonymous_problems(a, placed)
        elif a.tag == "claim":
            verification = _field(a, "verification").lower()
            if a.status not in ("verified", "resolved") and verification != "verified":
                says = _CLAIM_MESSAGES.get(verification, "Claim not verified")
                problems.append(("claim_unverified", says))
        if problems:
            (start, end), quoted = (a.start, a.end) if placed else (-1, -1), _shorten(a.exact, 24)
            for kind, says in problems:
                says = says or "Quote has no speaker"
                findings.append(Finding(document_id, a.id, kind, f"{says}: “{quoted}”", start, end))
    findings.sort(key=lambda f: (f.start, _RANK[f.kind], f.end, f.annotation_id))
    return findings


def check_library(documents: Iterable[tuple[str, str, Iterable[Annotation]]]) -> list[Finding]:
    """Findings for (document_id, text, annotations) triples, document by document."""
    return [f for doc_id, text, anns in documents for f in check_document(doc_id, text, anns)]


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Count per kind: every kind of CHECK_KINDS, in that order, zeros included."""
    counts = Counter(f.kind for f in findings)
    return {kind: counts[kind] for kind in CHECK_KINDS}
