"""The product master and the HS code table: the hub every other area refers to."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from seller_desk.store.models.base import Base, SyncMixin
from seller_desk.store.types import Amount, DecimalText


class HsCode(Base):
    """A user-maintained HS code: legal units, export refund rate and flags."""

    __tablename__ = "hs_codes"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    description: Mapped[str] = mapped_column(String(400), default="")
    legal_unit1: Mapped[str | None] = mapped_column(String(3))  # customs unit code, e.g. 011
    legal_unit2: Mapped[str | None] = mapped_column(String(3))
    refund_rate: Mapped[Decimal | None] = mapped_column(DecimalText)  # 0.13 for 13%
    refund_cancelled: Mapped[bool] = mapped_column(default=False)
    licence_required: Mapped[bool] = mapped_column(default=False)


class Product(SyncMixin, Base):
    """A product with the customs data declarations, stock and tax paperwork reuse."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name_zh: Mapped[str] = mapped_column(String(250), default="")
    name_en: Mapped[str] = mapped_column(String(250), default="")
    brand: Mapped[str | None] = mapped_column(String(100))
    spec: Mapped[str | None] = mapped_column(String(250))  # 规格型号
    barcode: Mapped[str | None] = mapped_column(String(50))
    hs_code: Mapped[str | None] = mapped_column(String(10), index=True)
    declared_name: Mapped[str | None] = mapped_column(String(250))  # 申报品名
    declared_unit: Mapped[str | None] = mapped_column(String(3))  # customs unit code
    legal_unit1: Mapped[str | None] = mapped_column(String(3))
    legal_qty1: Mapped[Decimal | None] = mapped_column(Amount)  # legal quantity per unit
    legal_unit2: Mapped[str | None] = mapped_column(String(3))
    legal_qty2: Mapped[Decimal | None] = mapped_column(Amount)
    net_weight_kg: Mapped[Decimal | None] = mapped_column(Amount)
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Amount)
    length_cm: Mapped[Decimal | None] = mapped_column(Amount)
    width_cm: Mapped[Decimal | None] = mapped_column(Amount)
    height_cm: Mapped[Decimal | None] = mapped_column(Amount)
    origin_country: Mapped[str | None] = mapped_column(String(3))  # ISO alpha-3
    unit_cost_amount: Mapped[Decimal | None] = mapped_column(Amount)
    unit_cost_currency: Mapped[str | None] = mapped_column(String(3))
    notes: Mapped[str | None] = mapped_column(Text)
    # the platform's reason for its status (a product filing rejected: why), set by sync
    remote_reason: Mapped[str | None] = mapped_column(Text)
    #: what the products import last wrote or found unchanged (a digest of the row it read):
    #: re-importing the same row compares this value only; any other change clears it
    import_digest: Mapped[str | None] = mapped_column(String(32))
