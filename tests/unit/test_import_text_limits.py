"""Plain-text limits and the cooperative cancel hook: the paragraph limit is hit while the text
is split (not after), a cancelled import returns nothing, and the dry run stays cheap."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop_app.formats import (
    FormatError,
    ImportCancelled,
    build_source_text,
    cancel,
    canonical,
    decoding,
    describe_blocks,
    load_source,
    text_decoding,
    text_import,
)
from desktop_app.formats.decoding import decode_text
from desktop_app.formats.errors import Rejected

LIMIT = 50  # a small paragraph limit for the tests; the real one works the same, slower


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_import, "MAX_PARAGRAPHS", LIMIT)
    monkeypatch.setattr(canonical, "MAX_PARAGRAPHS", LIMIT)


def _sentences(count: int) -> list[str]:
    return [f"Café “{n}” 🙂 said the council on day {n}." for n in range(count)]


@pytest.mark.usefixtures("small_limit")
@pytest.mark.parametrize("separator", ["\n\n", "\n- ", "\r\n\r\n", "\f"])
def test_text_over_the_paragraph_limit_is_refused_with_one_line(
    tmp_path: Path, separator: str
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(separator.join(_sentences(LIMIT + 1)), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load_source(path)
    assert str(caught.value) == (
        f"long.txt: the document has more than {LIMIT:,} paragraphs (the limit); "
        "split it into smaller files"
    )


@pytest.mark.usefixtures("small_limit")
def test_text_at_the_paragraph_limit_imports_every_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(_sentences(LIMIT)), encoding="utf-8")
    source = load_source(path)
    assert len(source.blocks) == LIMIT
    last = source.blocks[-1]
    assert source.text[last.start : last.end] == _sentences(LIMIT)[-1]


@pytest.mark.usefixtures("small_limit")
def test_splitter_stops_at_the_limit_without_reading_the_rest() -> None:
    """Refused on the first pass over the chunks: the paragraphs after the limit are never
    made (the generator raises before yielding anything)."""
    parts = text_import.text_to_parts("\n\n".join(_sentences(LIMIT * 100)))
    with pytest.raises(Rejected):
        next(parts)


@pytest.mark.usefixtures("small_limit")
def test_shared_builder_refuses_past_the_limit_for_every_format() -> None:
    parts = (("paragraph", text) for text in _sentences(LIMIT + 1))
    with pytest.raises(Rejected, match=f"more than {LIMIT:,} paragraphs"):
        build_source_text(parts, "stem", "html")


def test_cancel_check_does_nothing_outside_a_cancellable_import() -> None:
    cancel.check()  # no hook set (the CLI): never raises
    event = threading.Event()
    with cancel.cancel_on(event):
        cancel.check()  # not cancelled yet
        event.set()
        with pytest.raises(ImportCancelled):
            cancel.check()
    cancel.check()  # the hook ends with its block


def test_cancel_in_one_thread_does_not_reach_another() -> None:
    event = threading.Event()
    event.set()
    seen: list[str] = []

    def other() -> None:
        try:
            cancel.check()
            seen.append("went on")
        except ImportCancelled:
            seen.append("cancelled")

    with cancel.cancel_on(event):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
    assert seen == ["went on"]


def test_cancel_during_the_split_stops_the_file_mid_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The splitter checks every few lines: set the event after some paragraphs were handed
    on, and the next check raises; nothing after it is produced."""
    monkeypatch.setattr(text_import, "SLAB_CHARS", 200)
    event = threading.Event()
    produced = 0
    with cancel.cancel_on(event), pytest.raises(ImportCancelled):
        for _ in text_import.text_to_parts("\n\n".join(_sentences(500))):
            produced += 1
            if produced == 20:
                event.set()
    assert 20 <= produced < 30


def test_cancelled_import_raises_cancelled_not_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("\n\n".join(_sentences(300)), encoding="utf-8")
    event = threading.Event()
    event.set()
    with cancel.cancel_on(event), pytest.raises(ImportCancelled):
        load_source(path)
    assert len(load_source(path).blocks) == 300  # without the hook the same file imports


def test_cancelled_builder_returns_nothing() -> None:
    event = threading.Event()
    handed: list[str] = []

    def parts():  # type: ignore[no-untyped-def]
        for n, text in enumerate(_sentences(1000)):
            if n == 100:
                event.set()
            handed.append(text)
            yield "paragraph", text

    with cancel.cancel_on(event), pytest.raises(ImportCancelled):
        build_source_text(parts(), "stem", "docx")
    assert 100 < len(handed) < 1000


def test_dry_run_of_one_huge_paragraph_shows_only_its_first_words() -> None:
    words = ["naïve", "café’s", "owner", "🙂", "said"] * 200_000
    source = build_source_text([("paragraph", " ".join(words))], "stem", "txt")
    assert describe_blocks(source) == ["paragraph: " + " ".join(words[:8]) + " \u2026"]


def test_title_of_a_text_without_line_breaks_is_cut_at_a_word() -> None:
    text = "Harbour council weighs a barrier " * 100_000
    source = build_source_text([("paragraph", text)], "stem", "txt")
    assert source.title.endswith("\u2026")
    assert len(source.title) <= canonical.MAX_TITLE_CHARS + 1
    assert text.startswith(source.title[:-1])


@pytest.mark.parametrize("odd", ["  ", "\x07", "\u200b", "\u2028"])
def test_long_paragraph_scanned_in_windows_is_normalized_like_a_short_one(
    monkeypatch: pytest.MonkeyPatch, odd: str
) -> None:
    """Whatever window the oddity falls in, or across a window edge, it is cleaned."""
    expected = {n: canonical.normalize_paragraph("é" * n + odd + "ü🙂" * 10) for n in range(40)}
    monkeypatch.setattr(canonical, "SCAN_WINDOW", 8)
    for n in range(40):
        assert canonical.normalize_paragraph("é" * n + odd + "ü🙂" * 10) == expected[n]
    assert expected[9] != "é" * 9 + odd + "ü🙂" * 10  # the oddity really needs the slow path


def test_cancel_reaches_inside_one_long_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(canonical, "SCAN_WINDOW", 1000)
    event = threading.Event()
    event.set()
    with cancel.cancel_on(event), pytest.raises(ImportCancelled):
        canonical.normalize_paragraph("word " * 10_000)


@pytest.mark.parametrize("slab", [1, 3, 7, 1 << 20])
@pytest.mark.parametrize(
    "data",
    [
        "жители сказали: «план»\n".encode() * 40 + b"\x96 stray" + "ещё 🙂\n".encode() * 40,
        "naïve café — résumé\n".encode("cp1252") * 30,
        "Совет гавани\n".encode("cp1251") * 30,
        ("plain ascii\n" * 30).encode(),
    ],
)
def test_plain_text_decoding_in_slabs_matches_the_whole_file_decoder(
    monkeypatch: pytest.MonkeyPatch, data: bytes, slab: int
) -> None:
    """Same text as `decode_text`, whatever the slab size (a slab never cuts a sequence)."""
    expected = decode_text(data)
    monkeypatch.setattr(decoding, "SLAB_BYTES", slab)
    assert text_decoding.decode_plain_text(data) == expected


def test_mostly_utf8_counts_sequences_and_stray_bytes() -> None:
    data = "é🙂".encode() * 5 + b"\x96\xff" + "ж".encode()
    assert decoding.utf8_counts(data) == (11, 2)
