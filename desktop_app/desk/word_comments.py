"""Bring a .docx's Word comments in as annotations (a reporter's replies come back): the draft and
its comments in ONE undoable step. The tag comes from a leading "[Quote]", "[Claim]",
"[Anonymous source]" (any tag's label or name); without one, a comment becomes a claim, the
tag whose fields ask for checking, which is what a reporter's remark on a sentence usually is."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.anchoring import describe
from desktop_app.core.annotations import now_iso
from desktop_app.core.change import Operation
from desktop_app.core.errors import CopydeskError
from desktop_app.core.exchange import PROVENANCE
from desktop_app.core.model import STATUS_LABELS, Annotation, Document, Tag
from desktop_app.core.operations import AddAnnotation, AddDocument, Batch
from desktop_app.desk.exchange import place

if TYPE_CHECKING:
    from desktop_app.desk.desk import Desk

DEFAULT_TAG = "claim"
_LEADING_TAG = re.compile(r"^\s*\[([^\]]{1,40})\]\s*")
_TRAILING_STATUS = re.compile(r"\s*\(([^()]{2,20})\)\s*$")
_BY_LABEL = {label.lower(): key for key, label in STATUS_LABELS.items()}


def parse_comment(text: str, tags: list[Tag]) -> tuple[str, str, str | None]:
    """(tag, note, status or None) from a comment's text, as `export --format docx` writes it:
    "[Tag] speaker — note (status)"."""
    names = {t.label.lower(): t.name for t in tags} | {t.name.lower(): t.name for t in tags}
    tag, note = DEFAULT_TAG, text.strip()
    m = _LEADING_TAG.match(note)
    if m and m.group(1).strip().lower() in names:
        tag, note = names[m.group(1).strip().lower()], note[m.end() :]
    status = None
    s = _TRAILING_STATUS.search(note)
    if s and s.group(1).strip().lower() in _BY_LABEL:
        status, note = _BY_LABEL[s.group(1).strip().lower()], note[: s.start()]
    return tag, note.strip(), status


def import_with_comments(desk: Desk, path: str, initiator: object = None) -> tuple[Document, str]:
    """Read the draft and its comments first (a bad file changes nothing), then add the
    document (unless the library has this text already) and the annotations as one step."""
    from desktop_app.formats.docx_comments import read_word_comments
    from desktop_app.formats.errors import FormatError

    source = desk.read_file(path)
    try:
        comments = read_word_comments(path)
    except FormatError as error:
        raise CopydeskError(str(error)) from None
    resolved = str(Path(path).resolve())
    sha = hashlib.sha256(source.text.encode("utf-8", "surrogatepass")).hexdigest()
    existing = desk.repo.find_document(sha, resolved) or next(
        iter(desk.repo.documents_with_text(sha)), None
    )
    doc = existing or Document(
        str(uuid.uuid4()),
        source.title,
        resolved,
        source.source_format,
        source.text,
        sha,
        source.blocks,
        now_iso(),
    )
    tags = desk.tags()
    have = {(a.tag, a.start, a.end, a.note) for a in (desk.annotations(doc.id) if existing else [])}
    stamp = f"{Path(path).name} {now_iso()}"
    annotations: list[Annotation] = []
    orphans = 0
    for c in comments:
        tag, note, status = parse_comment(c.text, tags)
        exact = c.exact.strip()
        lead = len(c.exact) - len(c.exact.lstrip())
        prefix = c.prefix + c.exact[:lead]
        suffix = c.exact[lead + len(exact) :] + c.suffix
        when = c.date or now_iso()
        a = Annotation(
            id=str(uuid.uuid4()),
            document_id=doc.id,
            tag=tag,
            start=-1,
            end=-1,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            note=note,
            status=status or "open",
            fields={PROVENANCE: stamp},
            reviewer=c.author or desk.reviewer,
            created_at=when,
            updated_at=when,
        )
        a = place(doc.text, a)
        if a.anchor_state == "orphaned":
            orphans += 1
        else:
            sel = describe(doc.text, a.start, a.end)  # our text's context, not Word's
            a = replace(a, prefix=sel.prefix, suffix=sel.suffix, anchor_state="anchored")
        if (a.tag, a.start, a.end, a.note) in have:
            continue
        have.add((a.tag, a.start, a.end, a.note))
        annotations.append(a)
    label = f"Import {Path(path).name} with comments"
    if existing is None:
        desk.apply(AddDocument(doc, tuple(annotations), label), initiator)
    elif annotations:
        ops: tuple[Operation, ...] = tuple(AddAnnotation(a) for a in annotations)
        desk.apply(Batch(ops, label), initiator)
    summary = f"{len(annotations)} comments imported as annotations"
    if orphans:
        summary += f" ({orphans} on words not found in the text: orphaned)"
    return doc, summary
