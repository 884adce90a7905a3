"""Exports against hostile data and hostile outputs: field keys written into the database by
another program, NUL characters, a reader that goes away, a full disk, symlinks and FIFOs."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.app import open_repository
from desktop_app.cli import main
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk

TEXT = "Crème 🙂 budget\n\nThe deficit grew 12 percent, a source said."
SOURCE = SourceText(TEXT, "Budget", (Block("paragraph", 0, 15), Block("paragraph", 17, 58)), "txt")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    desk = Desk(open_repository(path), "Editor")
    doc_id = desk.add_source(SOURCE, "/drafts/a.txt").document.id
    start = TEXT.index("grew 12 percent")
    for n in range(3):
        desk.annotate(doc_id, "claim", start + n, start + 15, note=f"note {n}")
    desk.close()
    return path


def export_rows(desk: Desk) -> list[list[str]]:
    out = io.BytesIO()
    desk.export("csv", out)
    return list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))


def test_field_keys_written_by_another_program_are_neutralised_in_the_header(db: Path) -> None:
    """The form and the CLI validate keys; a key written straight into the database does not
    pass through them and must still never reach a spreadsheet as a formula."""
    hostile = {"@SUM(A1:A9)": "1", "+cmd|' /C calc'!A0": "2", "-2+3": "3", "=HYPERLINK(1)": "4"}
    conn = sqlite3.connect(db)
    conn.execute("UPDATE annotations SET fields = ?", [json.dumps(hostile)])
    conn.commit()
    conn.close()
    header = export_rows(Desk(open_repository(db)))[0]
    added = header[header.index("reviewer") + 1 : header.index("paragraph")]
    assert sorted(added) == sorted("'" + k for k in hostile)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in header)


def test_nul_characters_in_notes_never_reach_the_file(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE annotations SET note = ?, fields = ?", ["before\x00after", '{"k": "x\\u0000y"}']
    )
    conn.commit()
    conn.close()
    out = io.BytesIO()
    Desk(open_repository(db)).export("csv", out)
    assert b"\x00" not in out.getvalue()
    rows = export_rows(Desk(open_repository(db)))
    assert rows[1][rows[0].index("note")] == "beforeafter"
    assert rows[1][rows[0].index("k")] == "xy"


def test_export_piped_into_head_prints_no_traceback(db: Path) -> None:
    """`copydesk export | head -1`: the reader leaves after one line; no "Exception ignored"."""
    code = (
        "import sys; from desktop_app.cli import main; "
        f"sys.exit(main(['--db', {str(db)!r}, 'export']))"
    )
    # Enough rows that the pipe closes mid-write.
    desk = Desk(open_repository(db))
    doc_id = desk.documents()[0].id
    for start in range(17, 40):
        try:
            desk.annotate(doc_id, "quote", start, start + 10, note="x" * 4000)
        except CopydeskError:
            pass
    desk.close()
    result = subprocess.run(
        f"{sys.executable} -c {json.dumps(code)} | head -c 100 > /dev/null; "
        "echo ${PIPESTATUS[0]} >&2",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    lines = result.stderr.strip().splitlines()
    assert lines == ["0"], result.stderr  # nothing but the exit status: no traceback, no warning


def test_a_full_disk_is_one_line_and_leaves_no_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "out.csv"
    assert main(["--db", str(db), "export", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".copydesk-")]


def test_a_full_stdout_is_one_line(db: Path, tmp_path: Path) -> None:
    """Writing to /dev/full (a disk that is always full) as stdout."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    code = (
        "import sys; from desktop_app.cli import main; "
        f"sys.exit(main(['--db', {str(db)!r}, 'export']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdout=open("/dev/full", "wb"),  # noqa: SIM115 - the child owns it
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") <= 1 and "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_export_writes_through_a_symlink_and_refuses_a_fifo(db: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    desk = Desk(open_repository(db))
    assert desk.export_to_file("csv", str(link), None) == 3
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith('"document_title"')
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(CopydeskError, match="not a regular file"):
        desk.export_to_file("csv", str(fifo), None)
    assert fifo.exists() and not fifo.is_file()


def test_escaped_formula_starts_in_fields_are_still_neutralised(db: Path) -> None:
    """Another program may escape characters in the fields JSON (\\u003d is "="): the export
    reads the value, not the spelling, and still defuses it."""
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE annotations SET fields = ?",
        ['{"speaker": "\\u003dcmd|calc", "cue": "\\tsaid", "claimant": "plain"}'],
    )
    conn.commit()
    conn.close()
    header, *rows = export_rows(Desk(open_repository(db)))
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        assert (cells["speaker"], cells["cue"], cells["claimant"]) == (
            "'=cmd|calc",
            "'\tsaid",
            "plain",
        )
