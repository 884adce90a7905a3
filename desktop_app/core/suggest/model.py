"""The value the suggester returns: one proposed annotation over the canonical text."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("quote", "anonymous_source", "claim")


@dataclass(frozen=True)
class Suggestion:
    """A proposed annotation: `text == source[start:end]` (code points, half-open)."""

    kind: str  # one of KINDS
    start: int
    end: int
    text: str
    fields: dict[str, str | int] = field(default_factory=dict)
    confidence: float = 0.5

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "fields": dict(self.fields),
            "confidence": round(self.confidence, 2),
        }


_new = object.__new__


def suggestion(
    kind: str, start: int, end: int, text: str, fields: dict[str, str | int], confidence: float
) -> Suggestion:
    """Suggestion(...) without the frozen dataclass's __init__ (one object.__setattr__ per
    field): the suggester builds one per sentence and quotation of a draft."""
    s = _new(Suggestion)
    s.__dict__.update(
        kind=kind, start=start, end=end, text=text, fields=fields, confidence=confidence
    )
    return s
