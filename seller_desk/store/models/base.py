"""The declarative base, shared column mixins and conventions of every table."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import MetaData, String, Table, func, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so Alembic migrations work the same on SQLite (batch mode) and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:  # every model here maps one Table (DeclarativeBase says FromClause)
        __table__: ClassVar[Table]


def utcnow() -> dt.datetime:
    """Naive UTC (SQLite keeps no zone; every timestamp in the store is UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def changed_outside(target: Any, ignored: tuple[str, ...]) -> bool:
    """Whether a flushed ORM object has a column changed other than ``ignored`` (what its
    import digests ask: an import writes with Core statements, never through the ORM)."""
    state = inspect(target)
    for attr in state.mapper.column_attrs:
        if attr.key in ignored:
            continue
        hist = state.attrs[attr.key].history
        if hist.added and list(hist.added) != list(hist.deleted):
            return True
    return False


def new_uuid() -> str:
    """A new record's uuid, as :func:`new_uuids` makes them (one, made directly)."""
    ((ms, seq, _),) = _clock(1)
    b = bytearray(ms.to_bytes(6, "big") + os.urandom(10))
    b[6] = 0x70 | seq >> 8
    b[7] = seq & 0xFF
    b[8] = b[8] & 0x3F | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_uuids(n: int) -> list[str]:
    """``n`` new uuids, version 7 (RFC 9562): the time in milliseconds first (48 bits), then
    12 bits counting the uuids of one millisecond (RFC 9562 §6.2, method 1), then 62 random
    bits. Each is after every uuid made before it in this process, so the unique indexes of
    uuids (every synced table's, the outbox's) take new rows at their end, not at random
    pages: at a million rows the random version 4 uuids made a bulk write spend most of its
    time reading and writing index pages (1M rows in two tables of a uuid each: 14.7 s with
    version 4, 6.0 s with version 7, in SQLite with a 64 MB cache). Made from one read of
    the system's random source, a column of characters at a time (no Python loop per uuid):
    each millisecond's block of up to 4,096 gets its time and counts by strided copies, the
    variant bits by one ``translate``, each of the 36 places of the texts one strided copy."""
    if n <= 0:
        return []
    b = bytearray(os.urandom(16 * n))
    i = 0
    for ms, seq, take in _clock(n):
        end = 16 * (i + take)
        for k, byte in enumerate(ms.to_bytes(6, "big")):
            b[16 * i + k:end:16] = bytes((byte,)) * take
        b[16 * i + 6:end:16] = _SEQ_HIGH[seq:seq + take]
        b[16 * i + 7:end:16] = _SEQ_LOW[seq:seq + take]
        i += take
    b[8::16] = b[8::16].translate(_VARIANT)
    h = b.hex().encode("ascii")
    out = bytearray(b"-" * (37 * n))  # 36 characters and a newline each
    for place, at in _PLACES:
        out[place::37] = h[at::32]
    out[36::37] = b"\n" * n
    return out[:-1].decode("ascii").split("\n")


#: uuids counted within one millisecond (the 12 bits of RFC 9562's rand_a)
_PER_MS = 4096
#: the millisecond and the next count of the last uuid made (each new one comes after it)
_last = [0, 0]
_clock_lock = threading.Lock()


def _clock(n: int) -> list[tuple[int, int, int]]:
    """(millisecond, first count, how many) blocks for ``n`` new uuids, in order: from now, or
    from the last uuid made when that is later (a clock set back, or more than 4,096 in one
    millisecond, which then borrow the milliseconds after it)."""
    with _clock_lock:
        now = time.time_ns() // 1_000_000
        ms, seq = (now, 0) if now > _last[0] else (_last[0], _last[1])
        blocks = []
        while n:
            if seq >= _PER_MS:
                ms, seq = ms + 1, 0
            take = min(n, _PER_MS - seq)
            blocks.append((ms, seq, take))
            seq += take
            n -= take
        _last[:] = [ms, seq]
    return blocks


#: byte 6 (the version, 7, and a count's high 4 bits) and byte 7 (its low 8) of each count
_SEQ_HIGH = bytes(0x70 | c >> 8 for c in range(_PER_MS))
_SEQ_LOW = bytes(c & 0xFF for c in range(_PER_MS))
#: a uuid's byte 8 given the variant (RFC 9562) bits
_VARIANT = bytes(x & 0x3F | 0x80 for x in range(256))
#: (place in the text, place in the 32 hex digits) of each digit; the dashes at 8, 13, 18, 23
_PLACES = [(k + (k >= 8) + (k >= 12) + (k >= 16) + (k >= 20), k) for k in range(32)]


class SyncMixin:
    """Columns of a record the zone platform knows: identity, version and remote status."""

    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid, unique=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )
    remote_status: Mapped[str | None] = mapped_column(String(40), default=None)
