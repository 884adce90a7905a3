"""Writing export files safely: a temp file beside the target, then a rename, so a failure never
leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from desktop_app.core.errors import CopydeskError


def write_atomically(path: str, write: Callable[[IO[bytes]], object]) -> None:
    """Write to a temp file beside `path`, fsync it, rename it into place and fsync the folder:
    a failure or a power cut never leaves half a file. A symlink is written through (its target
    is replaced); anything that is not a regular file (a FIFO, a device) is refused."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not target.is_file():
        raise CopydeskError(f"{path}: not a regular file; choose a file name")
    try:
        mode = target.stat().st_mode & 0o777  # keep the permissions of a file being replaced
    except OSError:
        mode = 0o644  # mkstemp makes 0600; an export is meant to be shared
    try:
        fd, tmp = tempfile.mkstemp(prefix=".copydesk-", suffix=".tmp", dir=str(target.parent))
    except OSError as error:
        raise CopydeskError(f"{path}: cannot write here ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise CopydeskError(f"{path}: cannot write ({error.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
