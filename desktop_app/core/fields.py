"""What each tag asks of the editor (its fields), and the stable order of field columns in exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

YES, NO = "yes", "no"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a tag's detail form.

    kind: "text" (free text, `suggestions` offered), "choice" (one of `choices`), "yesno",
    "span" (text picked from the document; its range is kept in `<key>_span` as "start-end"),
    "link" (the id of another annotation, of tag `link_tag`), "date" (ISO date text).
    """

    key: str
    label: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    link_tag: str = ""
    help: str = ""

    @property
    def short(self) -> str:
        """The label without its hint in brackets, for undo steps ("Set Reason")."""
        return self.label.split(" (")[0]


QUOTE_FIELDS = (
    FieldSpec("speaker", "Speaker", help="Who said it, as the story names them"),
    FieldSpec(
        "cue",
        "Attribution cue",
        suggestions=(
            "said",
            "says",
            "told",
            "wrote",
            "wrote in a message",
            "wrote in an email",
            "said in a statement",
            "said in an interview",
            "posted",
            "according to",
        ),
    ),
    FieldSpec("quote_type", "Quote type", "choice", ("full", "partial", "continuation")),
    FieldSpec("checked_against", "Checked against recording or notes", "yesno"),
    FieldSpec(
        "linked_source",
        "Anonymous source",
        "link",
        link_tag="anonymous_source",
        help="When the speaker is unnamed: the anonymous-source annotation it belongs to",
    ),
)
ANONYMOUS_SOURCE_FIELDS = (
    FieldSpec("description", "How the story describes the source"),
    FieldSpec("how_knows", "How the source knows"),
    FieldSpec("reason_given", "Reason for anonymity given in the text", "yesno"),
    FieldSpec("reason", "Reason (pick from the text)", "span"),
    FieldSpec("approved_by", "Anonymity approved by"),
)
CLAIM_TYPES = (
    "quantity or statistic",
    "event",
    "causal",
    "comparison or superlative",
    "prediction",
    "other",
)
VERIFICATION = ("unverified", "verified", "partly verified", "false", "cannot be verified")
CLAIM_FIELDS = (
    FieldSpec("claim_type", "Claim type", "choice", CLAIM_TYPES),
    FieldSpec("claimant", "Who makes the claim"),
    FieldSpec("verification", "Verification", "choice", VERIFICATION),
    FieldSpec("evidence", "Evidence (URL or note)"),
    FieldSpec("checked_by", "Checked by"),
    FieldSpec("checked_at", "Checked on", "date"),
)
FIELDS_BY_TAG: dict[str, tuple[FieldSpec, ...]] = {
    "quote": QUOTE_FIELDS,
    "anonymous_source": ANONYMOUS_SOURCE_FIELDS,
    "claim": CLAIM_FIELDS,
}


# Who an annotation is about: the quote's speaker, the claim's claimant, the source's description.
WHO_FIELDS = ("speaker", "claimant", "description")


def who(fields: dict[str, str]) -> str:
    return next((fields[k] for k in WHO_FIELDS if fields.get(k)), "")


def fields_for(tag: str) -> tuple[FieldSpec, ...]:
    """Custom tags have no structured fields (a note and a status, like every annotation)."""
    return FIELDS_BY_TAG.get(tag, ())


def span_key(key: str) -> str:
    return f"{key}_span"


def parse_span(value: str) -> tuple[int, int] | None:
    start, sep, end = value.partition("-")
    if not sep or not start.isdigit() or not end.isdigit() or int(end) <= int(start):
        return None
    return int(start), int(end)


# Known keys in the order they appear as CSV columns; unknown keys follow alphabetically.
FIELD_ORDER = tuple(
    k
    for spec in QUOTE_FIELDS + ANONYMOUS_SOURCE_FIELDS + CLAIM_FIELDS
    for k in ((spec.key, span_key(spec.key)) if spec.kind == "span" else (spec.key,))
)


def ordered_field_keys(keys: Iterable[str]) -> list[str]:
    known = {k: i for i, k in enumerate(FIELD_ORDER)}
    return sorted(set(keys), key=lambda k: (known.get(k, len(known)), k))
