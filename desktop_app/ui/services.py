"""What the window needs from the outer layers, injected by the composition root (gui.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


@dataclass
class Services:
    repo: Any  # storage.SqliteRepository, seen through core.ports.Repository plus its read methods
    db_path: Path
    load_source: Callable[[str], Any]  # formats.load_source
    export_csv: Callable[[Any, str | None, IO[str]], int]
    write_text_atomically: Callable[[str, Callable[[IO[str]], object]], None]
    data_dir: Path
    supported_extensions: tuple[str, ...]
