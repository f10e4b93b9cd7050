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
    tells :func:`seller_desk.io.cells.guard_records` not to read them all back; ``key`` (the
    order the records are added in) places the few records :meth:`place` keeps apart."""

    def __init__(self, build: Callable[[tuple[Any, ...]], T], guard: Any = None, *,
                 key: Callable[[T], Any] | None = None) -> None:
        self.build = build
        self.guard = guard
        self.key = key
        #: records made out of order (kept in memory: few), given in their place by ``key``
        self._placed: list[T] = []
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
        """A record made after records that come after it (by ``key``): kept in memory, and
        given in its place when the records are iterated."""
        assert self.key is not None, "place() needs the records' key"
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
        """No more records: the last chunk goes to the file."""
        if self._fh is not None:
            self._write()
            self._fh.close()
            self._fh = None

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[T]:
        if not self._placed:
            return self._spooled()
        return self._merged()

    def _merged(self) -> Iterator[T]:
        """The records added with the placed ones among them, each after those added of an
        equal key (a key compared per record: heapq.merge took three times as long)."""
        key = self.key
        assert key is not None  # (place() asks for it)
        placed = sorted(self._placed, key=key)
        k, at = 0, key(placed[0])
        spooled = self._spooled()
        for rec in spooled:
            here = key(rec)
            while at < here:
                yield placed[k]
                k += 1
                if k == len(placed):
                    yield rec
                    yield from spooled
                    return
                at = key(placed[k])
            yield rec
        yield from placed[k:]

    def _spooled(self) -> Iterator[T]:
        self.finish()
        build = self.build
        with open(self.path, "rb") as fh:
            while size := fh.read(8):
                for values in marshal.loads(fh.read(int.from_bytes(size, "little"))):
                    yield build(values)


def _drop(fh: IO[bytes] | None, name: str) -> None:
    try:
        if fh is not None and not fh.closed:
            fh.close()
    finally:
        scratch.release(name)
