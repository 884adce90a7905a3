"""The annotation table's filter: by tag, status, reviewer and words, one plain test per row.

The table model applies it itself (no QSortFilterProxyModel between the table and the model): a
proxy in Python's hands made every painted cell cost extra calls back into Python, ~2 ms of each
repaint after a key press."""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.core.model import Annotation, Tag, status_label
from desktop_app.core.textfold import fold


class AnnotationFilter:
    """Tag, status and reviewer must match exactly; the words are found in any part of an
    annotation (its text, note, reviewer, status, tag label and every field), any case, accents
    ignored. `reviewer` None means any reviewer ("" is a choice: nobody named)."""

    def __init__(self) -> None:
        self.tag = ""
        self.status = ""
        self.reviewer: str | None = None
        self.needle = ""
        # id -> (the annotation, its folded words). An annotation is never changed in place (an
        # edit makes a new object), so a cached entry is good while it is the same object: a
        # keystroke in the filter box folds only what changed since the last one.
        self._words: dict[str, tuple[Annotation, str]] = {}

    def set(
        self,
        tag: str | None = None,
        text: str | None = None,
        status: str | None = None,
        reviewer: str | None | bool = False,
    ) -> None:
        """Each criterion given replaces the current one; `reviewer=None` lifts that filter."""
        if tag is not None:
            self.tag = tag
        if text is not None:
            self.needle = fold(text.strip())
        if status is not None:
            self.status = status
        if reviewer is not False:
            self.reviewer = reviewer if isinstance(reviewer, str) else None

    @property
    def active(self) -> bool:
        return bool(self.tag or self.status or self.needle) or self.reviewer is not None

    def accepts(self, a: Annotation, tags: Mapping[str, Tag]) -> bool:
        if self.tag and a.tag != self.tag or self.status and a.status != self.status:
            return False
        if self.reviewer is not None and a.reviewer != self.reviewer:
            return False
        return not self.needle or self.needle in self.words(a, tags)

    def words(self, a: Annotation, tags: Mapping[str, Tag]) -> str:
        """Every word of the annotation, folded, as the needle is matched against them."""
        known = self._words.get(a.id)
        if known is not None and known[0] is a:
            return known[1]
        tag = tags.get(a.tag)
        words = " ".join(
            (a.exact, a.note, a.reviewer, status_label(a.status), tag.label if tag else a.tag)
        )
        words = fold(words + " " + " ".join(str(v) for v in a.fields.values()))
        self._words[a.id] = (a, words)
        return words

    def forget_words(self) -> None:
        """The tag labels changed (or another draft is shown): fold again when asked."""
        self._words.clear()
