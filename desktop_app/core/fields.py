"""Field keys per tag and their stable export order."""

from __future__ import annotations

from collections.abc import Iterable

# Known keys in the order they appear as CSV columns; unknown keys follow alphabetically.
FIELD_ORDER = (
    "speaker",
    "cue",
    "quote_type",
    "checked_against",
    "linked_source",
    "description",
    "how_knows",
    "reason_given",
    "reason",
    "approved_by",
    "claim_type",
    "claimant",
    "verification",
    "evidence",
    "checked_by",
    "checked_at",
)


def ordered_field_keys(keys: Iterable[str]) -> list[str]:
    known = {k: i for i, k in enumerate(FIELD_ORDER)}
    return sorted(set(keys), key=lambda k: (known.get(k, len(known)), k))
