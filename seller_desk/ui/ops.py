"""Background work: one writer thread for database writes, a pool for reads and network.

SQLite likes one writer, so every write runs on a single worker in submission order; reads and
network calls run on a small pool. A job may take a ``task`` argument to report
``(fraction, message)`` progress and to check ``task.cancelled``. Results, errors and progress
come back on the GUI thread through queued signals; widgets are never touched off it.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from seller_desk.ui.qt import QCoreApplication, QObject, Qt, Signal

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job by :meth:`Task.check` after the user pressed Cancel."""


class Task(QObject):
    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, label: str = ""):
        super().__init__()
        self.label = label
        self._cancel = threading.Event()
        self.future: Future | None = None

    # called from the worker thread ----------------------------------------------------------
    def progress(self, fraction: float, message: str = "") -> None:
        self.progressed.emit(max(0.0, min(1.0, float(fraction))), message)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    # called from the GUI thread -------------------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()

    def done(self) -> bool:
        return self.future is not None and self.future.done()


def _while_alive(owner: QObject, fn: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """``fn``, called only while ``owner``'s C++ object lives: a window rebuilt by a language
    switch deletes its pages while their loads still run, and a late result would reach a
    deleted widget (RuntimeError: Internal C++ object already deleted)."""
    if fn is None:
        return None
    import shiboken6

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)
        else:
            log.debug("a late result for a deleted %s dropped", type(owner).__name__)

    return call


class Ops(QObject):
    """The two executors. ``busy_changed`` tells the status bar when work starts and ends.

    ``owner=`` (a QObject, usually the page asking): its callbacks are dropped once it is
    deleted."""

    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, pool_size: int = 4):
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sd-write")
        self._pool = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="sd-read")
        self._running: set[Task] = set()
        self._closed = False
        self._held: list[tuple[Task, Callable[[], None]]] | None = None

    def run_write(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Task:
        return self._submit(self._writer, fn, args, kw)

    def run_read(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Task:
        return self._submit(self._pool, fn, args, kw)

    def _submit(self, executor: ThreadPoolExecutor, fn: Callable[..., Any], args: tuple,
                kw: dict[str, Any]) -> Task:
        on_done = kw.pop("on_done", None)
        on_error = kw.pop("on_error", None)
        on_progress = kw.pop("on_progress", None)
        owner = kw.pop("owner", None)
        if owner is not None:  # the owner may be deleted before the result comes back
            on_error = on_error or self._default_error
            on_done, on_error, on_progress = (_while_alive(owner, f)
                                              for f in (on_done, on_error, on_progress))
        task = Task(kw.pop("label", getattr(fn, "__name__", "")))
        conn = Qt.ConnectionType.QueuedConnection
        if on_done:
            task.finished.connect(on_done, conn)
        task.failed.connect(on_error or self._default_error, conn)
        if on_progress:
            task.progressed.connect(on_progress, conn)
        task.finished.connect(lambda _r, t=task: self._forget(t), conn)
        task.failed.connect(lambda _e, t=task: self._forget(t), conn)
        if self._closed:  # the window is closing: late refreshes are dropped, not crashed on
            log.debug("job %s dropped after shutdown", task.label)
            return task
        wants_task = "task" in inspect.signature(fn).parameters
        if wants_task:
            kw["task"] = task

        def work() -> None:
            try:
                result = fn(*args, **kw)
            except BaseException as exc:  # delivered to the GUI thread, never swallowed
                if not isinstance(exc, Cancelled):
                    log.debug("job %s failed", task.label, exc_info=True)
                task.failed.emit(exc)
            else:
                task.finished.emit(result)

        self._running.add(task)
        self.busy_changed.emit(len(self._running))
        if self._held is not None and executor is self._pool:
            self._held.append((task, work))
            return task
        task.future = executor.submit(work)
        return task

    def hold(self) -> None:
        """Keep the reads submitted from now on until :meth:`release`. The window's start: the
        pages' loads wait for its first paint instead of racing it for the interpreter."""
        if self._held is None:
            self._held = []

    @property
    def holding(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        held, self._held = self._held or [], None
        for task, work in held:
            if not self._closed and task in self._running:
                task.future = self._pool.submit(work)

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        self.busy_changed.emit(len(self._running))

    def _default_error(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        from seller_desk.ui.errors import show_error

        show_error(None, exc)

    @property
    def busy(self) -> int:
        return len(self._running)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block (processing events) until every job has delivered its result. For tests."""
        import time

        end = time.monotonic() + timeout
        while self._running and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        QCoreApplication.processEvents()

    def shutdown(self) -> None:
        self._closed = True
        self._held = None
        for task in list(self._running):
            task.cancel()
        self._writer.shutdown(wait=True, cancel_futures=False)
        self._pool.shutdown(wait=True, cancel_futures=True)
