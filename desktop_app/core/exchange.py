"""What arrives from another reviewer (a JSON export, a database, Word comments), before the desk
places it: documents as they were described, with their annotations and tags."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.model import Annotation, Document, Tag

# Fields the exchange sets on an annotation it brings in (see docs/exchange.md).
PROVENANCE = "imported_from"  # "<file name> <ISO time>": which file it came from, and when
CONFLICT = "merge_conflict"  # on the kept copy of a true conflict: the id of our version
EXCHANGE_FIELDS = (PROVENANCE, CONFLICT)


@dataclass(frozen=True)
class IncomingDocument:
    """A document as the other side knows it. `document` is whole (text included) when it came
    from a database; from a JSON file only its id, title, path and text hash are known."""

    id: str
    title: str
    text_sha256: str
    source_path: str = ""
    annotations: tuple[Annotation, ...] = ()
    document: Document | None = None


@dataclass(frozen=True)
class Incoming:
    origin: str  # the file it came from, for messages and provenance
    documents: tuple[IncomingDocument, ...]
    tags: tuple[Tag, ...] = ()


@dataclass
class MergeSummary:
    """What an import or merge did, for the one-line report and the dialog."""

    origin: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_ours: int = 0  # ours was modified later than theirs
    conflicts: int = 0
    orphans: int = 0  # came in, but their words are not in our text
    documents_added: int = 0
    tags_added: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [
            f"{self.new} new",
            f"{self.updated} updated",
            f"{self.conflicts} conflicts",
            f"{self.orphans} orphans",
            f"{self.unchanged} unchanged",
        ]
        if self.kept_ours:
            parts.append(f"{self.kept_ours} older than ours (kept ours)")
        if self.documents_added:
            parts.append(f"{self.documents_added} documents added")
        if self.tags_added:
            parts.append(f"tags added: {', '.join(self.tags_added)}")
        return f"{self.origin}: " + ", ".join(parts)
