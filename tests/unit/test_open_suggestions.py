"""After each edit, re-deciding only the suggestions near it gives the same open list as
re-deciding them all (accept, hand-tag, untag, undo, reject), with emoji and accents before."""

from __future__ import annotations

import random

from desktop_app.core.errors import OperationError
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk, suggestions
from desktop_app.desk.open_suggestions import OpenSuggestions
from desktop_app.storage.memory import MemoryRepository

PARAGRAPHS = [
    "Été 🙂 — Harbour vote delayed",
    "“We will not sign until the numbers add up,” said Mireille Dufour, the board's chair.",
    "A senior official, who spoke on condition of anonymity because the audit is private, "
    "said the gap grew 30 percent since January.",
    "“The audit counts repairs twice,” the official said. Analysts said ridership rose to "
    "1.3 million trips, the highest since 2009.",
    "“It is a mess,” said Ana Ruiz, 42, a ferry captain. Officials said the vote would come "
    "in March.",
]


def _desk() -> tuple[Desk, str]:
    text = "\n\n".join(PARAGRAPHS)
    blocks, pos = [], 0
    for part in PARAGRAPHS:
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    desk = Desk(MemoryRepository(), "Tester")
    doc, _ = desk.add_source(SourceText(text, "Vote", tuple(blocks), "txt"), "/tmp/v.txt")
    return desk, doc.id


def test_reconciling_near_each_edit_matches_a_full_recompute() -> None:
    desk, doc_id = _desk()
    state = desk.state(doc_id)
    everything = suggestions.of_document(state.document)
    assert len(everything) >= 6
    tracker = OpenSuggestions(everything, suggestions.open_suggestions(desk, doc_id, everything))
    touched: list[tuple[int, int]] = []
    desk.subscribe(lambda change, _i: touched.extend((a, b) for _d, a, b in change.spans))
    rng = random.Random(5)
    edits = 0  # undo only what this test did, never the draft's import
    for step in range(60):
        s = rng.choice(everything)
        choice = rng.random()
        if choice < 0.3:
            try:
                suggestions.accept(desk, doc_id, s)
                edits += 1
            except OperationError:  # accepted or tagged already
                pass
        elif choice < 0.5:
            try:
                desk.annotate(doc_id, s.kind, max(0, s.start - rng.randrange(3)), s.end)
                edits += 1
            except OperationError:  # those words already carry that tag
                pass
        elif choice < 0.65 and state.annotations:
            desk.remove_annotations([rng.choice(sorted(state.annotations))])
            edits += 1
        elif choice < 0.85 and edits:
            desk.undo(doc_id)
            edits -= 1
        elif choice >= 0.85:
            suggestions.reject(desk, doc_id, s)
            tracker.open_keys.discard((s.kind, s.start, s.end))  # as the pane drops its row
        spans, touched[:] = list(touched), []
        tracker.reconcile(state, spans, desk.repo.rejected_suggestions(doc_id))
        assert tracker.open() == suggestions.open_suggestions(desk, doc_id, everything), step
    assert any(
        key not in tracker.open_keys for key in map(lambda x: (x.kind, x.start, x.end), everything)
    )
