"""FX settlement records, the rate table with its provenance, and evidence links to orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from seller_desk.core.fx import KINDS
from seller_desk.store.models.base import Base, SyncMixin, utcnow
from seller_desk.store.types import Amount, DecimalText

RATE_KINDS = ("safe_monthly", "cny_central_parity")


class FxRate(Base):
    """One rate with its provenance.

    ``safe_monthly``: SAFE 各种货币对美元折算率, ``batch`` = ``yyyyMM``, ``rate`` = USD per one
    unit of ``currency``. ``cny_central_parity``: the daily 人民币汇率中间价 the user has,
    ``batch`` = ``yyyyMMdd``, ``rate`` = CNY per one unit of ``currency``.
    """

    __tablename__ = "fx_rates"
    __table_args__ = (
        UniqueConstraint("kind", "currency", "batch", name="uq_fx_rates_kind_currency_batch"),
        CheckConstraint(f"kind in {RATE_KINDS!r}", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="safe_monthly")
    currency: Mapped[str] = mapped_column(String(3))
    batch: Mapped[str] = mapped_column(String(8))
    rate: Mapped[Decimal] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(String(200))  # "safe_xlsx:<file>", "manual", "demo"
    entered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FxRecord(SyncMixin, Base):
    """A receipt (收汇), payment (付汇), settlement (结汇), purchase (购汇) or fee.

    ``amount`` is what moved, in its currency; ``usd_*`` is its USD equivalent with the SAFE
    rate, batch and source it was computed from (all NULL while the rate is missing: the record
    is then listed as missing a rate, never counted as zero). ``cny_amount`` is what the bank
    paid or charged in CNY on a settlement or purchase. Netting (汇发〔2020〕11号): for a receipt,
    ``gross_amount`` and the three fees are in the record's currency and ``amount`` is the net.
    """

    __tablename__ = "fx_records"
    __sync_entity__ = "fx_record"
    __table_args__ = (
        CheckConstraint(f"kind in {KINDS!r}", name="kind"),
        UniqueConstraint("channel", "external_id", name="uq_fx_records_channel_external_id"),
        Index("ix_fx_records_date", "date"),
        Index("ix_fx_records_kind_date", "kind", "date"),
        # covering index: the year's per-day totals for the US$200,000 status read no table rows
        Index("ix_fx_records_status", "kind", "date", "usd_amount", "gross_usd"),
        # partial on PostgreSQL too: :func:`postgresql_options`
        Index("ix_fx_records_missing_rate", "date", sqlite_where=text("usd_amount IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    amount_amount: Mapped[Decimal] = mapped_column(Amount)
    amount_currency: Mapped[str] = mapped_column(String(3))
    usd_amount: Mapped[Decimal | None] = mapped_column(Amount)
    usd_rate: Mapped[Decimal | None] = mapped_column(DecimalText)
    usd_batch: Mapped[str | None] = mapped_column(String(6))
    usd_source: Mapped[str | None] = mapped_column(String(200))
    cny_amount: Mapped[Decimal | None] = mapped_column(Amount)
    channel: Mapped[str] = mapped_column(String(40), default="manual")
    counterparty: Mapped[str | None] = mapped_column(String(200))
    person: Mapped[str | None] = mapped_column(String(100))  # individuals: whose quota
    trade_evidence: Mapped[bool] = mapped_column(default=False)
    evidence_text: Mapped[str | None] = mapped_column(String(400))
    fee_amount: Mapped[Decimal | None] = mapped_column(Amount)  # the provider's own fee
    gross_amount: Mapped[Decimal | None] = mapped_column(Amount)
    storage_fee: Mapped[Decimal | None] = mapped_column(Amount)
    logistics_fee: Mapped[Decimal | None] = mapped_column(Amount)
    tax_fee: Mapped[Decimal | None] = mapped_column(Amount)
    #: USD equivalent of ``gross_amount`` at the record's SAFE rate: what a netted receipt counts
    #: toward the US$200,000 line (汇发〔2020〕11号, the gross is declared)
    gross_usd: Mapped[Decimal | None] = mapped_column(Amount)
    declaration_ref: Mapped[str | None] = mapped_column(String(60))  # 9810 declaration
    declared_usd: Mapped[Decimal | None] = mapped_column(Amount)
    external_id: Mapped[str | None] = mapped_column(String(120))
    #: the digest of the statement row (its cells and how they were read) an import made this
    #: record from, when that row had no problem (None: written any other way): re-importing
    #: those cells under this ``external_id`` is then known unchanged without reading them
    import_digest: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(200), default="manual")
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    remote_reason: Mapped[str | None] = mapped_column(Text)  # the platform's reason, if any

    evidence: Mapped[list[FxEvidence]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="FxEvidence.id")
    documents: Mapped[list[FxEvidenceDoc]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="FxEvidenceDoc.id")


class FxEvidence(Base):
    """An order backing a receipt or settlement, and how much of it (USD) this record uses.

    The order is referenced by its id only (the orders area is a separate module): amount and
    ship date are copied here when linked, so the rule "each order backs settlements once in
    total" is a SUM over this table by ``order_id``.
    """

    __tablename__ = "fx_evidence"
    __table_args__ = (UniqueConstraint("record_id", "order_id", name="uq_fx_evidence_record_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("fx_records.id", ondelete="CASCADE"),
                                           index=True)
    order_id: Mapped[str] = mapped_column(String(100), index=True)
    order_amount: Mapped[Decimal] = mapped_column(Amount)
    order_currency: Mapped[str] = mapped_column(String(3))
    order_usd: Mapped[Decimal] = mapped_column(Amount)
    ship_date: Mapped[dt.date | None] = mapped_column(Date)
    used_usd: Mapped[Decimal] = mapped_column(Amount)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    record: Mapped[FxRecord] = relationship(back_populates="evidence")


DOC_KINDS = ("waybill", "filing")


class FxEvidenceDoc(Base):
    """A supporting document of a receipt's or settlement's evidence: a carrier's waybill (the
    logistics evidence of its declaration's orders) or a filing (e.g. the zone platform filing,
    the personal FX settlement account filing). It carries no amount: amounts are the orders'
    (:class:`FxEvidence`), so "each order backs settlements once" stays one SUM by ``order_id``.

    ``ref`` identifies the document (``CODE:NO`` for a waybill, the filing id); ``name`` /
    ``number`` are copied when linked (logistics company and waybill number, filing kind and
    number) so the pack prints them even if the source row changes; ``detail`` holds the order
    numbers a waybill brought in, or the filing's authority and approval date.
    """

    __tablename__ = "fx_evidence_docs"
    __table_args__ = (
        UniqueConstraint("record_id", "kind", "ref", name="uq_fx_evidence_docs_record_kind_ref"),
        CheckConstraint(f"kind in {DOC_KINDS!r}", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("fx_records.id", ondelete="CASCADE"),
                                           index=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref: Mapped[str] = mapped_column(String(120))
    code: Mapped[str] = mapped_column(String(40), default="")  # logistics code / filing kind
    name: Mapped[str] = mapped_column(String(200), default="")
    number: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    record: Mapped[FxRecord] = relationship(back_populates="documents")


def postgresql_options() -> None:
    """The PostgreSQL form of the partial index above (migration ``fx_0004`` makes it on both),
    set when a PostgreSQL store's engine is made: ``postgresql_where`` among the table's
    arguments loads SQLAlchemy's PostgreSQL dialect (~26 ms) in every start on SQLite."""
    index = next(i for i in FxRecord.__table__.indexes if i.name == "ix_fx_records_missing_rate")
    index.dialect_options["postgresql"]["where"] = text("usd_amount IS NULL")
