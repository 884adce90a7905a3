"""The application layer: `Desk`, one per open database; every use case and the undo history."""

from typing import TYPE_CHECKING, Any

from desktop_app.desk.desk import LIBRARY, Desk, ImportResult

if TYPE_CHECKING:
    from desktop_app.desk.document_state import DocumentState


def __getattr__(name: str) -> Any:
    # DocumentState pulls in the checks and the span index: loaded when a draft is opened.
    if name == "DocumentState":
        from desktop_app.desk.document_state import DocumentState

        return DocumentState
    raise AttributeError(name)


__all__ = ["Desk", "DocumentState", "ImportResult", "LIBRARY"]
