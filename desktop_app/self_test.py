"""`copydesk --self-test`: the real window on a temporary database, end to end, one line out; offscreen
by default, or `--platform native` on the desktop's own Qt platform (xcb, windows, cocoa)."""

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


class _PaintCounter:
    """Counts the paint events a widget receives (an event filter, made when Qt is loaded)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self._filter = Filter(widget)
        widget.installEventFilter(self._filter)


def run_self_test(platform: str = "offscreen") -> int:
    """platform: a Qt platform plugin name, or "native" for the one Qt picks on this desktop."""
    if platform == "native":
        os.environ.pop("QT_QPA_PLATFORM", None)
        from desktop_app.gui import display_problem

        problem = display_problem()
        if problem:
            print(f"copydesk self-test: FAILED: {problem}", file=sys.stderr)
            return 1
    else:
        os.environ["QT_QPA_PLATFORM"] = platform
    _quiet_qt_messages()
    home = tempfile.mkdtemp(prefix="copydesk-self-test-")
    os.environ["COPYDESK_HOME"] = home
    try:
        summary = _self_test(Path(home), native=platform == "native")
    except Exception as error:  # the one place a failure of any kind must become one line
        print(f"copydesk self-test: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"copydesk self-test: ok ({summary})")
    return 0


def _shown_on_screen(app: Any, window: Any) -> str:
    """Native platforms only: the window must be exposed (mapped on the screen) and painted."""
    from PySide6.QtTest import QTest

    name = app.platformName()
    if name in ("offscreen", "minimal"):
        raise RuntimeError(f"--platform native got Qt's {name!r} platform, not a real display")
    counter = _PaintCounter(window.view.viewport())
    window.view.viewport().update()
    if not QTest.qWaitForWindowExposed(window, 10000):
        raise RuntimeError(f"the window was never exposed on the {name!r} platform")
    for _ in range(1000):  # paint events come once the window system asks for them
        if counter.count:
            break
        QTest.qWait(10)
    if not counter.count:
        raise RuntimeError(f"the window was exposed but never painted on the {name!r} platform")
    return f"platform {name}: window exposed and painted, "


def _focus_the_view(window: Any) -> bool:
    """Shortcuts reach only Qt's active window. A native platform activates asynchronously: on
    Windows the window may already be the foreground one (isActiveWindow() says yes) before Qt has
    handled WM_ACTIVATE, and a focus set then is lost. So wait for Qt's own view of it."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for attempt in range(1000):
        if attempt % 100 == 0:
            window.raise_()
            window.activateWindow()
        if QApplication.activeWindow() is window:
            window.view.setFocus()
            if QApplication.focusWidget() is window.view:
                return True
        QTest.qWait(10)
    return False


def _self_test(home: Path, native: bool = False) -> str:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop_app.app import open_desk
    from desktop_app.core.resources import resource, sample_article
    from desktop_app.gui import application, build_window

    app = application()
    db_path = home / "self-test.sqlite3"
    window = build_window(open_desk(db_path), ask_reviewer=False)
    window.show()
    shown = _shown_on_screen(app, window) if native else ""
    sample = sample_article()
    icon = resource("icons")
    window.import_files([str(sample)])
    if not _wait_for(window.imports.finished, 20000):
        raise RuntimeError("importing the sample article timed out")
    session = window.review.state
    if session is None:
        raise RuntimeError(f"the sample article did not open: {window.status.last_error}")
    quotation = re.search(r"[“\"][^”\"\n]+[”\"]", session.text)
    if quotation is None:
        raise RuntimeError("the sample article has no quotation to tag")
    window.view.select_cp(quotation.start(), quotation.end())
    if not _focus_the_view(window):
        raise RuntimeError("the window never became the active window with the keyboard focus")
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
        raise RuntimeError(f"CSV export failed: {window.status.last_error}")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    row = rows[0]
    if row["text"] != session.text[int(row["start"]) : int(row["end"])] or row["tag"] != "quote":
        raise RuntimeError("the exported row does not match the tagged words")
    found_icons = icon.is_dir() and any(icon.iterdir())
    window.close()
    app.processEvents()
    return shown + (
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
