"""The CSV export as one SQL statement: SQLite renders every line itself (printf, Excel-safe and
quoted per core.csv_cells), so 100,000 rows cost one bytes object each in Python, not a record,
a dict and a csv.writer call. Rows holding a NUL character take a slower path through Python."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from desktop_app.core.csv_cells import field_text, neutralise, text_cell
from desktop_app.core.export_data import ExportQuery

_ORPHAN = "a.anchor_state = 'orphaned'"
# A cell starting with = + - @ TAB or CR (core.csv_cells.DANGEROUS_STARTS) gets an apostrophe.
# A simple CASE reads the first character once; IN (...) would look it up in a b-tree.
_DANGER = (
    "CASE unicode({x}) WHEN 61 THEN '''' || {x} WHEN 43 THEN '''' || {x} "
    "WHEN 45 THEN '''' || {x} WHEN 64 THEN '''' || {x} WHEN 9 THEN '''' || {x} "
    "WHEN 13 THEN '''' || {x} ELSE {x} END"
)
# A NUL in a stored text sends the row to the slow path (core.csv_cells drops NULs). printf's %s
# stops at a NUL and a blob's length does not, so a row holds one exactly when its texts printed
# with %s are shorter than their byte lengths added up (no search of every byte, as instr
# makes). JSON spells a NUL as \u0000. The documents' own cells are rendered in Python.
_NUL_COLUMNS = (
    "a.tag a.exact a.prefix a.suffix a.note a.status a.reviewer a.created_at a.updated_at "
    "a.anchor_state a.previous_text a.id a.fields"
).split()
_PRINTED = "printf('" + "%s" * len(_NUL_COLUMNS) + "', " + ", ".join(_NUL_COLUMNS) + ")"
_NUL = (
    f"(length(CAST({_PRINTED} AS BLOB)) != "
    + " + ".join(f"length(CAST({c} AS BLOB))" for c in _NUL_COLUMNS)
    + " OR instr(a.fields, '\\u0000'))"
)
_PLAIN_KEY = re.compile(r'[^"\\\x00-\x1f]*')  # keys a JSON path can name as they are
_MAX_ARGS = 100  # below SQLite's default limit of 127 arguments per function call
_temp_names = itertools.count(1)


def _clean(value: Any) -> Any:
    """The slow path's cell (a Python function SQLite calls): NULs dropped, formula neutralised."""
    return neutralise(value if isinstance(value, str) else "" if value is None else str(value))


def _clean_field(fields: str, key: str) -> str:
    """The slow path's field cell, read by Python's JSON parser (SQLite's stops at a \\u0000)."""
    try:
        values = json.loads(fields)
    except ValueError:
        values = {}
    value = values.get(key) if isinstance(values, dict) else None
    return str(neutralise(field_text(value)))


def _field(n: int, key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f"coalesce(json_extract(a.fields, :path{n}), '')"
    # A key JSON escapes ("quoted", back\slash, control characters): look it up by its value.
    return f"coalesce((SELECT j.value FROM json_each(a.fields) j WHERE j.key = :key{n}), '')"


def _cells(field_keys: Sequence[str], who: int, paragraph: str) -> list[tuple[str, str]]:
    """(kind, expression) per column, as core.export_data.csv_columns orders them: "text" and
    "field<n>" are quoted and made Excel-safe, "number" is bare, "ready" was rendered already
    (the document's cells)."""
    fields = [(f"field{n}", _field(n, k)) for n, k in enumerate(field_keys)]
    orphan_text = (
        f"CASE WHEN {_ORPHAN} THEN (CASE WHEN a.previous_text != '' THEN a.previous_text "
        "ELSE a.exact END) ELSE a.previous_text END"
    )

    def number(x: str) -> tuple[str, str]:
        return ("number", f"CASE WHEN {_ORPHAN} THEN '\"\"' ELSE {x} END")

    return [
        ("ready", "d.title_cell"),
        ("text", "a.tag"),
        ("text", f"CASE WHEN {_ORPHAN} THEN '' ELSE a.exact END"),
        *fields[:who],
        ("text", "a.status"),
        ("text", "a.note"),
        ("text", "a.reviewer"),
        *fields[who:],
        number(f"coalesce({paragraph}, '\"\"')"),
        ("text", "a.prefix"),
        ("text", "a.suffix"),
        ("text", orphan_text),
        ("text", "a.anchor_state"),
        ("text", "a.created_at"),
        ("text", "a.updated_at"),
        ("ready", "d.place_cells"),  # source_path, document_sha256
        ("text", "a.id"),
        number("CAST(a.start AS INTEGER)"),
        number('CAST(a."end" AS INTEGER)'),
    ]


def _printf(cells: list[tuple[str, str]], fast: bool) -> str:
    """The line as printf calls (each under the argument limit) joined by ||. A text cell is
    "%w": its text with any formula start defused and its quotes doubled."""
    calls, fmt, args = [], [], []
    for kind, x in cells:
        if kind in ("number", "ready"):
            fmt.append("%s")
            args.append(x)
        elif fast:
            fmt.append('"%w"')
            args.append(_DANGER.format(x=x))
        elif kind.startswith("field"):
            fmt.append('"%w"')
            args.append(f"copydesk_csv_field(a.fields, :key{kind[5:]})")
        else:
            fmt.append('"%w"')
            args.append(f"copydesk_csv_text({x})")
        if len(args) >= _MAX_ARGS:
            calls.append((fmt, args))
            fmt, args = [], []
    if args:
        calls.append((fmt, args))
    parts = []
    for n, (f, a) in enumerate(calls):
        last = n == len(calls) - 1
        text = ",".join(f) + ("\r\n" if last else ",")
        parts.append(f"printf('{text}', {', '.join(a)})")
    return " || ".join(parts)


def _filters(query: ExportQuery) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {}
    where = []
    if query.document_id is not None:
        where.append("a.document_id = :document")
        params["document"] = query.document_id
    for column, values, name in (
        ("a.id", query.annotation_ids, "ids"),
        ("a.tag", query.tags or None, "tags"),
        ("a.status", query.statuses or None, "statuses"),
        ("a.reviewer", query.reviewers or None, "reviewers"),
    ):
        if values is not None:
            # One JSON array parameter: no limit on how many ids a selection holds.
            where.append(f"{column} IN (SELECT value FROM json_each(:{name}))")
            params[name] = json.dumps(list(values), ensure_ascii=False)
    return (f"WHERE {' AND '.join(where)}" if where else ""), params


def csv_lines(
    conn: sqlite3.Connection, query: ExportQuery, field_keys: Sequence[str], who: int
) -> Iterator[bytes]:
    """Every line of the CSV after its header, streamed from the cursor."""
    conn.create_function("copydesk_csv_text", 1, _clean, deterministic=True)
    conn.create_function("copydesk_csv_field", 2, _clean_field, deterministic=True)
    name = f"copydesk_export_{next(_temp_names)}"
    docs, blocks = f"temp.{name}_documents", f"temp.{name}_blocks"
    condition, params = _filters(query)
    for n, key in enumerate(field_keys):
        params[f"path{n}"] = f'$."{key}"'
        params[f"key{n}"] = key
    # The 1-based paragraph (block) a start falls in: the last block starting at or before it,
    # found through an index on a temporary table of block starts (one search per row).
    paragraph = (
        f"(SELECT b.n FROM {blocks} b WHERE b.doc = a.document_id AND b.s <= a.start "
        "ORDER BY b.s DESC, b.n DESC LIMIT 1)"
    )
    cells = _cells(field_keys, who, paragraph)
    line = f"CASE WHEN {_NUL} THEN {_printf(cells, False)} ELSE {_printf(cells, True)} END"
    # Live annotations and an earlier revision's frozen copies: two arms, sorted and merged.
    arms = [
        f"SELECT CAST({line} AS BLOB) AS line, d.title AS k1, d.text_sha256 AS k2, "
        f'a.start AS k3, a."end" AS k4, a.id AS k5 '
        f"FROM {table} a JOIN {docs} d ON d.id = a.document_id {condition}"
        for table in ("annotations", "revision_annotations")
    ]
    sql = f"SELECT line FROM ({' UNION ALL '.join(arms)} ORDER BY k1, k2, k3, k4, k5)"
    in_scope = "WHERE d.id = :document" if query.document_id is not None else ""
    scope = {"document": query.document_id} if in_scope else {}
    try:
        _documents_table(conn, docs, in_scope, scope)
        conn.execute(
            f"CREATE TABLE {blocks} AS SELECT d.id AS doc, CAST(b.key AS INTEGER) + 1 AS n, "
            "CAST(json_extract(b.value, '$.start') AS INTEGER) AS s "
            f"FROM documents d, json_each(d.blocks) b {in_scope}",
            scope,
        )
        conn.execute(f"CREATE INDEX {blocks}_by_start ON {name}_blocks (doc, s, n)")
        for (rendered,) in conn.execute(sql, params):
            yield rendered
    finally:
        conn.execute(f"DROP TABLE IF EXISTS {docs}")
        conn.execute(f"DROP TABLE IF EXISTS {blocks}")


def _documents_table(
    conn: sqlite3.Connection, table: str, in_scope: str, scope: dict[str, Any]
) -> None:
    """The documents in scope with their cells rendered once, in Python (a handful of rows),
    instead of once per annotation in SQL."""
    rows = conn.execute(
        f"SELECT d.id, d.title, d.source_path, d.text_sha256 FROM documents d {in_scope}", scope
    ).fetchall()
    conn.execute(
        f"CREATE TABLE {table} (id TEXT PRIMARY KEY, title TEXT, text_sha256 TEXT, "
        "title_cell TEXT, place_cells TEXT)"
    )
    conn.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)",
        [
            (ident, title, sha, text_cell(title), f"{text_cell(path)},{text_cell(sha)}")
            for ident, title, path, sha in rows
        ],
    )
