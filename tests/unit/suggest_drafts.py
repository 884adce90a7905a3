"""Hypothesis drafts for the suggester's equivalence tests (each fast path against its plain
form): pieces of newsroom text and awkward characters, joined with a space after most."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def equivalence_settings(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def drafts(pieces: list[str], max_size: int, glued_every: int) -> st.SearchStrategy[str]:
    """Drafts of up to `max_size` pieces; every `glued_every`-th piece joins the next with no
    space between them (words against marks, names against apostrophes)."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map(
        lambda words: "".join(w + (" " if i % glued_every else "") for i, w in enumerate(words))
    )
