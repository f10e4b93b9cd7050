"""A company's own rule rows (issue 14): rows a trainer or the user added, rows the zone
platform pushed to a class, and shipped rows switched off (``disables``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from seller_desk.store.models.base import Base, utcnow

ORIGINS = ("user", "platform")


class RuleOverride(Base):
    """One rule row of this company file.

    A row with ``disables`` set names a shipped row (its ref ``key@valid_from``) that is switched
    off in this file; otherwise it is a rule row of its own, in force from ``valid_from``.
    """

    __tablename__ = "rule_overrides"
    __table_args__ = (CheckConstraint(f"origin in {ORIGINS!r}", name="origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    value: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(10), default="user")
    disables: Mapped[str | None] = mapped_column(String(120))
    pushed_uuid: Mapped[str | None] = mapped_column(String(36), unique=True)  # platform rows
    entered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
