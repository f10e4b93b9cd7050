"""The console's own tables on the platform store (created beside the platform's tables).

Added with ``create_all(tables=...)`` like the rest of the platform's schema: a classroom
server is disposable, so there are no migrations.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from seller_desk.sandbox.store import Base, PlatformStore


class ClassInfo(Base):
    """What the console knows of a class beyond the platform's ``classroom`` row: which
    trainer created it from the console (so that trainer sees it), and whether it is archived."""

    __tablename__ = "console_class"
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # trainer account id
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClassKey(Base):
    """A class's sheet key (a random Fernet key), wrapped with a key derived from one
    trainer's token: only a trainer who holds the token can print the class's sheet again."""

    __tablename__ = "console_class_key"
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wrapped: Mapped[str] = mapped_column(Text)


class SheetToken(Base):
    """A student's token, encrypted with the class's sheet key (for the connection sheet)."""

    __tablename__ = "console_sheet_token"
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    class_id: Mapped[int] = mapped_column(Integer, index=True)
    token_enc: Mapped[str] = mapped_column(Text)


class Seen(Base):
    """When a student's SellerDesk last talked to the platform (push or pull)."""

    __tablename__ = "console_seen"
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ScenarioRun(Base):
    """A scenario a trainer started for a class (one running at a time per class)."""

    __tablename__ = "console_scenario_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    scenario: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ScenarioDelivery(Base):
    """One event of a run delivered to one student (so it is delivered once)."""

    __tablename__ = "console_scenario_delivery"
    __table_args__ = (UniqueConstraint("run_id", "seller_id", "event"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("console_scenario_run.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    event: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict | None] = mapped_column(JSON)


class TaskResult(Base):
    """The last check result of a task for a student, as the student was last told."""

    __tablename__ = "console_task_result"
    __table_args__ = (UniqueConstraint("run_id", "seller_id", "task"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("console_scenario_run.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    task: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))  # done | not_yet | wrong
    why: Mapped[str | None] = mapped_column(Text)
    points: Mapped[int] = mapped_column(Integer, default=0)


class ClassRule(Base):
    """A dated rule row a trainer pushed to a class (issue 14): every student's SellerDesk
    gets it through sync (entity ``rule``) and adds it to its rule book. ``version`` goes up
    with each change (a deletion included) so that a student is sent the latest once."""

    __tablename__ = "console_class_rule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    key: Mapped[str] = mapped_column(String(120))
    value: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    pushed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RuleDelivery(Base):
    """Which version of a class rule a student's changes feed carries."""

    __tablename__ = "console_rule_delivery"
    rule_id: Mapped[int] = mapped_column(ForeignKey("console_class_rule.id"), primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


TABLES = [ClassInfo.__table__, ClassKey.__table__, SheetToken.__table__, Seen.__table__,
          ScenarioRun.__table__, ScenarioDelivery.__table__, TaskResult.__table__,
          ClassRule.__table__, RuleDelivery.__table__]


def ensure_tables(store: PlatformStore) -> None:
    """Create the console's tables if this platform database does not have them yet."""
    if getattr(store, "_console_tables", False):
        return
    Base.metadata.create_all(store.engine, tables=TABLES)
    store._console_tables = True  # type: ignore[attr-defined]
