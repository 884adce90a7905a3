"""Storage under hostile conditions: another program's SQLite file, older Copydesk files, backups,
the file deleted while open, a busy database, read-only folders and symlink loops."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app.app import open_repository
from desktop_app.core.errors import StorageError
from desktop_app.core.model import Block, SourceText
from desktop_app.desk import Desk
from desktop_app.storage import backup, database, open_database

TEXT = "Crème 🙂 budget\n\nThe deficit grew 12 percent, a source said."
SOURCE = SourceText(TEXT, "Budget", (Block("paragraph", 0, 15), Block("paragraph", 17, 58)), "txt")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def filled_desk(path: Path) -> tuple[Desk, str]:
    desk = Desk(open_repository(path), "Editor")
    doc_id = desk.add_source(SOURCE, "/drafts/a.txt").document.id
    return desk, doc_id


def test_another_programs_database_is_refused_byte_identical(tmp_path: Path) -> None:
    """user_version 1, unrelated tables, DELETE journal mode: read, refused, not touched."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = sha(path)
    with pytest.raises(StorageError, match="another program.*nothing was changed"):
        open_database(path)
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no backups/
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_an_application_id_of_another_program_is_refused(tmp_path: Path) -> None:
    """Even with tables named like Copydesk's, another application_id means another program."""
    path = tmp_path / "lookalike.db"
    conn = sqlite3.connect(path)
    for table in ("documents", "tags", "annotations"):
        conn.execute(f"CREATE TABLE {table} (id TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    before = sha(path)
    with pytest.raises(StorageError, match="another program"):
        open_database(path)
    assert sha(path) == before


def test_a_copydesk_database_is_marked_and_an_old_one_migrated_with_a_backup(
    tmp_path: Path,
) -> None:
    """New files get the application_id; a schema-1 file (from before it) is migrated, after a
    backup of it as it was."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    db = database.Connection(conn)
    database._v1(db)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    opened = open_database(path)
    assert opened.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    assert opened.execute("PRAGMA user_version").fetchone()[0] == len(database.MIGRATIONS)
    opened.conn.close()
    kept = backup.list_backups(path)
    assert len(kept) == 1 and "before-schema" in kept[0].name
    old = sqlite3.connect(kept[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_daily_backup_once_a_day_and_only_the_last_few_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    desk, _ = filled_desk(path)
    desk.close()
    for _ in range(2):
        open_repository(path).close()
    daily = [p for p in backup.list_backups(path) if p.name.endswith("-daily.sqlite3")]
    assert len(daily) == 1
    repo = open_repository(path)
    for n in range(backup.KEEP + 2):
        repo.backup(f"test {n}")
    kept = backup.list_backups(path)
    assert len(kept) == backup.KEEP
    assert "-test-8" in kept[0].name  # the newest first
    copy = sqlite3.connect(kept[0])
    assert copy.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    repo.close()


def test_a_deleted_database_file_stops_writes_and_the_work_can_be_rescued(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gone.sqlite3"
    desk, doc_id = filled_desk(path)
    a = desk.annotate(doc_id, "claim", *(lambda s: (s, s + 15))(TEXT.index("grew 12 percent")))
    for name in os.listdir(tmp_path):
        if name.startswith("gone.sqlite3"):
            os.unlink(tmp_path / name)
    with pytest.raises(StorageError, match="deleted, moved"):
        desk.set_note(a.id, "lost?")
    with pytest.raises(StorageError, match="deleted, moved"):
        desk.poll_external()
    assert desk.annotation(a.id).note == ""  # nothing shown as saved
    rescued = tmp_path / "rescued.sqlite3"
    desk.save_copy(str(rescued))
    again = Desk(open_repository(rescued))
    assert [x.exact for x in again.annotations(doc_id)] == ["grew 12 percent"]
    desk.close()
    assert not path.exists()  # closing did not bring back an empty ghost


def test_a_busy_database_refuses_fast_and_nothing_is_shown_as_saved(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    desk, doc_id = filled_desk(path)
    desk.repo.set_busy_timeout(database.UI_BUSY_TIMEOUT_MS)
    state = desk.state(doc_id)
    label = desk.undo_label(doc_id)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is in the middle of a write
    try:
        with pytest.raises(StorageError, match="busy.*nothing was saved, try again"):
            desk.annotate(doc_id, "claim", 17, 28)
        assert state.annotations == {} and desk.undo_label(doc_id) == label
    finally:
        other.execute("ROLLBACK")
        other.close()
    desk.annotate(doc_id, "claim", 17, 28)  # once it is free, the same edit goes through
    desk.close()


def test_a_read_only_folder_is_named_as_such(tmp_path: Path, make_read_only) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    desk, _ = filled_desk(folder / "c.sqlite3")
    desk.close()
    make_read_only(folder)
    with pytest.raises(StorageError, match="the folder .* is read-only"):
        repo = open_repository(folder / "c.sqlite3")
        Desk(repo).add_source(SourceText("x", "x", (), "txt"), "/x")


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.sqlite3"
    loop.symlink_to(loop)
    with pytest.raises(StorageError, match="symbolic link loop"):
        open_database(loop)


def test_restore_into_an_open_database_reaches_the_other_window(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    desk, doc_id = filled_desk(path)
    kept = desk.backup("before merge")
    other = Desk(open_repository(path))
    other.state(doc_id)
    desk.delete_document(doc_id)
    assert other.poll_external().documents_removed == (doc_id,)
    desk.restore(kept)
    assert desk.undo_label(None) == ""  # the history described the replaced database
    change = other.poll_external()
    assert change is not None and doc_id in change.documents_added
    assert [d.id for d in other.documents()] == [doc_id]
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
