"""The suggester never raises, and every suggestion's offsets point at its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.model import Block
from desktop_app.core.suggest import suggest


def _valid(text: str) -> None:
    for s in suggest(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.kind in ("quote", "anonymous_source", "claim")
        assert 0.0 <= s.confidence <= 1.0


def test_empty_and_blank_give_nothing():
    """Empty or blank text gives no suggestions."""
    assert suggest("") == [] and suggest(" \n\n ") == []


def test_no_quotation_marks():
    """A draft with no quotation marks gives no quotes (claims are still found)."""
    text = "The council voted 5-2 on Monday to reject the plan."
    found = suggest(text)
    assert [s.kind for s in found] == ["claim"]


def test_only_unbalanced_marks():
    """Only opening or closing marks: no exception, every span valid."""
    for text in ("“ “ “ “", "” ” said he ”", '"""""', "„Hallo“ „", "«", "‘", "'", "“\n\n“\n\n“"):
        _valid(text)


def test_unclosed_quote_runs_to_paragraph_end():
    """A quotation never closed is still suggested, up to its paragraph's end."""
    text = '"I lost everything," he said. "Anyone who thinks I did this is wrong.\n\nNext.'
    quotes = [s for s in suggest(text) if s.kind == "quote"]
    assert quotes[-1].text == '"Anyone who thinks I did this is wrong.'


def test_one_megabyte_single_paragraph():
    """1 MB in one paragraph with dangling marks does not raise."""
    text = ("He said “the plan is dead and ‘it’s over’ now, 42 percent of them " * 16000)[
        :1_000_000
    ]
    _valid(text)


def test_mixed_scripts():
    """Cyrillic, CJK, Arabic and emoji around quotation marks."""
    text = "Мэр сказал: «Мы готовы». 市长说：“我们准备好了。” قال „نعم“ 🎉 “Yes,” said Ana Lee."
    _valid(text)
    assert any(s.fields.get("speaker") == "Ana Lee" for s in suggest(text))


def test_blocks_limit_suggestions_to_prose():
    """With blocks, titles and captions get no suggestions."""
    text = "Budget cut by $5 million\n\nThe board cut $5 million on Monday."
    blocks = (Block("title", 0, 24), Block("paragraph", 26, len(text)))
    assert all(s.start >= 26 for s in suggest(text, blocks))


# Bounded so the suite stays quick on a loaded CI machine; no deadline (no timed assertions).
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab C.,:;!?'\"“”‘’«»„\n -$5%é🎉")), max_size=300))
def test_fuzz_marks_and_punctuation(text: str):
    """Random mixes of marks, punctuation and text never raise; spans are valid."""
    _valid(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_fuzz_any_text(text: str):
    """Any unicode text never raises; spans are valid."""
    _valid(text)
