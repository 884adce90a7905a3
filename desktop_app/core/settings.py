"""User settings as a small typed dataclass stored in JSON (never pickles)."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any


def account_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some CI/containers
        return os.environ.get("USER", "") or "reviewer"


@dataclass
class Settings:
    reviewer: str = ""
    recent_files: list[str] = field(default_factory=list)
    last_document_id: str = ""
    positions: dict[str, int] = field(default_factory=dict)  # document id -> first visible char
    font_size: int = 0  # the draft's point size chosen with zoom; 0: the platform's default

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read settings; a missing or unreadable file gives defaults rather than an error."""
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        defaults = cls()
        values = {
            f.name: raw[f.name]
            for f in fields(cls)
            if f.name in raw and _same_shape(raw[f.name], getattr(defaults, f.name))
        }
        return cls(**values)

    def save(self, path: Path) -> None:
        """Write atomically, so a crash mid-write never leaves half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(asdict(self), indent=2, ensure_ascii=False))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def add_recent(self, file_path: str, limit: int = 10) -> None:
        self.recent_files = [file_path] + [p for p in self.recent_files if p != file_path]
        del self.recent_files[limit:]


def _same_shape(value: Any, default: Any) -> bool:
    """A hand-edited or damaged value of the wrong type falls back to the default."""
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 72
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
            for k, v in value.items()
        )
    return False
