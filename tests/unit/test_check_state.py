"""Incremental checks: after any sequence of edits, the findings equal a full `check_document`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.check_state import CheckState
from desktop_app.core.checks import check_document, summarise
from desktop_app.core.model import ANCHOR_STATES, STATUSES, Annotation

# paragraphs with a named and an unnamed attribution, an anonymous source with a rote reason,
# a number; an emoji and accents before the spans
TEXT = (
    "🙂 “We will rebuild,” said a person familiar with the talks. Café owners agreed.\n\n"
    "A county official, who spoke on condition of anonymity because he was not authorized "
    "to speak publicly, said the plan failed.\n\n"
    "“It is done,” Ana Ruiz said. Costs rose 5\u00a0percent.\n\n"
    "“More to come,” one official said. “And soon.”"
)
IDS = [f"a{n}" for n in range(8)]
FIELDS = {
    "speaker": ["", "Ana Ruiz", "a city official"],
    "linked_source": ["", *IDS[:4], "gone"],
    "quote_type": ["", "continuation"],
    "reason": ["", "to speak freely", "not authorized to speak publicly"],
    "reason_given": ["", "yes"],
    "verification": ["", "verified", "false"],
}


@st.composite
def annotations(draw: st.DrawFn) -> Annotation:
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start + 1, min(len(TEXT), start + 80)))
    fields = {k: v for k, choices in FIELDS.items() if (v := draw(st.sampled_from(choices)))}
    return Annotation(
        id=draw(st.sampled_from(IDS)),
        document_id="doc",
        tag=draw(st.sampled_from(["quote", "quote", "anonymous_source", "claim", "context"])),
        start=start,
        end=end,
        exact=TEXT[start:end],
        prefix="",
        suffix="",
        status=draw(st.sampled_from(STATUSES)),
        fields=fields,
        anchor_state=draw(st.sampled_from(ANCHOR_STATES)),
    )


def _assert_same(state: CheckState) -> None:
    full = check_document("doc", TEXT, list(state.annotations.values()))
    assert state.findings() == full
    assert state.summary() == summarise(full)


@settings(max_examples=200)
@given(st.lists(annotations(), max_size=8), st.data())
def test_incremental_equals_full(initial: list[Annotation], data: st.DataObject) -> None:
    """Random adds, removes and updates (moves, tags, fields, links, orphaning), one edit or a
    batch at a time: the kept findings always equal a full pass over the same annotations."""
    state = CheckState("doc", TEXT, initial)
    _assert_same(state)
    for _ in range(data.draw(st.integers(1, 8))):
        before = {f.annotation_id: f for f in state.findings()}
        changes = data.draw(st.lists(annotations(), max_size=3))
        gone = data.draw(st.lists(st.sampled_from(IDS), max_size=2, unique=True))
        gone = [i for i in gone if i not in {a.id for a in changes}]
        present = [a for a in changes if a.id in state.annotations]
        new = [a for a in changes if a.id not in state.annotations]
        changed = state.update(added=new, removed=gone, updated=present)
        _assert_same(state)
        after = {f.annotation_id: f for f in state.findings()}
        moved = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
        assert moved <= changed  # the caller may repaint only these rows


def test_continuation_follows_the_quote_before() -> None:
    """Giving the first quote a speaker clears the continuation quote after it too."""
    first = Annotation("q1", "doc", "quote", 2, 20, TEXT[2:20], "", "")
    second = Annotation(
        "q2", "doc", "quote", 280, 295, TEXT[280:295], "", "", fields={"quote_type": "continuation"}
    )
    state = CheckState("doc", TEXT, [first, second])
    assert {f.annotation_id for f in state.findings() if f.kind == "quote_no_speaker"} == {
        "q1",
        "q2",
    }
    named = Annotation("q1", "doc", "quote", 2, 20, TEXT[2:20], "", "", fields={"speaker": "Ana"})
    assert state.update(updated=[named]) == {"q1", "q2"}
    assert not [f for f in state.findings() if f.kind == "quote_no_speaker"]
