"""Shopee seller centre order export, ``Order.all.<from>_<to>.xlsx`` (report-formats.md §4.1).

One row per item; order-level money (``Grand Total``, ``Service Fee``) repeats on every item
row of the order and is taken once. Money headers carry the currency (``Total Discount(PHP)``).
Dates are the shop's local time without a zone: the zone is the marketplace country's.
Prices may be text with thousands separators (``4,599``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError, is_currency
from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine, Stamp
from seller_desk.core.problems import Problem, Source
from seller_desk.io.cells import RecordGuard, check_number
from seller_desk.io.readers import Progress, Reader, ReadResult, open_report, register
from seller_desk.io.readers._staging import StagedRecords, _money, _stamp, _unstamp
from seller_desk.io.report_dates import DateError, parse_stamp
from seller_desk.io.tabular import Columns, has_columns, has_table, stream_xlsx

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
        # a big export is read as a stream, its rows staged in a scratch file as plain tuples
        # (orders made of them as they are written): memory stays flat; a small one is read
        # whole (``options["stream"]`` forces either)
        streamed = stream_xlsx(Path(path), _IS_HEADER, force=options.get("stream"))
        if streamed is not None:
            streamed.progress = progress
            self._read_rows(streamed.head[streamed.header_index], streamed.header_index,
                            streamed.body, streamed.source, streamed.sheet, Path(path).name,
                            result, options, staged=True)
            streamed.finish()
            return result
        opened = open_report(result, path, _IS_HEADER, column="Order ID")
        if opened is None:
            return result
        table, h = opened
        rows = table.rows
        self._read_rows(rows[h], h, lambda: ((i, rows[i]) for i in range(h + 1, len(rows))),
                        table.source, table.sheet, table.path.name, result, options,
                        staged=False)
        return result

    def _read_rows(self, header: list[str], h: int,
                   body: Callable[[], Iterable[tuple[int, list[str]]]],
                   source: Callable[..., Source], sheet: str | None, file_name: str,
                   result: ReadResult, options: dict[str, Any], *, staged: bool) -> None:
        cols = Columns.from_header(header)
        currency = options.get("currency")
        if not currency:
            for name in cols.names:
                m = re.search(r"\(([A-Z]{3})\)\s*$", name)
                if m and is_currency(m.group(1)):
                    currency = m.group(1)
                    break
        if not currency:
            result.problems.append(
                Problem(key="orders.currency_unknown", params={"file": file_name}))
            return
        country, zone = SHOP_ZONES.get(currency, ("", "UTC"))
        zone = options.get("time_zone", zone)
        result.meta.update(currency=currency, time_zone=zone, sheet=sheet)
        problems = result.problems
        marketplace = f"shopee.{country.lower()}" if country else "shopee"
        make = _Rows(marketplace, currency, country)
        guard = RecordGuard(problems) if staged else None
        sink: StagedRecords | None = StagedRecords(guard, rows=make) if staged else None
        bad_rows = guard.bad_rows if guard is not None else set()
        #: order id → its rows (a small file's; a big one's are staged)
        grouped: dict[str, list[tuple[Any, ...]]] = {}
        #: the sum of every amount an order adds up: below the money limit, no order's total
        #: can break it (else each order is checked whole, as the guard of a list does)
        spent = Decimal(0)
        amounts: dict[str, Money] = {}  # amount text → its value (checked)
        stamps: dict[str, Stamp] = {}  # date text → its stamp (an order's items share one)
        fee_col = _first(cols, "Service Fee")
        subtotal_col = _first(cols, "Product Subtotal")
        price_col = _first(cols, "Deal Price", "Original Price")
        for i, row in body():
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
                    bucket.append(exc.problem.at(source(i, name, text)))
                    return None
                ok = check_number(fields.MONEY, value, source(i, name, text), bucket)
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
                        source=source(i, "Order Creation Date", date_text)))
            qty_text = cols.get(row, "Quantity")
            if not re.fullmatch(r"\d+", qty_text):
                row_problems.append(Problem(key="orders.bad_quantity", params={"value": qty_text},
                                            source=source(i, "Quantity", qty_text)))
            else:
                check_number(fields.SALE_QUANTITY, int(qty_text),
                             source(i, "Quantity", qty_text), row_problems)
            subtotal = money(subtotal_col)
            price = money(price_col)
            fee = money(fee_col)
            if not order_id:
                row_problems.append(Problem(key="orders.order_id_missing",
                                            source=source(i, "Order ID")))
            if row_problems:
                problems.extend(row_problems)
                continue
            quantity = int(qty_text)
            if subtotal is None:
                subtotal = (price or Money.zero(currency)) * quantity
            spent += abs(subtotal.amount)
            staged_row = (i + 1, order_id, *_stamp(stamp), cols.get(row, "Order Status"),
                          cols.get(row, "Shipping Option"), cols.get(row, "Country"),
                          cols.get(row, "Receiver Name"), cols.get(row, "Tracking Number*"),
                          cols.get(row, "Return / Refund Status"),
                          cols.get(row, "SKU Reference No.")
                          or cols.get(row, "Parent SKU Reference No."),
                          cols.get(row, "Product Name"), quantity, str(subtotal.amount),
                          None if fee is None else str(fee.amount))
            if sink is not None:
                sink.add_order_row(marketplace, order_id, staged_row,
                                   not (bad_rows and i + 1 in bad_rows))
            else:
                grouped.setdefault(order_id, []).append(staged_row)
        if sink is None:
            result.records.extend(make.order(marketplace, k, v) for k, v in grouped.items())
            return
        sink.finish()
        if guard is not None and fields.MONEY.check(spent) is not None:
            # an order's total may break the limit: each checked whole, as a list's guard does
            dropped = {(marketplace, o.order_id) for o in sink.orders() if not guard.keep(o)}
            if dropped:
                sink.drop_orders(dropped)
        result.records = sink  # type: ignore[assignment]  # iterates like the list


class _Rows:
    """The orders of the rows :meth:`ShopeeOrders._read_rows` keeps (staged or in memory):
    each row a tuple ``(row, order id, stamp utc, stamp text, status, shipping option,
    country, receiver, tracking no, refund status, sku, title, quantity, subtotal, fee)``."""

    def __init__(self, marketplace: str, currency: str, country: str) -> None:
        self.marketplace, self.currency, self.country = marketplace, currency, country

    def order(self, market: str, order_no: str, rows: list[Any]) -> Order:
        currency, marketplace = self.currency, self.marketplace
        first = rows[0]
        stamp = _unstamp(first[2], first[3])
        order = Order(
            marketplace=marketplace, order_id=order_no, currency=currency, when=stamp,
            status=first[4], fulfillment=first[5], buyer_country=first[6] or self.country,
            consignee_name=first[7], tracking_no=first[8], source=ShopeeOrders.name)
        order.events.append(OrderEvent(
            kind=EventKind.ORDER, marketplace=marketplace, order_id=order_no,
            when=stamp, description="", total=Money.zero(currency), row=first[0],
            status=order.status, type_text=order.status))
        refund_status = first[9]
        if refund_status:
            order.events.append(OrderEvent(
                kind=EventKind.REFUND, marketplace=marketplace, order_id=order_no,
                when=stamp, description=refund_status, total=Money.zero(currency),
                status=refund_status, type_text=refund_status, row=first[0]))
        fee_seen = False
        for t in rows:
            subtotal = _money(t[13], currency)
            order.lines.append(OrderLine(sku=t[10], title=t[11], quantity=t[12],
                                         amount=subtotal, row=t[0]))
            order.events[0].total = order.events[0].total + subtotal
            if t[14] is not None and not fee_seen:
                fee_seen = True
                order.events.append(OrderEvent(
                    kind=EventKind.FEE, marketplace=marketplace, order_id=order_no,
                    when=_unstamp(t[2], t[3]), description="Service Fee",
                    total=-_money(t[14], currency), row=t[0], type_text="Service Fee"))
        return order

    def event(self, row: Any) -> OrderEvent:  # pragma: no cover (every row is an order's)
        raise AssertionError("a Shopee order export stages no row outside an order")
