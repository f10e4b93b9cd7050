"""One SellerDesk window per user and data folder, and ``sellerdesk://`` links handed to it.

The first instance listens on a QLocalServer (a Unix socket / Windows named pipe) named after
the user and the data folder. A second start — the user clicks a trainer's ``sellerdesk://``
link, or starts SellerDesk again — connects, hands over its link (or just "show yourself") and
exits; the first instance raises its window and opens Sync ▸ Connect prefilled with the link.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from seller_desk.ui.qt import QDir, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LINK_SCHEMES = ("sellerdesk://", "sellerdesks://")
_TIMEOUT_MS = 1000


def is_link(text: str) -> bool:
    return text.lower().startswith(LINK_SCHEMES)


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: the folder alone still separates
        user = ""
    key = f"{user}\0{Path(data_dir).expanduser().resolve()}".encode()
    return "SellerDesk-" + hashlib.sha256(key).hexdigest()[:16]


class SingleInstance(QObject):
    """``hand_over`` to a running instance, else ``listen`` and emit ``received`` per message."""

    received = Signal(str)  # a sellerdesk:// link, or "" for "show the window"

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server: QLocalServer | None = None

    def nobody_listens(self) -> bool:
        """Surely no instance listens: on Unix and macOS the server is a socket file in the
        temporary folder, and there is none (QtNetwork, ~7 ms, need not load before the first
        window). Windows' named pipes leave no file: there only connecting tells."""
        if sys.platform == "win32":
            return False
        return not Path(QDir.tempPath(), self.name).exists()

    def hand_over(self, message: str = "") -> bool:
        """True when another instance is running and took ``message``."""
        if self.nobody_listens():
            return False
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write((message.replace("\n", " ") + "\n").encode("utf-8"))
        socket.flush()
        ok = socket.waitForBytesWritten(_TIMEOUT_MS) or socket.bytesToWrite() == 0
        socket.disconnectFromServer()
        log.info("handed over to the running SellerDesk (%s)", "link" if message else "raise")
        return ok

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # nobody answered hand_over, so a socket file left by a crash is stale
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance server not started: %s", server.errorString())
                return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll()))
                while b"\n" in buffer:
                    line, _, rest = bytes(buffer).partition(b"\n")
                    buffer[:] = rest
                    text = line.decode("utf-8", "replace").strip()
                    if text and not is_link(text):
                        log.warning("ignored a message that is not a sellerdesk:// link")
                        continue
                    self.received.emit(text)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
