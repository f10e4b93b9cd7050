"""A job's progress callback held at its first word until the user's Cancel: the tests of
progress dialogs press Cancel while the job is surely running."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


class FirstWordHeld:
    """:meth:`wrap` a job's ``progress``: its first word waits, saying it again (the callback
    raises once cancelled) for up to 10 s; every fraction told is kept in :attr:`told`. Set
    :attr:`hold` False for a job that runs through."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.hold = True
        self.told: list[Any] = []

    def wrap(self, progress: Callable[..., None]) -> Callable[..., None]:
        assert progress is not None

        def tell(first: Any, *rest: Any) -> None:
            self.told.append(first)
            if self.hold and not self.started.is_set():
                self.started.set()
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    progress(first, *rest)  # (raises once cancelled)
                    time.sleep(0.02)
            progress(first, *rest)

        return tell


def shown_progress(qtbot: Any, widget: Any, timeout: float = 5) -> Any:
    """The visible progress dialog among ``widget``'s children, waited for (None: none)."""
    from seller_desk.ui.qt import QProgressDialog

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = [d for d in widget.findChildren(QProgressDialog) if d.isVisible()]
        if shown:
            return shown[0]
        qtbot.wait(20)
    return None


def showing(dialog: Any) -> bool:
    """``dialog`` is shown (False once closed, or deleted with its job)."""
    import shiboken6

    return shiboken6.isValid(dialog) and dialog.isVisible()
