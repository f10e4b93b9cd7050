"""Handing files to the desktop: open one with its program, show one in its folder.

Open folder selects the file in the file manager where the desktop allows it (Explorer
``/select``, Finder ``open -R``, the freedesktop ``FileManager1.ShowItems`` call), else opens the
folder through :class:`QDesktopServices` (tests replace ``QDesktopServices.openUrl``).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from seller_desk.ui.qt import QDesktopServices, QUrl

log = logging.getLogger(__name__)

#: file-manager calls still running (kept referenced until they finish)
_running: set[object] = set()


def open_path(path: Path) -> bool:
    """Open a file (or folder) with the program the desktop uses for it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def _select_in_file_manager(path: Path) -> bool:
    """Show ``path`` selected in the file manager; False when this desktop offers no way."""
    try:
        if sys.platform == "win32":
            from PySide6.QtCore import QProcess

            return bool(QProcess.startDetached("explorer.exe", ["/select,", str(path)]))
        if sys.platform == "darwin":
            from PySide6.QtCore import QProcess

            return bool(QProcess.startDetached("open", ["-R", str(path)]))
        import shutil

        from PySide6.QtCore import QProcess

        exe = shutil.which("dbus-send")
        if exe is None:
            return False
        # asynchronous: a desktop without a file manager service must not freeze the window
        # for the call's timeout; when the call fails, the folder is opened instead
        proc = QProcess()
        _running.add(proc)

        def finished(code: int, _status: object = None) -> None:
            _running.discard(proc)
            if code != 0:
                open_path(path.parent)

        proc.finished.connect(finished)
        proc.start(exe, [
            "--session", "--print-reply", "--reply-timeout=2000",
            "--dest=org.freedesktop.FileManager1", "--type=method_call",
            "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
            f"array:string:{QUrl.fromLocalFile(str(path)).toString()}", "string:"])
        if not proc.waitForStarted(1000):
            _running.discard(proc)
            return False
        return True
    except OSError as exc:
        log.info("no file manager selection for %s: %s", path, exc)
        return False


def reveal(path: Path) -> bool:
    """Open folder: the file selected in its folder where possible, else the folder opened."""
    path = Path(path)
    if path.is_dir():
        return open_path(path)
    if path.exists() and _select_in_file_manager(path):
        return True
    return open_path(path.parent)
