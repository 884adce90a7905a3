"""The application layer: `Desk`, one per open database; every use case and the undo history."""

from desktop_app.desk.desk import LIBRARY, Desk, ImportResult
from desktop_app.desk.document_state import DocumentState

__all__ = ["Desk", "DocumentState", "ImportResult", "LIBRARY"]
