"""Shopee seller centre order export, ``Order.all.<from>_<to>.xlsx`` (report-formats.md §4.1).

One row per item; order-level money (``Grand Total``, ``Service Fee``) repeats on every item
row of the order and is taken once. Money headers carry the currency (``Total Discount(PHP)``).
Dates are the shop's local time without a zone: the zone is the marketplace country's.
Prices may be text with thousands separators (``4,599``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError, is_currency
from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine, Stamp
from seller_desk.core.problems import Problem
from seller_desk.io.cells import check_number
from seller_desk.io.readers import Progress, Reader, ReadResult, open_report, register
from seller_desk.io.report_dates import DateError, parse_stamp
from seller_desk.io.tabular import Columns, has_columns, has_table

_IS_HEADER = has_columns("Order ID", "Order Status", "Product Name", "Quantity", "Order Creation Date")

#: Shopee marketplace currency → (country, shop time zone)
SHOP_ZONES = {
    "PHP": ("PH", "Asia/Manila"), "SGD": ("SG", "Asia/Singapore"),
    "MYR": ("MY", "Asia/Kuala_Lumpur"), "THB": ("TH", "Asia/Bangkok"),
    "VND": ("VN", "Asia/Ho_Chi_Minh"), "IDR": ("ID", "Asia/Jakarta"),
    "TWD": ("TW", "Asia/Taipei"), "BRL": ("BR", "America/Sao_Paulo"),
    "MXN": ("MX", "America/Mexico_City"), "COP": ("CO", "America/Bogota"),
    "CLP": ("CL", "America/Santiago"),
}


def _first(cols: Columns, *names: str) -> str | None:
    return cols.first(*names)


@register
class ShopeeOrders(Reader):
    name = "shopee-orders"
    label = "Shopee order export"
    area = "orders"
    suffixes = (".xlsx",)

    def detect(self, path: Path) -> str | None:
        return None if has_table(path, _IS_HEADER) else "no Order ID/Order Status/Product Name header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        opened = open_report(result, path, _IS_HEADER, column="Order ID")
        if opened is None:
            return result
        table, h = opened
        cols = Columns.from_header(table.rows[h])
        currency = options.get("currency")
        if not currency:
            for name in cols.names:
                m = re.search(r"\(([A-Z]{3})\)\s*$", name)
                if m and is_currency(m.group(1)):
                    currency = m.group(1)
                    break
        if not currency:
            result.problems.append(
                Problem(key="orders.currency_unknown", params={"file": table.path.name}))
            return result
        country, zone = SHOP_ZONES.get(currency, ("", "UTC"))
        zone = options.get("time_zone", zone)
        result.meta.update(currency=currency, time_zone=zone, sheet=table.sheet)
        problems = result.problems
        orders: dict[str, Order] = {}
        fee_seen: dict[str, Money] = {}
        amounts: dict[str, Money] = {}  # amount text → its value (checked)
        stamps: dict[str, Stamp] = {}  # date text → its stamp (an order's items share one)
        fee_col = _first(cols, "Service Fee")
        subtotal_col = _first(cols, "Product Subtotal")
        price_col = _first(cols, "Deal Price", "Original Price")
        for i in range(h + 1, len(table.rows)):
            row = table.rows[i]
            if not any(c.strip() for c in row):
                continue
            row_problems: list[Problem] = []

            def money(name: str | None, row: list[str] = row, i: int = i,
                      bucket: list[Problem] = row_problems) -> Money | None:
                if name is None:
                    return None
                text = cols.get(row, name)
                if not text:
                    return None
                known = amounts.get(text)  # an amount that parsed and fits (they repeat)
                if known is not None:
                    return known
                try:
                    value = Money.of(text, currency)
                except MoneyError as exc:
                    bucket.append(exc.problem.at(table.source(i, name, text)))
                    return None
                ok = check_number(fields.MONEY, value, table.source(i, name, text), bucket)
                if ok:
                    if len(amounts) >= 20_000:
                        amounts.clear()
                    amounts[text] = value
                return value if ok else None

            order_id = cols.get(row, "Order ID")
            date_text = cols.get(row, "Order Creation Date")
            stamp: Stamp | None = stamps.get(date_text)
            if stamp is None:
                try:
                    stamp = parse_stamp(date_text, default_tz=zone)
                    if len(stamps) >= 20_000:
                        stamps.clear()
                    stamps[date_text] = stamp
                except DateError:
                    row_problems.append(Problem(
                        key="io.bad_date", params={"value": date_text},
                        source=table.source(i, "Order Creation Date", date_text)))
            qty_text = cols.get(row, "Quantity")
            if not re.fullmatch(r"\d+", qty_text):
                row_problems.append(Problem(key="orders.bad_quantity", params={"value": qty_text},
                                            source=table.source(i, "Quantity", qty_text)))
            else:
                check_number(fields.SALE_QUANTITY, int(qty_text),
                             table.source(i, "Quantity", qty_text), row_problems)
            subtotal = money(subtotal_col)
            price = money(price_col)
            fee = money(fee_col)
            if not order_id:
                row_problems.append(Problem(key="orders.order_id_missing",
                                            source=table.source(i, "Order ID")))
            if row_problems:
                problems.extend(row_problems)
                continue
            quantity = int(qty_text)
            if subtotal is None:
                subtotal = (price or Money.zero(currency)) * quantity
            order = orders.get(order_id)
            if order is None:
                order = orders[order_id] = Order(
                    marketplace=f"shopee.{country.lower()}" if country else "shopee",
                    order_id=order_id, currency=currency, when=stamp,
                    status=cols.get(row, "Order Status"),
                    fulfillment=cols.get(row, "Shipping Option"),
                    buyer_country=cols.get(row, "Country") or country,
                    consignee_name=cols.get(row, "Receiver Name"),
                    tracking_no=cols.get(row, "Tracking Number*"),
                    source=ShopeeOrders.name,
                )
                order.events.append(OrderEvent(
                    kind=EventKind.ORDER, marketplace=order.marketplace, order_id=order_id,
                    when=stamp, description="", total=Money.zero(currency), row=i + 1,
                    status=order.status, type_text=order.status))
                refund_status = cols.get(row, "Return / Refund Status")
                if refund_status:
                    order.events.append(OrderEvent(
                        kind=EventKind.REFUND, marketplace=order.marketplace, order_id=order_id,
                        when=stamp, description=refund_status, total=Money.zero(currency),
                        status=refund_status, type_text=refund_status, row=i + 1))
            order.lines.append(OrderLine(
                sku=cols.get(row, "SKU Reference No.") or cols.get(row, "Parent SKU Reference No."),
                title=cols.get(row, "Product Name"), quantity=quantity, amount=subtotal, row=i + 1))
            order.events[0].total = order.events[0].total + subtotal
            if fee is not None and order_id not in fee_seen:
                fee_seen[order_id] = fee
                order.events.append(OrderEvent(
                    kind=EventKind.FEE, marketplace=order.marketplace, order_id=order_id,
                    when=stamp, description="Service Fee", total=-fee, row=i + 1,
                    type_text="Service Fee"))
        result.records.extend(orders.values())
        return result
