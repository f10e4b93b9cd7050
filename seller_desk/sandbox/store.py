"""The reference platform's own store (SQLite by default, PostgreSQL by URL).

It shares nothing with the desktop's company file: tables are created with ``create_all``
because a classroom server is disposable, and its schema is not the app's.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


def utcnow() -> datetime:
    return datetime.now(UTC)


class Account(Base):
    """A seller (a student) or a trainer. Tokens are kept only as SHA-256 hashes."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # "seller" | "trainer"
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id"), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Classroom(Base):
    __tablename__ = "classroom"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Record(Base):
    """One synced record of one seller, keyed by (entity, uuid) within that seller."""

    __tablename__ = "record"
    __table_args__ = (UniqueConstraint("seller_id", "entity", "uuid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    remote_status: Mapped[str | None] = mapped_column(String(40))
    status_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Idempotency(Base):
    """The stored result of each idempotency key, returned as is when the key comes again."""

    __tablename__ = "idempotency"
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Change(Base):
    """The changes feed: statuses the platform sets, in the order it set them."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_seller_seq", "seller_id", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    entity: Mapped[str] = mapped_column(String(40))
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20))  # "status" | "receipt"
    remote_status: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CustomsStep(Base):
    """A receipt the simulated customs will send at ``due_at`` (materialised lazily)."""

    __tablename__ = "customs_step"
    __table_args__ = (Index("ix_customs_due", "seller_id", "done", "due_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    return_status: Mapped[str] = mapped_column(String(10))
    info: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class CebMessage(Base):
    """A CEB XML message a seller sent, kept as received."""

    __tablename__ = "ceb_message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    message_type: Mapped[str] = mapped_column(String(20))
    xml: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class PlatformStore:
    """Engine + session factory; one writer at a time (SQLite likes one writer)."""

    def __init__(self, url: str):
        kwargs: dict = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False}
            if url in ("sqlite://", "sqlite:///:memory:"):
                kwargs["poolclass"] = StaticPool
        self.url = url
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.write_lock = threading.Lock()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction under the writer lock; commits on success."""
        with self.write_lock, self._sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    # A push writes 1,000 records and 1,000 idempotency keys a batch; the keys are random, so
    # each batch touches leaf pages all over that index. A 64 MB page cache keeps the indexes
    # of a class's pushes in memory (the default 2 MB re-read them from the OS every batch), and
    # a checkpoint every 10,000 pages (not 1,000) copies a page rewritten by many batches once.
    # Neither changes what is durable: WAL with synchronous=NORMAL either way.
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.close()
