"""Starts the window: display check, QApplication, database, main window; also `--self-test`."""

from __future__ import annotations

import gc
import linecache
import os
import sys
from pathlib import Path


def display_problem() -> str | None:
    """Qt aborts the process without a display; say so in one line instead."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    display = os.environ.get("DISPLAY", "")
    if not display:
        return "no display found (run it on a desktop, under xvfb-run, or with QT_QPA_PLATFORM=offscreen)"
    if display.startswith(":"):
        number = display[1:].split(".")[0]
        if number.isdigit() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return f"cannot reach the display {display} (is the X server running?)"
    return None


def run_gui(
    files: list[str],
    db: str | None,
    self_test: bool = False,
    screenshot: str | None = None,
    platform: str = "offscreen",
) -> int:
    if self_test:
        from desktop_app.self_test import run_self_test

        return run_self_test(platform)
    problem = display_problem()
    if problem:
        print(f"copydesk: {problem}", file=sys.stderr)
        return 1
    app = application()
    # One window per database: a second launch hands its files to the first and exits (issue 15).
    from desktop_app.app import resolve_db_path
    from desktop_app.startup import open_for_window
    from desktop_app.ui.single_instance import claim_instance

    instance = claim_instance(resolve_db_path(db), files, enabled=not screenshot)
    if instance.handed_over:
        return 0
    # Started from a Dock or Start menu there is no terminal: problems are said in a window too,
    # and a damaged database offers its latest backup or a new one.
    desk = open_for_window(db, interactive=not screenshot)
    if desk is None:
        return 1
    app.setApplicationName("Copydesk")
    app.setOrganizationName("Copydesk")
    from PySide6.QtGui import QIcon

    from desktop_app.core.resources import resource
    from desktop_app.ui.file_open import FileOpenFilter

    app.setWindowIcon(QIcon(str(resource("icons", "copydesk-256.png"))))
    window = build_window(desk, ask_reviewer=not screenshot)
    if sys.platform == "darwin":  # only macOS sends files as QFileOpenEvent ("Open With", Dock)
        # An application-wide filter sees every event of every widget: a Python call each.
        app.installEventFilter(FileOpenFilter(window.import_files, window))
    install_error_hook(window)
    window.show()
    window.raise_()
    window.activateWindow()
    window.view.setFocus()
    instance.attach(window)  # issue 15: later launches' files open here
    if files:
        window.import_files(files)
    if screenshot:
        from desktop_app.self_test import schedule_screenshot

        schedule_screenshot(window, screenshot)
    return app.exec()


UI_SWITCH_INTERVAL_S = 0.0002


def application():  # type: ignore[no-untyped-def]
    """The QApplication, made once; PySide's import hook is made cheap first, before the window's
    ~90 modules load through it. The garbage collector waits until the window is built
    (`build_window`): start-up keeps ~70,000 objects and leaves only a few hundred in cycles, so
    its ~60 passes over them would only slow the launch (~15 ms, 3%)."""
    gc.disable()
    # The checks and the suggester run in pure-Python workers. Each Python call a paint makes
    # (a table cell, a checks row) must take the interpreter lock back from them, and by default
    # a worker keeps it 5 ms after being asked: a few hundred such calls stalled the window
    # 150-250 ms after opening a long draft. Asked to let go within 0.2 ms, the workers give
    # the UI thread its turns at once; they lose a little speed, and only while both want it.
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.pyside_hook import quicken_import_hook

    quicken_import_hook()
    return QApplication.instance() or QApplication(sys.argv[:1])


def build_window(desk, ask_reviewer: bool = True):  # type: ignore[no-untyped-def]
    """The main window over `desk`, with settings loaded and the last document reopened."""
    try:
        return _build_window(desk, ask_reviewer)
    finally:
        if not gc.isenabled():  # paused by application() for the launch
            gc.freeze()  # start-up objects live for the whole session: out of every later pass
            gc.enable()


def _build_window(desk, ask_reviewer: bool):  # type: ignore[no-untyped-def]
    from desktop_app.app import open_desk, open_repository
    from desktop_app.core.paths import data_dir, settings_path
    from desktop_app.core.settings import Settings, account_name
    from desktop_app.formats import SUPPORTED_EXTENSIONS
    from desktop_app.ui.main_window import MainWindow

    settings = Settings.load(settings_path())
    asked = not settings.reviewer
    if asked:
        settings.reviewer = ask_reviewer_name(account_name()) if ask_reviewer else account_name()
    desk.reviewer = settings.reviewer
    path = desk.repo.path
    window = MainWindow(
        desk,
        settings,
        lambda s: s.save(settings_path()),
        data_dir(),
        lambda: open_desk(path),  # exports read through their own connection, off the UI thread
        tuple(SUPPORTED_EXTENSIONS),
        open_other=open_repository,  # another reviewer's database, for File > Merge Review
    )
    if asked:
        window.save_settings()  # not at every start: the fsync can take 0.1 s on a busy disk
    window.restore_state()
    # PySide's import hook reads the source of every module imported after it (to look for
    # "PySide6") and linecache keeps it: ~7 MB of lines no one reads (a traceback reloads its own).
    linecache.clearcache()
    return window


def install_error_hook(window) -> None:  # type: ignore[no-untyped-def]
    """An unexpected error inside a Qt slot must not print a traceback at the user or lose work:
    every edit was already committed or rolled back by its transaction. Show one line, keep the
    details in copydesk.log beside the database for a bug report."""
    import traceback

    from desktop_app.core.paths import data_dir

    def hook(kind, error, tb) -> None:  # type: ignore[no-untyped-def]
        try:
            log = data_dir() / "copydesk.log"
            with log.open("a", encoding="utf-8") as handle:
                handle.write("".join(traceback.format_exception(kind, error, tb)))
        except OSError:
            log = None
        where = f" (details in {log})" if log else ""
        message = f"Something went wrong: {type(error).__name__}: {error}{where}"
        print(f"copydesk: {message}", file=sys.stderr)
        try:
            window.show_message(message.splitlines()[0], error=True)
        except Exception:  # the window itself may be what failed
            pass

    sys.excepthook = hook


def ask_reviewer_name(default: str) -> str:
    """First run: the name saved with every annotation. Cancel leaves it unset (asked again next
    time, and settable in Preferences) rather than silently storing the login name."""
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getText(
        None,
        "Welcome to Copydesk",
        "Copydesk saves your name with every annotation you make, so the desk knows who\n"
        "reviewed what. You can change it later in Edit > Preferences.\n\nYour name:",
        text=default,
    )
    return name.strip() if ok else ""
