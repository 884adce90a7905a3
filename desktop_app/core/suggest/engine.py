"""The suggestion pass: quotations with speakers, unnamed sources with reasons, claims."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import partial

from desktop_app.core.model import Block
from desktop_app.core.sourcing import is_anonymous_descriptor
from desktop_app.core.suggest import anonymous, attribution, claims, group_sources, intro, quotes
from desktop_app.core.suggest.model import Suggestion, suggestion
from desktop_app.core.suggest.names import (
    NAME_RE,
    Registry,
    clean_name,
    is_org,
)
from desktop_app.core.suggest.text import Sentences, paragraphs

# Mention((pos, speaker, heads[, org])) without the named tuple's Python-level __new__.
_mention = partial(tuple.__new__, attribution.Mention)
_MODIFIER = re.compile(r"[”\"’']\s+[a-z]")  # a closing mark, then lower case: "“midnight” sale"


class Draft:
    """Everything one pass learns about a text, shared by the three finders."""

    def __init__(self, text: str, blocks: Sequence[Block] | None) -> None:
        self.text = text
        self.spans = paragraphs(text, blocks)
        self.sentences = Sentences(text, self.spans)
        self.registry = Registry(text)
        mentions = intro.introductions(text, self.registry)
        # The lower-cased draft as one byte per character ("?" for any that is not ASCII), read
        # by the byte-level anchors of the sources and the claims; None if lower() moves offsets.
        self.ascii_low = anonymous.ascii_lowered(text)
        self.sources = anonymous.find_sources(text, self.spans, self.ascii_low)
        self.reasons = anonymous.find_reasons(text, self.ascii_low)
        for r in self.reasons:
            if r.first_name:
                p_start, _ = self.sentences.paragraph(r.marker_start)
                src = anonymous.first_name_source(text, r, p_start)
                if src is not None:
                    self.sources.append(src)
        self.sources += group_sources.modified_groups(text, self.ascii_low, self.sources)
        self.sources.sort(key=lambda s: s.start)
        heads_of: dict[str, str] = {}  # phrase -> head_noun(phrase): copy repeats "officials"
        for s in self.sources:
            head = heads_of.get(s.phrase)
            if head is None:
                head = heads_of[s.phrase] = attribution.head_noun(s.phrase)
            mentions.append(_mention((s.start, s.phrase.strip(), {head} if head else set(), False)))
        self.resolver = attribution.Resolver(self.registry, mentions)
        self.known = {s.phrase for s in self.sources if s.kind == "first_name"}


def quote_suggestions(d: Draft) -> list[Suggestion]:
    text, out = d.text, []
    raw = quotes.find_quotes(text, d.spans)
    prev: Suggestion | None = None
    interviewee = _interviewee(d) if any(q.answer for q in raw) else ""
    # The paragraph and sentence of each quote (Sentences.paragraph/around inline): indexes
    # `pi`/`si` are bisect_right(starts, q.start) - 1, advanced as the sorted quotes go by (by
    # bisection again should a quote start before the previous one).
    para_starts, para_ends = d.sentences.para_starts, d.sentences.para_ends
    sent_starts = d.sentences.starts
    n_paras, n_sents, size = len(para_starts), len(sent_starts), len(text)
    pi = si = -1
    last = -1
    full = d.registry.full
    orgs: dict[str, bool] = {}  # speaker -> is_org(speaker)
    for q in raw:
        pos = q.start
        if pos < last:
            pi, si = bisect_right(para_starts, pos) - 1, bisect_right(sent_starts, pos) - 1
        last = pos
        # (a bisection from the current index: a Python step per passed sentence cost more)
        if pi + 1 < n_paras and para_starts[pi + 1] <= pos:
            pi = bisect_right(para_starts, pos, pi + 1) - 1
        if si + 1 < n_sents and sent_starts[si + 1] <= pos:
            si = bisect_right(sent_starts, pos, si + 1) - 1
        p_start, p_end = (para_starts[pi], para_ends[pi]) if pi >= 0 else (0, size)
        s_start = sent_starts[si] if si >= 0 else 0
        if s_start < p_start:
            s_start = p_start
        quoted = text[q.start : q.end]
        inner = quoted.strip("“”\"‘’'«»„ ")
        fields: dict[str, str | int] = {}
        speaker, cue, conf = "", "", 0.5
        passive = False  # a passive cue with no agent: nobody in reach said it
        same_para = prev is not None and prev.start >= p_start
        # The sentence before the mark, read backwards (slicing it would be quadratic in one
        # long sentence): nothing but spaces, or ending with ":" / "," before the spaces.
        k = q.start
        while k > s_start and text[k - 1].isspace():
            k -= 1
        starts_sentence = k == s_start
        introduced = k > s_start and text[k - 1] in ":,"
        if q.answer:
            speaker, cue, conf, qtype = interviewee, "interview answer", 0.8, "full"
        else:
            qtype = "full" if starts_sentence or introduced else "partial"
            if inner[:1].islower() or (
                qtype == "full" and len(inner.split()) <= 2 and not starts_sentence
            ):
                qtype = "partial"
            found = attribution.after_attribution(text, q.end, p_end) if q.closed else None
            if found is not None:
                who, at = attribution.after_speaker(found)
                speaker, conf = d.resolver.speaker(who, q.end + at)
                cue = found.group("cue")
            if not speaker and not starts_sentence:
                before = attribution.before_attribution(text, s_start, q.start)
                if before is not None and not attribution.said_by_subject(before[0]):
                    before = None  # "the plan was described as": passive, read below
                if before is not None:
                    speaker, conf = d.resolver.speaker(before[0], q.start)
                    cue = before[1]
                elif (partial := attribution.cue_before(text, s_start, q.start)) is not None:
                    subject, cue = partial
                    passive = not attribution.said_by_subject(subject)
                    speaker, conf = _partial_speaker(d, q, subject, passive)
            if (
                not speaker
                and found is None
                and q.closed
                and inner[-1:] not in ".!?,"
                and not _looks_like_title(inner)  # a name in marks: Mugabe's "Blue House" compound
            ):
                trailing = attribution.trailing_attribution(text, q.end, p_end)
                if trailing is not None:
                    speaker, conf = d.resolver.speaker(trailing[0], trailing[2])
                    cue, passive = trailing[1], False
            if not speaker and introduced and text[k - 1] == ":" and qtype == "full":
                # "De Miranda evokes the idea in his introduction: “...”": the sentence's subject
                speaker = attribution.subject_of(text[s_start:k], d.registry, d.known)
                conf = 0.6
            if q.continues or (
                same_para
                and prev is not None
                and starts_sentence
                and prev.fields.get("quote_type") != "partial"
                and not found
            ):
                qtype = "continuation"
            if not speaker and not passive and prev is not None and (q.continues or same_para):
                speaker, cue = str(prev.fields.get("speaker", "")), str(prev.fields.get("cue", ""))
                conf = 0.7
            if not speaker and starts_sentence and qtype != "partial":
                m = d.resolver.nearest(q.start)
                if m is not None and q.start - m.pos < 1200:
                    speaker, conf = m.speaker, 0.55
        if qtype == "partial" and (speaker or cue):
            if (
                inner[:1].isupper()
                and inner.isalnum()
                and _MODIFIER.match(text, q.end - 1, q.end + 3)
            ):
                continue  # a name in marks: "filed a trademark on “Arduino” in Italy"
        if qtype == "partial" and not speaker:
            if not cue and (
                _looks_like_title(inner) or _MODIFIER.match(text, q.end - 1, q.end + 3)
            ):
                continue  # a title of a work, or a name used as a modifier: "midnight madness" section
            conf = 0.4
        if speaker:
            fields["speaker"] = speaker
            # (add() ignores a name it has: is_org is not asked again for a known speaker)
            if " " in speaker and speaker not in full and not speaker[:1].islower():
                if not is_org(speaker):
                    d.registry.add(speaker)
            # (an organisation or a body, "the conservation department", answers no "he said")
            org = orgs.get(speaker)
            if org is None:
                org = orgs[speaker] = is_org(speaker)
            d.resolver.add(_mention((q.start, speaker, set(), org)))
        if cue:
            fields["cue"] = " ".join(cue.split())
        fields["quote_type"] = qtype
        if not q.closed:
            conf -= 0.15
        conf = 0.95 if conf > 0.95 else 0.1 if conf < 0.1 else conf  # max(0.1, min(conf, 0.95))
        s = suggestion("quote", q.start, q.end, quoted, fields, conf)
        out.append(s)
        prev = s
    return out


def _partial_speaker(
    d: Draft, q: quotes.RawQuote, subject: str, passive: bool
) -> tuple[str, float]:
    """(speaker, confidence) of a partial quotation whose sentence has a cue before it."""
    if passive:  # "a stranding that was described as “unprecedented” by the department"
        agent = attribution.passive_agent(d.text, q.end) if q.closed else None
        return d.resolver.speaker(*agent) if agent is not None else ("", 0.5)
    speaker = attribution.subject_of(subject, d.registry, d.known)
    if speaker:
        return speaker, 0.8
    clause = attribution.subject_clause(subject)
    if clause:
        return d.resolver.speaker(clause, q.start)
    first = subject.split(None, 1)[0] if subject.strip() else "he"
    if first in ("he", "He", "she", "She", "they", "They"):
        # "He nodded once, as if to settle the matter, then added, “...”"
        return d.resolver.speaker(first, q.start)
    return "", 0.5


def _looks_like_title(inner: str) -> bool:
    words = inner.strip(" ,.").split()
    return 1 < len(words) <= 8 and all(
        w[:1].isupper() or w in ("of", "the", "a", "and", "in") for w in words
    )


def _interviewee(d: Draft) -> str:
    """The person an interview is with: the first full name in the body."""
    first = d.spans[0][0] if d.spans else 0
    for m in NAME_RE.finditer(d.text, first, first + 3000):
        name = clean_name(m.group())
        if " " in name and not is_org(name):
            return name
    return ""


def source_suggestions(d: Draft) -> list[Suggestion]:
    text, out = d.text, []
    reasons = sorted(d.reasons, key=lambda r: r.marker_start)
    r_pos = [r.marker_start for r in reasons]
    used: set[int] = set()
    starts = [s.start for s in d.sources]
    for i, s in enumerate(d.sources):
        p_start, p_end = d.sentences.paragraph(s.start)
        if not (p_start <= s.start < p_end):
            continue
        fields: dict[str, str | int] = {"kind": s.kind}
        nxt = starts[i + 1] if i + 1 < len(starts) else len(text)
        # The reason: the first unused one after the source, before the next source, in its
        # paragraph or the next one ("They spoke on condition of anonymity because ...").
        limit = min(nxt, d.sentences.paragraph(p_end + 2)[1] if p_end + 2 < len(text) else p_end)
        j = bisect_right(r_pos, s.start - 1)
        conf = 0.6 if s.kind == "group" else 0.75
        while j < len(reasons) and reasons[j].marker_start < limit:
            r = reasons[j]
            if j not in used and (not r.first_name or s.kind == "first_name"):
                used.add(j)
                fields.update(_reason_fields(text, r))
                conf = 0.9
                break
            j += 1
        out.append(
            suggestion("anonymous_source", s.start, s.end, text[s.start : s.end], fields, conf)
        )
    for j, r in enumerate(reasons):
        if j not in used and (found := _subject_of_who(text, r)) is not None:
            start, end = found
            fields = {"kind": "individual", **_reason_fields(text, r)}
            out.append(suggestion("anonymous_source", start, end, text[start:end], fields, 0.9))
    return out


def _reason_fields(text: str, r: anonymous.Reason) -> dict[str, str | int]:
    fields: dict[str, str | int] = {
        "reason": text[r.start : r.end],
        "reason_start": r.start,
        "reason_end": r.end,
    }
    rote = anonymous.rote_of(text, r)
    fields["rote"] = "yes" if rote else "no"
    if rote:
        fields["rote_reason"] = rote
    return fields


# "One of them, who asked not to be named because ...": the reason names its own source, the
# short unnamed phrase before ", who" (back to the start of its sentence or clause).
_WHO_BEFORE = re.compile(r",\s+who\s+(?:had\s+|has\s+)?$")
_CLAUSE_START = re.compile(r"[.!?;:\n“”\"(]\s*")


def _subject_of_who(text: str, r: anonymous.Reason) -> tuple[int, int] | None:
    if r.first_name:
        return None
    before = text[max(0, r.marker_start - 20) : r.marker_start]
    who = _WHO_BEFORE.search(before)
    if who is None:
        return None
    comma = r.marker_start - len(before) + who.start()
    reach = max(0, comma - 80)
    begin = reach  # the clause starts at the text's start, or after its last opener in reach
    for m in _CLAUSE_START.finditer(text, reach, comma):
        begin = m.end()
    if begin == reach and reach > 0:
        return None  # no sentence start within reach: not a short subject
    phrase = text[begin:comma]
    words = phrase.split()
    if not 1 <= len(words) <= 6:
        return None
    if not is_anonymous_descriptor(phrase):
        # "The man, who declined to be named": a definite description is unnamed here too
        if words[0].lower() != "the" or not is_anonymous_descriptor(" ".join(["a", *words[1:]])):
            return None
    lead = len(phrase) - len(phrase.lstrip())
    return begin + lead, comma


def claim_suggestions(d: Draft, quoted: list[Suggestion]) -> list[Suggestion]:
    q_starts = [q.start for q in quoted]
    q_ends = [q.end for q in quoted]
    text = d.text
    # suggestion(...) inline: a call per claim (two of three suggestions) cost more than the tuple
    new, cls, soft = tuple.__new__, Suggestion, ("event", "comparison", "causal")
    return [
        new(
            cls,
            (
                "claim",
                start,
                end,
                text[start:end],
                {"claim_type": ctype},
                0.6 if ctype in soft else 0.75,
            ),
        )
        for start, end, ctype in claims.candidate_sentences(
            text, d.sentences.spans(), q_starts, q_ends, ascii_low=d.ascii_low
        )
    ]
