"""The domain model: canonical source text with blocks, documents, annotations and tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = (
    "title",
    "heading",
    "byline",
    "caption",
    "paragraph",
    "blockquote",
    "list_item",
    "table",
    "textbox",
)
STATUSES = ("open", "needs_follow_up", "verified", "disputed", "resolved")
ANCHOR_STATES = ("anchored", "moved", "orphaned")

# The order in which storage hands annotation rows to exporters, before one column per field key.
ANNOTATION_ROW_COLUMNS = (
    "document_id",
    "document_title",
    "source_path",
    "annotation_id",
    "tag",
    "text",
    "start",
    "end",
    "prefix",
    "suffix",
    "note",
    "status",
    "reviewer",
    "created_at",
    "updated_at",
    "anchor_state",
)


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of the canonical text: `text[start:end]`, code points, half-open."""

    kind: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Block:
        return cls(str(data["kind"]), int(data["start"]), int(data["end"]))


@dataclass(frozen=True)
class SourceText:
    """What an importer produces: the canonical text every offset points into, plus its blocks."""

    text: str
    title: str
    blocks: tuple[Block, ...]
    source_format: str


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    source_path: str
    source_format: str
    text: str
    text_sha256: str
    blocks: tuple[Block, ...]
    imported_at: str
    revision_of: str | None = None


@dataclass(frozen=True)
class Annotation:
    """A tagged span. Both the position and the quoted words are kept so it can be re-anchored."""

    id: str
    document_id: str
    tag: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str = ""
    status: str = "open"
    fields: dict[str, str] = field(default_factory=dict)
    reviewer: str = ""
    created_at: str = ""
    updated_at: str = ""
    anchor_state: str = "anchored"


@dataclass(frozen=True)
class Tag:
    name: str
    label: str
    colour: str
    shortcut: str = ""
    description: str = ""
    builtin: bool = False
    position: int = 0


BUILTIN_TAGS: tuple[Tag, ...] = (
    Tag("quote", "Quote", "#2f7ed8", "Q", "Words a person said or wrote: who said it?", True, 1),
    Tag("claim", "Claim", "#d9822b", "C", "A checkable fact: a number, event or cause.", True, 2),
    Tag(
        "anonymous_source",
        "Anonymous source",
        "#9b59b6",
        "A",
        "An unnamed person or group: why was anonymity granted?",
        True,
        3,
    ),
)
