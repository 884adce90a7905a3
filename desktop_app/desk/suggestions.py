"""Suggestions for a stored draft: computed once per text, minus what the editor rejected or has
already tagged. Accepting one tags it with its fields filled in (validated like the form's);
accepting all of a kind is one undoable step, and so is a rejection (remembered in the database).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import itemgetter
from typing import TYPE_CHECKING

from desktop_app.core.annotations import new_annotation
from desktop_app.core.change import Change
from desktop_app.core.errors import CopydeskError, OperationError
from desktop_app.core.model import Annotation, Block, Document
from desktop_app.core.rules import duplicate_of, with_fields
from desktop_app.desk.desk import Desk

if TYPE_CHECKING:  # the suggester and its model load in the worker, not with the window
    from desktop_app.core.checks import Finding
    from desktop_app.core.suggest.model import Suggestion

KIND_LABELS = {"quote": "Quote", "anonymous_source": "Anonymous Source", "claim": "Claim"}
# The suggester's claim kinds onto the claim tag's choices (core/fields.CLAIM_TYPES).
CLAIM_TYPE_OF = {
    "money": "quantity or statistic",
    "percentage": "quantity or statistic",
    "quantity": "quantity or statistic",
    "date": "event",
    "event": "event",
    "causal": "causal",
    "comparison": "comparison or superlative",
}

_CACHE: OrderedDict[str, list[Suggestion]] = OrderedDict()  # text hash -> suggestions
_CACHE_SIZE = 8
_LOCK = threading.Lock()  # the window computes on a worker thread


def compute(text: str, blocks: Sequence[Block], key: str) -> list[Suggestion]:
    """Every suggestion for a text, from the cache when `key` (its hash) was seen. Safe to call
    off the UI thread: it touches no database."""
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    from desktop_app.core.suggest.api import suggest  # patterns compiled on first use

    found = suggest(text, blocks)
    with _LOCK:
        _CACHE[key] = found
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return found


def cached(document: Document) -> list[Suggestion] | None:
    """The document's suggestions if already computed (never computes: cheap on the UI thread)."""
    with _LOCK:
        return _CACHE.get(document.text_sha256)


def of_document(document: Document) -> list[Suggestion]:
    return compute(document.text, document.blocks, document.text_sha256)


def open_suggestions(
    desk: Desk, document_id: str, everything: list[Suggestion] | None = None
) -> list[Suggestion]:
    """The suggestions still to decide: not rejected, and not overlapping an annotation of the
    same tag (one the editor made, or one accepted earlier)."""
    if everything is None:
        everything = of_document(_document(desk, document_id))
    spans = tagged_spans(desk.annotations(document_id))
    return still_open(everything, spans, desk.repo.rejected_suggestions(document_id))


def tagged_spans(annotations: Iterable[Annotation]) -> list[tuple[str, int, int]]:
    """(tag, start, end) of the placed annotations, by start: what `still_open` needs, taken on
    the UI thread so the rest can run in a worker."""
    placed = [(a.tag, a.start, a.end) for a in annotations if a.anchor_state != "orphaned"]
    placed.sort(key=itemgetter(1))  # already by start when it comes from `in_order`: linear
    return placed


def still_open(
    found: list[Suggestion], spans: list[tuple[str, int, int]], rejected: set[tuple[str, int, int]]
) -> list[Suggestion]:
    """`found` minus the rejected and those overlapping a span (by start) of their own kind."""
    tagged = {kind: _Spans() for kind in KIND_LABELS}
    for tag, start, end in spans:
        if tag in tagged:
            tagged[tag].add(start, end)
    return [
        s
        for s in found
        if (s.kind, s.start, s.end) not in rejected
        and not (s.kind in tagged and tagged[s.kind].overlaps(s.start, s.end))
    ]


class _Spans:
    """Spans added in order of start; `overlaps` in log time (a long draft has thousands)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.reach: list[int] = []  # the furthest end among the spans so far

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans starting before `end`
        return i > 0 and self.reach[i - 1] > start


def _document(desk: Desk, document_id: str) -> Document:
    """From the open state when there is one (no database read)."""
    return (
        desk.state(document_id).document
        if desk.is_open(document_id)
        else desk.document(document_id)
    )


def annotation_fields(s: Suggestion) -> dict[str, str]:
    """The tag's real fields for a suggestion (core/fields.py), ready for `with_fields`."""
    f = s.fields
    if s.kind == "quote":
        keys = ("speaker", "cue", "quote_type")
        return {k: str(f[k]) for k in keys if f.get(k)}
    if s.kind == "anonymous_source":
        out = {"description": " ".join(s.text.split())}
        if "reason_start" in f and "reason_end" in f:
            out["reason_span"] = f"{f['reason_start']}-{f['reason_end']}"
            out["reason_given"] = "yes"
        else:
            out["reason_given"] = "no"
        return out
    if s.kind == "claim":
        return {"claim_type": CLAIM_TYPE_OF.get(str(f.get("claim_type", "")), "other")}
    return {}


def _note(s: Suggestion) -> str:
    rote = s.fields.get("rote_reason")
    return f"Suggested; the reason reads as boilerplate ({rote})" if rote else ""


def _label(kind: str, count: int = 1) -> str:
    name = KIND_LABELS.get(kind, kind)
    return f"Accept {name} Suggestion" if count == 1 else f"Accept {count} {name} Suggestions"


def accept(
    desk: Desk, document_id: str, suggestion: Suggestion, initiator: object = None
) -> Annotation:
    """Tag the suggestion's words with its kind, speaker/cue/reason filled in: one step."""
    return desk.annotate(
        document_id,
        suggestion.kind,
        suggestion.start,
        suggestion.end,
        fields=annotation_fields(suggestion),
        note=_note(suggestion),
        label=_label(suggestion.kind),
        initiator=initiator,
    )


def accept_all(desk: Desk, document_id: str, kind: str, initiator: object = None) -> Change | None:
    """Accept every open suggestion of `kind` as ONE undoable step (None when there are none)."""
    from desktop_app.core.operations import AddAnnotation, Batch

    state = desk.state(document_id)
    made: list[Annotation] = []
    for s in open_suggestions(desk, document_id):
        if s.kind != kind:
            continue
        a = new_annotation(
            document_id, state.text, kind, s.start, s.end, reviewer=desk.reviewer, note=_note(s)
        )
        if duplicate_of(state.annotations_at(a.start), kind, a.start, a.end) or any(
            m.start < a.end and a.start < m.end for m in made
        ):
            continue
        a = with_fields(
            a, annotation_fields(s), text=state.text, reviewer=a.reviewer, links=state.annotations
        )
        made.append(replace(a, updated_at=a.created_at))
    if not made:
        return None
    label = _label(kind, len(made))
    ops = tuple(AddAnnotation(a, label) for a in made)
    return desk.apply(ops[0] if len(ops) == 1 else Batch(ops, label), initiator)


def reject(
    desk: Desk, document_id: str, suggestion: Suggestion, initiator: object = None
) -> Change:
    """Remember the rejection, so the suggestion does not come back: one undoable step."""
    if suggestion.kind not in KIND_LABELS:
        raise OperationError(f"unknown suggestion kind {suggestion.kind!r}")
    from desktop_app.core.rejections import RejectSuggestion  # on the first rejection

    op = RejectSuggestion(document_id, suggestion.kind, suggestion.start, suggestion.end)
    return desk.apply(op, initiator)


def speakers(document: Document) -> list[str]:
    """People and organisations the suggester found speaking in this draft, most frequent
    first, for the speaker completer; [] until the suggestions have been computed."""
    from desktop_app.core.suggest.names import is_org  # compiled on first use

    counts: dict[str, int] = {}
    for s in cached(document) or ():
        name = str(s.fields.get("speaker", ""))
        if s.kind == "quote" and name and (name[:1].isupper() or is_org(name)):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def findings(
    desk: Desk, document_id: str, pending: list[Suggestion] | None = None
) -> list[Finding]:
    """Checks-panel findings from the open suggestions: quotations not annotated, and unnamed
    sources quoted but not tagged. [] until the suggestions have been computed, and [] when the
    database cannot be read now (these checks are advice; the panel's own checks report that).
    `pending`: the suggestions still open, when the caller keeps them current (the window's
    suggestions pane does, edit by edit); deciding them again here reads every annotation."""
    try:
        doc = _document(desk, document_id)
        found = cached(doc)
        if not found:
            return []
        if pending is not None:
            seen = _FROM_OPEN.get(document_id)
            if seen is not None and seen[0] is found and seen[1] is pending:
                return list(seen[2])  # the pane replaces its list whenever it changes
            out = _findings(doc, found, pending)
            _FROM_OPEN[document_id] = (found, pending, out)
            return list(out)
        rejected = desk.repo.rejected_suggestions(document_id)
        version = desk.state(document_id).version if desk.is_open(document_id) else -1
        key = (doc.text_sha256, version, hash(frozenset(rejected)))
        known = _FINDINGS.get(document_id)
        if known is not None and known[0] == key:
            return list(known[1])  # the panel asks after every edit anywhere in the library
        spans = tagged_spans(desk.annotations(document_id, ordered=False))
        pending = still_open(found, spans, rejected)
    except CopydeskError:
        return []
    out = _findings(doc, found, pending)
    _FINDINGS[document_id] = (key, out)
    return list(out)


_FINDINGS: dict[str, tuple[tuple[str, int, int], list[Finding]]] = {}
_FROM_OPEN: dict[str, tuple[list[Suggestion], list[Suggestion], list[Finding]]] = {}


def _findings(doc: Document, found: list[Suggestion], pending: list[Suggestion]) -> list[Finding]:
    from desktop_app.core.checks import Finding  # with the first findings, not at start

    quotes = [s for s in pending if s.kind == "quote"]
    out: list[Finding] = []
    if quotes:
        n = len(quotes)
        what = "1 quotation in the text is" if n == 1 else f"{n} quotations in the text are"
        out.append(
            Finding(doc.id, "", "quote_unannotated", f"{what} not annotated", *_span(quotes[0]))
        )
    speakers_of = {str(s.fields.get("speaker", "")).casefold() for s in found if s.kind == "quote"}
    quoted = _Spans()
    for q in sorted((q for q in found if q.kind == "quote"), key=lambda q: q.start):
        quoted.add(q.start, q.end)
    for s in pending:
        if s.kind == "anonymous_source" and (
            " ".join(s.text.split()).casefold() in speakers_of or _quoted_near(s, quoted)
        ):
            out.append(
                Finding(
                    doc.id,
                    "",
                    "anonymous_quote_unmarked",
                    f"An unnamed source is quoted but not tagged: {' '.join(s.text.split())}",
                    s.start,
                    s.end,
                )
            )
    return out


def _span(s: Suggestion) -> tuple[int, int]:
    return s.start, s.end


def _quoted_near(source: Suggestion, quoted: _Spans) -> bool:
    """A quotation within 200 characters of the source (its attribution sits beside it)."""
    return quoted.overlaps(source.start - 200, source.end + 200)
