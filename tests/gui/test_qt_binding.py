"""Guards against the PySide6 6.12.0 / Python 3.11 none_dealloc crash coming back with a version bump."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
app = QApplication([])
doc = QTextDocument("x" * 1000)
cursor = QTextCursor(doc)
for n in range(20000):
    cursor.setPosition(n % 1000)  # returns nothing: the call that leaked a reference to None
print("survived", cursor.position())
"""


def test_twenty_thousand_void_qt_calls_survive() -> None:
    """20,000 calls of a Qt method returning None do not abort the interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived 999"
