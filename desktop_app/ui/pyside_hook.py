"""A cheaper answer to the question PySide's import hook asks of every module the window loads."""

from __future__ import annotations

import sys
from types import ModuleType


def quicken_import_hook() -> bool:
    """PySide wraps `__import__` and asks of each newly imported module whether its source
    mentions "PySide6" (so that `from __feature__ import ...` can apply per module). It answers
    with `inspect.getsource`, which finds, decodes and splits the file into linecache: about a
    tenth of the window's start-up for its ~90 modules. Reading the file's bytes answers the same
    question. Returns whether the hook was replaced: a PySide without it keeps its own."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quickened", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # built-in, extension or frozen: PySide's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.quickened = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    return True
