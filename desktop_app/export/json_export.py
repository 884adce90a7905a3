"""W3C Web Annotation export: one JSON-LD `AnnotationCollection` with every annotation, its words
(TextQuoteSelector + TextPositionSelector, in code points) and our fields under our namespace."""

from __future__ import annotations

import json
from typing import IO, Any

from desktop_app.core.export_data import ExportData
from desktop_app.core.model import Annotation, Document
from desktop_app.core.resources import resource

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_FILE = "copydesk-context.jsonld"  # in resources/; documented in docs/exchange.md
GENERATOR = {"id": "https://copydesk.example/", "type": "Software", "name": "Copydesk"}


def copydesk_context() -> dict[str, Any]:
    """Our terms (status, fields, textSha256…), read from the shipped context file."""
    with open(resource(CONTEXT_FILE), encoding="utf-8") as handle:
        context: dict[str, Any] = json.load(handle)["@context"]
    return context


def document_iri(document_id: str) -> str:
    return f"urn:uuid:{document_id}"


def annotation_iri(annotation_id: str) -> str:
    return f"urn:uuid:{annotation_id}"


def source_of(doc: Document) -> dict[str, Any]:
    """The target's `source`: the document, with the hash that lets an import find it again."""
    return {
        "id": document_iri(doc.id),
        "type": "Text",
        "title": doc.title,
        "textSha256": doc.text_sha256,
        "sourcePath": doc.source_path,
        "sourceFormat": doc.source_format,
    }


def annotation_json(a: Annotation, source: dict[str, Any]) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix}
    ]
    if a.anchor_state != "orphaned":  # an orphan has no place left, only its words
        selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": a.tag}]
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": a.note,
                "format": "text/plain",
            }
        )
    item: dict[str, Any] = {
        "id": annotation_iri(a.id),
        "type": "Annotation",
        "motivation": "tagging",
        "created": a.created_at,
        "modified": a.updated_at,
        "body": body,
        "target": {"source": source, "selector": selectors},
        "status": a.status,
        "anchorState": a.anchor_state,
    }
    if a.reviewer:
        item["creator"] = {"type": "Person", "name": a.reviewer}
    if a.fields:
        item["fields"] = a.fields
    return item


def write_collection(out: IO[str], data: ExportData) -> int:
    """Stream the collection: the header, then one annotation at a time (a 100,000-annotation
    export never holds its whole JSON in memory). Returns the number of annotations."""
    header = {
        "@context": [ANNO_CONTEXT, copydesk_context()],
        "type": "AnnotationCollection",
        "label": data.title,
        "generator": GENERATOR,
        "tags": [
            {"name": t.name, "label": t.label, "colour": t.colour, "description": t.description}
            for t in data.tags
        ],
    }
    head = json.dumps(header, ensure_ascii=False, indent=1)
    out.write(head[:-2] + ',\n "first": {"type": "AnnotationPage", "items": [')
    dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    count = 0
    for bundle in data.documents:
        source = source_of(bundle.document)
        for a in bundle.annotations:
            out.write(("\n  " if count == 0 else ",\n  ") + dumps(annotation_json(a, source)))
            count += 1
    out.write(f'\n ]}},\n "total": {count}\n}}\n')
    return count


class JsonExporter:
    name = "json"
    label = "W3C Web Annotation (JSON-LD)"
    suffix = ".json"
    binary = False
    findings = False

    def write(self, data: ExportData, out: IO[str]) -> int:
        return write_collection(out, data)


__all__ = ["JsonExporter", "write_collection", "copydesk_context", "annotation_json", "source_of"]
