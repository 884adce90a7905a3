"""`copydesk --self-test`: the real window offscreen on a temporary database, end to end, one line out."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any


def _wait_for(signal: Any, timeout_ms: int) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired: list[bool] = []
    signal.connect(lambda *a: (fired.append(True), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return bool(fired)


def _quiet_qt_messages() -> None:
    """The offscreen platform warns about window hints it ignores; keep the output to one line."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def run_self_test() -> int:
    _quiet_qt_messages()
    home = tempfile.mkdtemp(prefix="copydesk-self-test-")
    os.environ["COPYDESK_HOME"] = home
    try:
        summary = _self_test(Path(home))
    except Exception as error:  # the one place a failure of any kind must become one line
        print(f"copydesk self-test: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"copydesk self-test: ok ({summary})")
    return 0


def _self_test(home: Path) -> str:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import open_desk
    from desktop_app.core.resources import resource, sample_article
    from desktop_app.gui import build_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    db_path = home / "self-test.sqlite3"
    window = build_window(open_desk(db_path), ask_reviewer=False)
    window.show()
    sample = sample_article()
    icon = resource("icons")
    window.import_files([str(sample)])
    if not _wait_for(window.imports.finished, 20000):
        raise RuntimeError("importing the sample article timed out")
    session = window.review.state
    if session is None:
        raise RuntimeError(f"the sample article did not open: {window.last_error}")
    quotation = re.search(r"[“\"][^”\"\n]+[”\"]", session.text)
    if quotation is None:
        raise RuntimeError("the sample article has no quotation to tag")
    window.view.select_cp(quotation.start(), quotation.end())
    window.activateWindow()
    for _ in range(300):  # shortcuts reach only the active window
        if window.isActiveWindow():
            break
        QTest.qWait(10)
    window.view.setFocus()
    app.processEvents()
    QTest.keyClick(window.view, Qt.Key.Key_Q)
    tagged = [a for a in session.annotations.values() if a.tag == "quote"]
    if len(tagged) != 1:
        raise RuntimeError("pressing Q did not tag the selected quotation")
    out = home / "export.csv"
    exported: list[int] = []
    window.exports.finished.connect(exported.append)
    window.exports.export_to(str(out), "csv", session.id)
    if not _wait_for(window.exports.finished, 20000) and not exported:
        raise RuntimeError("the CSV export timed out")
    if exported != [1]:
        raise RuntimeError(f"CSV export failed: {window.last_error}")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    row = rows[0]
    if row["text"] != session.text[int(row["start"]) : int(row["end"])] or row["tag"] != "quote":
        raise RuntimeError("the exported row does not match the tagged words")
    found_icons = icon.is_dir() and any(icon.iterdir())
    window.close()
    app.processEvents()
    return (
        f"{len(session.document.blocks)} blocks imported, 1 quote tagged with Q, 1 CSV row checked, "
        f"resources {'with' if found_icons else 'without'} icons"
    )


def schedule_screenshot(window: Any, path: str, delay_ms: int = 1500) -> None:
    """Save a PNG of the window after it has painted, then quit (used by packaging/screenshots.py)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def shoot() -> None:
        state = window.review.state
        if state is not None and state.annotations:
            first = min(state.annotations.values(), key=lambda a: a.start)
            window.review.focus_annotation(first.id)
            QApplication.processEvents()
        window.grab().save(path)
        window.close()
        QApplication.instance().quit()

    QTimer.singleShot(delay_ms, shoot)
