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
    tells :func:`seller_desk.io.cells.guard_records` not to read them all back."""

    def __init__(self, build: Callable[[tuple[Any, ...]], T], guard: Any = None) -> None:
        self.build = build
        self.guard = guard
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
