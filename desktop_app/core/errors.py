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
