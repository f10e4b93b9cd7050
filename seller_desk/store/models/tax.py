"""The tax area's tables: export lines, purchase invoices, EIT inputs per year.

Every row carries ``retention_until`` (《税收征收管理法实施细则》第二十九条: 10 years); the
service refuses to delete a row before that day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from seller_desk.store.models.base import Base, SyncMixin, utcnow
from seller_desk.store.types import Amount, DecimalText


class TaxExportLine(SyncMixin, Base):
    """One export line as the zone platform and the customs list (申报清单) know it.

    ``source`` says where it came from (``declaration``, ``demo``, ``manual``) and
    ``source_ref`` identifies it there, so re-importing the same declaration replaces, never
    duplicates. ``cny_rate`` (CNY per unit of the line's currency) keeps its date and source.
    """

    __tablename__ = "tax_export_lines"
    __sync_entity__ = "tax_record"  # the platform's exemption record of this line
    __table_args__ = (UniqueConstraint("source", "source_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    source_ref: Mapped[str] = mapped_column(String(80))
    list_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    export_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    goods_name: Mapped[str | None] = mapped_column(String(250))
    unit: Mapped[str | None] = mapped_column(String(20))
    quantity: Mapped[Decimal | None] = mapped_column(Amount)
    unit_price_amount: Mapped[Decimal | None] = mapped_column(Amount)
    unit_price_currency: Mapped[str | None] = mapped_column(String(3))
    amount_amount: Mapped[Decimal | None] = mapped_column(Amount)
    amount_currency: Mapped[str | None] = mapped_column(String(3))
    cny_rate: Mapped[Decimal | None] = mapped_column(DecimalText)
    cny_rate_date: Mapped[dt.date | None] = mapped_column(Date)
    cny_rate_source: Mapped[str | None] = mapped_column(String(60))
    hs_code: Mapped[str] = mapped_column(String(10), default="", index=True)
    trade_mode: Mapped[str] = mapped_column(String(4), default="9610")
    customs_code: Mapped[str] = mapped_column(String(4), default="")
    sku: Mapped[str | None] = mapped_column(String(64))
    retention_until: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    remote_reason: Mapped[str | None] = mapped_column(Text)  # the platform's reason, if any


class TaxPurchaseInvoice(Base):
    """A purchase VAT invoice for exported goods: its presence (when valid) takes the line out
    of 无票免税, and its net amount is the basis of the export refund estimate."""

    __tablename__ = "tax_purchase_invoices"
    __table_args__ = (UniqueConstraint("number", "export_line_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    export_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("tax_export_lines.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    issued: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="valid")  # valid | voided | reversed
    net_amount_cny: Mapped[Decimal | None] = mapped_column(Amount)  # 不含税金额
    retention_until: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TaxEitYear(Base):
    """The year's inputs of the 核定征收 estimate. A None revenue means "the year's export lines
    in CNY"; employees and assets come from ``company_quarters``."""

    __tablename__ = "tax_eit_years"

    year: Mapped[int] = mapped_column(primary_key=True)
    revenue_cny: Mapped[Decimal | None] = mapped_column(Amount)  # 收入总额
    non_taxable_cny: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))  # 不征税收入
    exempt_cny: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))  # 免税收入
    uses_exemption: Mapped[bool] = mapped_column(default=True)
    retention_until: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
