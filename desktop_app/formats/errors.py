"""The one exception importers raise, and the size limits that guard every import.

`FormatError` is what callers (the UI, the CLI) catch: its message is a single user-facing line that
names the file. Inside the package, importers raise `Rejected(reason)` without knowing the file
name; `load_source` turns it into a `FormatError` that does.
"""

from __future__ import annotations

MAX_FILE_BYTES = 40 * 1024 * 1024
"""Largest input file accepted, checked with `os.stat` before anything is read."""

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of a .docx/.odt archive (sum of the zip's declared sizes)."""

MAX_MEMBER_BYTES = 100 * 1024 * 1024
"""Largest uncompressed size of any single member of a .docx/.odt archive."""

MAX_COMPRESSION_RATIO = 200
"""A member that inflates more than this (and past 1 MB) is treated as a zip bomb."""

MAX_ZIP_MEMBERS = 10_000
"""An archive with more entries than this is refused."""

MAX_PARAGRAPHS = 100_000
"""Most paragraphs a document may hold (a long book has ~20,000). Counted in the raw XML of a
.docx/.odt while it is inflated, before it is parsed: a parsed paragraph costs about 1 KB, so
this bounds the parse near 100 MB; the RTF reader and the plain-text splitter stop at the same
count while they read, and the shared block builder refuses any document past it."""

MAX_PDF_PAGES = 2_000
"""Most pages read from a PDF; layout analysis holds one page at a time."""

CONVERT_TIMEOUT_SECONDS = 90
"""How long LibreOffice may take to turn a legacy .doc/.wpd/.pages into .docx."""


def one_line(message: str) -> str:
    """Collapse any line breaks (and runs of whitespace around them) into single spaces."""
    return " ".join(message.split())


class FormatError(Exception):
    """A file could not be imported. `str(error)` is one line: "<file name>: <reason>".

    `FormatError(name, reason)` is how this package raises it; `FormatError(message)` with a
    single argument is accepted too and used as the whole (one-lined) message.
    """

    def __init__(self, file_name: str, reason: str | None = None) -> None:
        if reason is None:
            self.file_name, self.reason = "", one_line(file_name)
            super().__init__(self.reason)
            return
        self.file_name = one_line(file_name) or "file"
        self.reason = one_line(reason)
        super().__init__(f"{self.file_name}: {self.reason}")


class ImportCancelled(Exception):
    """The user cancelled the import of the file being read (`formats.cancel`); nothing of it is
    returned. Not a `FormatError`: the file is not at fault, and callers report "cancelled"."""


class Rejected(Exception):
    """Internal: an importer refuses its input. `load_source` re-raises it as `FormatError`."""

    def __init__(self, reason: str) -> None:
        self.reason = one_line(reason)
        super().__init__(self.reason)
