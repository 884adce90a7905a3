"""Read a W3C Web Annotation JSON file (as `copydesk export --format json` writes it) into
`Incoming` documents and annotations; anything else is refused with one line (FormatError)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from desktop_app.core.exchange import Incoming, IncomingDocument
from desktop_app.core.model import STATUSES, Annotation, Tag
from desktop_app.formats.errors import MAX_FILE_BYTES, FormatError, Rejected

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def read_web_annotations(path: str) -> Incoming:
    name = Path(path).name
    try:
        if os.stat(path).st_size > MAX_FILE_BYTES:
            raise FormatError(name, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise FormatError(name, "no such file") from None
    except OSError as error:
        raise FormatError(name, f"cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise FormatError(name, "not JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise FormatError(name, f"not complete JSON ({error.msg} at {where})") from None
    except RecursionError:
        raise FormatError(name, "not JSON we can read (nested too deeply)") from None
    try:
        return parse_collection(data, name)
    except Rejected as error:
        raise FormatError(name, error.reason) from None


def _items(data: Any) -> list[Any]:
    if not isinstance(data, dict):
        raise Rejected("JSON, but not a W3C Web Annotation collection")
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if ANNO_CONTEXT not in contexts:
        raise Rejected("JSON, but not W3C Web Annotation (no anno.jsonld @context)")
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    if kind == "AnnotationPage":
        page = data
    elif kind == "AnnotationCollection":
        page = data.get("first", {"items": []})
    else:
        raise Rejected(f"a Web Annotation {kind!r}, not an AnnotationCollection")
    items = page.get("items") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise Rejected("the collection has no list of items")
    return items


def _text(value: Any, what: str, n: int) -> str:
    if not isinstance(value, str):
        raise Rejected(f"annotation {n}: {what} is not text")
    return value


def _uuid(iri: Any, what: str, n: int) -> str:
    value = _text(iri, what, n)
    return value.removeprefix("urn:uuid:")


def _annotation(item: Any, n: int) -> tuple[dict[str, Any], Annotation]:
    """(its target source, the annotation with start/end -1 when it has no position)."""
    if not isinstance(item, dict) or item.get("type") != "Annotation":
        raise Rejected(f"item {n} is not an Annotation")
    target = item.get("target")
    source = target.get("source") if isinstance(target, dict) else None
    if not isinstance(source, dict) or not source.get("id"):
        raise Rejected(f"annotation {n}: its target names no source document")
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    quote = by_type.get("TextQuoteSelector")
    if quote is None:
        raise Rejected(f"annotation {n}: no TextQuoteSelector")
    position = by_type.get("TextPositionSelector")
    start, end = -1, -1
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise Rejected(f"annotation {n}: TextPositionSelector start/end are not offsets")
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    tags = [b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
    if len(tags) != 1 or not isinstance(tags[0], str) or not tags[0]:
        raise Rejected(f"annotation {n}: needs exactly one body with purpose tagging")
    notes = [
        _text(b.get("value"), "a comment", n)
        for b in bodies
        if isinstance(b, dict) and b.get("purpose") == "commenting"
    ]
    status = item.get("status", "open")
    if status not in STATUSES:
        raise Rejected(f"annotation {n}: unknown status {status!r}")
    fields = item.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise Rejected(f"annotation {n}: fields must map names to text")
    creator = item.get("creator")
    reviewer = creator.get("name", "") if isinstance(creator, dict) else creator or ""
    anchor_state = item.get("anchorState", "anchored" if start >= 0 else "orphaned")
    if start < 0:
        anchor_state = "orphaned"
    a = Annotation(
        id=_uuid(item.get("id"), "its id", n),
        document_id=_uuid(source["id"], "its source id", n),
        tag=tags[0],
        start=start,
        end=end,
        exact=_text(quote.get("exact"), "the quoted text", n),
        prefix=_text(quote.get("prefix", ""), "the prefix", n),
        suffix=_text(quote.get("suffix", ""), "the suffix", n),
        note="\n\n".join(notes),
        status=status,
        fields=dict(fields),
        reviewer=_text(reviewer, "the creator", n),
        created_at=_text(item.get("created", ""), "created", n),
        updated_at=_text(item.get("modified", item.get("created", "")), "modified", n),
        anchor_state=anchor_state if anchor_state in ("anchored", "moved") else "orphaned",
    )
    if not a.exact:
        raise Rejected(f"annotation {n}: the quoted text is empty")
    return source, a


def parse_collection(data: Any, origin: str) -> Incoming:
    """Group the annotations by their target document, in file order."""
    documents: dict[str, tuple[dict[str, Any], list[Annotation]]] = {}
    for n, item in enumerate(_items(data), start=1):
        source, a = _annotation(item, n)
        documents.setdefault(a.document_id, (source, []))[1].append(a)
    tags = []
    for t in data.get("tags", []) if isinstance(data, dict) else []:
        if isinstance(t, dict) and isinstance(t.get("name"), str) and t["name"]:
            label = str(t.get("label") or t["name"])
            tags.append(
                Tag(
                    t["name"],
                    label,
                    str(t.get("colour") or ""),
                    "",
                    str(t.get("description") or ""),
                )
            )
    incoming = []
    for doc_id, (source, found) in documents.items():
        incoming.append(
            IncomingDocument(
                id=doc_id,
                title=str(source.get("title") or ""),
                text_sha256=str(source.get("textSha256") or ""),
                source_path=str(source.get("sourcePath") or ""),
                annotations=tuple(found),
            )
        )
    return Incoming(origin, tuple(incoming), tuple(tags))
