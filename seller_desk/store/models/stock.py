"""Warehouses, the append-only stock movement ledger, head-haul shipments, closing snapshots
and warehouse-report reconciliations (the stock area; rules in ``seller_desk.core.stock``)."""

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

from seller_desk.store.models.base import Base, SyncMixin, utcnow
from seller_desk.store.types import Amount, DecimalText

WAREHOUSE_KINDS = ("domestic", "bonded", "fba", "third_party", "own_overseas")


class Warehouse(Base):
    """A place stock is kept: the seller's domestic warehouse, a bonded site, an Amazon FBA
    marketplace, a third-party overseas warehouse (海外仓) or the seller's own one abroad."""

    __tablename__ = "stock_warehouses"
    __table_args__ = (
        CheckConstraint(
            "kind in ('domestic', 'bonded', 'fba', 'third_party', 'own_overseas')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166 alpha-2
    provider: Mapped[str | None] = mapped_column(String(100))  # Amazon, 谷仓, 万邑通, …
    currency: Mapped[str] = mapped_column(String(3), default="CNY")  # the warehouse's billing
    address: Mapped[str | None] = mapped_column(Text)
    allow_negative: Mapped[bool] = mapped_column(default=False)
    low_stock: Mapped[int] = mapped_column(default=0)  # reorder point in units; 0 = off
    min_cover_days: Mapped[int] = mapped_column(default=30)
    active: Mapped[bool] = mapped_column(default=True)


#: the movements that bring units into a warehouse (FIFO ageing counts from them)
ARRIVALS = ("receipt", "transfer_in", "return", "opening")
#: the predicate of the arrivals' partial index, and the very text a query of arrivals says:
#: SQLite uses a partial index only for a query whose WHERE has its predicate as written
#: (with the kinds as literals, not bound parameters)
ARRIVALS_WHERE = "kind IN ({})".format(", ".join(f"'{k}'" for k in ARRIVALS))


class StockMovement(Base):
    """One line of the ledger. Append-only: never updated or deleted (the migration installs
    triggers that refuse it on SQLite); a correction is a new movement. ``id`` is the posting
    order. ``cause_type``/``cause_id`` say what made it (shipment, order, reconciliation,
    manual, opening)."""

    __tablename__ = "stock_movements"
    __table_args__ = (
        Index("ix_stock_movements_wh_date", "warehouse_id", "date"),
        Index("ix_stock_movements_product_wh_date", "product_id", "warehouse_id", "date"),
        Index("ix_stock_movements_cause", "cause_type", "cause_id"),
        Index("ix_stock_movements_product_date", "product_id", "date"),
        # the few movements FIFO ageing reads (a ledger is mostly sales): the Stock page's
        # ageing and the alerts read them through this index, not every movement of a
        # product (1M movements: 1.3 s a read before it, 0.01 s with it). It holds every
        # column the read uses (SQLite then prefers it to the product/date index whatever
        # the table's size; without them it took the other one on a small table)
        # (partial on PostgreSQL too: :func:`postgresql_options`)
        Index("ix_stock_movements_arrivals", "product_id", "date", "warehouse_id", "on_hand",
              "kind", sqlite_where=text(ARRIVALS_WHERE)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock_warehouses.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    on_hand: Mapped[int] = mapped_column(default=0)
    in_transit: Mapped[int] = mapped_column(default=0)
    unit_cost: Mapped[Decimal | None] = mapped_column(Amount)  # CNY per unit
    # the SKU's moving-average unit cost (CNY, all warehouses) once this line was posted:
    # the cost "as of" a past date is the one after the last line posted up to that date
    cost_after: Mapped[Decimal | None] = mapped_column(Amount)
    cause_type: Mapped[str] = mapped_column(String(16), default="manual")
    cause_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StockPosition(Base):
    """The running total of each (warehouse, product) position: the sum of all its movements,
    whatever their dates. Kept by a trigger on every insert into the ledger (migration
    stock_0003), in the inserting statement's transaction, so any writer keeps it (the
    services, bulk SQL, an import); the ledger being append-only, nothing else changes it.
    The stock at the end of a day is this total less the movements dated after that day: a
    few rows for today, where summing the ledger read every movement (issue #12: the Stock
    page over 1M movements with no month closed)."""

    __tablename__ = "stock_positions"

    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock_warehouses.id"),
                                              primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(default=0)
    in_transit: Mapped[int] = mapped_column(default=0)


class StockShipment(SyncMixin, Base):
    """A head-haul (头程) shipment or a transfer between two warehouses."""

    __tablename__ = "stock_shipments"
    __table_args__ = (
        CheckConstraint("state in ('draft', 'shipped', 'received', 'cancelled')", name="state"),
        CheckConstraint("trade_mode in ('9810', '9710', '0110')", name="trade_mode"),
        CheckConstraint("basis in ('quantity', 'weight', 'volume', 'value')", name="basis"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    from_warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock_warehouses.id"))
    to_warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock_warehouses.id"))
    state: Mapped[str] = mapped_column(String(12), default="draft")
    trade_mode: Mapped[str] = mapped_column(String(4), default="9810")
    booking_no: Mapped[str | None] = mapped_column(String(64))  # 订仓单 number (9810)
    order_no: Mapped[str | None] = mapped_column(String(64))  # 9710 order
    declaration_no: Mapped[str | None] = mapped_column(String(64))  # 报关单/清单 number
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking: Mapped[str | None] = mapped_column(String(100))
    shipped_on: Mapped[dt.date | None] = mapped_column(Date)
    eta: Mapped[dt.date | None] = mapped_column(Date)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(8), default="weight")
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    lines: Mapped[list[StockShipmentLine]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan", order_by="StockShipmentLine.id")
    boxes: Mapped[list[StockShipmentBox]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan", order_by="StockShipmentBox.id")
    fees: Mapped[list[StockShipmentFee]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan", order_by="StockShipmentFee.id")


class StockShipmentBox(Base):
    __tablename__ = "stock_shipment_boxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("stock_shipments.id", ondelete="CASCADE"),
                                             index=True)
    box_no: Mapped[str] = mapped_column(String(40))
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Amount)
    length_cm: Mapped[Decimal | None] = mapped_column(Amount)
    width_cm: Mapped[Decimal | None] = mapped_column(Amount)
    height_cm: Mapped[Decimal | None] = mapped_column(Amount)

    shipment: Mapped[StockShipment] = relationship(back_populates="boxes")


class StockShipmentLine(Base):
    """One SKU of a shipment: what was shipped, what arrived, and its landed cost (CNY)."""

    __tablename__ = "stock_shipment_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("stock_shipments.id", ondelete="CASCADE"),
                                             index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    box_id: Mapped[int | None] = mapped_column(ForeignKey("stock_shipment_boxes.id"))
    quantity: Mapped[int] = mapped_column()
    received: Mapped[int | None] = mapped_column()
    reason: Mapped[str | None] = mapped_column(Text)  # why more (or fewer) arrived
    gross_weight_kg: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))
    volume_m3: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    declared_value_amount: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))
    declared_value_currency: Mapped[str] = mapped_column(String(3), default="CNY")
    unit_cost: Mapped[Decimal | None] = mapped_column(Amount)  # goods, CNY, at shipping
    allocated_cny: Mapped[Decimal | None] = mapped_column(Amount)  # fees, at receiving
    landed_unit_cost: Mapped[Decimal | None] = mapped_column(Amount)

    shipment: Mapped[StockShipment] = relationship(back_populates="lines")


class StockShipmentFee(Base):
    """Freight, duty, insurance or another fee, with the CNY rate used and where it came from."""

    __tablename__ = "stock_shipment_fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("stock_shipments.id", ondelete="CASCADE"),
                                             index=True)
    kind: Mapped[str] = mapped_column(String(20))  # freight, duty, insurance, customs, other
    amount: Mapped[Decimal] = mapped_column(Amount)
    currency: Mapped[str] = mapped_column(String(3))
    rate_to_cny: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(1))
    rate_date: Mapped[dt.date | None] = mapped_column(Date)
    rate_source: Mapped[str | None] = mapped_column(String(100))

    shipment: Mapped[StockShipment] = relationship(back_populates="fees")


class StockCost(Base):
    """The moving weighted average cost of a SKU in CNY (all warehouses), rolled forward in
    posting order by every movement."""

    __tablename__ = "stock_costs"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(default=0)
    value: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))
    unit_cost: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StockSnapshot(Base):
    """Closing balances of one warehouse at the end of ``period_end``. A derived cache: a
    movement dated on or before it makes it stale, and the service drops it in the same
    transaction (it is rebuilt by the next close)."""

    __tablename__ = "stock_snapshots"
    __table_args__ = (UniqueConstraint("warehouse_id", "period_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock_warehouses.id"))
    period_end: Mapped[dt.date] = mapped_column(Date)
    last_movement_id: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StockSnapshotLine(Base):
    __tablename__ = "stock_snapshot_lines"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("stock_snapshots.id", ondelete="CASCADE"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(default=0)
    in_transit: Mapped[int] = mapped_column(default=0)


class StockReconciliation(Base):
    """A warehouse's own stock report compared with the ledger as of the report date.
    Nothing moves until the user confirms; confirming writes adjustment movements for the
    lines they accepted."""

    __tablename__ = "stock_reconciliations"
    __table_args__ = (
        CheckConstraint("state in ('open', 'confirmed', 'dismissed')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("stock_warehouses.id"))
    report_date: Mapped[dt.date] = mapped_column(Date)
    reader: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str | None] = mapped_column(String(260))
    state: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column()

    lines: Mapped[list[StockReconciliationLine]] = relationship(
        cascade="all, delete-orphan", order_by="StockReconciliationLine.id")


class StockReconciliationLine(Base):
    __tablename__ = "stock_reconciliation_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    reconciliation_id: Mapped[int] = mapped_column(
        ForeignKey("stock_reconciliations.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    status: Mapped[str] = mapped_column(String(16))  # match, differs, unknown_sku, not_in_report
    ledger_on_hand: Mapped[int] = mapped_column(default=0)
    report_on_hand: Mapped[int] = mapped_column(default=0)
    ledger_in_transit: Mapped[int] = mapped_column(default=0)
    report_in_transit: Mapped[int | None] = mapped_column()
    row: Mapped[int | None] = mapped_column()
    accepted: Mapped[bool] = mapped_column(default=False)
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("stock_movements.id"))


def postgresql_options() -> None:
    """The PostgreSQL form of the arrivals' partial index (migration ``stock_0002`` makes it on
    both), set when a PostgreSQL store's engine is made (see
    :func:`seller_desk.store.models.fx.postgresql_options`)."""
    index = next(i for i in StockMovement.__table__.indexes
                 if i.name == "ix_stock_movements_arrivals")
    index.dialect_options["postgresql"]["where"] = text(ARRIVALS_WHERE)
