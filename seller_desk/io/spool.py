"""Records of a big report kept in a scratch file instead of in memory: each record as a tuple
of plain values (``marshal``: fast, no pickle), written in chunks as a reader makes them and
turned back into records each time the records are iterated (the service that applies them may
go over them more than once). Memory stays flat in the number of rows.

The file lives in the app's scratch folder (:mod:`seller_desk.io.scratch`): removed when the
object goes, and by the next import when the process was killed.
"""

from __future__ import annotations

import marshal
import weakref
from collections.abc import Callable, Iterator
from typing import IO, Any

from seller_desk.io import scratch

#: tuples written at a time
CHUNK = 5000


class SpooledRecords[T]:
    """``add(values)`` a record's plain values (a tuple ``marshal`` takes); iterating gives
    ``build(values)`` for each, in the order added; ``guard`` (a
    :class:`seller_desk.io.cells.RecordGuard` that checked each record before it was added)
    tells :func:`seller_desk.io.cells.guard_records` not to read them all back.

    ``key`` (the order the records are added in) places the records :meth:`place` takes out of
    that order; ``values`` (a record's plain values, which ``build`` makes it again of) lets
    them go to the file too when the records are finished (else they stay in memory)."""

    def __init__(self, build: Callable[[tuple[Any, ...]], T], guard: Any = None, *,
                 key: Callable[[T], Any] | None = None,
                 values: Callable[[T], tuple[Any, ...]] | None = None) -> None:
        self.build = build
        self.guard = guard
        self.key = key
        self.values = values
        #: records made out of order, given in their place by ``key``: in memory until
        #: finish() (then in the file after the rest, from ``_placed_at``, when ``values``)
        self._placed: list[T] = []
        self._placed_at: int | None = None
        self.path = scratch.new_file("sellerdesk-records-", ".bin")
        self._fh: IO[bytes] | None = open(self.path, "wb")  # noqa: SIM115 (closed in finish)
        self._chunk: list[tuple[Any, ...]] = []
        self._count = 0
        self._finalizer = weakref.finalize(self, _drop, self._fh, self.path)

    def add(self, values: tuple[Any, ...]) -> None:
        self._chunk.append(values)
        self._count += 1
        if len(self._chunk) >= CHUNK:
            self._write()

    def place(self, record: T) -> None:
        """A record made after records that come after it (by ``key``): given in its place
        when the records are iterated."""
        assert self.key is not None, "place() needs the records' key"
        assert self._fh is not None, "records placed after finish()"
        self._placed.append(record)
        self._count += 1

    def _write(self) -> None:
        if self._chunk:
            assert self._fh is not None, "records added after finish()"
            data = marshal.dumps(self._chunk)  # (marshal.load from a file reads per item)
            self._fh.write(len(data).to_bytes(8, "little"))
            self._fh.write(data)
            self._chunk = []

    def finish(self) -> None:
        """No more records: the last chunk goes to the file, then the placed records (in
        their order) when they can."""
        if self._fh is None:
            return
        self._write()
        if self._placed and self.values is not None:
            self._placed.sort(key=self.key)  # (stable: in the order placed when keys are equal)
            self._placed_at = self._fh.tell()
            for k in range(0, len(self._placed), CHUNK):
                self._chunk = [self.values(r) for r in self._placed[k:k + CHUNK]]
                self._write()
            self._placed = []
        self._fh.close()
        self._fh = None

    def mark(self) -> int:
        """Where the records added from now on begin in the file (those added so far written
        first): two marks name a stretch of records :meth:`between` reads back alone."""
        assert self._fh is not None, "mark() after finish()"
        self._write()
        return self._fh.tell()

    def between(self, start: int, end: int) -> Iterator[T]:
        """The records added between two :meth:`mark` calls (not the placed ones)."""
        self.finish()
        return self._spooled(start, end)

    def close(self) -> None:
        """Remove the file now (iterating the records afterwards fails)."""
        self._finalizer()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[T]:
        self.finish()
        if self._placed_at is not None:
            return self._merged(self._spooled(0, self._placed_at), self._spooled(self._placed_at))
        if self._placed:
            return self._merged(self._spooled(), iter(sorted(self._placed, key=self.key)))
        return self._spooled()

    def _merged(self, records: Iterator[T], placed: Iterator[T]) -> Iterator[T]:
        """``records`` with the ``placed`` ones (both in key order) among them, each after the
        records of an equal key (a key compared per record: heapq.merge took three times as
        long)."""
        key = self.key
        assert key is not None  # (place() asks for it)
        nxt = next(placed, _END)
        at = key(nxt)
        for rec in records:
            here = key(rec)
            while at < here:
                yield nxt
                nxt = next(placed, _END)
                if nxt is _END:
                    yield rec
                    yield from records
                    return
                at = key(nxt)
            yield rec
        yield nxt
        yield from placed

    def _spooled(self, start: int = 0, end: int | None = None) -> Iterator[T]:
        """The records of the file from byte ``start`` up to ``end``."""
        build = self.build
        with open(self.path, "rb") as fh:
            fh.seek(start)
            while (end is None or fh.tell() < end) and (size := fh.read(8)):
                for values in marshal.loads(fh.read(int.from_bytes(size, "little"))):
                    yield build(values)


_END: Any = object()


def _drop(fh: IO[bytes] | None, name: str) -> None:
    try:
        if fh is not None and not fh.closed:
            fh.close()
    finally:
        scratch.release(name)
