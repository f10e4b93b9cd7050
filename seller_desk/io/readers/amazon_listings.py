"""Amazon All Listings Report (``GET_MERCHANT_LISTINGS_ALL_DATA``), tab-separated text.

English and Chinese report languages (../shared/research/report-formats.md §3.2). The Chinese
header repeats ``不适用项目`` nine times and ``商品编码`` twice (column 3 is the listing id,
column 23 the product id): columns are read by name *and* occurrence, so no column is lost.
The report does not say which marketplace it is from: the ``marketplace`` option says so, or
it is inferred from the time zone of ``open-date`` (PST/PDT → US, BST/GMT → UK, JST → JP) or an
``AMAZON_NA`` fulfilment channel; a guess is reported as a warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from seller_desk.core import fields as rules
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.core.products import (
    AMAZON_MARKETPLACES,
    ListingData,
    amazon_fulfilment,
    check_listing,
    listing_status,
)
from seller_desk.io.cells import check_number
from seller_desk.io.products_table import (
    ListingRow,
    PackedRows,
    duplicates,
    ends_cleanly,
    guess_number_locale,
)
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import Columns, TableError, any_header, has_columns, read_table

#: field → (English header, Chinese header, occurrence of the Chinese header).
COLUMNS = {
    "title": ("item-name", "商品名称", 0),
    "listing_id": ("listing-id", "商品编码", 0),
    "msku": ("seller-sku", "卖家 SKU", 0),
    "price": ("price", "价格", 0),
    "quantity": ("quantity", "数量", 0),
    "open_date": ("open-date", "开售日期", 0),
    "product_id_type": ("product-id-type", "商品编码类型", 0),
    "asin": ("asin1", "ASIN1", 0),
    "product_id": ("product-id", "商品编码", 1),
    "fulfilment": ("fulfillment-channel", "配送渠道", 0),
    "status": ("status", "状态", 0),
}
ENGLISH = has_columns("item-name", "seller-sku", "asin1")
CHINESE = has_columns("商品名称", "卖家 SKU", "ASIN1")
IS_HEADER = any_header(ENGLISH, CHINESE)

_ZONES = {"PST": "US", "PDT": "US", "BST": "UK", "GMT": "UK", "JST": "JP"}


def infer_marketplace(open_dates: list[str], channels: list[str]) -> str | None:
    for text in open_dates:
        m = re.search(r"\b([A-Z]{3,4})\s*$", text.strip())
        if m and m.group(1) in _ZONES:
            return _ZONES[m.group(1)]
    if any(c.strip().upper() == "AMAZON_NA" for c in channels):
        return "US"
    return None


@register
class AmazonAllListings(Reader):
    name = "amazon-all-listings"
    label = "Amazon All Listings Report"
    area = "products"
    suffixes = (".txt", ".tsv", ".csv")

    def detect(self, path: Path) -> str | None:
        table = read_table(path, IS_HEADER, delimiter="\t")
        if table is None:
            return "no All Listings header (item-name, seller-sku, asin1 / 商品名称, 卖家 SKU, ASIN1)"
        return None

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        try:
            table = read_table(path, IS_HEADER, delimiter="\t")
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(Problem(key="io.required_column_missing",
                                           params={"column": "seller-sku"}))
            return result
        hi = table.header_index(IS_HEADER)
        assert hi is not None
        header = table.rows[hi]
        cols = Columns.from_header(header)
        language = "en" if ENGLISH([c.strip() for c in header]) else "zh"

        def cell(row: list[str], name: str) -> str:
            en, zh, nth = COLUMNS[name]
            return cols.get(row, en) if language == "en" else cols.get(row, zh, nth)

        def header_of(name: str | None) -> str | None:
            if name not in COLUMNS:
                return name
            en, zh, _ = COLUMNS[name]
            return en if language == "en" else zh

        def has(name: str) -> bool:
            en, zh, nth = COLUMNS[name]
            return len(cols.positions.get(en if language == "en" else zh, [])) > (0 if language == "en" else nth)

        data = [(i, r) for i, r in enumerate(table.rows[hi + 1:], start=hi + 1)
                if any(c.strip() for c in r)]
        marketplace = (options.get("marketplace") or "").upper() or None
        if marketplace and marketplace not in AMAZON_MARKETPLACES:
            result.problems.append(Problem(key="products.import.unknown_marketplace",
                                           params={"marketplace": marketplace}))
            return result
        if marketplace is None:
            marketplace = infer_marketplace([cell(r, "open_date") for _, r in data],
                                            [cell(r, "fulfilment") for _, r in data])
            if marketplace is None:
                marketplace = "US"
                result.problems.append(Problem(key="products.import.marketplace_guessed",
                                               params={"marketplace": marketplace},
                                               severity="warning"))
        currency = AMAZON_MARKETPLACES[marketplace]
        store = options.get("store") or f"Amazon {marketplace}"
        locale = options.get("locale") or guess_number_locale([cell(r, "price") for _, r in data])
        result.meta.update(encoding=table.encoding, language=language, marketplace=marketplace,
                           store=store, locale=locale, header=list(header),
                           rows=PackedRows((i + 1, r) for i, r in data))
        if not data:
            result.problems.append(Problem(key="products.import.no_rows",
                                           source=table.source(hi)))
            return result
        clean_end = ends_cleanly(path)
        keys: list[tuple[int, str]] = []
        shared: dict[frozenset[str], frozenset[str]] = {}
        for n, (i, row) in enumerate(data):
            if progress and n % 200 == 0:
                progress(n / len(data), f"{n}/{len(data)}")
            problems: list[Problem] = []
            if n == len(data) - 1 and not clean_end and len(row) < len(header):
                result.problems.append(Problem(
                    key="products.import.truncated",
                    params={"found": len(row), "expected": len(header)}, source=table.source(i)))
                continue  # the rest of the row is lost: its other problems would mislead
            price_text = cell(row, "price")
            price = None
            if price_text:
                try:
                    price = Money.of(price_text, currency, locale=locale)
                except MoneyError as exc:
                    problems.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                            field="price",
                                            source=table.source(i, header_of("price"), price_text)))
                if price is not None and not check_number(
                        rules.PRICE, price, table.source(i, header_of("price"), price_text),
                        problems):
                    price = None
            qty_text = cell(row, "quantity")
            quantity = None
            if qty_text:
                try:
                    q = parse_decimal(qty_text)
                    if q != q.to_integral_value():
                        raise MoneyError("products.not_a_quantity", value=qty_text)
                    quantity = int(q)
                except MoneyError:
                    problems.append(Problem(key="products.not_a_quantity", params={"value": qty_text},
                                            field="quantity",
                                            source=table.source(i, header_of("quantity"), qty_text)))
                if quantity is not None and not check_number(
                        rules.COUNT, quantity, table.source(i, header_of("quantity"), qty_text),
                        problems):
                    quantity = None
            status_text = cell(row, "status") if has("status") else ""
            status = listing_status(status_text) if status_text else None
            if status_text and status is None:
                problems.append(Problem(key="products.status_unknown", params={"status": status_text},
                                        field="status",
                                        source=table.source(i, header_of("status"), status_text)))
            listing = ListingData(
                platform="amazon", store=store, msku=cell(row, "msku"),
                external_id=cell(row, "asin"), title=cell(row, "title"), price=price,
                quantity=quantity, status=status or "active",
                fulfilment=amazon_fulfilment(cell(row, "fulfilment")),
            )
            for p in check_listing(listing):
                name = {"external_id": "asin"}.get(p.field or "", p.field)
                text = cell(row, name) if name in COLUMNS else None
                problems.append(p.at(table.source(i, header_of(name), text)))
            result.problems += problems
            keys.append((i + 1, listing.msku.casefold()))
            if any(p.is_error for p in problems):
                continue
            fields = {"platform", "store", "msku", "external_id", "title", "price", "quantity",
                      "fulfilment"}
            if status is not None:
                fields.add("status")
            extra = {k: cell(row, k) for k in ("listing_id", "product_id", "product_id_type",
                                              "open_date") if cell(row, k)}
            given = frozenset(fields)
            given = shared.setdefault(given, given)  # one set per distinct set, not per row
            result.records.append(ListingRow(i + 1, listing, given, extra))
        for msku, rows in duplicates(keys).items():
            for row in rows[1:]:
                result.problems.append(Problem(
                    key="products.import.duplicate_msku", field="msku",
                    params={"msku": msku, "rows": ", ".join(map(str, rows))},
                    source=table.source(row - 1, header_of("msku"))))
        if progress:
            progress(1.0, f"{len(data)}/{len(data)}")
        return result
