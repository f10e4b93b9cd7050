"""What an import would do, before it writes: the reader and encoding chosen, the first rows as
read, counts to add / update / leave unchanged / reject, and every problem with its row and
column. The counts come from the area's own import run in a transaction that is rolled back
(the same code as the real import, so they cannot disagree), while the Desk's write lock is
held so no other write can slip into that transaction."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
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

    def forget_read(self) -> None:
        """Let what was read go (the dialog closed without importing: it may be big)."""
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


class _Rollback(Exception):
    pass


@contextmanager
def _rolled_back(desk: Desk) -> Iterator[None]:
    """Within the block, ``desk.write()`` rolls back instead of committing and ``desk.emit``
    tells no one, in this thread only; the write lock is held throughout, so another thread's
    write waits for the block's end, then commits and is told as ever (it was rolled back
    with the preview's and told all the same)."""
    real_write, real_emit = desk.write, desk.emit
    owner = threading.get_ident()

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

    def write() -> AbstractContextManager[Any]:
        return rolled_back() if threading.get_ident() == owner else real_write()

    def emit(changes: Any) -> Any:
        return changes if threading.get_ident() == owner else real_emit(changes)

    with desk._write_lock:
        desk.write = write  # type: ignore[method-assign, assignment]
        desk.emit = emit  # type: ignore[method-assign]
        try:
            yield
        finally:
            desk.write = real_write  # type: ignore[method-assign]
            desk.emit = real_emit  # type: ignore[method-assign]


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


def preview(desk: Desk, path: Path, *, rows: int = 8,
            progress: Progress | None = None) -> ImportPreview:
    """Read ``path`` and run its import without keeping anything (what was read is kept, in
    :attr:`ImportPreview.read`, for the import). ``progress(fraction, text)`` is told of the
    reading, then of the import (an area that reports its writing: each half the bar); an
    exception it raises (a cancel) stops the preview, nothing kept."""
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
    with _rolled_back(desk):
        report = area.apply_import(result, dry_run=False, skip_bad_rows=False, **writes)
        good = None
        if any(p.is_error for p in result.problems):
            good = area.apply_import(result, dry_run=False, skip_bad_rows=True)
    for r in (report, good):
        if r is not None and r.rejected_file is not None:
            Path(r.rejected_file).unlink(missing_ok=True)  # the real import writes its own
    problems = list(report.problems)
    return ImportPreview(path=path, reader=reader.name, label=reader.label, area=reader.area,
                         encoding=encoding, rows=first, report=good or report,
                         good_rows_report=good, problems=problems,
                         read=FileRead(path, reader, result, identity))
