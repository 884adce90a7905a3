"""Legacy word-processor files (.doc, .wpd, .pages): converted to .docx by LibreOffice, then read.

LibreOffice runs headless in a temporary folder with its own throwaway user profile
(``-env:UserInstallation``), so it neither touches nor waits for the user's running
LibreOffice, and it is killed (with its whole process group) after `CONVERT_TIMEOUT_SECONDS`.
Without LibreOffice the file is refused with one line that says how to convert it by hand.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from desktop_app.core.model import SourceText
from desktop_app.formats.errors import CONVERT_TIMEOUT_SECONDS, MAX_FILE_BYTES, Rejected

LABELS = {"doc": "Word 97-2003 document", "wpd": "WordPerfect document", "pages": "Pages document"}
# Where installers put LibreOffice when it is not on the PATH (macOS app bundle, Windows).
_KNOWN_PATHS = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in _KNOWN_PATHS if os.path.isfile(path)), None)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and the soffice.bin it started (its own process group on POSIX)."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def convert_to_docx(data: bytes, fmt: str) -> bytes:
    """The bytes of a .docx LibreOffice makes from `data` (a .doc, .wpd or .pages file)."""
    label = LABELS[fmt]
    soffice = find_soffice()
    if soffice is None:
        raise Rejected(
            f"a {label}, which Copydesk reads through LibreOffice, and LibreOffice is not "
            f"installed: install it, or open the file in Word or LibreOffice and save it as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="copydesk-convert-") as folder:
        work = Path(folder)
        source = work / f"draft.{fmt}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]  # fmt: skip
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so a timeout kills it all
            )
        except OSError as exc:
            raise Rejected(
                f"a {label}, but LibreOffice could not be started ({exc.strerror or exc}); "
                "save the file as .docx and retry"
            ) from exc
        try:
            process.wait(timeout=CONVERT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise Rejected(
                f"LibreOffice did not convert this {label} within {CONVERT_TIMEOUT_SECONDS} s; "
                "open it in Word or LibreOffice and save it as .docx"
            ) from None
        result = work / "out" / "draft.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise Rejected(
                f"LibreOffice could not convert this {label} (it may be damaged or "
                "password-protected); open it in Word or LibreOffice and save it as .docx"
            )
        if result.stat().st_size > MAX_FILE_BYTES:
            raise Rejected(f"the {label} converts to a .docx over the size limit")
        return result.read_bytes()


def import_legacy(data: bytes, stem: str, fmt: str) -> SourceText:
    """Convert a legacy file to .docx and import that; the source format stays `fmt`."""
    from desktop_app.formats.docx_import import import_docx  # python-docx only when needed

    source = import_docx(convert_to_docx(data, fmt), stem)
    return SourceText(source.text, source.title, source.blocks, fmt)


def import_doc(data: bytes, stem: str) -> SourceText:
    return import_legacy(data, stem, "doc")


def import_wpd(data: bytes, stem: str) -> SourceText:
    return import_legacy(data, stem, "wpd")


def import_pages(data: bytes, stem: str) -> SourceText:
    return import_legacy(data, stem, "pages")
