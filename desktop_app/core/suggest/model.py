"""The value the suggester returns: one proposed annotation over the canonical text."""

from __future__ import annotations

from typing import NamedTuple

KINDS = ("quote", "anonymous_source", "claim")


class _Fields(NamedTuple):
    kind: str  # one of KINDS
    start: int
    end: int
    text: str
    fields: dict[str, str | int]
    confidence: float


class Suggestion(_Fields):
    """A proposed annotation: `text == source[start:end]` (code points, half-open). Immutable,
    and a tuple underneath: a draft yields ~10 per kilobyte, and a tuple is built and freed in
    a fraction of the time a frozen dataclass takes (one object.__setattr__ per field)."""

    __slots__ = ()

    def __new__(
        cls,
        kind: str,
        start: int,
        end: int,
        text: str,
        fields: dict[str, str | int] | None = None,
        confidence: float = 0.5,
    ) -> Suggestion:
        return tuple.__new__(
            cls, (kind, start, end, text, {} if fields is None else fields, confidence)
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "fields": dict(self.fields),
            "confidence": round(self.confidence, 2),
        }


_new = tuple.__new__


def suggestion(
    kind: str, start: int, end: int, text: str, fields: dict[str, str | int], confidence: float
) -> Suggestion:
    """Suggestion(...) without its Python-level __new__ (the suggester builds one per sentence
    and quotation of a draft)."""
    return _new(Suggestion, (kind, start, end, text, fields, confidence))
