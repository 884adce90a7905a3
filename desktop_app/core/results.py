"""What the library-wide queries return: flat export rows and search hits. Kept apart from the
model because a window opens without them (each frozen dataclass costs ~1 ms to create)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.model import Annotation


@dataclass(frozen=True)
class ExportRow:
    """One annotation as exporters receive it: its document's title and path beside it, and the
    1-based paragraph (block) number its start falls in ("" when orphaned). An orphan has no
    `text` (its words are not in this revision): they are in `previous_text`."""

    document_id: str
    document_title: str
    source_path: str
    annotation_id: str
    tag: str
    text: str
    start: int | str
    end: int | str
    paragraph: int | str
    prefix: str
    suffix: str
    note: str
    status: str
    reviewer: str
    created_at: str
    updated_at: str
    anchor_state: str
    previous_text: str = ""  # its words in the previous revision (see Annotation)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchHit:
    """A document whose text matches a library search; `snippet` marks each match with
    MATCH_START and MATCH_END (control characters never present in canonical text)."""

    document_id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class AnnotationHit:
    """An annotation found across the library, with the title of its document."""

    annotation: Annotation
    document_title: str
