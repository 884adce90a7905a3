"""Review report as PDF through Qt's own printing (QTextDocument + QPdfWriter, no browser engine):
the HTML report's content, selectable text, a page number at the foot of every page.

The one module of export/ allowed to import Qt (see the import-linter contract in pyproject).
"""

from __future__ import annotations

import os
import sys
from typing import IO

from desktop_app.core.export_data import ExportData
from desktop_app.export.html_report import report_html


def _application() -> object:
    """Qt needs a GUI application for fonts; headless runs get the offscreen platform."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux"):
            if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
                os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(["copydesk"])
    return app


def write_pdf(data: ExportData, out: IO[bytes]) -> int:
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    _app = _application()  # kept alive while printing
    html, count = report_html(data)
    buffer = QBuffer()  # its own byte array: one passed in must outlive it
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Review report: {data.title}")
    writer.setCreator("Copydesk")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # QTextDocument.print adds its own 2 cm margin
        )
    )
    document = QTextDocument()
    document.setDefaultStyleSheet("")
    document.setHtml(html)
    # Not paginated here: print() then lays it out on the writer's pages and puts the page
    # number at the foot of each one.
    document.setPageSize(QSizeF())
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    out.write(bytes(buffer.data().data()))
    return count


class PdfReportExporter:
    name = "pdf"
    label = "Review report (PDF)"
    suffix = ".pdf"
    binary = True
    findings = True

    def write(self, data: ExportData, out: IO[bytes]) -> int:
        return write_pdf(data, out)


__all__ = ["PdfReportExporter", "write_pdf"]
