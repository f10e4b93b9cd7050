"""Handing files to the desktop: open one with its program, show one in its folder.

Open folder selects the file in the file manager where the desktop allows it (Explorer
``/select``, Finder ``open -R``, the freedesktop ``FileManager1.ShowItems`` call), else opens the
folder through :class:`QDesktopServices` (tests replace ``QDesktopServices.openUrl``).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from seller_desk.ui.qt import QDesktopServices, QUrl

log = logging.getLogger(__name__)


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

        exe = shutil.which("dbus-send")
        if exe is None:
            return False
        done = subprocess.run(
            [exe, "--session", "--print-reply", "--reply-timeout=2000",
             "--dest=org.freedesktop.FileManager1", "--type=method_call",
             "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
             f"array:string:{QUrl.fromLocalFile(str(path)).toString()}", "string:"],
            capture_output=True, timeout=3, check=False)
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError) as exc:
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
