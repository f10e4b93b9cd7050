"""What an import would do, before it writes: the reader and encoding chosen, the first rows as
read, counts to add / update / leave unchanged / reject, and every problem with its row and
column. The counts come from the area's own import run in a transaction that is rolled back
(the same code as the real import, so they cannot disagree), while the Desk's write lock is
held so no other write can slip into that transaction.

The window's preview *holds* the import instead (``preview(hold=True)``, :class:`HeldImport`):
its transaction stays open while the user reads the preview, and is committed when they confirm
it, so a 100k-row report is written once, not once to count and once more to keep."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seller_desk.core.problems import Problem

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.io.readers import Progress
    from seller_desk.services.imports import FileRead, ImportReport


@dataclass
class ImportPreview:
    path: Path
    reader: str
    label: str
    area: str
    encoding: str | None
    rows: list[list[str]]
    report: ImportReport
    good_rows_report: ImportReport | None = None
    problems: list[Problem] = field(default_factory=list)
    #: what was read, for the import the user confirms (not read again while the file is
    #: unchanged); None once :meth:`forget_read`
    read: FileRead | None = field(default=None, repr=False, compare=False)
    #: the import held for the user's answer (``preview(hold=True)``): what was read carries
    #: it to the import they confirm
    held: HeldImport | None = field(default=None, repr=False, compare=False)

    def forget_read(self) -> None:
        """Let what was read go (the dialog closed without importing: it may be big); a held
        import not answered yet is rolled back."""
        if self.held is not None:
            self.held.answer(False)
        self.read = None

    @property
    def errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def to_json(self, lang: str | None = "en") -> dict[str, Any]:
        from seller_desk.services.imports import problem_json

        return {"file": self.path.name, "reader": self.reader, "area": self.area,
                "encoding": self.encoding, "rows": self.rows,
                "counts": {k: getattr(self.report, k) for k in
                           ("imported", "updated", "unchanged", "rejected")},
                "problems": [problem_json(p, lang) for p in self.problems]}


@contextmanager
def _stood_in(desk: Desk, **mine: Callable[..., Any]) -> Iterator[dict[str, Callable[..., Any]]]:
    """Within the block, ``desk.<name>`` is ``mine[name]`` in this thread and the Desk's own
    in every other; the Desk's own are yielded, and put back at the end. The caller holds the
    write lock: taken under it, the Desk's own are never another preview's stand-ins."""
    owner = threading.get_ident()
    real = {name: getattr(desk, name) for name in mine}

    def dispatch(name: str) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            return (mine if threading.get_ident() == owner else real)[name](*args)

        return call

    for name in mine:
        setattr(desk, name, dispatch(name))
    try:
        yield real
    finally:
        for name, fn in real.items():
            setattr(desk, name, fn)


@contextmanager
def _rolled_back(desk: Desk) -> Iterator[None]:
    """Within the block, ``desk.write()`` rolls back instead of committing and ``desk.emit``
    tells no one, in this thread only; the write lock is held throughout, so another thread's
    write waits for the block's end, then commits and is told as ever (it was rolled back
    with the preview's and told all the same)."""

    @contextmanager
    def rolled_back() -> Iterator[Any]:
        from seller_desk.store import search_index
        from seller_desk.store.outbox import ROLLED_BACK

        with desk._write_lock, desk.store.sessions() as session:
            session.info[ROLLED_BACK] = True  # (its sync payloads are not made: undone anyway)
            session.begin()
            try:
                search_index.drop_index_triggers(session)  # (the same: back with the rollback)
                yield session
                session.flush()
            finally:
                session.rollback()

    with desk._write_lock, _stood_in(desk, write=rolled_back, emit=lambda changes: changes):
        yield


#: How long a held import waits for the user's answer before it lets go of the write lock (it
#: is rolled back; a later confirmation imports as if nothing had been held).
HOLD_TIMEOUT = 600.0


class HeldImport:
    """An import run for its preview and kept, uncommitted, until the user answers: committed
    when they confirm it (the import then writes nothing again: the window's import of a big
    report took its preview's time twice), rolled back when they cancel, or after ``timeout``
    seconds unanswered.

    Its own thread runs the import and then waits for the answer, holding the Desk's write
    lock all that time (a lock is its thread's): another thread's write waits for the answer,
    then commits as ever. In that thread ``desk.write()`` and ``desk.read()`` are the held
    transaction (the import's later steps see its earlier ones, as after their commits), and
    ``desk.emit`` is kept for after the commit. ``skip_bad_rows``: which import is held."""

    def __init__(self, desk: Desk, *, skip_bad_rows: bool, timeout: float | None = None):
        self.desk = desk
        self.skip_bad_rows = skip_bad_rows
        self._timeout = HOLD_TIMEOUT if timeout is None else timeout
        self._ready = threading.Event()
        self._answered = threading.Event()
        self._commit = False
        self._error: BaseException | None = None
        self._broken = False
        self.report: ImportReport | None = None
        #: None until the held transaction ended; then whether it was committed
        self.committed: bool | None = None
        self._thread: threading.Thread | None = None

    def run(self, work: Callable[[], ImportReport]) -> ImportReport:
        """Run ``work`` (the area's import) in the holding thread; its report once done (its
        error raised here, nothing held)."""
        self._thread = threading.Thread(target=self._hold, args=(work,), daemon=True,
                                        name="sd-preview-hold")
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            raise self._error
        assert self.report is not None
        return self.report

    def answer(self, commit: bool) -> None:
        """The user's answer, from any thread; never waits (the first answer counts)."""
        if not self._answered.is_set():
            self._commit = commit
            self._answered.set()

    def outcome(self) -> bool:
        """Wait for the held transaction's end: whether it was committed (a failed commit is
        raised)."""
        assert self._thread is not None
        self._thread.join()
        if self._error is not None:
            raise self._error
        return bool(self.committed)

    def _hold(self, work: Callable[[], ImportReport]) -> None:
        desk = self.desk
        told: list[Any] = []

        with desk._write_lock, desk.store.sessions() as session:
            session.begin()

            @contextmanager
            def held() -> Iterator[Any]:
                try:
                    yield session
                    session.flush()
                except BaseException:
                    # (a write that fails is rolled back alone; here it cannot be: the import
                    # as a whole is then never committed, and its confirmation imports again)
                    self._broken = True
                    raise

            @contextmanager
            def read_held() -> Iterator[Any]:
                yield session

            def kept(changes: Any) -> Any:  # (told once committed)
                told.append(changes)
                return changes

            with _stood_in(desk, write=held, read=read_held, emit=kept) as real:
                try:
                    self._settle(session, work)
                finally:
                    if not self.committed and self.report is not None and \
                            self.report.rejected_file is not None:
                        Path(self.report.rejected_file).unlink(missing_ok=True)
        if self.committed:
            for changes in told:  # (the lock let go: the listeners may read)
                real["emit"](changes)

    def _settle(self, session: Any, work: Callable[[], ImportReport]) -> None:
        """Run ``work`` in ``session``, tell :meth:`run` it is done, then wait for the answer
        (or the time) and commit or roll back."""
        try:
            self.report = work()
        except BaseException as exc:  # (a cancel too) raised in the preview's thread
            self._error = exc
            session.rollback()
            return
        finally:
            self._ready.set()
        answered = self._answered.wait(self._timeout) and not self._broken
        if not (answered and self._commit):
            session.rollback()
            self.committed = False
            return
        try:
            session.commit()
        except BaseException as exc:
            self._error = exc
            session.rollback()
            self.committed = False
            return
        self.committed = True


def _filled(row: Sequence[str]) -> bool:
    return any(c.strip() for c in row)


def _first_rows(path: Path, limit: int) -> tuple[list[list[str]], str | None]:
    """The file's first ``limit`` rows from its header on, as its whole table would give them
    (a big file's from a stream of its first rows: not the whole of a 100k-row report read
    and split again, 3 s and 300 MB for 30 MB of CSV)."""
    from seller_desk.io.tabular import (
        HEADER_SEARCH,
        TableError,
        nonblank,
        read_table,
        stream_big,
        stream_xlsx,
    )

    rows: list[list[str]]
    try:
        streamed = stream_xlsx(path, _filled) or stream_big(path, _filled)
        if streamed is not None:
            # the rows up to the first one with a cell (the head), then enough for the header
            # search below and the rows shown
            body = nonblank(streamed.body())
            rows = [r for r in streamed.head if _filled(r)] + [
                r for _, r in islice(body, HEADER_SEARCH + limit)]
            encoding = streamed.encoding
        else:
            table = read_table(path, _filled)
            if table is None:
                return [], None
            rows, encoding = [r for r in table.rows if _filled(r)], table.encoding
    except TableError:
        return [], None
    # from the header on (a report's preamble lines have one cell; its header has the most)
    filled = [sum(1 for c in r if c.strip()) for r in rows[:60]]
    start = next((i for i, n in enumerate(filled) if n >= max(filled) * 0.8), 0) if filled else 0
    return rows[start:start + limit], encoding


def preview(desk: Desk, path: Path, *, rows: int = 8, progress: Progress | None = None,
            hold: bool = False) -> ImportPreview:
    """Read ``path`` and run its import without keeping anything (what was read is kept, in
    :attr:`ImportPreview.read`, for the import). ``progress(fraction, text)`` is told of the
    reading, then of the import (an area that reports its writing: each half the bar); an
    exception it raises (a cancel) stops the preview, nothing kept.

    ``hold``: the import the user can confirm (all rows; with bad rows, the good ones) is
    held, not rolled back (:attr:`ImportPreview.held`, carried by what was read to
    ``ImportService.import_file``, which commits it). It must be answered: the confirmed
    import does, :meth:`ImportPreview.forget_read` rolls it back."""
    from seller_desk.io.tabular import file_identity
    from seller_desk.services.imports import FileRead, reports_writing

    path = Path(path)
    reader = desk.imports.find_reader(path)
    identity = file_identity(path)  # before the reading: a file changed during it is read again
    area = getattr(desk, reader.area)
    writes: dict[str, Any] = {}
    read_progress = progress
    if progress is not None and reports_writing(area):
        read_progress = lambda f, t: progress(f / 2, t)  # noqa: E731
        writes["progress"] = lambda f, t: progress(0.5 + f / 2, t)
    result = reader.read(path, progress=read_progress)
    first, encoding = _first_rows(path, rows)
    encoding = result.meta.get("encoding") or encoding
    errors = any(p.is_error for p in result.problems)
    held = None
    if hold:
        report = good = None
        if errors:  # (all or nothing: with bad rows the import of all writes nothing)
            with _rolled_back(desk):
                report = area.apply_import(result, dry_run=False, skip_bad_rows=False)
            if report.rejected_file is not None:
                Path(report.rejected_file).unlink(missing_ok=True)
        held = HeldImport(desk, skip_bad_rows=errors)
        kept = held.run(lambda: area.apply_import(result, dry_run=False, skip_bad_rows=errors,
                                                  **writes))
        if errors:
            good = kept
        else:
            report = kept
        assert report is not None
    else:
        with _rolled_back(desk):
            report = area.apply_import(result, dry_run=False, skip_bad_rows=False, **writes)
            good = None
            if errors:
                good = area.apply_import(result, dry_run=False, skip_bad_rows=True)
        for r in (report, good):
            if r is not None and r.rejected_file is not None:
                Path(r.rejected_file).unlink(missing_ok=True)  # the real import writes its own
    problems = list(report.problems)
    return ImportPreview(path=path, reader=reader.name, label=reader.label, area=reader.area,
                         encoding=encoding, rows=first, report=good or report,
                         good_rows_report=good, problems=problems, held=held,
                         read=FileRead(path, reader, result, identity, held))
