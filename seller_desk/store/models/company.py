"""The company profile, its quarterly figures, and the company file's settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from seller_desk.store.models.base import Base, SyncMixin, utcnow
from seller_desk.store.types import Amount, Encrypted

SELLER_KINDS = ("enterprise", "individual_business", "individual")


class Company(SyncMixin, Base):
    """The seller this company file belongs to (one row)."""

    __tablename__ = "company"
    __table_args__ = (CheckConstraint(f"kind in {SELLER_KINDS!r}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    # USCC for enterprises and 个体工商户, resident ID for individuals: encrypted either way.
    id_code: Mapped[str] = mapped_column(Encrypted)
    customs_code: Mapped[str | None] = mapped_column(String(10))
    zone: Mapped[str | None] = mapped_column(String(60))  # 综试区, e.g. 杭州
    zone_customs_code: Mapped[str | None] = mapped_column(String(4))  # e.g. 2900
    address: Mapped[str | None] = mapped_column(String(400))
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CompanyQuarter(Base):
    """Employees and total assets at the start and end of a quarter (小型微利企业 averages)."""

    __tablename__ = "company_quarters"
    __table_args__ = (UniqueConstraint("year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    quarter: Mapped[int]
    employees_start: Mapped[int]
    employees_end: Mapped[int]
    assets_start_cny: Mapped[Decimal] = mapped_column(Amount)
    assets_end_cny: Mapped[Decimal] = mapped_column(Amount)


class Setting(Base):
    """A company-file setting (declared in seller_desk.settings); value kept as JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
