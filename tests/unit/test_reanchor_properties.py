"""Property tests of re-anchoring: edits outside a quote never touch it, edits inside are never
passed off as the same words, and a placement always holds the words its fate claims."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from desktop_app.core.annotations import new_annotation
from desktop_app.core.reanchor import reanchor

# Words with accents (composed and combining), an emoji, a no-break space, punctuation and
# paragraph breaks, so offsets before a span count code points, not bytes or UTF-16 units.
TOKENS = [
    "the",
    "mayor",
    "said",
    "caf\u00e9",
    "\U0001f600",
    "e\u0301t\u00e9",
    "12\u00a0percent",
    "S\u00e3o",
    "council",
    "budget",
    ",",
    ".",
    "\n\n",
    "\u201cWe",
    "will\u201d",
]
TEXT = st.lists(st.sampled_from(TOKENS), min_size=4, max_size=60).map(" ".join)
INSERT = st.lists(st.sampled_from([*TOKENS, "new", "words", "\u00e0", "\u00a0"]), max_size=6).map(
    lambda words: " ".join(words) + " "
)


@st.composite
def annotated(draw):
    """A text and a non-blank span of it, as an annotation would be created."""
    text = draw(TEXT)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    assume(text[start:end].strip())
    return text, replace(new_annotation("doc", text, "quote", start, end), id="a1")


def place(old, new, annotation):
    (placement,) = reanchor(old, new, [annotation])
    return placement


def check_fate_is_honest(placement, new, annotation):
    """The invariant every placement keeps, whatever the edit."""
    assert placement.previous_text == annotation.exact
    if placement.fate == "orphaned":
        assert (placement.start, placement.end, placement.text) == (None, None, "")
        return
    assert new[placement.start : placement.end] == placement.text
    if placement.fate in ("same", "moved"):
        assert placement.text == placement.previous_text
    if placement.fate == "same":
        assert (placement.start, placement.end) == (annotation.start, annotation.end)
    if placement.fate == "changed":
        assert placement.text != placement.previous_text


@settings(max_examples=300)
@given(annotated(), st.data())
@example(("caf\u00e9 \U0001f600 the mayor said", None), None)
def test_edits_outside_keep_the_words(case, data):
    """Inserting or deleting text that does not touch the quote (one character away at least)
    leaves it on its own words, same or moved, never changed; where the quote occurs once in the
    new text, exactly at its shifted offset."""
    text, annotation = case
    if annotation is None:  # the example: an insertion before a span after an emoji
        annotation = replace(new_annotation("doc", text, "quote", 9, 14), id="a1")
        at, removed, inserted = 0, 0, "\u00e0\u00a0"
    else:
        before = annotation.start >= 2 and data.draw(st.booleans())
        if not before:
            assume(annotation.end + 1 < len(text))
        lo, hi = (0, annotation.start - 1) if before else (annotation.end + 1, len(text))
        at = data.draw(st.integers(lo, hi))
        removed = data.draw(st.integers(0, hi - at))
        inserted = data.draw(INSERT)
        assume(removed or inserted)
    new = text[:at] + inserted + text[at + removed :]
    shift = len(inserted) - removed if at < annotation.start else 0
    placement = place(text, new, annotation)
    check_fate_is_honest(placement, new, annotation)
    assert placement.fate in ("same", "moved")
    assert placement.text == annotation.exact
    if new.count(annotation.exact) == 1:
        assert placement.start == annotation.start + shift


@settings(max_examples=300)
@given(annotated(), st.data())
def test_edits_inside_are_never_the_same_words(case, data):
    """An edit strictly inside the quote gives changed or orphaned, never same or moved, even
    when the old words occur elsewhere in the text."""
    text, annotation = case
    assume(annotation.end - annotation.start >= 3)
    at = data.draw(st.integers(annotation.start + 1, annotation.end - 1))
    removed = data.draw(st.integers(0, annotation.end - 1 - at))
    inserted = data.draw(INSERT | st.sampled_from(["x", "\U0001f600", "\u00a0"]))
    new = text[:at] + inserted + text[at + removed :]
    new_end = annotation.end + len(inserted) - removed
    # The edited stretch must not hold the old words again ("t|he" + "the " reads as "t" + "the"
    # + " he": the words intact, so moved is right). Copies elsewhere are fair game.
    copies = [i for i in range(len(new)) if new.startswith(annotation.exact, i)]
    assume(all(i + len(annotation.exact) <= annotation.start or i >= new_end for i in copies))
    placement = place(text, new, annotation)
    check_fate_is_honest(placement, new, annotation)
    assert placement.fate in ("changed", "orphaned")


@settings(max_examples=300)
@given(annotated(), st.integers(0, 400), st.integers(0, 40), INSERT)
def test_any_edit_keeps_fates_honest(case, at, removed, inserted):
    """After any single edit anywhere, a placed annotation points at exactly the text it reports,
    and same/moved only ever mean the old words."""
    text, annotation = case
    at = min(at, len(text))
    new = text[:at] + inserted + text[at + removed :]
    check_fate_is_honest(place(text, new, annotation), new, annotation)
