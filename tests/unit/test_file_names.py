"""File names that are not valid UTF-8 (common on Linux shares): imported, stored and shown with
backslash escapes, and a batch goes on past them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.app import open_desk
from desktop_app.cli import main
from desktop_app.core.errors import CopydeskError
from desktop_app.desk import Desk
from desktop_app.desk.names import readable
from desktop_app.storage.memory import MemoryRepository

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX names are bytes")


def latin1_file(folder: Path, name: bytes, content: str) -> str:
    raw = os.path.join(os.fsencode(folder), name)
    with open(raw, "wb") as handle:
        handle.write(content.encode("utf-8"))
    return os.fsdecode(raw)  # what argv and os.listdir hand Python: surrogate escapes


def test_readable_names() -> None:
    assert readable("café 🙂.txt") == "café 🙂.txt"
    assert readable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"


def test_desk_import_file_with_a_latin1_name(tmp_path: Path) -> None:
    path = latin1_file(tmp_path, b"caf\xe9.txt", "Crème 🙂 brûlée\n\nA paragraph.\n")
    desk = Desk(MemoryRepository())
    doc = desk.import_file(path).document
    assert doc.source_path == str(tmp_path / "caf\\xe9.txt")
    assert doc.text.startswith("Crème 🙂 brûlée")
    doc.source_path.encode("utf-8")  # storable and printable as it is


def test_cli_batch_goes_on_past_bad_names(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "c.sqlite3")
    odd = latin1_file(tmp_path, b"caf\xe9.txt", "First draft.\n")
    broken = latin1_file(tmp_path, b"bad\xff.docx", "not a zip")
    fine = latin1_file(tmp_path, b"fine.txt", "Second draft.\n")
    assert main(["--db", db, "import", broken, odd, fine]) == 1  # one file failed
    out, err = capsys.readouterr()
    assert "First draft." in out and "Second draft." in out
    assert err.count("\n") == 1 and "bad\\xff.docx" in err and "internal error" not in err
    paths = sorted(d.source_path for d in open_desk(db).documents())
    assert paths == [str(tmp_path / "caf\\xe9.txt"), str(tmp_path / "fine.txt")]


def test_a_symlink_loop_or_dangling_link_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "missing.txt")
    desk = Desk(MemoryRepository())
    with pytest.raises(CopydeskError, match="symbolic link loop"):
        desk.import_file(str(loop))
    with pytest.raises(CopydeskError, match="symbolic link to a file that does not exist"):
        desk.import_file(str(dangling))
