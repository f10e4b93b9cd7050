"""Shopee product files (xlsx).

Two layouts:

* **Mass Update → Sales info** (``mass_update_sales_info_<shop>_<date>.xlsx``), the product
  export of Shopee Seller Centre: a row of machine keys (``et_title_product_id``,
  ``et_title_parent_sku``, ``et_title_variation_sku``, ``et_title_variation_price``,
  ``et_title_variation_stock``…), then a row ``sales_info``, a row of labels in the shop's
  language, a "required" row and blank rows; data rows start with a numeric product id.
  ``et_title_parent_sku`` is filled only on a product's first variation row, and the
  variation SKU is often blank (then the parent SKU is the listing's SKU). The file carries no
  currency: the ``site`` option (PH, MY, SG…) or ``currency`` gives it.
* **My Orders → Export** (``Order.all.<from>_<to>.xlsx``, ../shared/research/report-formats.md
  §4.1) is an *order* export, imported by the orders area. This reader does not claim it when
  a file is dropped, but ``--reader shopee-order-listings`` takes the listings sold in it (one
  per ``SKU Reference No.``, the listing price from ``Original Price``, the currency from the
  ``(PHP)`` in the money headers).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from seller_desk.core import fields as rules
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.core.products import SHOPEE_SITES, ListingData, check_listing
from seller_desk.io.cells import check_number
from seller_desk.io.products_table import ListingRow, PackedRows, duplicates
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import (
    Columns,
    Table,
    TableError,
    has_columns,
    read_xlsx,
    xlsx_has_header,
)

_DIGITS = re.compile(r"\d+")
SALES_INFO = has_columns("et_title_product_id", "et_title_variation_sku", "et_title_variation_price")
ORDER_EXPORT = has_columns("Order ID", "SKU Reference No.", "Product Name")


def _site_currency(options: dict[str, Any]) -> tuple[str | None, str | None]:
    site = (options.get("site") or "").upper() or None
    currency = options.get("currency") or (SHOPEE_SITES.get(site) if site else None)
    return site, currency


def _table(path: Path, test: Any, result: ReadResult) -> tuple[Table, int] | None:
    try:
        tables = read_xlsx(path, test)
    except TableError as exc:
        result.problems.append(exc.problem)
        return None
    if not tables:
        result.problems.append(Problem(key="io.required_column_missing",
                                       params={"column": "et_title_product_id"}))
        return None
    table = tables[0]
    hi = table.header_index(test)
    assert hi is not None
    return table, hi


@register
class ShopeeSalesInfo(Reader):
    name = "shopee-products"
    label = "Shopee product export (Mass Update: Sales info)"
    area = "products"
    suffixes = (".xlsx",)

    def detect(self, path: Path) -> str | None:
        if xlsx_has_header(path, SALES_INFO):
            return None
        if xlsx_has_header(path, ORDER_EXPORT):
            return "a Shopee order export, not a product export"
        return "no Shopee Sales info header (et_title_product_id, et_title_variation_sku)"

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        found = _table(path, SALES_INFO, result)
        if found is None:
            return result
        table, hi = found
        cols = Columns.from_header(table.rows[hi])
        site, currency = _site_currency(options)
        store = options.get("store") or (f"Shopee {site}" if site else "Shopee")
        numbers = [i for i, r in enumerate(table.rows[hi + 1:], start=hi + 1)
                   if _DIGITS.fullmatch(cols.get(r, "et_title_product_id"))]
        packed = PackedRows((i + 1, table.rows[i]) for i in numbers)
        result.meta.update(store=store, currency=currency, header=list(table.rows[hi]),
                           rows=packed)
        del table.rows[hi + 1:]  # the data rows live on packed (a string each), not twice
        data = ((i, packed[i + 1]) for i in numbers)
        if not numbers:
            result.problems.append(Problem(key="products.import.no_rows", source=table.source(hi)))
            return result
        if currency is None and any(cols.get(packed[i + 1], "et_title_variation_price")
                                    for i in numbers):
            result.problems.append(Problem(key="products.import.no_currency", severity="warning"))
        parent_of: dict[str, str] = {}
        keys: list[tuple[int, str]] = []
        # one set for every record (the same fields each row)
        fields = frozenset({"platform", "store", "msku", "external_id", "title", "quantity"}
                           | ({"price"} if currency else set()))
        for i, row in data:
            product_id = cols.get(row, "et_title_product_id")
            parent = cols.get(row, "et_title_parent_sku") or parent_of.get(product_id, "")
            if parent:
                parent_of[product_id] = parent
            variation_id = cols.get(row, "et_title_variation_id")
            msku = cols.get(row, "et_title_variation_sku") or parent
            problems: list[Problem] = []
            price_text = cols.get(row, "et_title_variation_price")
            price = None
            if price_text and currency:
                try:
                    price = Money.of(price_text, currency)
                except MoneyError as exc:
                    problems.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                            field="price", source=table.source(
                                                i, "et_title_variation_price", price_text)))
                if price is not None and not check_number(
                        rules.PRICE, price,
                        table.source(i, "et_title_variation_price", price_text), problems):
                    price = None
            stock_text = cols.get(row, "et_title_variation_stock")
            quantity = None
            if stock_text:
                try:
                    q = parse_decimal(stock_text)
                    if q != q.to_integral_value():
                        raise MoneyError("products.not_a_quantity")
                    quantity = int(q)
                except MoneyError:
                    problems.append(Problem(key="products.not_a_quantity", field="quantity",
                                            params={"value": stock_text},
                                            source=table.source(i, "et_title_variation_stock", stock_text)))
                if quantity is not None and not check_number(
                        rules.COUNT, quantity,
                        table.source(i, "et_title_variation_stock", stock_text), problems):
                    quantity = None
            title = cols.get(row, "et_title_product_name")
            variation = cols.get(row, "et_title_variation_name")
            listing = ListingData(
                platform="shopee", store=store, msku=msku,
                external_id=f"{product_id}:{variation_id}" if variation_id and variation_id != "0" else product_id,
                title=f"{title} ({variation})" if variation else title,
                price=price, quantity=quantity,
            )
            for p in check_listing(listing):
                column = {"msku": "et_title_variation_sku"}.get(p.field or "", p.field)
                problems.append(p.at(table.source(i, column, msku if p.field == "msku" else None)))
            result.problems += problems
            keys.append((i + 1, msku.casefold()))
            if any(p.is_error for p in problems):
                continue
            result.records.append(ListingRow(i + 1, listing, fields, {"parent_sku": parent}))
        for msku, rows in duplicates(keys).items():
            for row in rows[1:]:
                result.problems.append(Problem(
                    key="products.import.duplicate_msku", field="msku",
                    params={"msku": msku, "rows": ", ".join(map(str, rows))},
                    source=table.source(row - 1, "et_title_variation_sku")))
        return result


@register
class ShopeeOrderListings(Reader):
    name = "shopee-order-listings"
    label = "Listings sold in a Shopee order export"
    area = "products"
    suffixes = (".xlsx",)

    def detect(self, path: Path) -> str | None:
        # Never claimed on a drop: the orders area owns order exports.
        if xlsx_has_header(path, ORDER_EXPORT):
            return "a Shopee order export: the orders area imports it (choose this reader to take its listings)"
        return "no Shopee order header (Order ID, SKU Reference No.)"

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        found = _table(path, ORDER_EXPORT, result)
        if found is None:
            return result
        table, hi = found
        header = table.rows[hi]
        cols = Columns.from_header(header)
        site, currency = _site_currency(options)
        if currency is None:
            m = next((re.search(r"\(([A-Z]{3})\)", h) for h in header if re.search(r"\(([A-Z]{3})\)", h)), None)
            currency = m.group(1) if m else None
        if site is None and currency:
            site = next((s for s, c in SHOPEE_SITES.items() if c == currency), None)
        store = options.get("store") or (f"Shopee {site}" if site else "Shopee")
        data = [(i, r) for i, r in enumerate(table.rows[hi + 1:], start=hi + 1)
                if cols.get(r, "Order ID")]
        result.meta.update(store=store, currency=currency, header=list(header),
                           rows=PackedRows((i + 1, r) for i, r in data))
        seen: set[str] = set()
        for i, row in data:
            msku = cols.get(row, "SKU Reference No.") or cols.get(row, "Parent SKU Reference No.")
            if msku.casefold() in seen:
                continue  # the same listing sold again
            seen.add(msku.casefold())
            problems: list[Problem] = []
            price_text = cols.get(row, "Original Price")
            price = None
            if price_text and currency:
                try:
                    price = Money.of(price_text, currency)
                except MoneyError as exc:
                    problems.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                            field="price", source=table.source(i, "Original Price", price_text)))
                if price is not None and not check_number(
                        rules.PRICE, price, table.source(i, "Original Price", price_text),
                        problems):
                    price = None
            title = cols.get(row, "Product Name")
            variation = cols.get(row, "Variation Name")
            listing = ListingData(platform="shopee", store=store, msku=msku,
                                  title=f"{title} ({variation})" if variation else title,
                                  price=price)
            for p in check_listing(listing):
                problems.append(p.at(table.source(i, "SKU Reference No." if p.field == "msku" else p.field)))
            result.problems += problems
            if any(p.is_error for p in problems):
                continue
            fields = {"platform", "store", "msku", "title"} | ({"price"} if currency else set())
            result.records.append(ListingRow(i + 1, listing, frozenset(fields), {
                "parent_sku": cols.get(row, "Parent SKU Reference No.")}))
        return result
