"""The products area's tables beside the foundation's ``products`` and ``hs_codes``:
marketplace stores, listings (the MSKU → product mapping), negative lists, the hits of those
lists per product and import presets. Product images and documents are in the document vault
(``documents`` / ``document_links``, owner "product"; products_0003 moved them there)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, event, func, text
from sqlalchemy.orm import Mapped, mapped_column

from seller_desk.store.models.base import Base, SyncMixin, changed_outside
from seller_desk.store.models.catalog import Product
from seller_desk.store.types import Amount

#: The product table sorts by name in SQL with keyset pages: (name, id) indexes.
Index("ix_products_name_zh_id", Product.__table__.c.name_zh, Product.__table__.c.id)
Index("ix_products_name_en_id", Product.__table__.c.name_en, Product.__table__.c.id)
#: An import matches SKUs and MSKUs without case: it looks them up by ``lower()`` (SQLite's
#: folds ASCII only; the few others are found apart, see services.products).
Index("ix_products_sku_lower", func.lower(Product.__table__.c.sku))


class Store(Base):
    """A marketplace store: "Amazon US", "Shopee PH", "AliExpress", an independent site."""

    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))  # core.products.PLATFORMS
    name: Mapped[str] = mapped_column(String(100), unique=True)
    site: Mapped[str | None] = mapped_column(String(10))  # marketplace / site code: US, DE, PH
    currency: Mapped[str | None] = mapped_column(String(3))


class Listing(SyncMixin, Base):
    """A listing in a store; ``msku`` maps to ``product_id`` (several MSKUs may map to one SKU)."""

    __tablename__ = "listings"
    __table_args__ = (
        UniqueConstraint("store_id", "msku", name="uq_listings_store_msku"),
        Index("ix_listings_status_id", "status", "id"),
        # the tables' default order: a page of 1M listings without it sorted them all
        Index("ix_listings_msku_id", "msku", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True)
    msku: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str | None] = mapped_column(String(64), index=True)  # ASIN, item id
    title: Mapped[str] = mapped_column(String(500), default="")
    price_amount: Mapped[Decimal | None] = mapped_column(Amount)
    price_currency: Mapped[str | None] = mapped_column(String(3))
    quantity: Mapped[int | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="active")
    fulfilment: Mapped[str] = mapped_column(String(20), default="merchant")
    extra: Mapped[dict | None] = mapped_column(JSON)  # listing-id, product-id, open-date…
    #: what the listings import last wrote or found unchanged (a digest of the row it read):
    #: re-importing the same row compares this value only; any other change clears it
    import_digest: Mapped[str | None] = mapped_column(String(32))


Index("ix_listings_store_msku_lower", Listing.__table__.c.store_id,
      func.lower(Listing.__table__.c.msku))

#: The few SKUs and MSKUs with a character beyond printable ASCII (those SQLite's ``lower()``
#: does not fold as Python's does): each import and a hand edit of such a key look them up
#: (services.products._beyond_printable), through these partial indexes rather than a scan of
#: every product and listing (60 ms at 100k, 0.6 s at 1M, for a file of any size). The
#: predicate is the query's own text; PostgreSQL's form: :func:`postgresql_options`.
ODD_SKU = "sku GLOB '*[^ -~]*'"
ODD_MSKU = "msku GLOB '*[^ -~]*'"
Index("ix_products_sku_odd", Product.__table__.c.id, sqlite_where=text(ODD_SKU))
Index("ix_listings_msku_odd", Listing.__table__.c.id, sqlite_where=text(ODD_MSKU))


def postgresql_options() -> None:
    """The PostgreSQL form of the partial indexes above (migration ``products_0005`` makes
    them on both), set when a PostgreSQL store's engine is made (see
    :func:`seller_desk.store.models.fx.postgresql_options`)."""
    for table, name, column in ((Product.__table__, "ix_products_sku_odd", "sku"),
                                (Listing.__table__, "ix_listings_msku_odd", "msku")):
        index = next(i for i in table.indexes if i.name == name)
        index.dialect_options["postgresql"]["where"] = text(f"{column} ~ '[^ -~]'")


def _import_digest_spent(_mapper: Any, _connection: Any, target: Product | Listing) -> None:
    """A product or listing changed by anything but an import (an edit, a bulk edit, sync,
    its product deleted) loses its import digest: the next import compares it column by
    column. (Imports write with Core statements, never through these ORM events.)"""
    if target.import_digest is not None and changed_outside(target, ("import_digest",
                                                                    "updated_at")):
        target.import_digest = None


event.listen(Product, "before_update", _import_digest_spent)
event.listen(Listing, "before_update", _import_digest_spent)


class NegativeListEntry(Base):
    """One entry of a user-maintained negative list (see core.products.ListEntry)."""

    __tablename__ = "negative_list_entries"
    __table_args__ = (UniqueConstraint("kind", "hs_prefix", "keyword",
                                       name="uq_negative_list_entries_rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    hs_prefix: Mapped[str] = mapped_column(String(10), default="")
    keyword: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(String(500))


class ProductListHit(Base):
    """Which list a product hits and why, kept current on every product or list change so the
    product table filters on it in SQL."""

    __tablename__ = "product_list_hits"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))
    matched: Mapped[str] = mapped_column(String(100))  # the HS prefix or keyword


class ImportPreset(Base):
    """A saved column mapping for the generic import: target field → the file's header."""

    __tablename__ = "import_presets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    target: Mapped[str] = mapped_column(String(20))
    mapping: Mapped[dict] = mapped_column(JSON)
    options: Mapped[dict | None] = mapped_column(JSON)
