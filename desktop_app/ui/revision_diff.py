"""A changed quote's word diff as rich text (deletions struck, insertions marked), and the label
under the checks panel that shows it for the chosen finding."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.model import Annotation

DELETED = "color:#a93226;text-decoration:line-through"
INSERTED = "color:#1e8449;background-color:#d5f5e3;font-weight:600"


def diff_html(previous: str, text: str) -> str:
    """Old words to new: deleted words struck in red, inserted words bold on green."""
    from html import escape  # its entity table: loaded when first used

    from desktop_app.core.textdiff import word_diff  # loads with the first changed quote

    parts = []
    for kind, words in word_diff(previous, text):
        if kind == "delete":
            parts.append(f'<span style="{DELETED}">{escape(words)}</span>')
        elif kind == "insert":
            parts.append(f'<span style="{INSERTED}">{escape(words)}</span>')
        else:
            parts.append(escape(words))
    return " ".join(parts)


def changed_quote_html(annotation: Annotation) -> str:
    from html import escape  # its entity table: loaded when first used

    return (
        "<b>Quote changed between drafts</b><br>"
        f"{diff_html(annotation.previous_text, annotation.exact)}"
        f'<br><span style="color:gray">was: “{escape(annotation.previous_text)}”</span>'
    )


class ChangedWordsLabel(QLabel):
    """Shows the word diff of one changed annotation; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changed_words")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Changed words")
        self.setStyleSheet("QLabel { border-top: 1px solid palette(mid); padding: 4px; }")
        self.hide()

    def show_annotation(self, annotation: Annotation | None) -> None:
        if annotation is None or annotation.anchor_state != "changed":
            self.clear()
            self.hide()
            return
        self.setText(changed_quote_html(annotation))
        self.show()
