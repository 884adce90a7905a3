"""One open document, Qt-free: its annotations, span index, counts per tag and findings, kept
current only from `Change`s (never by re-reading what was just written). The findings are kept by
a `CheckState` once one is installed (built off the UI thread: 10,000 annotations take ~0.25 s);
after that an edit re-checks only what it touched."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from itertools import compress, repeat
from operator import attrgetter, ne
from typing import TYPE_CHECKING

from desktop_app.core.change import Change
from desktop_app.core.model import Annotation, Document, reading_order
from desktop_app.core.spans import SpanIndex

if TYPE_CHECKING:  # the checks load in their worker, after a draft's first paint
    from desktop_app.core.check_state import CheckState
    from desktop_app.core.checks import Finding

_ID, _TAG, _START, _END = (attrgetter(n) for n in ("id", "tag", "start", "end"))
_ANCHOR = attrgetter("anchor_state")


class DocumentState:
    def __init__(self, document: Document, annotations: Iterable[Annotation]) -> None:
        self.document = document
        self.text = document.text
        # Opening a long draft: C-level passes over its annotations (map, zip, compress, Counter)
        # rather than a Python step for each of 10,000.
        given = list(annotations)
        self.annotations: dict[str, Annotation] = dict(zip(map(_ID, given), given, strict=True))
        values = list(self.annotations.values())
        placed = list(compress(values, map(ne, map(_ANCHOR, values), repeat("orphaned"))))
        self.index = SpanIndex.of(
            self.text, list(map(_ID, placed)), list(map(_START, placed)), list(map(_END, placed))
        )
        self.counts: dict[str, int] = dict(Counter(map(_TAG, values)))
        self._findings: list[Finding] | None = None
        self.checks: CheckState | None = None
        self.version = 0  # bumped by every change taken in: a check pass on an older copy is stale
        self._order: list[Annotation] | None = None  # by position, kept up to date once built

    @property
    def id(self) -> str:
        return self.document.id

    def _count(self, annotation: Annotation, delta: int) -> None:
        self.counts[annotation.tag] = self.counts.get(annotation.tag, 0) + delta
        if not self.counts[annotation.tag]:
            del self.counts[annotation.tag]

    def absorb(self, change: Change) -> bool:
        """Take in what `change` did to this document; False if it did nothing here."""
        touched = False
        for ident in change.removed:
            gone = self.annotations.pop(ident, None)
            if gone is not None:
                touched = True
                self._count(gone, -1)
                self._unorder(gone)
                if ident in self.index.spans:
                    self.index.remove(ident)
        removed = [i for i in change.removed if i not in self.annotations]
        added: list[Annotation] = []
        updated: list[Annotation] = []
        latest = {a.id: a for a in change.annotations if a.document_id == self.document.id}
        for ident, annotation in latest.items():
            if ident in change.removed and ident not in change.added:
                continue
            touched = True
            previous = self.annotations.get(ident)
            (added if previous is None else updated).append(annotation)
            if previous is not None:
                self._count(previous, -1)
                self._unorder(previous)
            self._count(annotation, +1)
            if self._order is not None:
                bisect.insort(self._order, annotation, key=reading_order)
            self.annotations[ident] = annotation
            if ident in self.index.spans:
                self.index.remove(ident)
            if annotation.anchor_state != "orphaned":
                self.index.add(ident, annotation.start, annotation.end)
        if touched:
            self._findings = None
            self.version += 1
            if self.checks is not None:
                self.checks.update(added=added, removed=removed, updated=updated)
        return touched

    def snapshot(self) -> tuple[int, str, list[Annotation]]:
        """What a worker needs to build this document's `CheckState`: (version, text, annotations)."""
        return self.version, self.text, list(self.annotations.values())

    def install_checks(self, checks: CheckState, version: int) -> bool:
        """Keep `checks` (built from `snapshot()`) unless an edit came in meanwhile."""
        if version != self.version:
            return False
        self.checks = checks
        return True

    def annotations_at(self, position: int) -> list[Annotation]:
        """Innermost first, as the span index orders them."""
        return [self.annotations[i] for i in self.index.at(position)]

    def in_order(self) -> list[Annotation]:
        """By position. Sorted once, then patched by each change: the checks and suggestions
        ask after every edit, and sorting 100,000 annotations each time stalls the window."""
        if self._order is None:
            self._order = sorted(self.annotations.values(), key=reading_order)
        return list(self._order)

    def _unorder(self, annotation: Annotation) -> None:
        if self._order is None:
            return
        i = bisect.bisect_left(self._order, reading_order(annotation), key=reading_order)
        if i < len(self._order) and self._order[i].id == annotation.id:
            del self._order[i]
        else:
            self._order = None  # not where its position says: rebuild on the next ask

    def findings(self) -> list[Finding]:
        if self.checks is not None:
            return self.checks.findings()
        if self._findings is None:
            from desktop_app.core.checks import check_document

            self._findings = check_document(self.document.id, self.text, self.annotations.values())
        return self._findings
