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
