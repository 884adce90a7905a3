"""Cancelling a file import while it is read: the formats' cooperative hook, for the window.

The ui reaches formats only through the desk: a worker runs `Desk.read_file` inside
`with cancel_on(event):`, and `ImportCancelled` comes out of it once the event is set.
"""

from __future__ import annotations

from desktop_app.formats.cancel import cancel_on
from desktop_app.formats.errors import ImportCancelled

__all__ = ["ImportCancelled", "cancel_on"]
