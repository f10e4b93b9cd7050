"""eBay Seller Hub orders report, CSV (research/report-formats.md §4.3).

The first line is blank or only commas; a padding row may follow the header; a multi-item order
is a *summary row* (totals, no item) followed by *item rows* (no totals); the file ends with
``N,record(s) downloaded,`` and ``Seller ID : …`` lines. Money carries its currency
(``$43.00``, ``AU $3,000.00``, ``EUR 90,00``); dates look like ``Sep-04-26`` (US) or
``26-May-26`` and are in the site's local time (default Pacific for eBay US).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError
from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine
from seller_desk.core.problems import Problem
from seller_desk.io.cells import check_number
from seller_desk.io.readers import Progress, Reader, ReadResult, open_report, register
from seller_desk.io.readers._orders_common import Header, bad_cell, country_code, header_test
from seller_desk.io.report_dates import DateError, parse_stamp
from seller_desk.io.report_money import file_locale, money_in_cell
from seller_desk.io.tabular import read_table

ALIASES = {
    "record": ("sales record number",),
    "order": ("order number",),
    "item_number": ("item number",),
    "title": ("item title",),
    "sku": ("custom label",),
    "quantity": ("quantity",),
    "sold_for": ("sold for",),
    "shipping": ("shipping and handling", "postage and packaging"),
    "total": ("total price",),
    "sale_date": ("sale date",),
    "country": ("ship to country", "post to country"),
    "buyer_country": ("buyer country",),
    "name": ("ship to name", "post to name"),
    "tracking": ("tracking number",),
}
_IS_HEADER = header_test(ALIASES, "order", "title", "quantity", "sold_for", "sale_date")


@register
class EbayOrders(Reader):
    name = "ebay-orders"
    label = "eBay orders report"
    area = "orders"
    suffixes = (".csv",)

    def detect(self, path: Path) -> str | None:
        return None if read_table(path, _IS_HEADER) is not None else "no eBay orders header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        opened = open_report(result, path, _IS_HEADER, column="Order Number")
        if opened is None:
            return result
        table, h = opened
        hd = Header(table.rows[h], ALIASES)
        currency = options.get("currency", "USD")
        zone = options.get("time_zone", "America/Los_Angeles")
        rows = []
        for i in range(h + 1, len(table.rows)):
            row = table.rows[i]
            if not any(c.strip() for c in row):
                continue
            first = row[0].strip() if row else ""
            if first.lower().startswith("seller id") or (
                re.fullmatch(r"\d+", first) and len(row) > 1 and "record" in row[1].lower()
            ):
                continue  # footer lines
            rows.append((i, row))
        locale = options.get("locale") or file_locale(
            [hd.get(r, c) for _, r in rows for c in ("sold_for", "total", "shipping") if hd.get(r, c)])
        result.meta.update(locale=locale, currency=currency, time_zone=zone)
        problems = result.problems
        orders: dict[str, Order] = {}
        current: Order | None = None
        for i, row in rows:
            row_problems: list[Problem] = []

            def money(canon: str, row: list[str] = row, i: int = i,
                      bucket: list[Problem] = row_problems) -> Money | None:
                text = hd.get(row, canon)
                if not text:
                    return None
                try:
                    value = money_in_cell(text, currency, locale=locale)
                except MoneyError as exc:
                    bucket.append(exc.problem.at(table.source(i, hd.text(canon), text)))
                    return None
                ok = check_number(fields.MONEY, value, table.source(i, hd.text(canon), text),
                                  bucket)
                return value if ok else None

            key = hd.get(row, "order") or hd.get(row, "record")
            total = money("total")
            shipping = money("shipping")
            sold_for = money("sold_for")
            item = hd.get(row, "item_number") or hd.get(row, "title")
            date_text = hd.get(row, "sale_date")
            stamp = None
            if date_text:
                try:
                    stamp = parse_stamp(date_text, default_tz=zone)
                except DateError:
                    row_problems.append(bad_cell("io.bad_date", table, i, hd.text("sale_date"),
                                                date_text))
            qty_text = hd.get(row, "quantity")
            if item and not re.fullmatch(r"\d+", qty_text):
                row_problems.append(bad_cell("orders.bad_quantity", table, i,
                                             hd.text("quantity"), qty_text))
            elif item:
                check_number(fields.SALE_QUANTITY, int(qty_text),
                             table.source(i, hd.text("quantity"), qty_text), row_problems)
            if row_problems:
                problems.extend(row_problems)
                continue
            if key and key in orders:
                order = orders[key]
            elif key:
                cur = (total or sold_for or Money.zero(currency)).currency
                order = orders[key] = Order(
                    marketplace="ebay", order_id=hd.get(row, "order") or key, currency=cur,
                    when=stamp,
                    buyer_country=country_code(hd.get(row, "country") or hd.get(row, "buyer_country")),
                    consignee_name=hd.get(row, "name"), tracking_no=hd.get(row, "tracking"),
                    source=EbayOrders.name)
            elif current is not None:
                order = current
            else:
                problems.append(Problem(key="orders.order_id_missing",
                                        source=table.source(i, hd.text("order"))))
                continue
            current = order
            if total is not None:  # the order's totals (summary row or single-item row)
                parts = {"shipping_credits": shipping} if shipping is not None else {}
                order.events.insert(0, OrderEvent(
                    kind=EventKind.ORDER, marketplace="ebay", order_id=order.order_id,
                    when=stamp or order.when, description="", total=total,
                    parts={k: v for k, v in parts.items() if v is not None}, row=i + 1))
            if item:
                quantity = int(qty_text)
                unit = sold_for or Money.zero(order.currency)
                order.lines.append(OrderLine(
                    sku=hd.get(row, "sku"), title=hd.get(row, "title"), quantity=quantity,
                    amount=unit * quantity, item_id=hd.get(row, "item_number"), row=i + 1))
        result.records.extend(orders.values())
        return result
