"""The progress dialog of long work (``ui/widgets/progress.run_with_progress``)."""

from __future__ import annotations

import threading
import time

import shiboken6

from seller_desk.ui.qt import QDialog, QProgressDialog, QTimer, QWidget
from tests.ui.holding import shown_progress


def _queued_together(qtbot, app_context, parent, on_done):
    """Run a job whose words after the first, and its result, reach the GUI thread together
    (the GUI thread held while the job tells them and returns). The dialog, once shown."""
    from seller_desk.ui.widgets.progress import run_with_progress

    go = threading.Event()

    def work(progress):
        progress(0.1, "first")
        go.wait(10)
        for step in range(2, 9):
            progress(step / 10, f"word {step}")
        return "done"

    run_with_progress(parent, app_context.ops, work, text="Working", on_done=on_done)
    dialog = shown_progress(qtbot, parent)
    assert dialog is not None
    qtbot.wait(50)  # (the first word shown: the modal dialog's setValue now processes events)
    go.set()
    time.sleep(0.3)
    return dialog


def test_a_result_that_opens_a_dialog_waits_for_the_progress_bar(qtbot, app_context):
    """A shown modal dialog's ``setValue`` processes events; the result queued behind the last
    word was handled in there, deleted the progress dialog and opened the next dialog (the
    import preview does) under it: the label set after found a deleted dialog (RuntimeError,
    a failed CI run), or Qt's setValue went on in a deleted dialog (a crash). The result now
    comes once the bar is set."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen: list[tuple[str, bool]] = []
    dialogs: list[QProgressDialog] = []

    def on_done(result):
        # the progress dialog is no longer shown when the result is
        seen.append((result, any(d.isVisible() for d in dialogs if shiboken6.isValid(d))))
        nested = QDialog(parent)
        QTimer.singleShot(100, nested.accept)
        nested.exec()  # (its loop deletes what deleteLater was called on)

    dialogs.append(_queued_together(qtbot, app_context, parent, on_done))
    app_context.ops.wait_idle()  # (events processed outside any loop, as a test's wait does)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [("done", False)]
    qtbot.waitUntil(lambda: not parent.findChildren(QProgressDialog), timeout=5000)


def test_no_word_is_shown_after_the_result(qtbot, app_context):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    results: list[str] = []
    labels: list[str] = []

    def on_done(result):
        results.append(result)
        labels.extend(d.labelText() for d in parent.findChildren(QProgressDialog)
                      if shiboken6.isValid(d))

    _queued_together(qtbot, app_context, parent, on_done)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    qtbot.wait(50)
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    assert all(label.endswith("word 8") for label in labels)  # the last word before the result


def test_the_dialog_shows_whatever_the_jobs_first_word(qtbot, app_context):
    """Qt shows a progress dialog by itself only after a value at its minimum: a job whose
    first word was further on (37%) and stayed there for seconds showed nothing and no
    Cancel. Shown after 300 ms now, and its Cancel stops the job."""
    from seller_desk.ui.widgets.progress import run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    cancelled: list[object] = []

    def work(progress):
        end = time.monotonic() + 10
        while time.monotonic() < end:
            progress(0.37, "still at it")  # (raises once cancelled)
            time.sleep(0.01)
        return "too slow"

    def stopped() -> None:
        cancelled.append(True)

    run_with_progress(parent, app_context.ops, work, text="Working", on_done=cancelled.append,
                      on_cancel=stopped)
    dialog = shown_progress(qtbot, parent, timeout=3)
    assert dialog is not None and dialog.value() == 37
    dialog.canceled.emit()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)  # (not "too slow": stopped)
