"""Moving around a draft from the review: to a search hit or a finding, to the next or previous
annotation (F8) or open check (F9). Functions of the `Review`, assigned to it as methods."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any, Protocol

from desktop_app.core.model import reading_order
from desktop_app.desk import DocumentState
from desktop_app.ui.document_view import DocumentView
from desktop_app.ui.library_search import locate_words


class Review(Protocol):
    """What these moves use of `ui.review.Review` (named here: review.py imports this module)."""

    state: DocumentState | None
    view: DocumentView
    current_id: str
    say: Callable[..., Any]

    def open_document(self, document_id: str) -> bool: ...

    def focus_annotation(self, ident: str, reveal: bool = False) -> None: ...


def go_to(review: Review, document_id: str, annotation_id: str, words: str) -> None:
    """A finding, a library search hit or a browsed annotation: open its draft, show it."""
    if not review.open_document(document_id):
        return
    if annotation_id:
        review.focus_annotation(annotation_id, reveal=True)
    elif review.state is not None:
        span = locate_words(review.state.text, words)
        if span is not None:
            review.view.select_cp(*span, flash=True)


def reveal_annotation(review: Review, ident: str) -> None:
    if review.state is None or ident not in review.state.annotations:
        return
    a = review.state.annotations[ident]
    if a.anchor_state == "orphaned":
        review.say("This annotation is orphaned: its words are no longer in the text.")
        return
    review.view.select_cp(a.start, a.end, flash=True)


def step_annotation(review: Review, step: int) -> None:
    """F8 / Shift+F8: the next (or previous) annotation in reading order from the caret."""
    state = review.state
    if state is None:
        return
    placed = [a for a in state.in_order() if a.anchor_state != "orphaned"]
    if not placed:
        review.say("No annotations in this draft yet.")
        return
    keys = list(map(reading_order, placed))
    current = state.annotations.get(review.current_id)
    if current is not None and current.anchor_state != "orphaned":
        here = keys.index((current.start, current.end, current.id))
        n = here + step
    else:
        caret = review.view.caret_cp()
        n = bisect_left(keys, (caret, -1, "")) if step > 0 else bisect_left(keys, (caret,)) - 1
    if not 0 <= n < len(placed):
        review.say("No more annotations " + ("after this one." if step > 0 else "before this one."))
        return
    review.focus_annotation(placed[n].id, reveal=True)


def step_finding(review: Review, step: int) -> None:
    """F9 / Shift+F9: the next (or previous) open check in this draft from the caret."""
    state = review.state
    if state is None:
        return
    findings = [f for f in state.findings() if f.start >= 0]
    caret = review.view.caret_cp()
    ahead = [f for f in findings if (f.start > caret if step > 0 else f.start < caret)]
    if not ahead:
        review.say("No more checks " + ("after the caret." if step > 0 else "before the caret."))
        return
    finding = ahead[0] if step > 0 else ahead[-1]
    review.focus_annotation(finding.annotation_id, reveal=True)
    review.say(finding.message)
