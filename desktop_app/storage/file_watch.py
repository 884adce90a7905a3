"""The open database file's identity (device and inode): a file deleted, replaced or unmounted
while open is noticed before the next write, instead of edits "succeeding" into a ghost file."""

from __future__ import annotations

import os

from desktop_app.core.errors import StorageError


class FileWatch:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lost = False
        try:
            st = os.stat(path)
            self._identity: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except (OSError, ValueError):
            self._identity = None  # not a file (":memory:", a test double): nothing to watch

    def check(self) -> None:
        """Raise StorageError (one line) once the file is not the one that was opened."""
        if self._identity is None:
            return
        if not self.lost:
            try:
                st = os.stat(self.path)
                self.lost = (st.st_dev, st.st_ino) != self._identity
            except OSError:
                self.lost = True
        if self.lost:
            raise StorageError(
                f"{self.path}: the database file was deleted, moved or its disk removed while "
                "open; nothing more can be saved there. Save a copy of this session's work "
                "elsewhere (File > Save a Copy, or `desk.save_copy`), then reopen"
            )
