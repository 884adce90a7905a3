"""Moving between panes with F6, and the window's geometry and dock layout across restarts."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.detail_form import AnnotationDetail


def next_pane(panes: list[QWidget], focus: QWidget | None) -> None:
    """Give focus to the pane after the one holding `focus`, skipping hidden or empty ones (a
    pane behind another dock's tab too: the keys typed next would go somewhere unseen)."""
    current = next(
        (n for n, p in enumerate(panes) if p is focus or (focus and p.isAncestorOf(focus))), -1
    )
    for step in range(1, len(panes) + 1):
        target = panes[(current + step) % len(panes)]
        if not target.isVisible() or not target.isEnabled() or target.visibleRegion().isEmpty():
            continue  # a closed dock, a disabled pane, or one behind another tab
        if isinstance(target, AnnotationDetail):
            if target.annotation is None:
                continue  # the form with no annotation chosen has nothing to edit
            target.focus_first_field()
        else:
            target.setFocus(Qt.FocusReason.TabFocusReason)
        return


def restore_layout(window: QMainWindow, state: QSettings) -> bool:
    """Geometry and docks as they were; False if there was nothing saved."""
    geometry = state.value("geometry")
    if not isinstance(geometry, QByteArray):
        return False
    window.restoreGeometry(geometry)
    layout = state.value("state")
    if isinstance(layout, QByteArray):
        window.restoreState(layout)
    return True


def save_layout(window: QMainWindow, state: QSettings) -> None:
    state.setValue("geometry", window.saveGeometry())
    state.setValue("state", window.saveState())
    state.sync()


def central_area(parent: QMainWindow, view: QWidget, find_bar: QWidget) -> QWidget:
    """The draft, with the find bar under it."""
    central = QWidget(parent)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(view, 1)
    layout.addWidget(find_bar)
    return central


def annotations_side(parent: QMainWindow, panel: QWidget, detail: QWidget) -> QSplitter:
    """The annotations table over the detail form; a long form scrolls instead of squeezing."""
    side = QSplitter(Qt.Orientation.Vertical, parent)
    side.setObjectName("annotations_splitter")
    side.addWidget(panel)
    scroll = QScrollArea(parent)
    scroll.setWidget(detail)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    side.addWidget(scroll)
    side.setSizes([320, 380])  # the form needs room for a claim's six fields
    return side


def add_dock(
    window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState() keys the layout by these names
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


# Which pane has the keyboard is always visible (F6 moves it): a frame in the highlight colour,
# and the same width, transparent, when the pane does not have focus, so nothing ever reflows.
FOCUS_FRAME = """
QPlainTextEdit, QTableView, QListWidget, QTreeWidget { border: 2px solid transparent; }
QPlainTextEdit:focus, QTableView:focus, QListWidget:focus, QTreeWidget:focus {
    border: 2px solid palette(highlight);
}
"""
