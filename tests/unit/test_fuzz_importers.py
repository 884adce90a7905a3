"""Fuzz every importer with mutated real files (made by LibreOffice, Word-style exporters and web
sites' HTML in tests/fixtures/formats): flipped, cut and inserted bytes, and mutations of the XML
inside .docx/.odt archives. Whatever the input, `load_source` returns a text or raises FormatError
(one line) within a bounded time; nothing else escapes."""

from __future__ import annotations

import io
import os
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.formats import FormatError, load_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
SEEDS = sorted(
    p for p in FIXTURES.iterdir() if p.suffix in (".docx", ".odt", ".fodt", ".html", ".rtf")
)
SECONDS_PER_CASE = 20  # generous for a shared 2-core CI machine; a hang takes forever
EXAMPLES = int(os.environ.get("COPYDESK_FUZZ_EXAMPLES", "150"))
INNER = {".docx": "word/document.xml", ".odt": "content.xml"}
fuzzed: list[str] = []


class TooSlow(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise TooSlow(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, at, chunk in edits:
        at = at % (len(out) + 1)
        if kind == "flip" and out:
            at = min(at, len(out) - 1)
            out[at] ^= chunk[0] if chunk else 0xFF
        elif kind == "insert":
            out[at:at] = chunk
        elif kind == "cut":
            del out[at : at + max(1, len(chunk)) * 97]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


def mutate_inside(archive: bytes, member: str, edits: list[tuple[str, int, bytes]]) -> bytes:
    """Rewrite one member of a zip with mutated bytes (a well-formed archive, broken XML)."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = mutate(data, edits)
            target.writestr(info.filename, data)
    return out.getvalue()


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "cut", "truncate"]),
        st.integers(min_value=0, max_value=2**20),
        st.one_of(
            st.binary(min_size=1, max_size=16),
            st.sampled_from(
                [b"<", b">", b"&", b"\x00", b"{\\", b"}", b"<w:p>", b"\xff\xfe", b"]]>"]
            ),
        ),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,  # the time limit below is the bound; hypothesis' deadline is too tight on CI
    derandomize=True,  # the same inputs on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(seed=st.sampled_from(SEEDS), inside=st.booleans(), edits=EDITS)
def test_mutated_real_files_import_or_fail_with_one_line(
    tmp_path_factory: pytest.TempPathFactory, seed: Path, inside: bool, edits: list
) -> None:
    data = seed.read_bytes()
    if inside and seed.suffix in INNER:
        data = mutate_inside(data, INNER[seed.suffix], edits)
    else:
        data = mutate(data, edits)
    path = tmp_path_factory.mktemp("fuzz") / f"fuzzed{seed.suffix}"
    path.write_bytes(data)
    fuzzed.append(seed.suffix)
    try:
        with time_limit(SECONDS_PER_CASE):
            source = load_source(path)
    except FormatError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert isinstance(source.text, str)
    for block in source.blocks:
        assert 0 <= block.start <= block.end <= len(source.text)


@given(
    data=st.binary(max_size=4096),
    suffix=st.sampled_from([".docx", ".odt", ".html", ".rtf", ".txt", ".md"]),
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_random_bytes_under_every_extension(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"random{suffix}"
    path.write_bytes(data)
    fuzzed.append(suffix)
    try:
        with time_limit(SECONDS_PER_CASE):
            load_source(path)
    except FormatError as error:
        assert "\n" not in str(error)


def test_report_how_many_inputs_were_fuzzed() -> None:
    """Runs after the two above (file order): says how many inputs they fed."""
    if not fuzzed:
        pytest.skip("run with the fuzz tests above")
    counts = {s: fuzzed.count(s) for s in sorted(set(fuzzed))}
    print(f"fuzzed {len(fuzzed)} inputs: {counts}")
    assert len(fuzzed) >= EXAMPLES
