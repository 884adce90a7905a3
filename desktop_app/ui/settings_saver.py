"""Saving the settings off the UI thread when the draft in front changes, so a window that is
killed (or crashes) still reopens the draft the editor was reading, not the one before it."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from desktop_app.core.settings import Settings

if TYPE_CHECKING:
    from concurrent.futures import Future


class SettingsSaver:
    """One save at a time, in order, each of a snapshot taken when it was asked for. A save ends
    with an fsync (0.1 s on a busy disk), which a key press or a click must never wait for."""

    def __init__(self, save: Callable[[Settings], None]) -> None:
        self._save = save
        self._pool: Any = None  # a one-thread executor, made at the first save
        self._last: Future[None] | None = None

    def save_soon(self, settings: Settings) -> None:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor  # not on the launch path

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="settings")
        self._last = self._pool.submit(self._quietly, deepcopy(settings))

    def _quietly(self, snapshot: Settings) -> None:
        try:
            self._save(snapshot)
        except OSError:
            pass  # an unwritable settings file is reported by the next save on the UI thread

    def wait(self) -> None:
        """Let the saves asked for land before the caller saves newer settings itself (an older
        snapshot landing after it would undo it)."""
        if self._last is not None:
            self._last.result()
            self._last = None
