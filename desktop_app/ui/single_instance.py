"""One window per database: a second `copydesk FILE...` on the same database hands its files to the
running window over a local socket (QLocalServer/QLocalSocket) and exits."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

# A first copy still starting up answers once its event loop runs; only a hung one takes this long.
TIMEOUT_MS = 10000
DELIVERED, NO_SERVER, NO_ANSWER = "delivered", "no server", "no answer"


def server_name(db_path: str | Path) -> str:
    """A name per user and database file: Windows pipe names and Unix socket files are shared by
    every user of the machine, and two databases may well be open in two windows."""
    path = os.path.abspath(os.path.expanduser(str(db_path)))
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): the home folder stands in
        user = str(Path.home())
    key = f"{user}\0{os.path.normcase(path)}".encode()
    return "copydesk-" + hashlib.sha256(key).hexdigest()[:20]


class Instance(QObject):
    """The outcome of claim_instance: either handed_over (exit now) or the running copy's server,
    which turns every later launch's files into files_received."""

    files_received = Signal(list)

    def __init__(self, handed_over: bool, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handed_over = handed_over
        self.name = name
        self.server: QLocalServer | None = None
        self._pending: list[list[str]] = []
        self._window: Any = None

    def listen(self, may_remove_stale: bool) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        ok = server.listen(self.name)
        if not ok and may_remove_stale:
            # Unix: a socket file left behind by a copy that crashed; nobody answered on it.
            QLocalServer.removeServer(self.name)
            ok = server.listen(self.name)
        if not ok:  # the window still opens, only without the handoff
            print(f"copydesk: no single-instance handoff: {server.errorString()}", file=sys.stderr)
            return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def attach(self, window: Any) -> None:
        """From now on files from later launches are imported into window, which comes to front."""
        self._window = window
        for files in self._pending:
            self._open_in_window(files)
        self._pending.clear()

    def _open_in_window(self, files: list[str]) -> None:
        window = self._window
        if window is None:
            self._pending.append(files)
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if files:
            window.import_files(files)

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(self._ready_read)
            socket.disconnected.connect(self._disconnected)
            self._read(socket)  # the line may have arrived with the connection

    def _ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode("utf-8", "replace")
        try:
            files = [str(name) for name in json.loads(line)["open"]]
        except (ValueError, KeyError, TypeError):
            socket.abort()  # not a Copydesk launch: ignore it
            return
        socket.write(b"ok\n")
        socket.flush()
        self.files_received.emit(files)
        self._open_in_window(files)


def hand_over(name: str, files: Sequence[str], timeout_ms: int = TIMEOUT_MS) -> str:
    """Send files to the copy listening on name: DELIVERED, NO_SERVER or NO_ANSWER (it hangs)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return NO_SERVER
    _allow_other_process_to_come_to_front()
    message = json.dumps({"open": [os.path.abspath(name) for name in files]}) + "\n"
    socket.write(message.encode("utf-8"))
    if not socket.waitForBytesWritten(timeout_ms):
        return NO_ANSWER
    while not socket.canReadLine():
        if not socket.waitForReadyRead(timeout_ms):
            return NO_ANSWER
    answer = bytes(socket.readLine().data()).strip()
    socket.disconnectFromServer()
    return DELIVERED if answer == b"ok" else NO_ANSWER


def claim_instance(db_path: str | Path, files: Sequence[str], enabled: bool = True) -> Instance:
    """Hand files to a copy already running on db_path (then .handed_over is True: exit), or become
    that copy. A lock file keeps two copies started at the same moment from both becoming it."""
    if not enabled:
        return Instance(handed_over=False)
    name = server_name(db_path)
    lock = QLockFile(os.path.join(QDir.tempPath(), name + ".lock"))
    locked = lock.tryLock(TIMEOUT_MS)
    try:
        outcome = hand_over(name, files)
        if outcome == DELIVERED:
            return Instance(handed_over=True, name=name)
        instance = Instance(handed_over=False, name=name)
        # A copy that is running but does not answer keeps its name: open a second window.
        instance.listen(may_remove_stale=outcome == NO_SERVER)
        return instance
    finally:
        if locked:
            lock.unlock()


def _allow_other_process_to_come_to_front() -> None:
    """Windows lets only the foreground process raise a window: pass that right to the copy that
    will open the files, or its window would only flash in the taskbar."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
