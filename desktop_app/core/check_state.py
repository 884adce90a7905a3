"""Checks kept up to date edit by edit: findings per annotation, re-checked only where an edit reaches.

`CheckState.findings()` always equals `checks.check_document` over the same annotations (in the
order they were added, as a dict keeps them). An edit re-checks the annotations it touched and the
few whose findings read them: the quotes that continue a changed quote (their speaker is inherited),
the quotes whose `linked_source` names it, and the quotes in a paragraph that gains its first
anonymous source or loses its last.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from desktop_app.core.checks import (
    _RANK,
    CHECK_KINDS,
    Finding,
    _claim_problems,
    _Context,
    _field,
    _Problems,
    _shorten,
    own_problems,
    revision_findings,
)
from desktop_app.core.model import Annotation

_QuoteKey = tuple[int, int, int, str]  # (start, end, order added, id): check_document's order


class _LiveContext(_Context):
    """The rules' context, reading the state's live annotations and anonymous-source counts."""

    def __init__(self, text: str, by_id: dict[str, Annotation], anonymous: dict[int, int]) -> None:
        super().__init__(text, [])
        self.by_id = by_id
        self.anonymous = anonymous

    def has_anonymous_source(self, pos: int) -> bool:
        return self.anonymous.get(self.paragraph(pos), 0) > 0


def _anonymous_span(a: Annotation) -> bool:
    return a.tag == "anonymous_source" and a.anchor_state != "orphaned" and a.end > a.start


class CheckState:
    def __init__(self, document_id: str, text: str, annotations: Iterable[Annotation]) -> None:
        self.document_id = document_id
        self.text = text
        self.annotations: dict[str, Annotation] = {}
        self._order: dict[str, int] = {}  # id -> when it was added (ties in check_document's sort)
        self._added = 0
        self._quotes: list[_QuoteKey] = []  # sorted: the continuation chain runs along it
        self._effective: dict[str, tuple[str, str]] = {}  # quote -> (speaker, link), inherited
        self._linking: dict[str, set[str]] = {}  # id -> quotes whose effective link names it
        self._anonymous: dict[int, int] = {}  # paragraph -> anonymous sources touching it
        self._quotes_in: dict[int, set[str]] = {}  # paragraph -> placed quotes starting in it
        self._findings: dict[str, tuple[Finding, ...]] = {}  # tuples, not lists: 0.5 MB less
        self._sorted: list[Finding] | None = None  # findings() until the next change
        self._counts = dict.fromkeys(CHECK_KINDS, 0)
        self._context = _LiveContext(text, self.annotations, self._anonymous)
        for a in annotations:
            if a.id in self.annotations:
                self._unindex(self.annotations[a.id])
            self._index(a)
        self._walk(0, set(self.annotations))
        for ident in self.annotations:
            self._recheck(ident)

    # -- public ---------------------------------------------------------------------------------
    def update(
        self,
        added: Iterable[Annotation] = (),
        removed: Iterable[str] = (),
        updated: Iterable[Annotation] = (),
    ) -> set[str]:
        """Absorb one edit (annotations of other documents are ignored); returns the ids whose
        findings changed, removed ones included."""
        touched: set[str] = set()
        dirty: set[str] = set()
        chains: list[_QuoteKey] = []  # where the continuation chain may have changed
        for ident in removed:
            old = self.annotations.get(ident)
            if old is not None:
                chains += self._unindex(old, dirty)
                del self.annotations[ident], self._order[ident]  # re-added later: ordered last
                touched.add(ident)
        for a in [*updated, *added]:
            if a.document_id != self.document_id:
                continue
            old = self.annotations.get(a.id)
            if old is not None:
                chains += self._unindex(old, dirty)
            chains += self._index(a, dirty)
            touched.add(a.id)
        for key in sorted(chains):  # in reading order: each walk starts after walked quotes
            self._walk(bisect_left(self._quotes, key), touched, dirty)
        changed = set()
        for ident in touched | dirty:
            if self._recheck(ident):
                changed.add(ident)
        return changed

    def findings(self) -> list[Finding]:
        """Every finding, in `check_document`'s order."""
        if self._sorted is None:
            out = [f for found in self._findings.values() for f in found]
            out.sort(key=lambda f: (f.start, _RANK[f.kind], f.end, f.annotation_id))
            self._sorted = out
        return list(self._sorted)

    def findings_for(self, ident: str) -> list[Finding]:
        return list(self._findings.get(ident, ()))

    def summary(self) -> dict[str, int]:
        """Count per kind, as `checks.summarise(self.findings())`, kept as edits arrive."""
        return dict(self._counts)

    # -- indexes --------------------------------------------------------------------------------
    def _paragraphs(self, a: Annotation) -> range:
        paragraph = self._context.paragraph
        return range(paragraph(a.start), paragraph(a.end - 1) + 1)

    def _placed(self, a: Annotation) -> bool:
        return a.anchor_state != "orphaned" and 0 <= a.start < a.end <= len(self.text)

    def _quote_key(self, a: Annotation) -> _QuoteKey:
        return (a.start, a.end, self._order[a.id], a.id)

    def _index(self, a: Annotation, dirty: set[str] | None = None) -> list[_QuoteKey]:
        if a.id not in self._order:
            self._order[a.id] = self._added
            self._added += 1
        self.annotations[a.id] = a
        if dirty is not None:
            dirty |= self._linking.get(a.id, set())
        if _anonymous_span(a):
            for p in self._paragraphs(a):
                self._anonymous[p] = self._anonymous.get(p, 0) + 1
                if self._anonymous[p] == 1 and dirty is not None:
                    dirty |= self._quotes_in.get(p, set())
        if a.tag != "quote":
            return []
        key = self._quote_key(a)
        insort(self._quotes, key)
        if self._placed(a):
            self._quotes_in.setdefault(self._context.paragraph(a.start), set()).add(a.id)
        return [key]

    def _unindex(self, a: Annotation, dirty: set[str] | None = None) -> list[_QuoteKey]:
        """Take `a` out of every index but `annotations` (an update keeps its place in the order)."""
        if dirty is not None:
            dirty |= self._linking.get(a.id, set())
        if _anonymous_span(a):
            for p in self._paragraphs(a):
                self._anonymous[p] -= 1
                if not self._anonymous[p]:
                    del self._anonymous[p]
                    if dirty is not None:
                        dirty |= self._quotes_in.get(p, set())
        if a.tag != "quote":
            return []
        key = self._quote_key(a)
        del self._quotes[bisect_left(self._quotes, key)]
        if self._placed(a):
            self._quotes_in[self._context.paragraph(a.start)].discard(a.id)
        effective = self._effective.pop(a.id, None)
        if effective is not None and effective[1]:
            self._linking[effective[1]].discard(a.id)
        return [key]

    def _walk(self, i: int, touched: set[str], dirty: set[str] | None = None) -> None:
        """Recompute inherited (speaker, link) from quote i on, until a quote is left unchanged."""
        quotes, effective = self._quotes, self._effective
        previous = effective[quotes[i - 1][3]] if i > 0 else ("", "")
        for _, _, _, ident in quotes[i:]:
            a = self.annotations[ident]
            own = (_field(a, "speaker"), _field(a, "linked_source"))
            inherits = own == ("", "") and _field(a, "quote_type") == "continuation"
            now = previous if inherits else own
            before = effective.get(ident)
            if before == now and ident not in touched:
                return
            if before != now:
                if before is not None and before[1]:
                    self._linking[before[1]].discard(ident)
                effective[ident] = now
                if now[1]:
                    self._linking.setdefault(now[1], set()).add(ident)
                if dirty is not None:
                    dirty.add(ident)
            previous = now

    # -- rules ----------------------------------------------------------------------------------
    def _problems(self, a: Annotation, placed: bool) -> _Problems:
        problems = own_problems(a)
        if a.tag == "quote":
            speaker, link = self._effective[a.id]
            problems += self._context.quote_problems(a, placed, speaker, link)
        elif a.tag == "anonymous_source":
            problems += self._context.anonymous_problems(a, placed)
        elif a.tag == "claim":
            problems += _claim_problems(a)
        return problems

    def _recheck(self, ident: str) -> bool:
        """Recompute one annotation's findings; whether they changed."""
        a = self.annotations.get(ident)
        found: list[Finding] = []
        if a is not None:
            placed = self._placed(a)
            start, end = (a.start, a.end) if placed else (-1, -1)
            problems = self._problems(a, placed)
            if problems:
                quoted = _shorten(a.exact, 24)
                for kind, says in problems:
                    message = f"{says}: “{quoted}”"
                    found.append(Finding(self.document_id, a.id, kind, message, start, end))
            found += revision_findings(self.document_id, a, start, end)
        now = tuple(found)
        before = self._findings.pop(ident, ())
        if now:
            self._findings[ident] = now
        if before == now:
            return False
        self._sorted = None
        for f in before:
            self._counts[f.kind] -= 1
        for f in found:
            self._counts[f.kind] += 1
        return True
