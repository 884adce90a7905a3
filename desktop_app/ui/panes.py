"""Moving between panes with F6, and the window's geometry and dock layout across restarts."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop_app.ui.detail_form import AnnotationDetail


def next_pane(panes: list[QWidget], focus: QWidget | None) -> None:
    """Give focus to the pane after the one holding `focus`, skipping hidden or empty ones."""
    current = next(
        (n for n, p in enumerate(panes) if p is focus or (focus and p.isAncestorOf(focus))), -1
    )
    for step in range(1, len(panes) + 1):
        target = panes[(current + step) % len(panes)]
        if not target.isVisible() or not target.isEnabled():
            continue  # a closed dock, or a disabled pane
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
