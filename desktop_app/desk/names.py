"""File names as the OS gives them (bytes on Linux, possibly not UTF-8) shown and stored readably:
undecodable bytes become backslash escapes (`caf\\xe9.txt`), so nothing downstream (SQLite, a
terminal, a CSV) meets a lone surrogate."""

from __future__ import annotations

import errno
import os


def readable(name: str) -> str:
    """`name` with any surrogate-escaped byte (Python's stand-in for a byte that is not UTF-8)
    written as `\\xNN`; a valid name comes back unchanged."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def path_problem(path: str) -> str | None:
    """A one-line reason a file to import cannot even be reached, said more plainly than the
    importers' generic "cannot open the file (OSError)"; None if it can be reached."""
    try:
        os.stat(path)
    except OSError as error:
        shown = readable(path)
        if error.errno == errno.ELOOP:
            return f"{shown}: a symbolic link loop (the link leads back to itself)"
        if error.errno == errno.ENOENT and os.path.islink(path):
            return f"{shown}: a symbolic link to a file that does not exist"
    return None
