"""Demo: the product master, HS table, negative lists and marketplace listings.

Written through ``desk.products`` like a user's own import would be, so the demo exercises the
same validation; the data is in :mod:`seller_desk.services.demo_parts.products_data`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from seller_desk.core.money import Money
from seller_desk.core.products import HsEntry, ListEntry, ListingData, ProductData
from seller_desk.io.products_table import HsRow, ListEntryRow, ListingRow, ProductRow
from seller_desk.io.readers import ReadResult
from seller_desk.services.demo_parts.products_data import (
    HS_CODES,
    LISTINGS,
    NEGATIVE_LISTS,
    PRODUCTS,
)

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext


def records() -> list[HsRow | ListEntryRow | ProductRow | ListingRow]:
    hs_units = {h[0]: (h[2], h[3]) for h in HS_CODES}
    out: list[HsRow | ListEntryRow | ProductRow | ListingRow] = []
    for n, h in enumerate(HS_CODES, start=1):
        out.append(HsRow(n, HsEntry(h[0], h[1], h[2], h[3] or None, Decimal(h[4]), h[5], h[6]),
                         frozenset({"code", "description", "legal_unit1", "legal_unit2",
                                    "refund_rate", "refund_cancelled", "licence_required"})))
    for n, e in enumerate(NEGATIVE_LISTS, start=1):
        out.append(ListEntryRow(n, ListEntry(kind=e[0], hs_prefix=e[1], keyword=e[2], reason=e[3])))
    for n, p in enumerate(PRODUCTS, start=1):
        unit1, unit2 = hs_units[p[5]]
        data = ProductData(
            sku=p[0], name_zh=p[1], name_en=p[2], brand=p[3], spec=p[4], hs_code=p[5],
            declared_name=p[6], declared_unit=p[7], legal_unit1=unit1, legal_unit2=unit2,
            net_weight_kg=Decimal(p[8]), gross_weight_kg=Decimal(p[9]),
            length_cm=Decimal(p[10][0]), width_cm=Decimal(p[10][1]), height_cm=Decimal(p[10][2]),
            origin_country="CHN", unit_cost=Money.of(p[11], "CNY"), barcode=p[12],
            legal_qty1=Decimal(p[8]) if unit1 == "035" else Decimal(1),
            legal_qty2=Decimal(p[8]) if unit2 == "035" else (Decimal(1) if unit2 else None),
        )
        out.append(ProductRow(n, data, frozenset(f for f in ProductData.__dataclass_fields__)))
    for n, li in enumerate(LISTINGS, start=1):
        sku, platform, store, msku, external, price, currency, qty, status, fulfilment = li
        out.append(ListingRow(n, ListingData(
            platform=platform, store=store, msku=msku, sku=sku, external_id=external,
            title=next(p[2] for p in PRODUCTS if p[0] == sku), price=Money.of(price, currency),
            quantity=qty, status=status, fulfilment=fulfilment),
            frozenset({"platform", "store", "msku", "sku", "external_id", "title", "price",
                       "quantity", "status", "fulfilment"})))
    return out


def populate(desk: Desk, ctx: DemoContext) -> None:
    report = desk.products.apply_import(
        ReadResult(reader="demo", area="products", records=records()))
    if not report.written:  # the demo data must be valid: fail loudly in tests, not silently
        raise RuntimeError(f"demo products refused: {[p.key for p in report.problems]}")
    ctx.shared["product_skus"] = [p[0] for p in PRODUCTS]
    ctx.shared["listings"] = [(li[2], li[3], li[0]) for li in LISTINGS]  # (store, msku, sku)
