"""Storage: migrations, PRAGMAs, one-line errors for damaged, read-only and locked databases."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.app import open_repository, resolve_db_path
from desktop_app.core import paths
from desktop_app.core.annotations import new_annotation
from desktop_app.core.errors import StorageError
from desktop_app.core.model import BUILTIN_TAGS, Block, SourceText
from desktop_app.core.operations import AddAnnotation, apply
from desktop_app.core.settings import Settings
from desktop_app.desk import Desk
from desktop_app.storage import SqliteRepository, database, open_database

TEXT = "Headline\n\n\u201cNo comment,\u201d said a source close to the talks."
SOURCE = SourceText(
    TEXT, "Headline", (Block("title", 0, 8), Block("paragraph", 10, len(TEXT))), "txt"
)


def filled(db_path: Path) -> SqliteRepository:
    """A database holding one document with one annotation."""
    repo = SqliteRepository(open_database(db_path), str(db_path))
    doc, _ = Desk(repo).add_source(SOURCE, "/drafts/a.txt")
    start = TEXT.index("a source")
    apply(repo, AddAnnotation(new_annotation(doc.id, TEXT, "anonymous_source", start, start + 8)))
    return repo


def one_line(error: BaseException) -> str:
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def test_new_database_has_schema_builtin_tags_and_version(db_path):
    """A fresh file gets all tables, the three built-in tags and user_version = migrations."""
    db = open_database(db_path)
    import sqlite_utils  # the migrations' library, here to look at what they made

    assert {"documents", "annotations", "tags"} <= set(sqlite_utils.Database(db.conn).table_names())
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(database.MIGRATIONS)
    rows = db.execute("SELECT name, builtin FROM tags ORDER BY position").fetchall()
    assert rows == [(t.name, 1) for t in BUILTIN_TAGS]
    assert [t.name for t in BUILTIN_TAGS] == ["quote", "claim", "anonymous_source"]
    db.conn.close()


def test_reopening_is_idempotent_and_keeps_data(db_path, db_rows):
    """Opening an up-to-date database again changes nothing: no duplicate tags, same rows."""
    filled(db_path).close()
    before = db_rows(db_path)
    for _ in range(3):
        open_database(db_path).conn.close()
    assert db_rows(db_path) == before
    assert len(before["tags"]) == 3 and len(before["annotations"]) == 1


def test_pragmas(db_path):
    """foreign_keys on, WAL journal, synchronous FULL and a positive busy timeout."""
    db = open_database(db_path)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS > 0
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    db.conn.close()


def test_deleting_a_document_cascades_to_its_annotations(db_path):
    """Foreign keys are enforced: a document's annotations go with it."""
    repo = filled(db_path)
    doc_id = repo.list_documents()[0].id
    assert len(repo.annotations_for(doc_id)) == 1
    repo.delete_document(doc_id, 0)
    assert repo.db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    assert repo.document_text(doc_id) is None
    with pytest.raises(sqlite3.IntegrityError):
        repo.db.execute(
            'INSERT INTO annotations (id, document_id, tag, start, "end", exact, '
            "created_at, updated_at) VALUES ('x', 'nope', 'quote', 0, 1, 'H', '', '')"
        )
    repo.close()


def test_same_text_is_not_imported_twice(db_path):
    """Importing a text the library already holds (from any file) gives that document back."""
    repo = filled(db_path)
    first = repo.list_documents()[0].id
    doc, created = Desk(repo).add_source(SOURCE, "/drafts/a.txt")
    assert (doc.id, created, len(repo.list_documents())) == (first, False, 1)
    doc, created = Desk(repo).add_source(SOURCE, "/drafts/copy.txt")
    assert (doc.id, created, len(repo.list_documents())) == (first, False, 1)
    repo.close()


def test_find_documents_takes_prefixes_literally(db_path):
    """Short ids work in any case; LIKE wildcards and empty input match nothing."""
    repo = filled(db_path)
    ident = repo.list_documents()[0].id
    assert repo.find_documents(ident[:4]) == [ident]
    assert repo.find_documents(ident[:6].upper()) == [ident]
    assert repo.find_documents("%") == [] and repo.find_documents("_") == []
    assert repo.find_documents("") == [] and repo.find_documents("  ") == []
    repo.close()


def test_corrupt_file_gives_one_line_and_is_left_untouched(db_path):
    """Random bytes are reported as not a Copydesk database; the file is not modified."""
    junk = os.urandom(64 * 1024)
    db_path.write_bytes(junk)
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    message = one_line(info.value)
    assert str(db_path) in message and "not a Copydesk database or is damaged" in message
    assert db_path.read_bytes() == junk
    assert not Path(f"{db_path}-wal").exists()


def test_database_of_another_program_is_refused_untouched(db_path):
    """An SQLite file with other tables and no Copydesk schema is not migrated into."""
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="another program"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_newer_schema_gives_a_clear_message(db_path, db_rows):
    """A database from a newer Copydesk is refused with 'update the app', data untouched."""
    filled(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {len(database.MIGRATIONS) + 1}")
    conn.close()
    before = db_rows(db_path)
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert "newer Copydesk" in one_line(info.value) and "update the app" in str(info.value)
    assert db_rows(db_path) == before


def test_folder_instead_of_file(tmp_path):
    """Pointing --db at a folder is a one-line StorageError."""
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path)


def test_read_only_database_reads_but_refuses_writes(db_path, db_rows, make_read_only):
    """A read-only file still lists its data; a write fails with 'read-only' and changes nothing."""
    filled(db_path).close()
    before = db_rows(db_path)
    make_read_only(db_path)
    repo = open_repository(db_path)
    assert [d.title for d in repo.list_documents()] == ["Headline"]
    with pytest.raises(StorageError) as info:
        Desk(repo).add_source(
            SourceText("Other", "Other", (Block("paragraph", 0, 5),), "txt"), "/b"
        )
    assert "read-only" in one_line(info.value)
    doc_id = repo.list_documents()[0].id
    with pytest.raises(StorageError, match="read-only"):
        apply(repo, AddAnnotation(new_annotation(doc_id, TEXT, "quote", 0, 8)))
    repo.close()
    assert db_rows(db_path) == before


def test_read_only_folder_gives_one_line(db_path, db_rows, make_read_only):
    """A database in a folder that cannot be written (no -wal/-shm) is reported as read-only."""
    filled(db_path).close()
    assert len(db_rows(db_path)["annotations"]) == 1
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    before = db_path.read_bytes()
    make_read_only(db_path.parent)
    with pytest.raises(StorageError) as info:
        open_database(db_path)
    assert "read-only" in one_line(info.value)
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    assert db_path.read_bytes() == before


def test_locked_database_times_out_with_one_line(db_path, db_rows, monkeypatch):
    """Another program holding an exclusive lock: the write gives up after the busy timeout."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    repo = filled(db_path)
    before = db_rows(db_path)
    doc_id = repo.list_documents()[0].id
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM annotations")  # uncommitted: must never become visible
    try:
        with pytest.raises(StorageError) as info:
            apply(repo, AddAnnotation(new_annotation(doc_id, TEXT, "quote", 0, 8)))
        assert "busy (another window or program is writing); nothing was saved, try again" in (
            one_line(info.value)
        )
        with pytest.raises(StorageError, match="busy"):
            other_text = SourceText("Other", "Other", (Block("paragraph", 0, 5),), "txt")
            Desk(open_repository(db_path)).add_source(other_text, "/elsewhere.txt")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert db_rows(db_path) == before
    apply(repo, AddAnnotation(new_annotation(doc_id, TEXT, "quote", 0, 8)))  # usable again
    assert len(db_rows(db_path)["annotations"]) == 2
    repo.close()


def test_concurrent_first_opens_migrate_once(db_path):
    """Several connections creating the same new database at once all succeed."""
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def opener() -> None:
        barrier.wait()
        try:
            open_database(db_path).conn.close()
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM tags").fetchone()[0] == 3
    db.conn.close()


def test_default_path_env_override_and_db_option(monkeypatch, tmp_path):
    """COPYDESK_HOME wins over platformdirs; --db wins over both; no doubled Copydesk folder."""
    monkeypatch.setenv("COPYDESK_HOME", str(tmp_path / "home"))
    assert paths.default_db_path() == tmp_path / "home" / "copydesk.sqlite3"
    assert resolve_db_path(None) == tmp_path / "home" / "copydesk.sqlite3"
    assert resolve_db_path(str(tmp_path / "x.db")) == tmp_path / "x.db"
    monkeypatch.delenv("COPYDESK_HOME")
    default = paths.default_db_path()
    assert default.name == "copydesk.sqlite3" and default.parent.name == "Copydesk"
    assert default.parent.parent.name != "Copydesk"


def test_settings_survive_damage_and_save_atomically(tmp_path):
    """Broken or wrongly typed settings load as defaults; save leaves no temp file behind."""
    path = tmp_path / "settings.json"
    path.write_text('{"reviewer": "ana", "recent_files": "oops", "positions": {"d": 5}}')
    loaded = Settings.load(path)
    assert (loaded.reviewer, loaded.recent_files, loaded.positions) == ("ana", [], {"d": 5})
    path.write_text("{not json")
    assert Settings.load(path) == Settings()
    loaded.add_recent("/a.md")
    loaded.save(path)
    assert Settings.load(path) == loaded
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
