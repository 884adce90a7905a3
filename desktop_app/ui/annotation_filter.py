"""The annotation table's filter: by tag, status, reviewer and words, one plain test per row.

The table model applies it itself (no QSortFilterProxyModel between the table and the model): a
proxy in Python's hands made every painted cell cost extra calls back into Python, ~2 ms of each
repaint after a key press."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    ) -> bool:
        """Each criterion given replaces the current one; `reviewer=None` lifts that filter.
        True when the new criteria only narrow the old (more letters typed, a tag chosen where
        any was shown...): every row they keep was kept before."""
        new_tag = self.tag if tag is None else tag
        needle = self.needle if text is None else fold(text.strip())
        new_status = self.status if status is None else status
        new_reviewer = (
            self.reviewer if reviewer is False else reviewer if isinstance(reviewer, str) else None
        )
        narrower = (
            (not self.tag or new_tag == self.tag)
            and (not self.status or new_status == self.status)
            and (self.reviewer is None or new_reviewer == self.reviewer)
            and self.needle in needle
        )
        self.tag, self.needle, self.status, self.reviewer = (
            new_tag,
            needle,
            new_status,
            new_reviewer,
        )
        return narrower

    @property
    def active(self) -> bool:
        return bool(self.tag or self.status or self.needle) or self.reviewer is not None

    def accepts(self, a: Annotation, tags: Mapping[str, Tag]) -> bool:
        return bool(self.keep([a.id], {a.id: a}, tags))

    def keep(
        self, ids: Iterable[str], annotations: Mapping[str, Annotation], tags: Mapping[str, Tag]
    ) -> list[str]:
        """The ids of the annotations the criteria keep, in their order (a keystroke in the
        filter box runs this over every row shown)."""
        tag, status, reviewer, needle = self.tag, self.status, self.reviewer, self.needle
        words = self.words
        kept = []
        for ident in ids:
            a = annotations[ident]
            if tag and a.tag != tag or status and a.status != status:
                continue
            if reviewer is not None and a.reviewer != reviewer:
                continue
            if needle and needle not in words(a, tags):
                continue
            kept.append(ident)
        return kept

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

    def warm(self, annotations: Iterable[Annotation], tags: Mapping[str, Tag]) -> None:
        """Fold these annotations' words before they are asked for (see AnnotationsPanel)."""
        words = self.words
        for a in annotations:
            words(a, tags)

    def forget_words(self) -> None:
        """The tag labels changed (or another draft is shown): fold again when asked."""
        self._words.clear()
