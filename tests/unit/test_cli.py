"""The headless `copydesk` subcommands: output, exit codes, one-line errors, data kept safe."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.app import open_repository
from desktop_app.cli import main

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ARTICLE = ARTICLES / "article_utf8.txt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("copydesk: ") and "Traceback" not in err
    return lines[0]


def parse_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def contents(db: Path) -> tuple:
    """What the database holds, seen through the repository (documents, then annotations)."""
    repo = open_repository(db)
    try:
        docs = repo.list_documents()
        return tuple((d.id, d.title, d.characters, tuple(repo.annotations_for(d.id))) for d in docs)
    finally:
        repo.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite3"


@pytest.fixture
def imported(capsys, db: Path) -> str:
    """The fixture article imported into `db`; returns its document id."""
    code, out, err = run(capsys, "import", str(ARTICLE), "--db", str(db))
    assert (code, err) == (0, "")
    return out.split("\t")[0]


def test_import_prints_one_line_per_document(capsys, db, tmp_path):
    """import: id, title, blocks and characters, tab-separated, one line per file."""
    second = tmp_path / "second.md"
    second.write_text("# Second story\n\nA short paragraph.\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "import", str(ARTICLE), str(second))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    ident, title, blocks, chars = lines[1].split("\t")
    doc = open_repository(db).get_document(ident)
    assert doc is not None and title == doc.title == "Second story"
    assert blocks == f"{len(doc.blocks)} blocks" and chars == f"{len(doc.text)} characters"
    code, out, _ = run(capsys, "import", str(second), "--db", str(db))
    assert code == 0 and out.startswith(ident) and "already imported" in out


def test_list_and_db_option_before_or_after(capsys, db, imported):
    """list shows each document with its counts; --db works on either side of the subcommand."""
    for args in (("list", "--db", str(db)), ("--db", str(db), "list")):
        code, out, err = run(capsys, *args)
        assert (code, err) == (0, "")
        assert out.startswith(imported) and out.endswith("no annotations\n")
    code, out, _ = run(capsys, "list")  # COPYDESK_HOME's database is a different, empty one
    assert (code, out) == (0, "")


def test_annotate_find_nth_note_field_and_export(capsys, db, imported, tmp_path):
    """annotate --find/--nth/--note/--field, then export to a file and to stdout."""
    doc = open_repository(db).get_document(imported)
    word = next(w for w in doc.text.split() if w.isalpha() and doc.text.count(w) >= 2)
    second = doc.text.index(word, doc.text.index(word) + 1)
    code, out, err = run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        imported[:6],
        "--tag",
        "quote",
        "--find",
        word,
        "--nth",
        "2",
        "--note",
        "=check",
        "--field",
        "speaker=Ana",
        "--field",
        "cue=said",
        "--reviewer",
        "ed",
    )
    assert (code, err) == (0, "")
    assert out.split("\t")[1:3] == ["quote", f"{second}-{second + len(word)}"]
    code, out, err = run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        imported,
        "--tag",
        "claim",
        "--start",
        "0",
        "--end",
        "12",
        "--status",
        "verified",
    )
    assert (code, err) == (0, "")
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", "--db", str(db), "-o", str(target))
    assert (code, out) == (0, "") and err == f"2 annotations written to {target}\n"
    rows = parse_csv(target.read_text(encoding="utf-8"))
    code, out, err = run(capsys, "--db", str(db), "export", "--document", imported[:8], "-o", "-")
    assert code == 0 and parse_csv(out) == rows
    quote = next(r for r in rows if r["tag"] == "quote")
    assert (int(quote["start"]), quote["text"]) == (second, word)
    assert (quote["note"], quote["speaker"], quote["cue"], quote["reviewer"]) == (
        "'=check",
        "Ana",
        "said",
        "ed",
    )
    claim = next(r for r in rows if r["tag"] == "claim")
    assert claim["status"] == "verified" and claim["text"] == doc.text[0:12].strip()


def test_version(capsys):
    """--version prints the version and exits 0."""
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"copydesk {__version__}")


@pytest.mark.parametrize(
    "args",
    [
        ["annotate", "--tag", "quote", "--find", "x"],  # no --document
        ["annotate", "--document", "ab", "--tag", "quote"],  # neither --find nor --start
        ["annotate", "--document", "ab", "--tag", "quote", "--start", "1"],  # no --end
        [
            "annotate",
            "--document",
            "ab",
            "--tag",
            "quote",
            "--find",
            "x",
            "--start",
            "1",
            "--end",
            "2",
        ],
        ["annotate", "--document", "ab", "--tag", "quote", "--find", "x", "--nth", "0"],
        ["annotate", "--document", "ab", "--tag", "quote", "--find", "x", "--field", "novalue"],
        ["annotate", "--document", "ab", "--tag", "quote", "--find", "x", "--status", "bogus"],
        ["annotate", "--document", "ab", "--tag", "quote", "--start", "x", "--end", "2"],
        ["import"],
        ["export", "--format", "json"],
        ["list", "--frobnicate"],
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, db, imported, args):
    """Bad option combinations: exit 2, one stderr line, nothing written."""
    before = contents(db)
    code, out, err = run(capsys, *args, "--db", str(db))
    assert code == 2 and out == ""
    one_error_line(err)
    assert contents(db) == before


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--document", "zzzz", "--tag", "quote", "--find", "the"], "no document"),
        (["--tag", "nonsense", "--find", "the"], "unknown tag"),
        (["--tag", "quote", "--find", "words that are not there"], "not in the document"),
        (["--tag", "quote", "--start", "5", "--end", "999999"], "outside the document"),
    ],
)
def test_annotate_failures_exit_1(capsys, db, imported, args, expected):
    """Unknown document, tag or words: exit 1, one line saying what is wrong."""
    if "--document" not in args:
        args = ["--document", imported, *args]
    before = contents(db)
    code, _, err = run(capsys, "annotate", "--db", str(db), *args)
    assert code == 1 and expected in one_error_line(err)
    assert contents(db) == before


def test_export_refuses_to_overwrite_the_database_or_write_nowhere(capsys, db, imported, tmp_path):
    """-o pointing at the database is a usage error; a missing folder is a one-line failure."""
    before = contents(db)
    code, _, err = run(capsys, "export", "--db", str(db), "-o", str(db))
    assert code == 2 and "the database itself" in one_error_line(err)
    code, _, err = run(capsys, "export", "--db", str(db), "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 1 and "cannot write" in one_error_line(err)
    assert contents(db) == before


def zip_bomb(path: Path) -> Path:
    """A .docx-shaped zip whose word/document.xml inflates to 1.1 GB (about 5 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("_rels/.rels", "<Relationships/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document>')
            zeros = bytes(1 << 20)
            for _ in range(1100):
                member.write(zeros)
    return path


def bad_input(kind: str, tmp: Path) -> Path:
    if kind == "missing":
        return tmp / "nope.txt"
    path = (
        tmp
        / {
            "empty": "empty.txt",
            "binary_docx": "photo.docx",
            "zip_bomb": "bomb.docx",
            "huge_html": "huge.html",
            "unknown_ext": "notes.xyz",
        }[kind]
    )
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary_docx":
        path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(8192))
    elif kind == "zip_bomb":
        zip_bomb(path)
    elif kind == "huge_html":
        para = b"<p>" + b"Lorem ipsum dolor sit amet. " * 36 + b"</p>\n"
        with open(path, "wb") as f:
            f.write(b"<html><body>\n")
            f.write(para * (50 * 1024 * 1024 // len(para) + 1))
            f.write(b"</body></html>\n")
    else:
        path.write_text("plain words", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("missing", "not found"),
        ("empty", "empty"),
        ("binary_docx", "not a Word document"),
        ("zip_bomb", "zip bomb"),
        ("huge_html", "too large"),
        ("unknown_ext", "unsupported file type"),
    ],
)
def test_bad_files_fail_with_one_line_and_keep_the_database(capsys, db, tmp_path, kind, expected):
    """Each bad input: exit 1, one line naming the file, earlier data still there."""
    _, out, _ = run(capsys, "import", str(ARTICLE), "--db", str(db))
    run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        out.split("\t")[0],
        "--tag",
        "claim",
        "--start",
        "0",
        "--end",
        "10",
    )
    before = contents(db)
    assert len(before) == 1 and len(before[0][3]) == 1
    path = bad_input(kind, tmp_path)
    code, out, err = run(capsys, "import", str(path), "--db", str(db))
    line = one_error_line(err)
    assert code == 1 and out == ""
    assert path.name in line and expected in line
    assert contents(db) == before


def test_corrupt_database_fails_with_one_line_and_is_untouched(capsys, db):
    """A damaged database file: every subcommand exits 1 with one line; the file is unchanged."""
    junk = b"SQLite format 3\x00" + os.urandom(8192)
    db.write_bytes(junk)
    for args in (["list"], ["import", str(ARTICLE)], ["export", "-o", "-"]):
        code, out, err = run(capsys, *args, "--db", str(db))
        assert code == 1 and out == ""
        assert "not a Copydesk database or is damaged" in one_error_line(err)
    assert db.read_bytes() == junk


def test_read_only_database_says_so_and_keeps_data(capsys, db, imported, make_read_only, tmp_path):
    """A read-only database: reading works, writing exits 1 with 'read-only', data kept."""
    run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        imported,
        "--tag",
        "quote",
        "--start",
        "0",
        "--end",
        "10",
    )
    before = contents(db)
    make_read_only(db)
    code, out, err = run(capsys, "list", "--db", str(db))
    assert code == 0 and out.startswith(imported)
    second = tmp_path / "second.txt"
    second.write_text("Another story entirely.", encoding="utf-8")
    for args in (
        ["import", str(second)],
        ["annotate", "--document", imported, "--tag", "claim", "--start", "0", "--end", "5"],
    ):
        code, out, err = run(capsys, *args, "--db", str(db))
        assert code == 1 and out == ""
        assert "read-only" in one_error_line(err)
    assert contents(db) == before


def test_acceptance_find_offsets_are_canonical_code_points(capsys, db, tmp_path):
    """Emoji, a decomposed accent (NFC on import) and an NBSP before the phrase: exported
    start/end equal canonical_text.index(phrase), not UTF-16 or pre-normalisation offsets."""
    raw = (
        "Cafe\u0301 \U0001f600 r\u00e9sume\u0301 \U0001f469\u200d\U0001f4bb\u00a0d\u00e9j\u00e0"
        " vu \U0001f1eb\U0001f1f7\u00a0\u00a0then the mayor said it plainly.\n"
    )
    article = tmp_path / "unicode.txt"
    article.write_text(raw, encoding="utf-8")
    _, out, _ = run(capsys, "import", str(article), "--db", str(db))
    ident = out.split("\t")[0]
    text = open_repository(db).get_document(ident).text
    assert text == unicodedata.normalize("NFC", raw.strip())
    phrase = "the mayor said"
    expected = text.index(phrase)
    utf16 = len(text[:expected].encode("utf-16-le")) // 2
    assert len({expected, raw.index(phrase), utf16}) == 3  # the three counts really differ
    code, _, err = run(
        capsys, "annotate", "--db", str(db), "--document", ident, "--tag", "quote", "--find", phrase
    )
    assert (code, err) == (0, "")
    nfd_word = unicodedata.normalize("NFD", "r\u00e9sum\u00e9")
    code, _, err = run(
        capsys,
        "annotate",
        "--db",
        str(db),
        "--document",
        ident,
        "--tag",
        "claim",
        "--find",
        nfd_word,
    )
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "export", "--db", str(db))
    rows = {r["tag"]: r for r in parse_csv(out)}
    assert (int(rows["quote"]["start"]), int(rows["quote"]["end"])) == (
        expected,
        expected + len(phrase),
    )
    assert rows["quote"]["text"] == text[expected : expected + len(phrase)] == phrase
    claim_start = text.index("r\u00e9sum\u00e9")
    assert int(rows["claim"]["start"]) == claim_start
    assert rows["claim"]["text"] == "r\u00e9sum\u00e9"


# -- real processes ----------------------------------------------------------------------------
def copydesk(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COPYDESK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_subprocess_round_trip_without_traceback(db, tmp_path):
    """`python -m desktop_app` imports, annotates and exports; failures print one line."""
    done = copydesk("--db", str(db), "import", str(ARTICLE))
    assert done.returncode == 0 and done.stderr == ""
    ident = done.stdout.split("\t")[0]
    done = copydesk(
        "annotate",
        "--db",
        str(db),
        "--document",
        ident[:5],
        "--tag",
        "quote",
        "--start",
        "0",
        "--end",
        "8",
    )
    assert done.returncode == 0, done.stderr
    done = copydesk("export", "--db", str(db))
    assert done.returncode == 0 and len(parse_csv(done.stdout)) == 1
    done = copydesk("import", str(tmp_path / "missing.docx"), "--db", str(db))
    assert done.returncode == 1 and "not found" in one_error_line(done.stderr)
    done = copydesk("annotate", "--db", str(db), "--tag", "quote")
    assert done.returncode == 2 and one_error_line(done.stderr)


def test_subprocess_corrupt_database_no_traceback(db):
    """A damaged database seen from a real process: exit 1, one line, no traceback."""
    db.write_bytes(os.urandom(4096))
    done = copydesk("list", "--db", str(db))
    assert done.returncode == 1 and done.stdout == ""
    assert "damaged" in one_error_line(done.stderr)


def test_subcommands_never_import_qt(db):
    """import, list, annotate and export run without loading PySide6."""
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        "from desktop_app.app import open_repository\n"
        f"db = {str(db)!r}\n"
        f"assert main(['import', {str(ARTICLE)!r}, '--db', db]) == 0\n"
        "assert main(['list', '--db', db]) == 0\n"
        "ident = open_repository(db).list_documents()[0].id\n"
        "assert main(['annotate', '--db', db, '--document', ident, '--tag', 'quote', "
        "'--start', '0', '--end', '5']) == 0\n"
        "assert main(['export', '--db', db, '-o', db + '.csv']) == 0\n"
        "print('QT', [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "QT []"
