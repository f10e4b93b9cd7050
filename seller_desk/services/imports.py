"""`seller-desk import FILE`: find the reader, read everything, let the owning area apply it.

The reader never writes. The area service's ``apply_import(result, *, dry_run, skip_bad_rows)``
writes all or nothing (or, when the user chose to skip bad rows, the good rows plus an Excel of
the rejected ones) and returns an :class:`ImportReport`.
"""

from __future__ import annotations

import inspect
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from seller_desk.core.problems import Problem, ProblemError
from seller_desk.io import readers
from seller_desk.io.readers import Progress, Reader
from seller_desk.io.tabular import TableError, file_identity
from seller_desk.messages import message

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.io.readers import ReadResult
    from seller_desk.services.import_preview import HeldImport


@dataclass
class ImportReport:
    reader: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    rejected_file: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, lang: str | None = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "reader": self.reader, "imported": self.imported, "updated": self.updated,
            "unchanged": self.unchanged, "rejected": self.rejected, "written": self.written,
            "problems": [problem_json(p, lang) for p in self.problems],
        }
        if self.rejected_file:
            out["rejected_file"] = str(self.rejected_file)
        out.update(self.extra)
        return out


def problem_json(p: Problem, lang: str | None = "en") -> dict[str, Any]:
    src = p.source
    return {
        "row": src.row if src else None,
        "column": src.column if src else p.field,
        "value": src.value if src else None,
        "key": p.key,
        "severity": p.severity,
        "message": message(p, lang),
    }


class StaleRead(Exception):
    """Raised by an area's ``apply_import`` when what its ``read_context`` told the reader
    (rows it could skip) no longer holds in the import's transaction (something wrote in
    between): nothing is written, and :meth:`ImportService.import_file` reads the file again
    without it."""


@dataclass(frozen=True)
class FileRead:
    """What ``reader`` read of the file at ``path`` (an import preview's reading, with its
    default options and nothing skipped), and the file's identity before it was read: the
    import the user then confirms takes it instead of reading the file again, as long as the
    file is still the one read (:meth:`still_current`)."""

    path: Path
    reader: Reader
    result: ReadResult
    identity: tuple[int, ...] | None
    #: the preview's import, held for the user's answer (committed by the import they confirm)
    held: HeldImport | None = None

    def still_current(self) -> bool:
        return self.identity is not None and file_identity(self.path) == self.identity


class _ImportArea(Protocol):
    """What the area a reader names offers (``desk.<area>.apply_import``); ``progress`` only
    where its signature has it."""

    def apply_import(self, result: ReadResult, **options: Any) -> ImportReport: ...


def reports_writing(area: Any) -> bool:
    """Whether ``area``'s ``apply_import`` takes a ``progress``: its writing then gets the
    second half of a progress bar (and the chance to stop), the reading the first."""
    return "progress" in inspect.signature(area.apply_import).parameters


class ImportService:
    def __init__(self, desk: Desk):
        self.desk = desk

    def find_reader(self, path: Path, name: str | None = None) -> Reader:
        path = Path(path)
        if not path.is_file():
            raise ProblemError([Problem(key="file.unreadable",
                                        params={"path": str(path), "reason": "not found"})])
        if name:
            try:
                return readers.get(name)
            except KeyError:
                raise ProblemError([Problem(
                    key="io.unknown_reader",
                    params={"name": name, "known": ", ".join(readers.readers())})]) from None
        reader, tried = readers.detect(path)
        if reader is None:
            tried_text = "; ".join(f"{n} ({why})" for n, why in tried) or "none"
            import logging

            # the readers' own names and reasons are for support, not the user's message
            logging.getLogger(__name__).info("no reader for %s: %s", path.name, tried_text)
            raise ProblemError([Problem(key="io.unknown_format",
                                        params={"file": path.name, "tried": tried_text})])
        return reader

    def import_file(self, path: Path, *, reader: str | None = None, dry_run: bool = False,
                    skip_bad_rows: bool = False, progress: Progress | None = None,
                    options: dict[str, Any] | None = None,
                    read: FileRead | None = None,
                    apply_options: dict[str, Any] | None = None) -> ImportReport:
        """Read ``path`` with its reader (found, or the one named) and let the reader's area
        apply what was read. ``read``: the file's reading made already (the preview the user
        confirmed), applied as it is when it is of this file as it is now, by this reader with
        the default options; else the file is read. ``apply_options``: the area's own
        keywords (the orders area's ``confirm_difference``)."""
        ready = read.result if (
            read is not None and not options and Path(read.path) == Path(path)
            and reader in (None, read.reader.name) and read.still_current()) else None
        held = read.held if read is not None else None
        if held is not None:  # the preview's import, held for this confirmation
            takes = ready is not None and not dry_run and not apply_options and \
                skip_bad_rows == held.skip_bad_rows
            held.answer(takes)
            if held.outcome() and takes:
                assert held.report is not None and ready is not None
                if ready.meta.get("encoding"):
                    held.report.extra.setdefault("encoding", ready.meta["encoding"])
                return held.report
            # (rolled back: not this import, or left unanswered too long) imported as ever
        found = read.reader if ready is not None and read is not None else \
            self.find_reader(Path(path), reader)
        encoding = (options or {}).get("encoding")
        if encoding:
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                raise ProblemError([Problem(key="io.unknown_encoding",
                                            params={"encoding": encoding})]) from None
        area: _ImportArea = getattr(self.desk, found.area)
        # an area that reports its own writing gets the second half of the progress bar (and
        # the chance to stop: a progress callback may raise to cancel, which rolls back)
        writes_progress = progress is not None and reports_writing(area)
        read_progress = progress
        if writes_progress and progress is not None:  # (writes_progress says it is not None)
            read_progress = lambda f, t: progress(f / 2, t)  # noqa: E731
        # an area may tell its readers what they can skip (a re-import's unchanged rows)
        context = getattr(area, "read_context", None)
        for attempt in (1, 2):
            # the writing's share of the bar: half, after the reading's; all of it when the
            # file was read before
            start = 0.0 if ready is not None else 0.5
            if ready is not None:
                result, ready = ready, None
            else:
                try:
                    with context() if context is not None and attempt == 1 else nullcontext():
                        result = found.read(Path(path), progress=read_progress, options=options)
                except TableError as exc:
                    raise ProblemError([exc.problem]) from exc
            try:
                if writes_progress and progress is not None:
                    report = area.apply_import(
                        result, dry_run=dry_run, skip_bad_rows=skip_bad_rows,
                        progress=lambda f, t, start=start: progress(start + f * (1 - start), t),
                        **(apply_options or {}))
                else:
                    report = area.apply_import(result, dry_run=dry_run,
                                               skip_bad_rows=skip_bad_rows,
                                               **(apply_options or {}))
            except StaleRead:
                if attempt == 2:  # pragma: no cover (read without the context: never raised)
                    raise
                continue
            break
        if result.meta.get("encoding"):  # shown, so a wrong choice can be overridden
            report.extra.setdefault("encoding", result.meta["encoding"])
        return report
