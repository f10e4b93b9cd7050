"""Long work with a progress dialog: how far it is, and a Cancel that stops it.

:func:`run_with_progress` runs ``work(progress)`` on a worker thread; ``progress(fraction,
text)`` moves the bar (text: what is being done) and raises once the user pressed Cancel, so
the work stops where it is (an import rolls back). The dialog shows after 300 ms only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seller_desk.ui.qt import QCoreApplication, QProgressDialog, Qt, QTimer, QWidget

Progress = Callable[[float, str], None]


def run_with_progress(parent: QWidget, ops: Any, work: Callable[[Progress], Any], *,
                      text: str, on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None] | None = None,
                      on_cancel: Callable[[], None] | None = None,
                      label: str = "", write: bool = True, busy: bool = False) -> Any:
    """Run ``work`` on the writer thread (a reader's with ``write=False``) under a progress
    dialog saying ``text``; ``on_done(result)`` after it, ``on_error(exc)`` after a failure
    (default: the error shown), ``on_cancel()`` after a cancel. ``busy``: a bar without a
    fraction (an export of rows not counted first), the text telling how far. The job's
    Task."""
    from seller_desk.ui.errors import show_error
    from seller_desk.ui.ops import Cancelled

    dialog = QProgressDialog(text, QCoreApplication.translate("Progress", "Cancel"), 0,
                             0 if busy else 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if busy:
        dialog.reset()  # (shown below after half a second: no value to time itself by)
    else:
        dialog.setMinimumDuration(300)
        # (its timer started: shown after 300 ms whatever the job's first word says; Qt
        # starts it only for a value at the minimum, and a job whose first word was further on
        # and then stayed there showed nothing, nor a Cancel)
        dialog.setValue(0)

    def job(task: Any) -> Any:
        def progress(fraction: float, what: str = "") -> None:
            task.progress(fraction, what)
            task.check()

        return work(progress)

    # A shown modal dialog's setValue processes events, and the job's result, queued behind
    # its last word, may be handled in there: its dialog deleted (or a message box's nested
    # loop run) under setValue. The result waits until setValue has returned.
    state: dict[str, Any] = {"setting": 0, "after": None, "over": False}

    def finish(then: Callable[[], None]) -> None:
        if state["setting"]:
            state["after"] = then
            return
        state["over"] = True
        dialog.reset()
        dialog.deleteLater()  # (one dialog per job: not kept by the window)
        then()

    def done(result: Any) -> None:
        state["over"] = True  # (no word after the result is shown)
        finish(lambda: on_done(result))

    def failed(exc: BaseException) -> None:
        state["over"] = True

        def then() -> None:
            if isinstance(exc, Cancelled):
                if on_cancel is not None:
                    on_cancel()
            else:
                (on_error or (lambda e: show_error(parent, e)))(exc)

        finish(then)

    def moved(fraction: float, what: str) -> None:
        if state["over"]:
            return
        dialog.setLabelText(f"{text}\n{what}" if what else text)  # (what it does, how far)
        if busy:
            return
        state["setting"] += 1
        try:
            dialog.setValue(int(fraction * 100))
        finally:
            state["setting"] -= 1
        if not state["setting"] and state["after"] is not None:
            then, state["after"] = state["after"], None
            finish(then)

    run = ops.run_write if write else ops.run_read
    # (told only while the parent lives: a page rebuilt by a language switch is gone)
    task = run(job, on_done=done, on_error=failed, label=label, on_progress=moved, owner=parent)
    dialog.canceled.connect(task.cancel)
    if busy:
        QTimer.singleShot(500, dialog, lambda: None if task.done() else dialog.show())
    return task
