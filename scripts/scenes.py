"""Screens for docs/screenshots/, taken from the real window (run under xvfb-run by
scripts/screenshots.py with COPYDESK_HOME pointing at a tagged sample library)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

OUT = Path(sys.argv[1])


def settle(ms: int = 400) -> None:
    QTest.qWait(ms)
    QApplication.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    from desktop_app.app import open_desk
    from desktop_app.gui import build_window

    window = build_window(open_desk(None), ask_reviewer=False)
    window.resize(1400, 860)
    window.show()
    settle(1200)
    state = window.review.state
    assert state is not None, "the sample library is empty"
    first = min(state.annotations.values(), key=lambda a: a.start)
    window.review.focus_annotation(first.id, reveal=True)
    settle()
    window.grab().save(str(OUT / "review-pane.png"))

    window.library_dock.raise_()
    window.library.setFocus()
    settle()
    window.grab().save(str(OUT / "library.png"))

    window.search_dock.show()
    window.search.setCurrentIndex(1)
    window.search.status.setCurrentIndex(window.search.status.findData("unchecked"))
    window.search.tag.setCurrentIndex(window.search.tag.findData("claim"))
    settle()
    window.search_dock.raise_()
    settle()
    window.grab().save(str(OUT / "library-browser.png"))
    window.search.setCurrentIndex(0)
    QTest.keyClicks(window.search.query, "housing")
    window.search.search()
    settle()
    window.grab().save(str(OUT / "library-search.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
