"""Import article drafts (.txt, .md, .html, .docx, .odt, .rtf, .pdf, .doc) into `SourceText`.

Public API:

* `load_source(path)` reads a file, picks the importer from its content and extension
  (`sniff.detect_format`) and returns the `SourceText` (text, title, blocks, source_format).
* `FormatError` is raised for every unreadable input, with a one-line message naming the file,
  e.g. "report.docx: not a Word document (the file is not a valid .docx archive)". No other
  exception escapes `load_source`.
* `SUPPORTED_EXTENSIONS`, `MAX_FILE_BYTES` and `build_source_text` (the shared builder).
* `describe_blocks(source)`: one line per block (kind and first words), for a dry run.
* `ImportCancelled` is raised instead when the caller cancels (`cancel.cancel_on(event)`).

Lean start: importing this package loads no parser library. Each importer module (and with it
python-docx, lxml, odfpy, markdown-it, charset-normalizer or pdfminer) is imported the first
time a file of its format is read.

Limits (see `errors`): files over `MAX_FILE_BYTES` (40 MB) are refused before they are read;
.docx/.odt archives are checked against the zip-bomb limits from their directory, then inflated
in small steps that stop as soon as a member outgrows its declared size or the main part
passes `MAX_PARAGRAPHS`; a PDF is read up to `MAX_PDF_PAGES`; LibreOffice gets
`CONVERT_TIMEOUT_SECONDS` for a legacy file; plain text is split while it is read and stops at
`MAX_PARAGRAPHS`, as does the shared builder for every format. Each limit, when hit, is one
FormatError line.
A zero-byte file is "empty"; one holding only whitespace or markup "contains no text".

Decisions shared by every importer: the text is the document with tracked changes accepted
(insertions kept, deletions gone); comments, page headers and footers are never text;
footnotes and endnotes leave their sentence and follow the body as "[1] ..." blocks (`notes`);
images contribute no text (alt text dropped; captions are caption blocks); a Markdown file's
front-matter title is its title (front matter itself is not text).
"""

from __future__ import annotations

import functools
import importlib
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.model import SourceText
from desktop_app.formats.errors import (
    MAX_FILE_BYTES,
    FormatError,
    ImportCancelled,
    Rejected,
    one_line,
)
from desktop_app.formats.sniff import SUPPORTED_EXTENSIONS, detect_format

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "FormatError",
    "ImportCancelled",
    "build_source_text",
    "describe_blocks",
    "load_source",
]

# format -> (module, function); imported on first use so that start-up loads no parser.
IMPORTERS: dict[str, tuple[str, str]] = {
    "txt": ("text_import", "import_txt"),
    "md": ("markdown_import", "import_markdown"),
    "html": ("html_import", "import_html"),
    "docx": ("docx_import", "import_docx"),
    "odt": ("odt_import", "import_odt"),
    "rtf": ("rtf_import", "import_rtf"),
    "pdf": ("pdf_import", "import_pdf"),
    "doc": ("legacy_import", "import_doc"),
    "wpd": ("legacy_import", "import_wpd"),
    "pages": ("legacy_import", "import_pages"),
}
FORMAT_LABELS = {
    "txt": "text file",
    "md": "Markdown file",
    "html": "web page",
    "docx": "Word document",
    "odt": "OpenDocument text",
    "rtf": "RTF document",
    "pdf": "PDF",
    "doc": "Word 97-2003 document",
    "wpd": "WordPerfect document",
    "pages": "Pages document",
}
MAX_DETAIL_CHARS = 160
DESCRIBE_WORDS = 8
DESCRIBE_CHARS = 400


@functools.cache
def importer(fmt: str) -> Callable[[bytes, str], SourceText]:
    """The import function for a format, importing its module (and library) now."""
    module_name, function = IMPORTERS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, function)  # type: ignore[no-any-return]


def describe_blocks(source: SourceText) -> list[str]:
    """One line per block, "kind: first words...", for `copydesk import --dry-run`."""
    lines = []
    for block in source.blocks:
        # A prefix is enough for the first words (a 40 MB single-paragraph file would otherwise
        # be split into millions of words).
        end = min(block.end, block.start + DESCRIBE_CHARS)
        words = source.text[block.start : end].split()
        shown = " ".join(words[:DESCRIBE_WORDS])
        if len(words) > DESCRIBE_WORDS or end < block.end:
            shown += " \u2026"
        lines.append(f"{block.kind}: {shown}")
    return lines


# What zipfile raises for corrupt data, bad names or unsupported (newer, encrypted) features.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, UnicodeDecodeError)


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, after the checks that need no reading (exists, regular file, size)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FormatError(name, "file not found") from None
    except PermissionError:
        raise FormatError(name, "cannot read the file (permission denied)") from None
    except (OSError, ValueError) as exc:
        raise FormatError(name, f"cannot open the file ({exc.__class__.__name__})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise FormatError(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise FormatError(name, "is not a regular file")
    limit_mb = MAX_FILE_BYTES // (1024 * 1024)
    too_large = (
        f"the file is too large ({info.st_size / 1048576:.0f} MB; the limit is {limit_mb} MB)"
    )
    if info.st_size > MAX_FILE_BYTES:
        raise FormatError(name, too_large)
    try:
        with path.open("rb") as handle:
            # Ask for the size stat gave (not the limit: read(n) reserves n bytes up front); one
            # more read catches a file that grew since.
            data = handle.read(info.st_size + 1)
            if info.st_size < len(data) <= MAX_FILE_BYTES:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    except PermissionError:
        raise FormatError(name, "cannot read the file (permission denied)") from None
    except OSError as exc:
        raise FormatError(name, f"cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise FormatError(name, f"the file is too large (the limit is {limit_mb} MB)")
    if not data:
        raise FormatError(name, "the file is empty")
    return data


def load_source(path: str | os.PathLike[str]) -> SourceText:
    """Import the article at `path`; raises `FormatError` (one line, names the file) on failure."""
    file_path = Path(os.fspath(path))
    name = file_path.name or str(file_path)
    data = _read_bytes(file_path, name)
    fmt = ""
    try:
        fmt = detect_format(data, file_path.suffix)
        source = importer(fmt)(data, file_path.stem)
    except ImportCancelled:
        raise  # the user stopped it: not the file's fault, and the caller says "cancelled"
    except Rejected as exc:
        raise FormatError(name, exc.reason) from exc
    except RecursionError as exc:
        raise FormatError(name, "the document is nested too deeply to read") from exc
    except MemoryError as exc:
        raise FormatError(name, "the document is too large to read") from exc
    except Exception as exc:  # a parser's own error: never let it reach the user raw
        label = FORMAT_LABELS.get(fmt, "file")
        if isinstance(exc, _ZIP_ERRORS) and data.startswith(b"PK"):
            reason = f"the {label} is damaged (its zip archive cannot be read)"
        else:
            detail = one_line(f"{exc.__class__.__name__}: {exc}")[:MAX_DETAIL_CHARS]
            reason = f"could not read this {label}; it may be damaged ({detail})"
        raise FormatError(name, reason) from exc
    if not source.blocks:
        raise FormatError(name, f"the {FORMAT_LABELS[fmt]} contains no text")
    return source


def __getattr__(name: str) -> object:
    # The shared builder (and its patterns) loads with the first import of a file, not with the
    # window, which reads only SUPPORTED_EXTENSIONS from here as it starts.
    if name == "build_source_text":
        from desktop_app.formats.canonical import build_source_text

        return build_source_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
