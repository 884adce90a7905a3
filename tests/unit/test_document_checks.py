"""An open draft's findings, once its CheckState is installed, follow every edit, undo and redo
incrementally and always equal a full check pass over the same annotations."""

from __future__ import annotations

from desktop_app.core.check_state import CheckState
from desktop_app.core.checks import check_document
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk
from desktop_app.storage.memory import MemoryRepository

TEXT = (
    "Été 🙂 budget\n\n"
    "“We will cut,” the mayor said. A senior official said the deficit grew 12 percent.\n\n"
    "“It is the largest gap since 2009,” said Ana Ruiz. “Nobody saw it coming.”"
)


def _desk() -> tuple[Desk, str]:
    blocks, pos = [], 0
    for part in TEXT.split("\n\n"):
        blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 2
    desk = Desk(MemoryRepository(), "Tester")
    doc, _ = desk.add_source(SourceText(TEXT, "Budget", tuple(blocks), "txt"), "/tmp/b.txt")
    return desk, doc.id


def _full(desk: Desk, doc_id: str) -> list[tuple[str, str, int, int]]:
    state = desk.state(doc_id)
    found = check_document(doc_id, state.text, state.annotations.values())
    return [(f.kind, f.annotation_id, f.start, f.end) for f in found]


def _kept(desk: Desk, doc_id: str) -> list[tuple[str, str, int, int]]:
    return [(f.kind, f.annotation_id, f.start, f.end) for f in desk.state(doc_id).findings()]


def test_installed_checks_follow_edits_undo_and_redo() -> None:
    desk, doc_id = _desk()
    state = desk.state(doc_id)
    version, text, annotations = state.snapshot()
    assert state.install_checks(CheckState(doc_id, text, annotations), version)

    def span(words: str) -> tuple[int, int]:
        s = TEXT.index(words)
        return s, s + len(words)

    quote = desk.annotate(doc_id, "quote", *span("“We will cut,”"))
    assert ("quote_no_speaker", quote.id) in {(k, i) for k, i, _, _ in _kept(desk, doc_id)}
    source = desk.annotate(doc_id, "anonymous_source", *span("A senior official"))
    claim = desk.annotate(doc_id, "claim", *span("grew 12 percent"))
    desk.set_fields(quote.id, {"speaker": "the mayor"})
    desk.set_status([claim.id], "verified")
    second = desk.annotate(doc_id, "quote", *span("“It is the largest gap since 2009,”"))
    desk.annotate(doc_id, "quote", *span("“Nobody saw it coming.”"))
    desk.set_fields(second.id, {"speaker": "Ana Ruiz"})
    assert _kept(desk, doc_id) == _full(desk, doc_id)
    desk.remove_annotations([source.id])
    assert _kept(desk, doc_id) == _full(desk, doc_id)
    for _ in range(4):
        desk.undo(doc_id)
        assert _kept(desk, doc_id) == _full(desk, doc_id)
    for _ in range(2):
        desk.redo(doc_id)
        assert _kept(desk, doc_id) == _full(desk, doc_id)


def test_a_check_pass_built_before_an_edit_is_not_installed() -> None:
    desk, doc_id = _desk()
    state = desk.state(doc_id)
    version, text, annotations = state.snapshot()
    s = TEXT.index("grew 12 percent")
    desk.annotate(doc_id, "claim", s, s + len("grew 12 percent"))  # lands while the worker runs
    assert not state.install_checks(CheckState(doc_id, text, annotations), version)
    assert state.checks is None
    assert _kept(desk, doc_id) == _full(desk, doc_id)  # the full pass still answers meanwhile
