"""The annotation table's filter: by tag, status, reviewer and words, matched by Qt itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt

from desktop_app.core.textfold import fold
from desktop_app.ui.annotation_model import (
    FILTER_ROLE,
    FILTER_SEPARATOR,
    AnnotationTableModel,
)

_ANY = f"[^{FILTER_SEPARATOR}]*"
_OPTIONS = QRegularExpression.PatternOption.DotMatchesEverythingOption


class AnnotationFilter(QSortFilterProxyModel):
    """Filter by tag, by status, by reviewer and by text found in any part of an annotation (its
    words, note, speaker and every other field, reviewer, status), any case, accents ignored.

    The criteria become one regular expression over each row's `filter_key`, matched in C++. With
    no criteria the expression is empty and Qt accepts every row without asking the model: a
    Python `filterAcceptsRow` was called for each of a draft's 10,000 rows as it opened."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tag = ""
        self.status = ""
        self.reviewer: str | None = None  # None: any reviewer ("" is a choice: nobody named)
        self.needle = ""
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)

    def set_filter(
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
        self.setFilterRegularExpression(QRegularExpression(self.pattern(), _OPTIONS))

    def pattern(self) -> str:
        """The expression for the criteria; empty when there are none."""
        if not (self.tag or self.status or self.needle) and self.reviewer is None:
            return ""
        exact = QRegularExpression.escape
        fields = [
            exact(self.tag) if self.tag else _ANY,
            exact(self.status) if self.status else _ANY,
            exact(self.reviewer) if self.reviewer is not None else _ANY,
        ]
        sep = FILTER_SEPARATOR
        words = f".*{exact(self.needle)}" if self.needle else ""
        return f"^{sep}{sep.join(fields)}{sep}{words}"

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        assert isinstance(model, AnnotationTableModel)
        model.sort(column, order)
