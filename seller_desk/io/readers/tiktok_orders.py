"""TikTok Shop orders export, ``OrderSKUList`` CSV or xlsx (research/report-formats.md §4.2).

Row 2 is a *description row* (``Platform unique order ID.`` …) that is skipped; order ids are
18-digit text (an Excel ``.0`` is removed); cells may be just a tab; money looks like ``25.00``,
``1,022.25``, ``$25.00`` or ``BRL 35,91``; US dates are ``12/15/2025 9:30:33 AM`` in Pacific
time (other shops: DD/MM/YYYY, decided once per file by option).
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
from seller_desk.io.tabular import has_table

ALIASES = {
    "order": ("order id",),
    "status": ("order status",),
    "sku": ("seller sku",),
    "sku_id": ("sku id",),
    "title": ("product name",),
    "variation": ("variation",),
    "quantity": ("quantity",),
    "subtotal": ("sku subtotal after discount",),
    "unit_price": ("sku unit original price",),
    "order_amount": ("order amount",),
    "refund": ("order refund amount",),
    "created": ("created time",),
    "fulfillment": ("fulfillment type",),
    "tracking": ("tracking id",),
    "recipient": ("recipient",),
    "country": ("country",),
}
_IS_HEADER = header_test(ALIASES, "order", "sku", "title", "quantity", "created")
#: TikTok Shop country → (currency, time zone, date field order)
SHOPS = {
    "US": ("USD", "America/Los_Angeles", "mdy"), "GB": ("GBP", "Europe/London", "dmy"),
    "TH": ("THB", "Asia/Bangkok", "dmy"), "VN": ("VND", "Asia/Ho_Chi_Minh", "dmy"),
    "MY": ("MYR", "Asia/Kuala_Lumpur", "dmy"), "PH": ("PHP", "Asia/Manila", "dmy"),
    "SG": ("SGD", "Asia/Singapore", "dmy"), "ID": ("IDR", "Asia/Jakarta", "dmy"),
    "BR": ("BRL", "America/Sao_Paulo", "dmy"), "MX": ("MXN", "America/Mexico_City", "dmy"),
    "DE": ("EUR", "Europe/Berlin", "dmy"), "FR": ("EUR", "Europe/Paris", "dmy"),
    "ES": ("EUR", "Europe/Madrid", "dmy"), "IT": ("EUR", "Europe/Rome", "dmy"),
    "JP": ("JPY", "Asia/Tokyo", "ymd"),
}
_ID = re.compile(r"\d+(?:\.0)?")


@register
class TikTokOrders(Reader):
    name = "tiktok-orders"
    label = "TikTok Shop orders export"
    area = "orders"
    suffixes = (".csv", ".xlsx")

    def detect(self, path: Path) -> str | None:
        return None if has_table(path, _IS_HEADER) else "no TikTok Shop order header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        opened = open_report(result, path, _IS_HEADER, column="Order ID")
        if opened is None:
            return result
        table, h = opened
        hd = Header(table.rows[h], ALIASES)
        rows = []
        for i in range(h + 1, len(table.rows)):
            row = table.rows[i]
            if not any(c.strip() for c in row):
                continue
            if not _ID.fullmatch(hd.get(row, "order")) and i == h + 1:
                continue  # the description row under the header
            rows.append((i, row))
        shop = options.get("shop")
        if not shop:
            countries = {country_code(hd.get(r, "country")) for _, r in rows} - {""}
            shop = next(iter(countries)) if len(countries) == 1 else "US"
        currency, zone, order_ = SHOPS.get(shop, ("USD", "UTC", "mdy"))
        currency = options.get("currency", currency)
        zone = options.get("time_zone", zone)
        locale = options.get("locale") or file_locale(
            [hd.get(r, "subtotal") for _, r in rows] + [hd.get(r, "order_amount") for _, r in rows])
        result.meta.update(shop=shop, currency=currency, time_zone=zone, locale=locale)
        problems = result.problems
        orders: dict[str, Order] = {}
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

            order_id = hd.get(row, "order")
            if not _ID.fullmatch(order_id):
                row_problems.append(bad_cell("orders.order_id_missing", table, i,
                                             hd.text("order"), order_id))
            order_id = order_id.removesuffix(".0")
            date_text = hd.get(row, "created")
            stamp = None
            try:
                stamp = parse_stamp(date_text, default_tz=zone,
                                    slash_order="dmy" if order_ == "dmy" else "mdy")
            except DateError:
                row_problems.append(bad_cell("io.bad_date", table, i, hd.text("created"), date_text))
            qty_text = hd.get(row, "quantity")
            if not re.fullmatch(r"\d+", qty_text):
                row_problems.append(bad_cell("orders.bad_quantity", table, i, hd.text("quantity"),
                                             qty_text))
            else:
                check_number(fields.SALE_QUANTITY, int(qty_text),
                             table.source(i, hd.text("quantity"), qty_text), row_problems)
            subtotal, unit_price = money("subtotal"), money("unit_price")
            order_amount, refund = money("order_amount"), money("refund")
            if row_problems:
                problems.extend(row_problems)
                continue
            quantity = int(qty_text)
            amount = subtotal if subtotal is not None else (
                unit_price or Money.zero(currency)) * quantity
            order = orders.get(order_id)
            if order is None:
                order = orders[order_id] = Order(
                    marketplace=f"tiktok.{shop.lower()}", order_id=order_id,
                    currency=amount.currency, when=stamp, status=hd.get(row, "status"),
                    fulfillment=hd.get(row, "fulfillment"),
                    buyer_country=country_code(hd.get(row, "country")) or shop,
                    consignee_name=hd.get(row, "recipient"), tracking_no=hd.get(row, "tracking"),
                    source=TikTokOrders.name)
                # order-level money repeats on every SKU row: taken once
                order.events.append(OrderEvent(
                    kind=EventKind.ORDER, marketplace=order.marketplace, order_id=order_id,
                    when=stamp, description="", total=order_amount or Money.zero(amount.currency),
                    status=order.status, type_text=order.status, row=i + 1))
                if refund is not None and not refund.is_zero:
                    order.events.append(OrderEvent(
                        kind=EventKind.REFUND, marketplace=order.marketplace, order_id=order_id,
                        when=stamp, description="Order Refund Amount", total=-abs(refund),
                        row=i + 1))
            title = hd.get(row, "title")
            variation = hd.get(row, "variation")
            order.lines.append(OrderLine(
                sku=hd.get(row, "sku") or hd.get(row, "sku_id"),
                title=f"{title} ({variation})" if variation else title, quantity=quantity,
                amount=amount, item_id=hd.get(row, "sku_id"), row=i + 1))
        result.records.extend(orders.values())
        return result
