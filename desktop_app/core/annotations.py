"""Building annotations from a user's selection and editing their parts as new immutable values."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from desktop_app.core.errors import OperationError
from desktop_app.core.model import STATUSES, Annotation


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _non_empty(fields: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in fields.items() if v != ""}


def new_annotation(
    document_id: str,
    text: str,
    tag: str,
    start: int,
    end: int,
    *,
    reviewer: str = "",
    note: str = "",
    fields: dict[str, str] | None = None,
) -> Annotation:
    """An annotation on text[start:end], trimmed of surrounding whitespace, with its quote
    selectors. Empty field values are dropped (as in `edited`)."""
    if not (0 <= start <= end <= len(text)):
        raise OperationError(f"span {start}-{end} is outside the document (0-{len(text)})")
    # Here, not at start: the anchoring dataclasses cost the window's launch ~2 ms.
    from desktop_app.core.anchoring import describe, trim_span

    start, end = trim_span(text, start, end)
    if start >= end:
        raise OperationError("the selection holds no text to tag")
    import uuid  # here, not at start: it imports `platform`, a cost every CLI run would pay

    sel = describe(text, start, end)
    stamp = now_iso()
    return Annotation(
        id=str(uuid.uuid4()),
        document_id=document_id,
        tag=tag,
        start=sel.start,
        end=sel.end,
        exact=sel.exact,
        prefix=sel.prefix,
        suffix=sel.suffix,
        note=note,
        status="open",
        fields=_non_empty(fields or {}),
        reviewer=reviewer,
        created_at=stamp,
        updated_at=stamp,
    )


def edited(
    annotation: Annotation,
    *,
    note: str | None = None,
    status: str | None = None,
    tag: str | None = None,
    fields: dict[str, str] | None = None,
) -> Annotation:
    """A copy with the given parts changed and `updated_at` refreshed. Empty field values are
    dropped."""
    if status is not None and status not in STATUSES:
        raise OperationError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    new_fields = annotation.fields if fields is None else _non_empty(fields)
    return replace(
        annotation,
        note=annotation.note if note is None else note,
        status=annotation.status if status is None else status,
        tag=annotation.tag if tag is None else tag,
        fields=dict(new_fields),
        updated_at=now_iso(),
    )
