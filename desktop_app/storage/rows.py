"""Rows and columns: how documents, annotations and tags are laid out in SQLite and read back
into the core's dataclasses (shared by the repository and its library-wide queries)."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from desktop_app.core.model import Annotation, Block, Document, Tag

ANNOTATION_COLUMNS = (
    'id, document_id, tag, start, "end", exact, prefix, suffix, note, status, fields, reviewer, '
    "created_at, updated_at, anchor_state, revision, previous_text"
)
ANNOTATION_COUNT = len(ANNOTATION_COLUMNS.split(","))
# One draft's annotations are read without their document_id (the caller has it): each column
# fetched costs every row a value to decode (the sqlite3 module also drops the GIL per column).
DRAFT_COLUMNS = ANNOTATION_COLUMNS.replace("document_id, ", "")
DOCUMENT_COLUMNS = (
    "id, title, source_path, source_format, text, text_sha256, blocks, imported_at, revision_of, "
    "note, revision"
)
TAG_COLUMNS = "name, label, colour, shortcut, description, builtin, position, revision"


# Live annotations and an earlier revision's frozen copies, for reads that cover both.
ALL_ANNOTATIONS = (
    f"SELECT {ANNOTATION_COLUMNS} FROM annotations UNION ALL "
    f"SELECT {ANNOTATION_COLUMNS} FROM revision_annotations"
)
ANNOTATION_FIELDS = tuple(f.name for f in fields(Annotation))
DRAFT_FIELDS = tuple(name for name in ANNOTATION_FIELDS if name != "document_id")
new = object.__new__


def annotation_of(row: tuple[Any, ...]) -> Annotation:
    # Fill the frozen dataclass directly: several times faster than its __init__ (15 frozen
    # setattr calls), which counts when a draft's 10,000 are read (see annotations_of).
    annotation = new(Annotation)
    values = annotation.__dict__
    values.update(zip(ANNOTATION_FIELDS, row, strict=True))
    values["fields"] = json.loads(row[10]) if row[10] != "{}" else {}
    return annotation


def annotations_of(rows: list[tuple[Any, ...]], document_id: str) -> list[Annotation]:
    """One draft's annotations, from rows in DRAFT_COLUMNS order. SQLite hands back a new
    string per row, and a draft's rows repeat a few values (the tag, status, reviewer, times,
    anchor state): one copy of each is ~4.5 MB less for 10,000 rows. Written out rather than
    looped over, since a draft opens through here."""
    shared: dict[str, str] = {}
    share = shared.setdefault
    make, names, loads = new, DRAFT_FIELDS, json.loads
    found: list[Annotation] = []
    keep = found.append
    for row in rows:
        annotation = make(Annotation)
        values = annotation.__dict__
        values.update(zip(names, row, strict=True))
        raw = row[9]
        values["fields"] = loads(raw) if raw != "{}" else {}
        values["document_id"] = document_id
        x = row[1]
        values["tag"] = share(x, x)
        x = row[8]
        values["status"] = share(x, x)
        x = row[10]
        values["reviewer"] = share(x, x)
        x = row[11]
        values["created_at"] = share(x, x)
        x = row[12]
        values["updated_at"] = share(x, x)
        x = row[13]
        values["anchor_state"] = share(x, x)
        keep(annotation)
    return found


def annotation_values(a: Annotation) -> list[Any]:
    """The row for `a`, in ANNOTATION_COLUMNS order."""
    return [
        a.id,
        a.document_id,
        a.tag,
        a.start,
        a.end,
        a.exact,
        a.prefix,
        a.suffix,
        a.note,
        a.status,
        json.dumps(a.fields, ensure_ascii=False),
        a.reviewer,
        a.created_at,
        a.updated_at,
        a.anchor_state,
        a.revision,
        a.previous_text,
    ]


def document_values(doc: Document) -> list[Any]:
    """The row for `doc`, in DOCUMENT_COLUMNS order."""
    blocks = json.dumps([b.to_json() for b in doc.blocks])
    head = [doc.id, doc.title, doc.source_path, doc.source_format, doc.text, doc.text_sha256]
    return [*head, blocks, doc.imported_at, doc.revision_of, doc.note, doc.revision]


def document_of(row: tuple[Any, ...]) -> Document:
    blocks = tuple(Block(b["kind"], b["start"], b["end"]) for b in json.loads(row[6]))
    return Document(*row[:6], blocks, row[7], row[8], row[9], row[10])  # type: ignore[arg-type]


def tag_of(row: tuple[Any, ...]) -> Tag:
    return Tag(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], row[7])


def tag_values(t: Tag) -> list[Any]:
    """The row for `t`, in TAG_COLUMNS order."""
    head = [t.name, t.label, t.colour, t.shortcut, t.description]
    return [*head, int(t.builtin), t.position, t.revision]
