"""Cooperative cancel for a long import: the caller sets a hook, the builders call `check()`.

A worker thread runs `load_source` inside `with cancel_on(event):`; the text importer and the
shared block builder call `check()` every few thousand lines or paragraphs, which raises
`ImportCancelled` once the event is set, so one huge file stops within a fraction of a second
and nothing half-built is returned. Outside `cancel_on` (the CLI) `check()` does nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from desktop_app.formats.errors import ImportCancelled

# A ContextVar, not a global: each worker thread (and the CLI) sees only its own event.
_EVENT: ContextVar[threading.Event | None] = ContextVar("copydesk_import_cancel", default=None)


def check() -> None:
    """Raise `ImportCancelled` when the current import has been cancelled."""
    event = _EVENT.get()
    if event is not None and event.is_set():
        raise ImportCancelled("the import was cancelled")


@contextmanager
def cancel_on(event: threading.Event) -> Iterator[None]:
    """Make `check()` raise inside this block once `event` is set."""
    token = _EVENT.set(event)
    try:
        yield
    finally:
        _EVENT.reset(token)
