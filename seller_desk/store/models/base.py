"""The declarative base, shared column mixins and conventions of every table."""

from __future__ import annotations

import datetime as dt
import os
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
    """A random (version 4) UUID as text, the same as ``str(uuid.uuid4())`` at half its cost
    (bulk imports make one per order, event and outbox row)."""
    b = bytearray(os.urandom(16))
    b[6] = b[6] & 0x0F | 0x40
    b[8] = b[8] & 0x3F | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_uuids(n: int) -> list[str]:
    """``n`` times :func:`new_uuid`, from one read of the system's random source (a bulk
    write's outbox rows). Made a column of characters at a time (no Python loop per uuid):
    the version and variant bits set in every uuid's byte by one ``translate``, each of the
    36 places of the texts filled by one strided copy, the texts then split apart."""
    if n <= 0:
        return []
    b = bytearray(os.urandom(16 * n))
    b[6::16] = b[6::16].translate(_VERSION_4)
    b[8::16] = b[8::16].translate(_VARIANT)
    h = b.hex().encode("ascii")
    out = bytearray(b"-" * (37 * n))  # 36 characters and a newline each
    for place, at in _PLACES:
        out[place::37] = h[at::32]
    out[36::37] = b"\n" * n
    return out[:-1].decode("ascii").split("\n")


#: a uuid's byte 6 and byte 8 given the version (4) and the variant (RFC 4122) bits
_VERSION_4 = bytes(x & 0x0F | 0x40 for x in range(256))
_VARIANT = bytes(x & 0x3F | 0x80 for x in range(256))
#: (place in the text, place in the 32 hex digits) of each digit; the dashes at 8, 13, 18, 23
_PLACES = [(k + (k >= 8) + (k >= 12) + (k >= 16) + (k >= 20), k) for k in range(32)]


def sorted_uuids(n: int) -> list[str]:
    """:func:`new_uuids` in ascending order, for a bulk write's new rows: the same random v4
    uuids, only their order, so a unique index of them takes the batch in one sweep rather
    than at random pages."""
    return sorted(new_uuids(n))


class SyncMixin:
    """Columns of a record the zone platform knows: identity, version and remote status."""

    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid, unique=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )
    remote_status: Mapped[str | None] = mapped_column(String(40), default=None)
