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
from array import array
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from seller_desk.core import fields as rules
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem, Source
from seller_desk.core.products import SHOPEE_SITES, ListingData, check_listing
from seller_desk.io.cells import RecordGuard, check_number, current_reading
from seller_desk.io.products_table import ListingRow, PackedRows
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.spool import SpooledRecords
from seller_desk.io.tabular import (
    Columns,
    Table,
    TableError,
    has_columns,
    read_xlsx,
    stream_xlsx,
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
        # a big export is read as a stream, its records kept in a scratch file and only the
        # rows a rejected-rows file needs kept: memory stays flat; a small one is read whole
        # (``options["stream"]`` forces either)
        streamed = stream_xlsx(Path(path), SALES_INFO, force=options.get("stream"))
        if streamed is not None:
            streamed.progress = progress

            def again() -> Iterable[tuple[int, list[str]]]:
                """The rows once more, without moving the progress back."""
                streamed.progress = None
                return streamed.body()

            self._read_rows(streamed.head[streamed.header_index], streamed.header_index,
                            streamed.body, streamed.source, result, options, spool=True,
                            again=again)
            streamed.finish()
            return result
        found = _table(path, SALES_INFO, result)
        if found is None:
            return result
        table, hi = found
        rows = table.rows
        self._read_rows(rows[hi], hi, lambda: enumerate(rows[hi + 1:], start=hi + 1),
                        table.source, result, options, spool=False)
        return result

    def _read_rows(self, header: list[str], hi: int,
                   body: Callable[[], Iterable[tuple[int, list[str]]]],
                   source: Callable[..., Source], result: ReadResult, options: dict[str, Any],
                   *, spool: bool,
                   again: Callable[[], Iterable[tuple[int, list[str]]]] | None = None) -> None:
        """``spool``: the records go to a scratch file. ``again`` (a big file read as a
        stream; it reads the rows once more): the MSKUs are kept as their hashes only (a dict of
        1M keys took ~140 MB beside openpyxl's ~115 MB of shared strings): rows whose hashes
        repeat are then read again and their keys compared (a repeated MSKU is an error, so
        that second reading is for a file that will be refused or imported without them)."""
        cols = Columns.from_header(header)
        site, currency = _site_currency(options)
        store = options.get("store") or (f"Shopee {site}" if site else "Shopee")
        #: the rows kept (a small file's data rows, a big one's that a rejected-rows file needs)
        kept: dict[int, list[str]] = {}
        result.meta.update(store=store, currency=currency, header=list(header))
        # one set for every record (the same fields each row)
        fields = frozenset({"platform", "store", "msku", "external_id", "title", "quantity"}
                           | ({"price"} if currency else set()))
        guard = RecordGuard(result.problems) if spool else None
        records: SpooledRecords[ListingRow] | list[ListingRow] = (
            SpooledRecords(_builder(store, currency, fields), guard) if spool else [])
        state = current_reading()
        bad_cells = state.bad_rows if state is not None else set()
        msku_of = _Mskus(cols)
        #: msku → its first row, and the rows of those on several (named in their problem)
        first_row: dict[str, int] = {}
        dups: dict[str, list[int]] = {}
        #: ``again``: each row's key's hash instead (8 bytes a row), its duplicates found after
        hashes = array("q")
        # (the warning of prices without a currency goes before the rows' problems)
        warn_at = len(result.problems)
        warned = currency is not None
        count = 0
        for i, row in body():
            product_id = cols.get(row, "et_title_product_id")
            if not _DIGITS.fullmatch(product_id):
                continue
            count += 1
            if not spool:
                kept[i + 1] = row
            if not warned and cols.get(row, "et_title_variation_price"):
                warned = True
                result.problems.insert(warn_at, Problem(key="products.import.no_currency",
                                                        severity="warning"))
            parent, msku = msku_of(row, product_id)
            variation_id = cols.get(row, "et_title_variation_id")
            problems: list[Problem] = []
            price_text = cols.get(row, "et_title_variation_price")
            price = None
            if price_text and currency:
                try:
                    price = Money.of(price_text, currency)
                except MoneyError as exc:
                    problems.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                            field="price", source=source(
                                                i, "et_title_variation_price", price_text)))
                if price is not None and not check_number(
                        rules.PRICE, price,
                        source(i, "et_title_variation_price", price_text), problems):
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
                                            source=source(i, "et_title_variation_stock", stock_text)))
                if quantity is not None and not check_number(
                        rules.COUNT, quantity,
                        source(i, "et_title_variation_stock", stock_text), problems):
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
                problems.append(p.at(source(i, column, msku if p.field == "msku" else None)))
            result.problems += problems
            key = msku.casefold()
            if key and again is not None:
                hashes.append(hash(key))
            elif key:
                first = first_row.setdefault(key, i + 1)
                if first != i + 1:
                    dups.setdefault(key, [first]).append(i + 1)
                    kept[i + 1] = row
            if any(p.is_error for p in problems):
                kept[i + 1] = row
                continue
            if isinstance(records, list):
                records.append(ListingRow(i + 1, listing, fields, {"parent_sku": parent}))
            elif bad_cells and (i + 1) in bad_cells:
                # a row a cleaned cell refused (too long) is left out, as the guard of every
                # reader's records leaves it; the checks the guard makes of a record (money and
                # quantity in range) are the ones made of its cells above, not made again
                kept[i + 1] = row
            else:
                records.add((i + 1, msku, listing.external_id, listing.title,
                             None if price is None else str(price.amount), quantity, parent))
        del first_row, msku_of
        if again is not None:
            repeated = _repeated(hashes)
            del hashes
            if repeated:
                dups = _duplicates(again(), cols, repeated, kept)
        result.meta["rows"] = PackedRows(sorted(kept.items()) if spool else kept.items())
        del kept
        if isinstance(records, SpooledRecords):
            records.finish()
        if not count:
            result.problems.append(Problem(key="products.import.no_rows", source=source(hi)))
            return
        result.records = records  # type: ignore[assignment]
        for msku, rows in sorted(dups.items(), key=lambda kv: kv[1][0]):
            for row_no in rows[1:]:
                result.problems.append(Problem(
                    key="products.import.duplicate_msku", field="msku",
                    params={"msku": msku, "rows": ", ".join(map(str, rows))},
                    source=source(row_no - 1, "et_title_variation_sku")))


class _Mskus:
    """A data row's (parent SKU, listing SKU): the parent SKU stands only on a product's first
    variation row, and the listing SKU is the variation SKU, else the parent SKU."""

    def __init__(self, cols: Columns) -> None:
        self.cols = cols
        self.parent_of: dict[str, str] = {}

    def __call__(self, row: list[str], product_id: str) -> tuple[str, str]:
        parent = self.cols.get(row, "et_title_parent_sku") or self.parent_of.get(product_id, "")
        if parent:
            self.parent_of[product_id] = parent
        return parent, self.cols.get(row, "et_title_variation_sku") or parent


def _repeated(hashes: array[int]) -> set[int]:
    """The hashes ``hashes`` holds more than once."""
    out: set[int] = set()
    last = None
    for h in sorted(hashes):
        if h == last:
            out.add(h)
        last = h
    return out


def _duplicates(rows: Iterable[tuple[int, list[str]]], cols: Columns, repeated: set[int],
                kept: dict[int, list[str]]) -> dict[str, list[int]]:
    """The MSKUs (lowered as the reading lowers them) on several data rows among those whose
    key's hash is ``repeated``, each with its rows; the later rows go to ``kept``."""
    msku_of = _Mskus(cols)
    first_row: dict[str, int] = {}
    dups: dict[str, list[int]] = {}
    for i, row in rows:
        product_id = cols.get(row, "et_title_product_id")
        if not _DIGITS.fullmatch(product_id):
            continue
        key = msku_of(row, product_id)[1].casefold()
        if not key or hash(key) not in repeated:
            continue
        first = first_row.setdefault(key, i + 1)
        if first != i + 1:
            dups.setdefault(key, [first]).append(i + 1)
            kept[i + 1] = row
    return dups


def _builder(store: str, currency: str | None,
             fields: frozenset[str]) -> Callable[[tuple[Any, ...]], ListingRow]:
    """The record of the plain values a streamed read keeps for each row (see
    :class:`seller_desk.io.spool.SpooledRecords`)."""
    prices: dict[str, Money] = {}
    code = (currency or "").strip().upper()  # as Money.of writes it

    def build(values: tuple[Any, ...]) -> ListingRow:
        row, msku, external_id, title, amount, quantity, parent = values
        price = None
        if amount is not None:
            price = prices.get(amount)
            if price is None:
                if len(prices) >= 20_000:
                    prices.clear()
                price = prices[amount] = Money(Decimal(amount), code)
        return ListingRow(row, ListingData(
            platform="shopee", store=store, msku=msku, external_id=external_id, title=title,
            price=price, quantity=quantity), fields, {"parent_sku": parent})

    return build


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
