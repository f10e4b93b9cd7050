"""Orders, their lines and money events, settlements (payouts), export declarations with their
lines, the carriers' waybills, monthly summaries and the CEB message log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from seller_desk.store.models.base import Base, SyncMixin, changed_outside, utcnow
from seller_desk.store.types import Amount, Encrypted


class Order(SyncMixin, Base):
    """A marketplace order (or, for 9810, an overseas-warehouse booking)."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("marketplace", "order_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    marketplace: Mapped[str] = mapped_column(String(40))  # amazon.com, shopee.ph, ebay …
    store: Mapped[str] = mapped_column(String(60), default="")
    order_no: Mapped[str] = mapped_column(String(60), index=True)
    ordered_at: Mapped[dt.datetime | None] = mapped_column(index=True)  # UTC
    ordered_text: Mapped[str] = mapped_column(String(60), default="")  # as the report wrote it
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(40), default="", index=True)
    fulfillment: Mapped[str] = mapped_column(String(40), default="")
    buyer_country: Mapped[str] = mapped_column(String(2), default="")
    consignee_name: Mapped[str | None] = mapped_column(Encrypted)  # personal data
    tracking_no: Mapped[str] = mapped_column(String(60), default="")
    order_type: Mapped[str] = mapped_column(String(1), default="E")  # CEB303: E, B, W
    ebp_code: Mapped[str] = mapped_column(String(18), default="无")  # platform customs code
    ebp_name: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(40), default="")
    #: what the last import that wrote this order compared (its fields, lines and events) as one
    #: digest: re-importing an unchanged order compares this value, not every column and line
    #: (None: written before it existed; compared column by column then)
    import_digest: Mapped[str | None] = mapped_column(String(32))
    #: the digest of the report cells a big (staged) import made this order from, written with
    #: ``import_digest`` (None when written from anything else): a re-import whose cells give
    #: this value skips building the record (see ``OrdersService._write_orders``)
    import_raw_digest: Mapped[str | None] = mapped_column(String(32))
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no")


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int]  # 1-based; the gnum of the CEB303 line
    sku: Mapped[str] = mapped_column(String(64), index=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True)  # None: not mapped yet
    title: Mapped[str] = mapped_column(String(400), default="")
    quantity: Mapped[int]
    amount_amount: Mapped[Decimal] = mapped_column(Amount)
    amount_currency: Mapped[str] = mapped_column(String(3))
    item_id: Mapped[str] = mapped_column(String(60), default="")
    order: Mapped[Order] = relationship(back_populates="lines")


class OrderSku(Base):
    """Every SKU ever seen on an order line, once (kept by a trigger on ``order_lines``): the
    vocabulary the Orders filter searches (its FTS5 index ``order_skus_fts``) before it reads
    lines through their SKU index."""

    __tablename__ = "order_skus"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)


class OrderEvent(Base):
    """A money movement: the sale itself, a refund, a fee, a transfer, an adjustment."""

    __tablename__ = "order_events"
    __table_args__ = (Index("ix_order_events_kind_at", "kind", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(String(64), unique=True)  # idempotent re-import
    order_ref: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), index=True)
    marketplace: Mapped[str] = mapped_column(String(40))
    order_no: Mapped[str] = mapped_column(String(60), default="", index=True)
    kind: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[dt.datetime | None]
    occurred_text: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(String(400), default="")
    sku: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int | None]
    total_amount: Mapped[Decimal] = mapped_column(Amount)
    total_currency: Mapped[str] = mapped_column(String(3))
    parts: Mapped[dict] = mapped_column(JSON, default=dict)  # column → decimal text
    settlement_no: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(40), default="")
    type_text: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(40), default="")


class Settlement(SyncMixin, Base):
    """A payout with its period, deposit date and total; its lines must add up to the total."""

    __tablename__ = "settlements"
    __table_args__ = (UniqueConstraint("marketplace", "settlement_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    marketplace: Mapped[str] = mapped_column(String(40))
    settlement_no: Mapped[str] = mapped_column(String(40))
    currency: Mapped[str] = mapped_column(String(3))
    total_amount: Mapped[Decimal] = mapped_column(Amount)
    lines_total_amount: Mapped[Decimal] = mapped_column(Amount)
    confirmed_difference: Mapped[Decimal | None] = mapped_column(Amount)  # shown and accepted
    start_at: Mapped[dt.datetime | None]
    end_at: Mapped[dt.datetime | None]
    deposit_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    start_text: Mapped[str] = mapped_column(String(40), default="")
    end_text: Mapped[str] = mapped_column(String(40), default="")
    deposit_text: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(40), default="")
    #: digest of everything an import wrote (the fields above and every line, in order): a
    #: re-import is unchanged only when its digest is this one (None: written before it
    #: existed, or not by an import; see ``OrdersService._put_settlement``)
    import_digest: Mapped[str | None] = mapped_column(String(32))
    lines: Mapped[list[SettlementLine]] = relationship(
        back_populates="settlement", cascade="all, delete-orphan",
        order_by="SettlementLine.line_no")


class SettlementLine(Base):
    __tablename__ = "settlement_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(
        ForeignKey("settlements.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    transaction_type: Mapped[str] = mapped_column(String(60), default="")
    amount_type: Mapped[str] = mapped_column(String(60), default="")
    amount_description: Mapped[str] = mapped_column(String(120), default="")
    amount_amount: Mapped[Decimal] = mapped_column(Amount)
    order_no: Mapped[str] = mapped_column(String(60), default="", index=True)
    marketplace: Mapped[str] = mapped_column(String(40), default="")
    sku: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int | None]
    posted_at: Mapped[dt.datetime | None]
    posted_text: Mapped[str] = mapped_column(String(40), default="")
    adjustment_id: Mapped[str] = mapped_column(String(80), default="")
    order_item_code: Mapped[str] = mapped_column(String(40), default="")
    promotion_id: Mapped[str] = mapped_column(String(80), default="")
    fulfillment: Mapped[str] = mapped_column(String(10), default="")
    settlement: Mapped[Settlement] = relationship(back_populates="lines")


class Waybill(Base):
    """The carrier's waybill numbers (CEB505 is the carrier's message; we keep its data)."""

    __tablename__ = "waybills"
    __table_args__ = (UniqueConstraint("logistics_code", "logistics_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    logistics_code: Mapped[str] = mapped_column(String(18))
    logistics_name: Mapped[str] = mapped_column(String(100))
    logistics_no: Mapped[str] = mapped_column(String(32))
    gross_weight: Mapped[Decimal | None] = mapped_column(Amount)
    pack_no: Mapped[int | None]
    consignee_country: Mapped[str] = mapped_column(String(2), default="")
    status_code: Mapped[str] = mapped_column(String(10), default="")


class Declaration(SyncMixin, Base):
    """An export list (申报清单) for one parcel or shipment, with its customs status."""

    __tablename__ = "declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    cop_no: Mapped[str] = mapped_column(String(30), unique=True)
    trade_mode: Mapped[str] = mapped_column(String(4))
    customs_code: Mapped[str] = mapped_column(String(4))
    port_code: Mapped[str] = mapped_column(String(4))
    ie_date: Mapped[dt.date] = mapped_column(index=True)
    order_ref: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), index=True)
    order_no: Mapped[str] = mapped_column(String(60))
    ebp_code: Mapped[str] = mapped_column(String(18))
    ebp_name: Mapped[str] = mapped_column(String(100))
    logistics_code: Mapped[str] = mapped_column(String(18))
    logistics_name: Mapped[str] = mapped_column(String(100))
    logistics_no: Mapped[str] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(2))  # ISO alpha-2, country of arrival
    traf_mode: Mapped[str] = mapped_column(String(1), default="5")
    wrap_type: Mapped[str] = mapped_column(String(1), default="2")
    statistics_flag: Mapped[str] = mapped_column(String(1), default="B")
    pack_no: Mapped[int] = mapped_column(default=1)
    gross_weight: Mapped[Decimal] = mapped_column(Amount)
    net_weight: Mapped[Decimal] = mapped_column(Amount)
    freight_amount: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))
    freight_currency: Mapped[str] = mapped_column(String(3))
    consignee_country: Mapped[str] = mapped_column(String(2), default="")
    needs_licence: Mapped[bool] = mapped_column(default=False)
    needs_inspection: Mapped[bool] = mapped_column(default=False)
    taxable: Mapped[bool] = mapped_column(default=False)
    value_cny: Mapped[Decimal | None] = mapped_column(Amount)  # for the 9710/9810 ceiling
    channel: Mapped[str] = mapped_column(String(4), default="list")  # list / full
    pre_no: Mapped[str] = mapped_column(String(18), default="")
    invt_no: Mapped[str] = mapped_column(String(20), default="", index=True)
    entry_id: Mapped[str] = mapped_column(String(18), default="")  # 报关单号 from CEB792
    status_code: Mapped[str] = mapped_column(String(10), default="")
    status_info: Mapped[str] = mapped_column(Text, default="")
    status_at: Mapped[dt.datetime | None]
    generated_at: Mapped[dt.datetime | None]
    match_ok: Mapped[bool] = mapped_column(default=False)
    problems: Mapped[list] = mapped_column(JSON, default=list)  # Problem.to_dict() list
    # 9810: the head-haul shipment to the overseas warehouse (the stock area's reference)
    shipment_ref: Mapped[str] = mapped_column(String(60), default="")
    lines: Mapped[list[DeclarationLine]] = relationship(
        back_populates="declaration", cascade="all, delete-orphan",
        order_by="DeclarationLine.gnum")


class DeclarationLine(Base):
    __tablename__ = "declaration_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(
        ForeignKey("declarations.id", ondelete="CASCADE"), index=True)
    gnum: Mapped[int]
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    item_no: Mapped[str] = mapped_column(String(20))
    item_name: Mapped[str] = mapped_column(String(250), default="")
    gcode: Mapped[str] = mapped_column(String(10))
    gname: Mapped[str] = mapped_column(String(250))
    gmodel: Mapped[str] = mapped_column(String(250), default="无")
    bar_code: Mapped[str] = mapped_column(String(50), default="无")
    qty: Mapped[Decimal] = mapped_column(Amount)
    unit: Mapped[str] = mapped_column(String(3))
    qty1: Mapped[Decimal] = mapped_column(Amount)
    unit1: Mapped[str] = mapped_column(String(3))
    qty2: Mapped[Decimal | None] = mapped_column(Amount)
    unit2: Mapped[str] = mapped_column(String(3), default="")
    price_amount: Mapped[Decimal] = mapped_column(Amount)
    total_amount: Mapped[Decimal] = mapped_column(Amount)
    currency: Mapped[str] = mapped_column(String(3))
    declaration: Mapped[Declaration] = relationship(back_populates="lines")


class CustomsSummary(Base):
    """The monthly summary application (CEB701) of the lists released in ``month``."""

    __tablename__ = "customs_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), index=True)  # YYYY-MM of the cleared lists
    cop_no: Mapped[str] = mapped_column(String(30), unique=True)
    invt_nos: Mapped[list] = mapped_column(JSON, default=list)
    sum_no: Mapped[str] = mapped_column(String(18), default="")
    entry_id: Mapped[str] = mapped_column(String(18), default="")
    status_code: Mapped[str] = mapped_column(String(10), default="")
    generated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CebMessageLog(Base):
    """Every CEB message written or receipt read: what, when, which records, the outcome."""

    __tablename__ = "ceb_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # out / in
    kind: Mapped[str] = mapped_column(String(10))  # CEB603, CEB604 …
    guid: Mapped[str] = mapped_column(String(36), default="")
    file_name: Mapped[str] = mapped_column(String(200), default="")
    keys: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


def _order_digests_spent(_mapper: Any, _connection: Any, target: Order) -> None:
    """An order changed by anything but an import (which writes with Core statements, never
    through these ORM events) loses both import digests: the next import of it compares it
    column by column instead of taking it as unchanged."""
    if target.import_digest is None and target.import_raw_digest is None:
        return
    if changed_outside(target, ("import_digest", "import_raw_digest", "updated_at", "version",
                                "remote_status", "remote_reason")):
        target.import_digest = target.import_raw_digest = None


def _line_digests_spent(_mapper: Any, connection: Any, target: OrderLine) -> None:
    """A line changed by anything but an import spends its order's digests (its product
    mapping aside: no digest covers it)."""
    if changed_outside(target, ("product_id",)):
        _forget_digests(connection, target.order_id)


def _line_deleted(_mapper: Any, connection: Any, target: OrderLine) -> None:
    _forget_digests(connection, target.order_id)


def _forget_digests(connection: Any, order_id: int | None) -> None:
    if order_id is not None:
        table = Order.__table__
        connection.execute(update(table).where(table.c.id == order_id).values(
            import_digest=None, import_raw_digest=None))



event.listen(Order, "before_update", _order_digests_spent)
event.listen(OrderLine, "before_update", _line_digests_spent)
event.listen(OrderLine, "after_delete", _line_deleted)
