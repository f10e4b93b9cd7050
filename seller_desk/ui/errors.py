"""The one error path of the GUI: log the traceback, show a human message with details.

No Python traceback is ever the message a user reads: it sits behind "Show details" (copyable)
and in the log file; the message says what happened and what to do next.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable

from seller_desk.core.problems import Problem, ProblemError
from seller_desk.messages import describe
from seller_desk.ui.qt import QApplication, QCoreApplication, QMessageBox, QWidget

log = logging.getLogger("seller_desk.ui")


def _lang() -> str:
    from seller_desk.ui.qt import QLocale

    return QLocale().name()


def show_problems(
    parent: QWidget | None, problems: Iterable[Problem], title: str | None = None
) -> None:
    """Refused input: every problem, in the user's language, no traceback."""
    problems = list(problems)
    lines = [describe(p, _lang()) for p in problems]
    box = QMessageBox(parent)
    box.setObjectName("problemsBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Errors", "Please check"))
    box.setText(
        lines[0]
        if len(lines) == 1
        else QCoreApplication.translate("Errors", "Some things need attention:")
    )
    if len(lines) > 1:
        box.setInformativeText("\n".join(f"• {line}" for line in lines[:12]))
        if len(lines) > 12:
            box.setDetailedText("\n".join(lines))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    add_guide_button(box, problems)
    box.exec()


def add_guide_button(box: QMessageBox, problems: list[Problem]):
    """A "? Guide" button opening the guide at the section about these problems; the box
    stays open (its own click handling is cut), so the problems can be read beside the guide."""
    from seller_desk.ui.guide import open_guide, problems_topic

    button = box.addButton(QCoreApplication.translate("Errors", "? Guide"),
                           QMessageBox.ButtonRole.HelpRole)
    button.setObjectName("problemsGuide")
    button.clicked.disconnect()
    button.clicked.connect(lambda: open_guide(problems_topic(problems), box))
    return button


def show_error(parent: QWidget | None, exc: BaseException, *, context: str = "") -> None:
    """An unexpected failure: plain message, next step, details to copy; logged in full."""
    from seller_desk.keychain import KeychainUnavailable, unwrap

    exc = unwrap(exc)
    if isinstance(exc, ProblemError):
        show_problems(parent, exc.problems)
        return
    if isinstance(exc, KeychainUnavailable):
        show_problems(parent, [Problem(key="keychain.unavailable", params={"reason": str(exc)})])
        return
    from seller_desk.store.db import StoreError

    if isinstance(exc, StoreError):
        show_problems(
            parent,
            [exc.problem],
            QCoreApplication.translate("Errors", "Cannot open the company file"),
        )
        return
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error%s\n%s", f" in {context}" if context else "", details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Something went wrong"))
    box.setText(
        QCoreApplication.translate(
            "Errors",
            "SellerDesk ran into a problem it did not expect. Your data was not changed "
            "by the failed step.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Errors",
            "You can keep working. If it happens again, send the details "
            "below (they contain no ID numbers) to your trainer or support.",
        )
    )
    box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    """Route uncaught exceptions (also from Qt slots) to the log and a human message."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc = exc if exc is not None else exc_type()
        exc.__traceback__ = tb
        app = QApplication.instance()
        if app is None or getattr(app, "_showing_error", False):
            log.error("uncaught", exc_info=(exc_type, exc, tb))
            return
        app._showing_error = True
        try:
            show_error(app.activeWindow(), exc)
        finally:
            app._showing_error = False

    sys.excepthook = hook
