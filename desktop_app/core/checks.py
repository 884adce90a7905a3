"""Standards checks: findings computed from a document's text and annotations (no Qt, no SQL).

Each finding points at its annotation's span (-1, -1 if orphaned: orphans are checked, minus the
rules that read their paragraph). Paragraphs are the text between blank lines ("\\n\\n").
* quote_no_speaker: a quote with no ``speaker`` and no ``linked_source`` naming an anonymous-source
  annotation (a dangling link says so); a "continuation" quote inherits both from the one before.
* anonymous_no_reason: an anonymous source with ``reason_given`` not "yes" and no ``reason``.
* anonymous_rote_reason: an anonymous source whose ``reason`` (or, if that is empty but
  ``reason_given`` is "yes", its paragraph) gives only boilerplate: it matches
  `sourcing.ROTE_REASONS` and nothing in `sourcing.SPECIFIC_REASONS`.
* anonymous_quote_unmarked: a quote whose speaker is unnamed (`sourcing.is_anonymous_descriptor`),
  or who has none and an unnamed attribution beside it (",” said a person familiar with the
  talks", "One official said: “"), with no anonymous source linked from it or overlapping its
  paragraph.
* claim_unverified: a claim with status not verified/resolved and ``verification`` not
  "verified"; "false", "cannot be verified" and "partly verified" say so in the message.
* disputed: any annotation with status "disputed".
* merge_conflict: a copy kept by a merge because another reviewer's version of the same
  annotation differs from ours with the same modified time; its ``merge_conflict`` field names
  our version (see desk/exchange.py). Resolve by deleting one of the two.
* quote_changed: a quote whose words changed between revisions (anchor_state "changed"); the
  message is the word diff, old to new: "Quote changed between drafts: We will [-not-]{+never+}
  raise taxes".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

from desktop_app.core.model import BUILTIN_TAGS, Annotation

CHECK_KINDS = (
    "quote_no_speaker",
    "anonymous_no_reason",
    "anonymous_rote_reason",
    "anonymous_quote_unmarked",
    "claim_unverified",
    "disputed",
    "merge_conflict",
    "quote_changed",
    "quote_unannotated",
)
CHECK_LABELS: dict[str, str] = {  # kind -> short label for an editor
    "quote_unannotated": "Quotations not annotated",
    "quote_no_speaker": "Quote without speaker",
    "anonymous_no_reason": "Anonymity: no reason",
    "anonymous_rote_reason": "Anonymity: rote reason",
    "claim_unverified": "Claim not verified",
    "anonymous_quote_unmarked": "Unnamed speaker not tagged",
    "disputed": "Disputed",
    "merge_conflict": "Merge conflict",
    "quote_changed": "Quote changed between drafts",
}
_RANK = {kind: i for i, kind in enumerate(CHECK_KINDS)}
_TAG_LABELS = {t.name: t.label.lower() for t in BUILTIN_TAGS}  # custom tags: their name, spaced


@dataclass(frozen=True, slots=True)  # slots: a draft can hold 10,000 findings (0.8 MB less)
class Finding:
    """One thing for an editor to look at: a rule (`kind`) that an annotation does not meet."""

    document_id: str
    annotation_id: str  # the annotation it is about ("" if none)
    kind: str  # one of CHECK_KINDS
    message: str  # one line for an editor
    start: int  # code-point span to jump to (the annotation's span; -1, -1 if orphaned)
    end: int


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_CLAIM_MESSAGES = {
    "false": "Claim marked false",
    "cannot be verified": "Claim cannot be verified",
    "partly verified": "Claim only partly verified",
}
_Problems = list[tuple[str, str]]  # (kind, message) found on one annotation


def _field(a: Annotation, key: str) -> str:
    return str(a.fields.get(key) or "").strip()


def _shorten(words: str, limit: int) -> str:
    """`words` on one line, cut at a word boundary with an ellipsis if longer than `limit`."""
    text = " ".join(words.split()).strip('“”"«»')
    if len(text) > limit:
        cut = text[:limit]
        cut = cut[: cut.rfind(" ")] if cut.rfind(" ") > limit // 2 else cut
        text = cut.rstrip(" ,;:.—–-") + "…"
    return text


class _Context:
    """One document: its paragraphs (found on first use; bisect over their starts) and what the
    rules ask of them, cached per paragraph."""

    def __init__(self, text: str, annotations: list[Annotation]) -> None:
        self.text = text
        self.annotations = annotations
        self.by_id = {a.id: a for a in annotations}
        self._starts: list[int] = []  # paragraph i is text[_starts[i]:_ends[i]]
        self._ends: list[int] = []
        self._rote: dict[int, str | None] = {}  # paragraph -> its rote reason, if only that
        self._anonymous: set[int] | None = None  # paragraphs an anonymous source touches

    def paragraph(self, pos: int) -> int:
        """The index of the paragraph holding `pos`."""
        if not self._starts:
            self._starts.append(0)
            for m in _PARAGRAPH_BREAK.finditer(self.text):
                self._ends.append(m.start())
                self._starts.append(m.end())
            self._ends.append(len(self.text))
        return max(0, bisect_right(self._starts, pos) - 1)

    def paragraph_rote_reason(self, pos: int) -> str | None:
        i = self.paragraph(pos)
        if i not in self._rote:
            self._rote[i] = _sourcing().rote_reason(self.text[self._starts[i] : self._ends[i]])
        return self._rote[i]

    def has_anonymous_source(self, pos: int) -> bool:
        """Whether an anonymous-source annotation overlaps the paragraph holding `pos`."""
        if self._anonymous is None:
            self._anonymous = set()
            for b in self.annotations:
                if b.tag == "anonymous_source" and b.anchor_state != "orphaned" and b.end > b.start:
                    first, last = self.paragraph(b.start), self.paragraph(b.end - 1)
                    self._anonymous.update(range(first, last + 1))
        return self.paragraph(pos) in self._anonymous

    def unnamed_attribution(self, quote: Annotation) -> str:
        """Who an unnamed attribution beside `quote` says spoke ("a person familiar…"), or ""."""
        floor = self._starts[self.paragraph(quote.start)]
        ceiling = self._ends[self.paragraph(quote.end - 1)]
        return _sourcing().unnamed_speaker(self.text, quote.start, quote.end, floor, ceiling)

    def quote_problems(self, a: Annotation, placed: bool, speaker: str, link: str) -> _Problems:
        linked = self.by_id.get(link)
        if linked is not None and linked.tag == "anonymous_source":
            return []
        problems: _Problems = []
        if not speaker:
            gone = "Quote's linked anonymous source no longer exists"
            problems.append(("quote_no_speaker", gone if link else "Quote has no speaker"))
        who = speaker if _sourcing().is_anonymous_descriptor(speaker) else ""
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
        if reason:
            rote = _sourcing().rote_reason(reason)
        else:
            rote = self.paragraph_rote_reason(a.start) if placed else None
        if rote is None:
            return []
        return [("anonymous_rote_reason", f"Anonymous source has only a rote reason ({rote})")]


def _sourcing() -> ModuleType:
    # Its attribution patterns take ~10 ms to compile: they load with the first check, in the
    # checks worker, not while the window starts.
    from desktop_app.core import sourcing

    return sourcing


def _claim_problems(a: Annotation) -> _Problems:
    verification = _field(a, "verification").lower()
    if a.status in ("verified", "resolved") or verification == "verified":
        return []
    return [("claim_unverified", _CLAIM_MESSAGES.get(verification, "Claim not verified"))]


def own_problems(a: Annotation) -> _Problems:
    """The rules that read nothing but the annotation itself: disputed, merge conflict."""
    problems: _Problems = []
    if a.status == "disputed":
        label = _TAG_LABELS.get(a.tag, a.tag.replace("_", " "))
        problems.append(("disputed", f"Disputed {label}"))
    if _field(a, "merge_conflict"):
        who = a.reviewer or "another reviewer"
        problems.append(("merge_conflict", f"Merge conflict: {who}'s version differs from ours"))
    return problems


def revision_findings(document_id: str, a: Annotation, start: int, end: int) -> list[Finding]:
    """A quote whose words changed between drafts, with the word diff as its message."""
    if a.tag != "quote" or a.anchor_state != "changed":
        return []
    from desktop_app.core.textdiff import format_word_diff, word_diff

    diff = format_word_diff(word_diff(a.previous_text, a.exact))
    says = f"{CHECK_LABELS['quote_changed']}: {diff}"
    return [Finding(document_id, a.id, "quote_changed", says, start, end)]


def check_document(document_id: str, text: str, annotations: Iterable[Annotation]) -> list[Finding]:
    """Every finding for one document, sorted by (start, kind) in CHECK_KINDS order."""
    anns = sorted(annotations, key=lambda a: (a.start, a.end))
    context = _Context(text, anns)
    findings: list[Finding] = []
    previous = ("", "")  # the last quote's (speaker, linked_source), for continuations
    for a in anns:
        placed = a.anchor_state != "orphaned" and 0 <= a.start < a.end <= len(text)
        problems = own_problems(a)
        if a.tag == "quote":
            speaker, link = _field(a, "speaker"), _field(a, "linked_source")
            if not speaker and not link and _field(a, "quote_type") == "continuation":
                speaker, link = previous
            previous = (speaker, link)
            problems += context.quote_problems(a, placed, speaker, link)
        elif a.tag == "anonymous_source":
            problems += context.anonymous_problems(a, placed)
        elif a.tag == "claim":
            problems += _claim_problems(a)
        start, end = (a.start, a.end) if placed else (-1, -1)
        if problems:
            quoted = _shorten(a.exact, 24)
            for kind, says in problems:
                findings.append(Finding(document_id, a.id, kind, f"{says}: “{quoted}”", start, end))
        findings += revision_findings(document_id, a, start, end)
    findings.sort(key=lambda f: (f.start, _RANK[f.kind], f.end, f.annotation_id))
    return findings


def check_library(documents: Iterable[tuple[str, str, Iterable[Annotation]]]) -> list[Finding]:
    """Findings for (document_id, text, annotations) triples, document by document."""
    return [f for doc_id, text, anns in documents for f in check_document(doc_id, text, anns)]


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Count per kind: every kind of CHECK_KINDS, in that order, zeros included."""
    counts = Counter(f.kind for f in findings)
    return {kind: counts[kind] for kind in CHECK_KINDS}
