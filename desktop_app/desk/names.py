"""File names as the OS gives them (bytes on Linux, possibly not UTF-8) shown and stored readably:
undecodable bytes become backslash escapes (`caf\\xe9.txt`), so nothing downstream (SQLite, a
terminal, a CSV) meets a lone surrogate."""

from __future__ import annotations

import os


def readable(name: str) -> str:
    """`name` with any surrogate-escaped byte (Python's stand-in for a byte that is not UTF-8)
    written as `\\xNN`; a valid name comes back unchanged."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
