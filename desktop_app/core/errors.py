"""Errors the user sees as one line: the CLI and the window print `str(error)` and nothing more."""


class CopydeskError(Exception):
    """Base for failures with a user-facing one-line message."""


class StorageError(CopydeskError):
    """The database could not be opened, read or written."""


class OperationError(CopydeskError):
    """An edit could not be applied (unknown tag, empty span, missing annotation...)."""


class UsageProblem(CopydeskError):
    """The command was given options that do not fit together (exit 2)."""


class FieldError(OperationError):
    """A field key or value that the annotation's tag does not accept."""


class ConflictError(OperationError):
    """An edit based on a value that another window or process changed (or deleted) meanwhile."""


def stale(kind: str, deleted: bool) -> ConflictError:
    """The one line for an edit refused because someone else got there first."""
    if deleted:
        return ConflictError(
            f"the {kind} was deleted in another window or program meanwhile; nothing was changed"
        )
    return ConflictError(
        f"the {kind} was changed in another window or program meanwhile; nothing was changed "
        "(it now shows the latest version: make your edit again)"
    )
