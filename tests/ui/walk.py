"""The GUI walk's machinery: drive every modal dialog, file dialog and message box without a
person, and record what a person would have seen go wrong (an error box, a logged error, a
window taller or wider than a 1366×768 laptop screen).

A dialog is "accepted" by clicking its OK (accept-role) button, as a person would; when that
button is disabled (nothing valid entered) the person could only cancel, so the walk cancels.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

SCREEN_W, SCREEN_H = 1366, 768


@dataclass
class Walker:
    tmp: Path
    accept: bool = True
    errors: list[str] = field(default_factory=list)
    too_big: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    boxes: list[str] = field(default_factory=list)
    where: str = ""
    _n: int = 0
    _big_seen: set = field(default_factory=set)

    # -- checks -------------------------------------------------------------------------------
    def check_size(self, w: QWidget, what: str) -> None:
        hint = w.minimumSizeHint()
        size = w.size()
        width = max(hint.width(), w.minimumWidth(), size.width() if w.isVisible() else 0)
        height = max(hint.height(), w.minimumHeight(), size.height() if w.isVisible() else 0)
        if (width > SCREEN_W or height > SCREEN_H) and what not in self._big_seen:
            self._big_seen.add(what)  # once per window: the first place it happened
            self.too_big.append(f"{self.where}: {what} {width}×{height}")

    # -- dialogs ------------------------------------------------------------------------------
    def _ok_button(self, dialog: QDialog) -> QAbstractButton | None:
        for box in dialog.findChildren(QDialogButtonBox):
            for b in box.buttons():
                if box.buttonRole(b) in (QDialogButtonBox.ButtonRole.AcceptRole,
                                         QDialogButtonBox.ButtonRole.YesRole):
                    return b
        return None

    def drive(self, dialog: QDialog) -> int:
        """What exec() returns after a person accepted (or cancelled) ``dialog``."""
        name = type(dialog).__name__
        self.dialogs.append(f"{self.where}: {name}")
        dialog.show()
        QCoreApplication.processEvents()
        self.check_size(dialog, name)
        result = 0
        if self.accept:
            ok = self._ok_button(dialog)
            if ok is not None and ok.isEnabled() and ok.isVisible():
                ok.click()
                QCoreApplication.processEvents()
                if dialog.isVisible():  # refused what was entered: the person cancels
                    dialog.reject()
                result = int(dialog.result())
            elif ok is None:
                dialog.accept()
                result = int(dialog.result())
            else:
                dialog.reject()
        else:
            dialog.reject()
        dialog.hide()
        return result

    def box(self, box: QMessageBox, *_a) -> int:
        text = box.text() + " " + box.informativeText()
        self.boxes.append(f"{self.where}: {text}")
        if box.icon() == QMessageBox.Icon.Critical:
            self.errors.append(f"{self.where}: error box: {text} {box.detailedText()[-800:]}")
        wanted = ((QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.YesRole)
                  if self.accept else
                  (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole))
        for b in box.buttons():
            if box.buttonRole(b) in wanted:
                std = box.standardButton(b)
                return int(std.value if hasattr(std, "value") else std) if std else 0
        return int(QMessageBox.StandardButton.Ok.value)

    def question(self, *_a, **_k):
        return QMessageBox.StandardButton.Yes if self.accept else QMessageBox.StandardButton.No

    def info(self, parent, title, text, *_a, **_k):
        self.boxes.append(f"{self.where}: {text}")
        return QMessageBox.StandardButton.Ok

    def _path(self, suffix: str) -> str:
        self._n += 1
        return str(self.tmp / f"walk-{self._n}{suffix}")

    def _suffix(self, args: tuple, kw: dict) -> str:
        filt = kw.get("filter") or (args[3] if len(args) > 3 else "") or ""
        for ext in (".xlsx", ".pdf", ".zip", ".xml", ".csv", ".sqlite", ".png", ".json"):
            if f"*{ext}" in filt:
                return ext
        return ".xlsx"

    def save_name(self, *args, **kw):
        if not self.accept:
            return "", ""
        return self._path(self._suffix(args, kw)), ""

    def open_name(self, *args, **kw):
        if not self.accept:
            return "", ""
        path = Path(self._path(self._suffix(args, kw)))
        path.write_bytes(b"not a report this app knows\n")  # a wrong file: refused with a reason
        return str(path), ""

    def open_names(self, *args, **kw):
        name, f = self.open_name(*args, **kw)
        return ([name] if name else []), f

    def directory(self, *args, **kw):
        if not self.accept:
            return ""
        folder = Path(self._path(""))
        folder.mkdir()
        return str(folder)

    def settle(self, ctx, keep: set) -> None:
        """Wait for background work, then answer any dialog opened with open()/show()."""
        for _ in range(20):
            ctx.ops.wait_idle(60)
            open_dialogs = [w for w in QApplication.topLevelWidgets()
                            if isinstance(w, QDialog) and w.isVisible() and id(w) not in keep]
            if not open_dialogs:
                return
            for d in open_dialogs:
                self.drive(d)


def install(monkeypatch, walker: Walker) -> None:
    monkeypatch.setattr(QDialog, "exec", lambda self, *a: walker.drive(self))
    monkeypatch.setattr(QMessageBox, "exec", lambda box, *a: walker.box(box))
    monkeypatch.setattr(QMessageBox, "question", walker.question)
    monkeypatch.setattr(QMessageBox, "warning", walker.info)
    monkeypatch.setattr(QMessageBox, "information", walker.info)
    monkeypatch.setattr(QMessageBox, "about", walker.info)

    def critical(parent, title, text, *a, **k):
        walker.errors.append(f"{walker.where}: critical box {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", walker.save_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", walker.open_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", walker.open_names)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", walker.directory)
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda *_a: True)


class ErrorLog(logging.Handler):
    def __init__(self, walker: Walker):
        super().__init__(logging.ERROR)
        self.walker = walker

    def emit(self, record: logging.LogRecord) -> None:
        self.walker.errors.append(f"{self.walker.where}: log: {self.format(record)[-1500:]}")


def internal_codes() -> set[str]:
    """Values that must never reach a Chinese screen as they are: coded enum values (order
    status, rate source, stock cause, demo step), reader names and problem keys."""
    from seller_desk import messages
    from seller_desk.io.readers import readers
    from seller_desk.ui.widgets.codes import CODES

    messages._load_all()
    codes = {code for family in CODES.values() for code in family}
    codes |= set(readers())
    codes |= set(messages._TEMPLATES)
    return codes


def codes_on_screen(root: QWidget, codes: set[str]) -> list[str]:
    """Every visible cell, header, label or button text of ``root`` that is an internal code
    (or names a problem key or reader name inside a longer text)."""
    import re

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView

    long_codes = {c for c in codes if "." in c or "_" in c or "-" in c}
    found: list[str] = []

    def check(text: object, where: str) -> None:
        t = str(text or "").strip()
        if not t:
            return
        if t in codes:
            found.append(f"{where}: {t!r}")
            return
        for word in re.findall(r"[a-z][a-z0-9_.\-]+[a-z0-9]", t):
            if word in long_codes:
                found.append(f"{where}: {word!r} in {t[:80]!r}")

    for view in root.findChildren(QTableView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for c in range(model.columnCount()):
            check(model.headerData(c, Qt.Orientation.Horizontal), f"{view.objectName()} header")
            for r in range(min(model.rowCount(), 40)):
                check(model.data(model.index(r, c)), f"{view.objectName()} cell")
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if w.isVisible():
            check(w.text(), type(w).__name__)
    return found
